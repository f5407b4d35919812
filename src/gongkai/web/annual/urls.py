from django.urls import path

from . import history_views, views

app_name = "annual"

urlpatterns = [
    path("", views.index, name="index"),
    path("public/<slug:agency>/<int:year>/", views.public, name="public"),
    path(
        "public/<slug:agency>/<int:year>/v<int:number>.<str:fmt>",
        views.public_download,
        name="public_download",
    ),
    path("<slug:agency>/<int:year>/", views.detail, name="detail"),
    path("<slug:agency>/<int:year>/cell/<str:cell_id>/", views.cell, name="cell"),
    path("<slug:agency>/<int:year>/draft.<str:fmt>", views.download, name="download"),
    path("<slug:agency>/<int:year>/edit/", views.edit, name="edit"),
    path("<slug:agency>/<int:year>/move/", views.move, name="move"),
    path("<slug:agency>/<int:year>/publish/", views.publish, name="publish"),
    path("<slug:agency>/<int:year>/correct/", views.correct, name="correct"),
    path("<slug:agency>/<int:year>/explain/", views.explain, name="explain"),
    path("<slug:agency>/<int:year>/figure/", views.figure, name="figure"),
    path("<slug:agency>/<int:year>/reconcile/", views.reconcile, name="reconcile"),
    path("<slug:agency>/<int:year>/history/", history_views.history, name="history"),
]
