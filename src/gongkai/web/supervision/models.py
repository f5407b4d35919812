"""The supervisor's own facts about each unit's published annual report, and its 督办 notices.

The published report itself lives in :class:`gongkai.web.disclosures.models.AnnualReport` (one per
agency and year). This app keeps, beside it and without changing it:

- :class:`UnitReport` — per agency and year: when it was published, where it came from (uploaded,
  imported in bulk, generated in gongkai), the core's error and warning counts, the cells read (for
  the consolidated report and the benchmarks), and the hash of the first published version.
- :class:`ReportVersion` — every distinct file (sha256) seen for that report, so a report changed
  after publication shows (the CASS assessments name it as a common problem, domain.md §4.4).
- :class:`Notice` — a 督办通知 from a supervisor to a unit, with its acknowledgement and resolution.
- :class:`FlagDecision` — a supervisor's decision on a benchmark anomaly flag (confirmed / dismissed),
  keyed by what the flag is about so that it survives re-runs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.web.accounts.scope import AgencyScopedQuerySet


class Origin(models.TextChoices):
    UPLOADED = "uploaded", "单位上传"
    IMPORTED = "imported", "批量导入"
    GENERATED = "generated", "系统生成"


class UnitReport(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("报告年度")
    annual_report = models.ForeignKey(
        "disclosures.AnnualReport",
        verbose_name="已公布的年度报告",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    origin = models.CharField("来源", max_length=16, choices=Origin.choices, default=Origin.UPLOADED)
    published_on = models.DateField("公布日期")
    report_format = models.CharField("格式", max_length=16, blank=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    #: {cell id: number as text} — the numeric cells read (Decimal money as text, ints as text)
    cells = models.JSONField("单元格", default=dict)
    #: share of the running text identical to last year's report (gongkai.compare), when both exist
    reused_share = models.FloatField("与上年文字雷同比例", null=True, blank=True)
    first_sha256 = models.CharField("首次公布版本哈希", max_length=64)
    current_sha256 = models.CharField("当前版本哈希", max_length=64)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "单位年报情况"
        verbose_name_plural = "单位年报情况"
        constraints = (models.UniqueConstraint(fields=["agency", "year"], name="unitreport_unique_year"),)
        indexes = (models.Index(fields=["year", "agency"]),)

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年度报告"

    @property
    def changed_after_publication(self) -> bool:
        return self.first_sha256 != self.current_sha256


class ReportVersion(models.Model):
    unit_report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="versions")
    sha256 = models.CharField("哈希值", max_length=64)
    seen_at = models.DateTimeField("记录时间", auto_now_add=True)

    scope_field = "unit_report__agency"
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "年报版本"
        verbose_name_plural = "年报版本"
        ordering = ("seen_at", "pk")
        constraints = (
            models.UniqueConstraint(fields=["unit_report", "sha256"], name="reportversion_unique_hash"),
        )


class NoticeSubject(models.TextChoices):
    MISSING_REPORT = "missing_report", "年度报告未按时公布"
    REPORT_ERRORS = "report_errors", "年度报告数据错误"
    OVERDUE_APPLICATION = "overdue_application", "依申请公开逾期答复"
    ANOMALY = "anomaly", "数据异常"
    OTHER = "other", "其他"


class NoticeStatus(models.TextChoices):
    SENT = "sent", "已发送"
    ACKNOWLEDGED = "acknowledged", "已签收"
    RESOLVED = "resolved", "已办结"


class Notice(models.Model):
    """A 督办通知: a supervisor asks a unit of its subtree to act; the unit acknowledges and resolves."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="被督办单位", on_delete=models.PROTECT, related_name="+"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="督办人", on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField("督办事项", max_length=32, choices=NoticeSubject.choices)
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    body = models.TextField("督办内容")
    due_on = models.DateField("办理期限", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.SENT)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)
    acknowledged_at = models.DateTimeField("签收时间", null=True, blank=True)
    resolved_at = models.DateTimeField("办结时间", null=True, blank=True)
    reply = models.TextField("办理情况", blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "督办通知"
        verbose_name_plural = "督办通知"
        ordering = ("-sent_at", "-pk")

    def __str__(self) -> str:
        return f"督办：{self.agency} {self.get_subject_display()}"


class FlagDecisionKind(models.TextChoices):
    CONFIRMED = "confirmed", "确认异常"
    DISMISSED = "dismissed", "排除"


class FlagDecision(models.Model):
    """A supervisor's decision on an anomaly flag, keyed by (agency, year, flag key)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    key = models.CharField("异常标识", max_length=120)
    decision = models.CharField("结论", max_length=16, choices=FlagDecisionKind.choices)
    note = models.CharField("说明", max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审查时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "异常审查结论"
        verbose_name_plural = "异常审查结论"
        constraints = (
            models.UniqueConstraint(fields=["agency", "year", "key"], name="flagdecision_unique_key"),
        )


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "处理中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class ImportBatch(models.Model):
    """A bulk import of units' published reports (a ZIP or several files), processed in the background.

    The uploaded files are kept as one ZIP (``archive``) so the background task — on whatever backend
    runs it — reads them from storage; the counters are its progress, shown on the batch page.
    """

    root = models.ForeignKey(
        "agencies.Agency", verbose_name="监督范围", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    published_on = models.DateField("公布日期", null=True, blank=True)
    archive = models.FileField("文件", upload_to="supervision-imports/")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    status = models.CharField("状态", max_length=16, choices=BatchStatus.choices, default=BatchStatus.QUEUED)
    files_total = models.PositiveIntegerField("文件数", default=0)
    files_done = models.PositiveIntegerField("已处理", default=0)
    files_imported = models.PositiveIntegerField("已导入", default=0)
    files_failed = models.PositiveIntegerField("失败", default=0)
    files_ambiguous = models.PositiveIntegerField("待确认", default=0)
    message = models.CharField("说明", max_length=500, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "root"

    class Meta:
        verbose_name = "批量导入"
        verbose_name_plural = "批量导入"
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.root} {self.year}年度报告批量导入 #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (BatchStatus.DONE, BatchStatus.FAILED)


class ItemStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    IMPORTED = "imported", "已导入"
    AMBIGUOUS = "ambiguous", "待确认"
    FAILED = "failed", "失败"


class ImportItem(models.Model):
    """One file of an :class:`ImportBatch`: its outcome, and for an ambiguous one the possible units."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    name = models.CharField("文件名", max_length=500)
    status = models.CharField("状态", max_length=16, choices=ItemStatus.choices, default=ItemStatus.QUEUED)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    candidates = models.JSONField("可能的单位", default=list, blank=True)
    message = models.CharField("说明", max_length=500, blank=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "batch__root"

    class Meta:
        verbose_name = "批量导入文件"
        verbose_name_plural = "批量导入文件"
        ordering = ("batch", "pk")
        constraints = (models.UniqueConstraint(fields=["batch", "name"], name="import_item_unique"),)

    def __str__(self) -> str:
        return self.name


class CheckStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "检查中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class CheckUpload(models.Model):
    """A slow ``/check/`` upload (PDF, scan, DOC…) waiting for, or holding, its background result (D55).

    Temporary by design: deleted with its file and result at ``expires_at``
    (``GONGKAI_CHECK_KEEP_MINUTES``; :func:`gongkai.web.supervision.check_store.purge_expired`); the
    file is deleted as soon as it is read. The id is unguessable (``secrets.token_urlsafe``). Nothing
    personal is kept for anonymous uploads: the owner is the SHA-256 of the session key.
    """

    token = models.CharField("编号", max_length=64, primary_key=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    session_hash = models.CharField("会话摘要", max_length=64, blank=True)
    name = models.CharField("文件名", max_length=255)
    upload = models.FileField("文件", upload_to="check-uploads/", blank=True)
    status = models.CharField("状态", max_length=16, choices=CheckStatus.choices, default=CheckStatus.QUEUED)
    result = models.JSONField("检查结果（JSON）", null=True, blank=True)
    message = models.CharField("说明", max_length=500, blank=True)
    created_at = models.DateTimeField("上传时间", default=timezone.now)
    expires_at = models.DateTimeField("删除时间", db_index=True)

    class Meta:
        verbose_name = "待检查的上传文件"
        verbose_name_plural = "待检查的上传文件"

    def __str__(self) -> str:
        return f"{self.name}（{self.get_status_display()}）"
