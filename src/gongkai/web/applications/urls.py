"""The disclosure office's pages, under ``/applications/`` (namespace ``applications``)."""

from django.urls import path

from . import applicant_views, desk, letter_views, routing_views, views

app_name = "applications"
urlpatterns = [
    path("", desk.case_list, name="list"),  # desk: search, filters, pages (views.case_list retired)
    path("clock/", views.clock, name="clock"),
    path("new/<slug:agency>/", views.intake, name="intake"),
    path("case/<str:tracking>/", views.case, name="case"),
    path("case/<str:tracking>/edit/", views.edit_details, name="edit"),
    path("case/<str:tracking>/act/<slug:action>/", views.act, name="act"),
    path("case/<str:tracking>/letter/new/", letter_views.letter_new, name="letter-new"),
    path("letter-settings/<slug:agency>/", letter_views.letter_settings, name="letter-settings"),
    path("letter/<int:pk>/", views.letter, name="letter"),
    path("letter/<int:pk>/send/", views.letter_send, name="letter-send"),
    path("letter/<int:pk>/receipt/", views.letter_receipt, name="letter-receipt"),
    path("letter/<int:pk>/download/", views.letter_download, name="letter-download"),
    path("attachment/<int:pk>/", views.attachment_download, name="attachment"),
    path("case/<str:tracking>/message/", applicant_views.office_message, name="message"),
    path("case/<str:tracking>/disclose/", applicant_views.disclose, name="disclose"),
    # the clerk's desk (desk.py)
    path("export.xlsx", desk.case_export, name="export"),
    path("queue/<slug:name>/", desk.queue, name="queue"),
    path("case/<str:tracking>/assign/", desk.assign, name="assign"),
    path("case/<str:tracking>/note/", desk.note_add, name="note"),
    path("case/<str:tracking>/reveal/", desk.reveal_identity, name="reveal"),
    path("letter/<int:pk>/save-send/", desk.letter_save_send, name="letter-save-send"),
    path("letter/<int:pk>/preview/", desk.letter_preview, name="letter-preview"),
    # routing between agencies (D47)
    path("routing/<slug:agency>/", routing_views.routing_list, name="routing"),
]
