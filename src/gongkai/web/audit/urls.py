from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("<int:content_type>/<str:object_id>/", views.object_events, name="object_events"),
]
