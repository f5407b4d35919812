"""The disclosure office's pages, under ``/applications/`` (namespace ``applications``)."""

from django.urls import path

from . import applicant_views, views

app_name = "applications"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("clock/", views.clock, name="clock"),
    path("new/<slug:agency>/", views.intake, name="intake"),
    path("case/<str:tracking>/", views.case, name="case"),
    path("case/<str:tracking>/edit/", views.edit_details, name="edit"),
    path("case/<str:tracking>/act/<slug:action>/", views.act, name="act"),
    path("letter/<int:pk>/", views.letter, name="letter"),
    path("letter/<int:pk>/send/", views.letter_send, name="letter-send"),
    path("letter/<int:pk>/receipt/", views.letter_receipt, name="letter-receipt"),
    path("letter/<int:pk>/download/", views.letter_download, name="letter-download"),
    path("attachment/<int:pk>/", views.attachment_download, name="attachment"),
    path("case/<str:tracking>/message/", applicant_views.office_message, name="message"),
    path("case/<str:tracking>/disclose/", applicant_views.disclose, name="disclose"),
]
