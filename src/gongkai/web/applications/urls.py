"""The disclosure office's pages, under ``/applications/`` (namespace ``applications``)."""

from django.urls import path

from . import letter_views, views

app_name = "applications"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("clock/", views.clock, name="clock"),
    path("new/<slug:agency>/", views.intake, name="intake"),
    path("case/<str:tracking>/", views.case, name="case"),
    path("case/<str:tracking>/edit/", views.edit_details, name="edit"),
    path("case/<str:tracking>/act/<slug:action>/", views.act, name="act"),
    path("case/<str:tracking>/letter/new/", letter_views.letter_new, name="letter-new"),
    path("letter-settings/<slug:agency>/", letter_views.letter_settings, name="letter-settings"),
    path("letter/<int:pk>/", views.letter, name="letter"),
    path("letter/<int:pk>/send/", views.letter_send, name="letter-send"),
    path("letter/<int:pk>/download/", views.letter_download, name="letter-download"),
    path("attachment/<int:pk>/", views.attachment_download, name="attachment"),
]
