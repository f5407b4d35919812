from django.urls import path

from . import views

app_name = "workcalendar"
urlpatterns = [
    path("import/", views.import_notice, name="import"),
]
