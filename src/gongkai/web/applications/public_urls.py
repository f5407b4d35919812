"""The public pages, under ``/apply/`` (namespace ``apply``): apply online and follow it."""

from django.urls import path

from . import applicant_views, views

app_name = "apply"
urlpatterns = [
    path("", views.apply, name="form"),
    path("submitted/<str:tracking>/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("mine/", views.my_applications, name="mine"),
    path("mine/<str:tracking>/", views.my_detail, name="detail"),
    path("mine/<str:tracking>/withdraw/", views.my_withdraw, name="withdraw"),
    path("letter/<int:pk>/", views.my_letter, name="letter"),
    path("mine/<str:tracking>/supplement/", applicant_views.supplement, name="supplement"),
    path("mine/<str:tracking>/message/", applicant_views.message, name="message"),
    path("mine/<str:tracking>/read/", applicant_views.read, name="read"),
    path("file/<int:pk>/", applicant_views.file, name="file"),
]
