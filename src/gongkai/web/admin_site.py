"""The Django admin, restricted to system administrators (``is_superuser``).

Agency staff never use the admin: their work happens in the platform's own views, where isolation
is enforced by :mod:`gongkai.web.accounts.scope`. A staff flag alone therefore opens nothing here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class GongkaiAdminSite(admin.AdminSite):
    site_header = "gongkai 系统管理"
    site_title = "gongkai 系统管理"
    index_title = "系统管理"

    @property
    def login_form(self) -> Any:  # type: ignore[override]
        # Sign-in to the admin counts against the same rate limits as the platform's (D15).
        from gongkai.web.accounts.forms import ThrottledAdminAuthenticationForm

        return ThrottledAdminAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class GongkaiAdminConfig(AdminConfig):
    default_site = "gongkai.web.admin_site.GongkaiAdminSite"
