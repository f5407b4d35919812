from django.urls import path

from . import check_views, dashboard_views, import_views, notice_views, views

app_name = "supervision"

urlpatterns = [
    path("check/", check_views.check, name="check"),
    path("check/download/", check_views.check_download, name="check_download"),
    path("check/<str:token>/", check_views.check_result, name="check_result"),
    path("supervision/", views.home, name="home"),
    path("supervision/notices/", notice_views.inbox, name="notices"),
    path(
        "supervision/notices/<int:pk>/acknowledge/",
        notice_views.acknowledge_notice,
        name="notice_acknowledge",
    ),
    path("supervision/notices/<int:pk>/resolve/", notice_views.resolve_notice, name="notice_resolve"),
    path("supervision/<slug:agency>/<int:year>/", views.status_page, name="status"),
    path("supervision/<slug:agency>/<int:year>/consolidated/", views.consolidated, name="consolidated"),
    path("supervision/<slug:agency>/<int:year>/units/<slug:unit>/", views.unit_report, name="unit"),
    path(
        "supervision/<slug:agency>/<int:year>/units/<slug:unit>/notice/",
        notice_views.send_notice,
        name="notice_send",
    ),
    path(
        "supervision/<slug:agency>/<int:year>/benchmarks/", dashboard_views.benchmarks_page, name="benchmarks"
    ),
    path(
        "supervision/<slug:agency>/<int:year>/benchmarks/decide/",
        dashboard_views.decide_flag,
        name="flag_decide",
    ),
    path(
        "supervision/<slug:agency>/<int:year>/applications/",
        dashboard_views.applications_page,
        name="applications",
    ),
    path(
        "supervision/<slug:agency>/<int:year>/applications/<slug:unit>/",
        dashboard_views.unit_applications,
        name="unit_applications",
    ),
    path("supervision/<slug:agency>/<int:year>/import/", import_views.import_page, name="import"),
    path(
        "supervision/<slug:agency>/<int:year>/import/<int:pk>/", import_views.batch_page, name="import_batch"
    ),
    path(
        "supervision/<slug:agency>/<int:year>/import/<int:pk>/confirm/",
        import_views.confirm_item,
        name="import_confirm",
    ),
]
