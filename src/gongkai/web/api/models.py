"""API tokens of an agency, and the idempotency records of API writes (docs/api.md).

A token's secret is shown once, when it is created; only its SHA-256 is stored (the secret has 256
bits of entropy, so a plain digest is enough — no salt or slow hash is needed against guessing). A
token acts for its agency as its **acting user**, a staff member of that agency chosen by the agency
administrator: the services check that user's roles exactly as for the web pages (docs/decisions.md D39).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from gongkai.web.accounts.scope import AgencyScopedQuerySet


class Scope(models.TextChoices):
    """What a token may do; each endpoint names the one scope it needs."""

    REPORTS_CHECK = "reports:check", "检查、转换年度报告文件"
    APPLICATIONS_READ = "applications:read", "查看依申请公开案件"
    APPLICATIONS_WRITE = "applications:write", "登记依申请公开申请"
    REGISTER_READ = "register:read", "查看、检索主动公开信息"
    REGISTER_WRITE = "register:write", "起草、修改、提交主动公开信息"
    REGISTER_PUBLISH = "register:publish", "记录审查、批准发布主动公开信息"
    ANNUAL_READ = "annual:read", "查看年度报告"
    ANNUAL_WRITE = "annual:write", "生成年度报告草稿"
    STATS_READ = "stats:read", "查看统计"


class ApiToken(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField("名称", max_length=100)
    scopes = models.JSONField("权限范围", default=list)
    token_hash = models.CharField("令牌摘要（SHA-256）", max_length=64, unique=True)
    prefix = models.CharField("令牌前缀", max_length=16, help_text="令牌的前几位，便于辨认；不能用于认证。")
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="代表的工作人员",
        on_delete=models.PROTECT,
        related_name="api_tokens_acting",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="api_tokens_created",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "agency"

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class IdempotencyRecord(models.Model):
    """The response of an API write made with an ``Idempotency-Key``, replayed for the same key.

    Keys are scoped to the caller (the token): another token's same key is another request.
    """

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="idempotency_records")
    key = models.CharField("幂等键", max_length=64)
    request_hash = models.CharField("请求摘要", max_length=64)
    status = models.PositiveSmallIntegerField("响应状态")
    response = models.JSONField("响应内容")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "token__agency"

    class Meta:
        verbose_name = "幂等记录"
        verbose_name_plural = "幂等记录"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.token_id}:{self.key}"
