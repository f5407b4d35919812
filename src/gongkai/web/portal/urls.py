from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<slug:agency>/", views.agency_detail, name="agency_detail"),
    path("agencies/<slug:agency>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/<slug:agency>/staff/", views.agency_staff, name="agency_staff"),
    path("agencies/<slug:agency>/staff/grant/", views.membership_grant, name="membership_grant"),
    path("agencies/<slug:agency>/staff/end/", views.membership_end, name="membership_end"),
]
