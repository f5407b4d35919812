"""A 行政复议 or 行政诉讼 case about an agency's disclosure work (条例第五十一条; 2021 format table 四).

A case is of one :class:`~.mapping.CaseKind` (the block of table 四), concerns one or more
applications, names the applicant and the body deciding it (复议机关 or 法院), and carries three
dates — filed (申请复议/起诉之日), received (the agency received the notice) and decided — and the
result (:class:`~.mapping.Result`). A case with no decision is 尚未审结 and carries into the next
year. Clerks record; a reviewer checks (``checked_by``/``checked_at``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.web.accounts.scope import AgencyScopedQuerySet

from .mapping import CaseKind, Result, column_of


class Case(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="appeal_cases")
    kind = models.CharField("类型", max_length=16, choices=CaseKind.choices)
    applications = models.ManyToManyField(
        "applications.Application", related_name="appeal_cases", blank=True, verbose_name="涉及的申请"
    )
    case_number = models.CharField("案号", max_length=100, blank=True)
    applicant_name = models.CharField("申请人（原告）", max_length=200)
    body = models.CharField("复议机关或法院", max_length=200)
    filed_on = models.DateField("申请复议或起诉日期")
    received_on = models.DateField("本机关收到通知日期", null=True, blank=True)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=24, choices=Result.choices, blank=True)
    summary = models.TextField("案情和结果摘要", blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField("核对时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "行政复议或行政诉讼案件"
        verbose_name_plural = "行政复议和行政诉讼案件"
        ordering = ("-filed_on", "-pk")
        indexes = (models.Index(fields=["agency", "filed_on"], name="appeal_agency_filed"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True, result="")
                | (models.Q(decided_on__isnull=False) & ~models.Q(result="")),
                name="appeal_result_with_date",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}（{self.applicant_name}）"

    @property
    def column(self) -> str:
        """Table 四 column today (``pending`` while undecided)."""
        return column_of(self.result)

    @property
    def is_pending(self) -> bool:
        return self.decided_on is None
