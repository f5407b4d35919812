"""The NinjaAPI instance: ``/api/`` with its OpenAPI schema (``/api/openapi.json``) and docs (``/api/docs``)."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from . import errors, routes_annual, routes_applications, routes_register, routes_reports, routes_stats
from .auth import TokenAuth

api = NinjaAPI(
    title="gongkai 政府信息公开平台接口",
    version="1",
    description=(
        "机关的接口：年度报告文件的检查与生成、依申请公开申请的登记与查询、主动公开信息、年度报告、统计。"
        "认证：Authorization: Bearer <机关接口令牌>。错误均为 JSON：{code, message, detail}。详见 docs/api.md。"
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    # The docs page is served from ninja's own static files (no CDN; ninja is in INSTALLED_APPS, D40).
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
for module in (routes_reports, routes_applications, routes_register, routes_annual, routes_stats):
    api.add_router("", module.router)
