"""The URL configuration. Every pattern here is covered by tests/web/test_authz_matrix.py."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("gongkai.web.portal.urls")),
    path("accounts/", include("gongkai.web.accounts.urls")),
    path("audit/", include("gongkai.web.audit.urls")),
    path("applications/", include("gongkai.web.applications.urls")),
    path("apply/", include("gongkai.web.applications.public_urls")),
    path("calendar/", include("gongkai.web.calendar.urls")),
    path("appeals/", include("gongkai.web.appeals.urls")),
    path("annual/", include("gongkai.web.annual.urls")),
    path("admin/", admin.site.urls),
]
urlpatterns += [path("", include("gongkai.web.disclosures.urls"))]
urlpatterns += [path("", include("gongkai.web.supervision.urls"))]
# The HTTP API (docs/api.md) and its tokens' pages.
from gongkai.web.api.api import api as _api  # noqa: E402

urlpatterns += [path("api/", _api.urls), path("api-tokens/", include("gongkai.web.api.urls"))]
urlpatterns += [path("", include("gongkai.web.ops.urls"))]
handler404 = "gongkai.web.api.errors.page_not_found"  # JSON under /api/, the usual page elsewhere
