"""URLs of the API tokens' management pages (the agency administrator's)."""

from django.urls import path

from . import views

app_name = "apitokens"
urlpatterns = [
    path("<str:agency>/", views.token_list, name="list"),
    path("<str:agency>/new/", views.token_create, name="create"),
    path("<str:agency>/<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
