from django.urls import path

from . import views

app_name = "appeals"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/<slug:agency>/", views.new_case, name="new"),
    path("case/<int:pk>/", views.detail, name="detail"),
    path("case/<int:pk>/decide/", views.decide, name="decide"),
    path("case/<int:pk>/check/", views.check, name="check"),
]
