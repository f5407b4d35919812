"""Models of the letters: per-agency letter settings, the 文号 counter, the remedy clause policy.

Imported by :mod:`.models` so Django registers them in the ``applications`` app.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.web.accounts.scope import AgencyScopedQuerySet

from .letters.remedy import REMEDY_KIND_LABELS, RemedyKind

#: The default 文号 pattern: the agency's short name (or name) + 公开〔year〕seq号, e.g. 青教公开〔2026〕13号.
DEFAULT_NUMBER_PATTERN = "{short}公开〔{year}〕{seq}号"
#: A seal image is a PNG of at most this many bytes (checked by magic bytes, not by name).
MAX_SEAL_BYTES = 512 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def validate_number_pattern(pattern: str) -> None:
    """A 文号 pattern needs {year} and {seq}; only {short}, {year}, {seq} may appear."""
    if "{year}" not in pattern or "{seq}" not in pattern:
        raise ValidationError(
            "文号格式须包含 {year}（年份）和 {seq}（序号），例如 青教公开〔{year}〕{seq}号。"
        )
    try:
        pattern.format(short="X", year=2026, seq=1)
    except (KeyError, IndexError, ValueError):
        raise ValidationError("文号格式只能使用 {short}、{year}、{seq} 三个占位符。") from None


def validate_seal(data: bytes) -> None:
    if not data.startswith(PNG_MAGIC):
        raise ValidationError("印章图片须为 PNG 格式（按文件内容判断）。")
    if len(data) > MAX_SEAL_BYTES:
        raise ValidationError(f"印章图片不能超过 {MAX_SEAL_BYTES // 1024} KB。")


class LetterSettings(models.Model):
    """How an agency's letters look and how its fee notices say to pay; edited by the agency admin."""

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="letter_settings"
    )
    letterhead = models.CharField(
        "发文机关标志（版头）", max_length=100, blank=True, help_text="留空使用机关名称，例如 青溪县教育局。"
    )
    number_pattern = models.CharField(
        "文号格式",
        max_length=100,
        default=DEFAULT_NUMBER_PATTERN,
        validators=[validate_number_pattern],
        help_text="例如 青教公开〔{year}〕{seq}号；{short} 为机关简称，{year} 年份，{seq} 当年序号。",
    )
    seal_png = models.BinaryField("印章图片（PNG）", null=True, blank=True)
    seal_sha256 = models.CharField("印章图片摘要", max_length=64, blank=True)
    payee = models.CharField("收款单位", max_length=200, blank=True)
    bank = models.CharField("开户银行", max_length=200, blank=True)
    account = models.CharField("账号", max_length=64, blank=True)
    payment_url = models.URLField("网上缴费地址", blank=True)
    payment_note = models.CharField("缴费说明", max_length=300, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "agency"

    class Meta:
        verbose_name = "文书设置"
        verbose_name_plural = "文书设置"

    def __str__(self) -> str:
        return f"{self.agency}的文书设置"

    def payment_instructions(self) -> str:
        """How to pay, as printed in the fee notice; empty when nothing is set (the notice has a gap)."""
        parts = []
        if self.payee:
            parts.append(f"收款单位：{self.payee}")
        if self.bank:
            parts.append(f"开户银行：{self.bank}")
        if self.account:
            parts.append(f"账号：{self.account}")
        if self.payment_url:
            parts.append(f"网上缴费：{self.payment_url}")
        if not (self.account or self.payment_url):
            return ""
        if self.payment_note:
            parts.append(self.payment_note)
        return "；".join(parts) + "。缴费时请注明登记编号。"


class LetterNumberCounter(models.Model):
    """The last 文号 sequence issued per agency and year (incremented under a row lock at send)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "agency"

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["agency", "year"], name="letter_number_counter_unique"),
        )


class RemedyClausePolicy(models.Model):
    """One row per outcome kind: how the remedy clause of its letters reads (system administrator).

    Defaults and sources: migration ``letters_remedy_defaults`` and docs/decisions.md.
    """

    kind = models.CharField(
        "办理结果类别",
        max_length=16,
        unique=True,
        choices=[(k.value, REMEDY_KIND_LABELS[k]) for k in RemedyKind],
    )
    review_first = models.BooleanField(
        "复议前置", help_text="《行政复议法》（2023年修订）第二十三条第一款第（四）项：应当先申请行政复议。"
    )
    review_body = models.CharField(
        "行政复议机关", max_length=200, blank=True, help_text="留空：本级人民政府（机关的上级人民政府）。"
    )
    review_days = models.PositiveSmallIntegerField(
        "申请行政复议期限（日）", default=60, help_text="《行政复议法》第二十条。"
    )
    suit_after_review_days = models.PositiveSmallIntegerField(
        "复议后起诉期限（日）", default=15, help_text="《行政诉讼法》第四十五条。"
    )
    direct_suit_months = models.PositiveSmallIntegerField(
        "直接起诉期限（月）", default=6, help_text="《行政诉讼法》第四十六条。"
    )
    source = models.TextField("依据与说明", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "救济途径告知政策"
        verbose_name_plural = "救济途径告知政策"
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{'复议前置' if self.review_first else '复议或诉讼'}"

    def clean(self) -> None:
        errors = {}
        if not 1 <= self.review_days <= 365:
            errors["review_days"] = "申请行政复议期限应在1至365日之间（法定为60日）。"
        if not 1 <= self.suit_after_review_days <= 365:
            errors["suit_after_review_days"] = "复议后起诉期限应在1至365日之间（法定为15日）。"
        if not 1 <= self.direct_suit_months <= 60:
            errors["direct_suit_months"] = "直接起诉期限应在1至60个月之间（法定为6个月）。"
        if errors:
            raise ValidationError(errors)
