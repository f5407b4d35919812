"""The annual report of an agency and a year, its figures from other systems, and its published versions.

* :class:`SourceFigure` — a table 二 figure kept in another system (第二十条第（五）（六）项 处理决定数量,
  第（八）项 收费金额; 第（一）项 when the register has no validity history), entered or imported, with
  its source.
* :class:`AnnualReport` — the agency's working copy for a year: workflow status and the section
  texts it edits (drafted from the records by templates, :mod:`.drafting`), and the written
  explanations of the warnings it publishes with.
* :class:`PublishedVersion` — every published version, frozen: the canonical JSON document
  (:mod:`gongkai.report.jsonio`), its SHA-256, who published it and the correction note.
* :class:`EarlierReport` — a report published before the platform (any medium, read by the core):
  the history for the years the records do not cover.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.web.accounts.scope import AgencyScopedQuerySet


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    REVIEWED = "reviewed", "待负责人批准"
    APPROVED = "approved", "已批准待发布"
    PUBLISHED = "published", "已发布"


class SourceFigure(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    cell_id = models.CharField("单元格", max_length=64)
    value = models.DecimalField("数值", max_digits=16, decimal_places=6)
    source = models.CharField("来源", max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "表二数据（其他系统）"
        verbose_name_plural = "表二数据（其他系统）"
        constraints = (
            models.UniqueConstraint(fields=["agency", "year", "cell_id"], name="source_figure_unique"),
        )

    def __str__(self) -> str:
        return f"{self.year} {self.cell_id} = {self.value}"


class AnnualReport(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveIntegerField("年度")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    #: section key (s1_overview, s5_problems, s6_other) → the text the agency edited; absent = drafted
    sections = models.JSONField("各部分文字", default=dict, blank=True)
    #: rule id → the written explanation of a warning published with the report
    explanations = models.JSONField("警告说明", default=dict, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ("agency__code", "-year")
        constraints = (models.UniqueConstraint(fields=["agency", "year"], name="annual_report_unique"),)

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    def latest_version(self) -> PublishedVersion | None:
        return self.versions.order_by("-number").first()


class PublishedVersion(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本")
    document = models.JSONField("报告（JSON）")
    sha256 = models.CharField("SHA-256", max_length=64)
    note = models.TextField("更正说明", blank=True)
    #: the written explanations of the warnings it was published with (rule id → text)
    explanations = models.JSONField("警告说明", default=dict, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField("发布时间")

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "report__agency"

    class Meta:
        verbose_name = "已发布版本"
        verbose_name_plural = "已发布版本"
        ordering = ("report", "number")
        constraints = (models.UniqueConstraint(fields=["report", "number"], name="published_version_unique"),)

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"


class EarlierReport(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    file_name = models.CharField("文件名", max_length=200)
    document = models.JSONField("报告（JSON）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "往年已发布报告"
        verbose_name_plural = "往年已发布报告"
        constraints = (models.UniqueConstraint(fields=["agency", "year"], name="earlier_report_unique"),)

    def __str__(self) -> str:
        return f"{self.agency} {self.year}（{self.file_name}）"


class ReminderKind(models.TextChoices):
    DUE = "due", "应于期限前发布"
    OVERDUE = "overdue", "已逾期"


class ReportReminder(models.Model):
    """A reminder that the agency's annual report is not published (条例第四十九条), in-app and e-mailed.

    At most one per agency, year, kind and interval (``slot`` = the number of whole intervals since
    1 January): the unique constraint is the claim, so two runs never remind twice. The e-mail is sent
    after the commit and retried by the next run until it is sent (``mailed_at``).
    """

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类型", max_length=16, choices=ReminderKind.choices)
    slot = models.PositiveIntegerField("提醒周期")
    due_on = models.DateField("发布期限")
    created_at = models.DateTimeField("提醒时间")
    recipients = models.JSONField("收件人", default=list, blank=True)
    mailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)
    mail_attempts = models.PositiveIntegerField("邮件尝试次数", default=0)
    mail_claimed_until = models.DateTimeField("邮件占用至", null=True, blank=True)
    mail_error = models.CharField("最近一次邮件错误", max_length=500, blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "年度报告提醒"
        verbose_name_plural = "年度报告提醒"
        ordering = ("-created_at", "-pk")
        constraints = (
            models.UniqueConstraint(fields=["agency", "year", "kind", "slot"], name="report_reminder_unique"),
        )

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告{self.get_kind_display()}提醒"
