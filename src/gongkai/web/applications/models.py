"""依申请公开: applications, their letters, attachments, fee notices and consultations.

Only :mod:`gongkai.web.applications.services` changes these rows (style.md habit 8). Every model is
agency-scoped through :class:`gongkai.web.accounts.scope.AgencyScopedQuerySet`.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models

from gongkai.web.accounts.models import ApplicantCategory, ApplicantType
from gongkai.web.accounts.scope import AgencyScopedQuerySet

from .letter_models import LetterNumberCounter, LetterSettings, RemedyClausePolicy  # noqa: F401 (registered here)
from .letters import ANSWER_ITEMS, LETTER_LABELS, LetterKind
from .outcomes import outcome_choices
from .workflow import STATE_LABELS, State


class Channel(models.TextChoices):
    """How the application arrived (条例 art. 29: in writing incl. 数据电文; orally if writing is hard)."""

    ONLINE = "online", "网上申请"
    LETTER = "letter", "信函"
    IN_PERSON = "in_person", "当面提交"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    OTHER = "other", "其他"


#: 条例 art. 31: what the date of receipt is, per channel (shown in the intake form).
RECEIPT_DATE_RULE = {
    Channel.ONLINE: "网上申请：以双方确认之日为收到申请之日（条例第三十一条第三项）",
    Channel.LETTER: "信函：以本机关签收之日为收到申请之日；平常信函无需签收的，以与申请人确认之日为准（第三十一条第二项）",
    Channel.IN_PERSON: "当面提交：以提交之日为收到申请之日（第三十一条第一项）",
    Channel.FAX: "传真：以双方确认之日为收到申请之日（第三十一条第三项）",
    Channel.EMAIL: "电子邮件：以双方确认之日为收到申请之日（第三十一条第三项）",
    Channel.OTHER: "其他方式：以本机关确认收到之日为收到申请之日",
}


class ProvisionForm(models.TextChoices):
    """条例 art. 29(3), art. 40: the form in which the information is to be provided."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文本"
    INSPECT = "inspect", "查阅、抄录"


class DeliveryMethod(models.TextChoices):
    """条例 art. 29(3): how the applicant receives it."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上获取"


class NoticeMethod(models.TextChoices):
    """How a letter was delivered: recorded when it is sent (a consequence needs its notice sent)."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "在线（网上查询）"
    IN_PERSON = "in_person", "当面送达"
    FAX = "fax", "传真"
    OTHER = "other", "其他"


class Application(models.Model):
    """One 政府信息公开申请, from intake to archive.

    The applicant is snapshotted at intake (a profile may change later; the record of who applied
    must not). Due dates are computed by :mod:`gongkai.law.deadlines` and stored with their
    explanation; ``version`` guards against two clerks overwriting each other.
    """

    tracking_number = models.CharField("登记编号", max_length=40, unique=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人账户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    # -- the applicant snapshot (条例 art. 29(1)) --
    applicant_type = models.CharField("申请人类型", max_length=16, choices=ApplicantType.choices)
    applicant_category = models.CharField("统计类别", max_length=8, choices=ApplicantCategory.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    applicant_id_type = models.CharField("证件类型", max_length=50, blank=True)
    applicant_id_number = models.CharField("证件号码或统一社会信用代码", max_length=50, blank=True)
    applicant_phone = models.CharField("联系电话", max_length=50, blank=True)
    applicant_email = models.EmailField("电子邮箱", blank=True)
    applicant_address = models.CharField("通信地址", max_length=300, blank=True)
    # -- what is asked (条例 art. 29(2), (3)) --
    channel = models.CharField("申请方式", max_length=16, choices=Channel.choices)
    description = models.TextField("所需政府信息的名称或内容描述")
    document_number = models.CharField("文号", max_length=100, blank=True)
    provision_form = models.CharField(
        "信息提供形式", max_length=16, choices=ProvisionForm.choices, default=ProvisionForm.PAPER
    )
    delivery_method = models.CharField(
        "获取信息方式", max_length=16, choices=DeliveryMethod.choices, default=DeliveryMethod.POST
    )
    item_count = models.PositiveSmallIntegerField(
        "申请事项数",
        default=1,
        help_text="一份申请列明的事项数。本年新收按一件统计；按件计收时可按“一事一申请”拆分计件（国办函〔2020〕109号第四条）。",
    )
    received_on = models.DateField("收到申请日期")
    received_basis = models.CharField("收到日期依据", max_length=200, blank=True)
    # -- where it stands --
    state = models.CharField(
        "办理状态",
        max_length=24,
        choices=[(s.value, STATE_LABELS[s]) for s in State],
        default=State.REGISTERED,
    )
    outcome = models.CharField("办理结果", max_length=32, choices=outcome_choices(), blank=True)
    decision_text = models.TextField("决定说明", blank=True)
    # -- decision inputs (decisions.py; 条例 arts. 32, 36, 37) --
    answer_item = models.CharField(
        "答复依据项", max_length=16, blank=True, choices=list(ANSWER_ITEMS.items())
    )
    decision_reasons = models.TextField(
        "理由", blank=True, help_text="不予公开、部分公开、不属于本机关负责公开的理由。"
    )
    withheld_parts = models.TextField(
        "不予公开的内容", blank=True, help_text="部分公开时（条例第三十七条）。"
    )
    responsible_agency = models.CharField("负责公开的机关", max_length=200, blank=True)
    responsible_contact = models.CharField("负责公开机关的联系方式", max_length=300, blank=True)
    responsible_unidentified = models.BooleanField("无法确定负责公开的机关", default=False)
    public_interest_reasons = models.TextField(
        "不公开会对公共利益造成重大影响的理由",
        blank=True,
        help_text="第三方不同意公开而决定公开时（条例第三十二条）。",
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    concluded_on = models.DateField(
        "办结日期", null=True, blank=True, help_text="答复、视为放弃或撤回之日；用于年度报告表三的统计。"
    )
    correction_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    correction_items = models.TextField("需补正事项", blank=True)
    supplement_deadline = models.DateField("补正期限", null=True, blank=True)
    supplement_received_on = models.DateField("收到补正日期", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_recommendation = models.TextField("审核人延期意见", blank=True)
    extension_recommended_on = models.DateField("审核人建议延期日期", null=True, blank=True)
    extension_notified_on = models.DateField(
        "延期告知发出日期",
        null=True,
        blank=True,
        help_text="延期答复告知书发出之日；延期自此生效（条例第三十三条第二款）。",
    )
    # -- the clock (stored results of gongkai.law.deadlines) --
    supplement_notice_due = models.DateField("补正告知期限", null=True, blank=True)
    reply_due = models.DateField("答复期限", null=True, blank=True)
    extended_due = models.DateField("延期后答复期限", null=True, blank=True)
    clock = models.JSONField("期限计算说明", default=dict, blank=True)
    clock_error = models.CharField("期限计算问题", max_length=300, blank=True)
    clock_provisional = models.BooleanField(
        "期限暂定",
        default=False,
        db_index=True,
        help_text="有期限经过尚未导入国务院办公厅节假日安排的年份，按周末和法定节日暂定；导入后自动重新计算。",
    )
    next_reminder_at = models.DateTimeField("下次提醒时间", null=True, blank=True, db_index=True)
    # -- bookkeeping --
    version = models.PositiveIntegerField("版本", default=1)
    # A submission key counts only for its sender (security/submission.py): agency + sender + key.
    idempotency_key = models.CharField("提交标识", max_length=64, null=True, blank=True)
    idempotency_sender = models.CharField("提交者", max_length=64, blank=True, default="")
    access_secret_hash = models.CharField("查询密码摘要", max_length=64, blank=True)
    # -- the desk (docs/applications.md "The clerk's desk"): who handles it --
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_applications",
    )
    # -- routing between agencies (D47): the agency the case waits at for 签收 (state pending_sign) --
    pending_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="待签收机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pending_applications",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "agency"
    #: The routed-to agency reads the case while it waits for its 签收 (accounts/scope.py).
    scope_also_fields = ("pending_agency",)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-received_on", "-pk")
        indexes = (models.Index(fields=["agency", "state"]), models.Index(fields=["agency", "received_on"]))
        constraints = (
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True) | ~models.Q(outcome=""),
                name="application_concluded_has_outcome",
            ),
            models.UniqueConstraint(
                fields=["agency", "idempotency_sender", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="application_unique_submission",
            ),
        )

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.applicant_name}"

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def effective_due(self) -> Any:
        """The deadline that applies now: the extended one once an extension is approved **and its
        延期答复告知书 sent** (条例第三十三条第二款: 经负责人同意，并告知申请人)."""
        return (
            self.extended_due if self.extension_approved_on and self.extension_notified_on else self.reply_due
        )

    def _deadline_provisional(self, key: str) -> bool:
        deadlines = (self.clock or {}).get("deadlines") or {}
        return bool(self.clock_provisional and (deadlines.get(key) or {}).get("provisional"))

    @property
    def supplement_notice_due_provisional(self) -> bool:
        return self._deadline_provisional("supplement_notice")

    @property
    def reply_due_provisional(self) -> bool:
        return self._deadline_provisional("reply")

    @property
    def extended_due_provisional(self) -> bool:
        return self._deadline_provisional("extended_reply")

    @property
    def effective_due_provisional(self) -> bool:
        """True when :attr:`effective_due` is 暂定 (a year on the way has no notice imported yet)."""
        return self.extended_due_provisional if self.extension_approved_on else self.reply_due_provisional

    @property
    def provisional_reasons(self) -> list[str]:
        """Why the 暂定 dates are provisional (one line per year), from the stored clock."""
        if not self.clock_provisional:
            return []
        return list((self.clock or {}).get("provisional_reasons") or [])

    def is_visible_to(self, user: Any) -> bool:
        """Staff read a case through its agency, or the agency it waits at for 签收 (audit trail)."""
        from gongkai.web.accounts.scope import can_read_object

        return can_read_object(user, self)

    def check_secret(self, secret: str) -> bool:
        if not self.access_secret_hash:
            return False
        return secrets.compare_digest(self.access_secret_hash, hash_secret(secret))


def hash_secret(secret: str) -> str:
    """A tracking secret is high-entropy (see services.new_secret), so a plain sha256 suffices."""
    return hashlib.sha256(secret.encode()).hexdigest()


class TrackingCounter(models.Model):
    """The last tracking number issued per agency and year (incremented under a row lock)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "agency"

    class Meta:
        constraints = (models.UniqueConstraint(fields=["agency", "year"], name="tracking_counter_unique"),)


class ImmutableError(Exception):
    """A sent letter or an archived file cannot be changed or deleted."""


class Letter(models.Model):
    """A letter of the case. Editable while a draft; once sent, the DOCX and its sha256 are final."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(
        "文书类型", max_length=32, choices=[(k.value, LETTER_LABELS[k]) for k in LetterKind]
    )
    number = models.CharField("发文字号", max_length=100, blank=True)
    title = models.CharField("标题", max_length=200)
    addressee = models.CharField("称谓", max_length=200)
    body = models.TextField("正文")
    docx = models.BinaryField("文书文件", null=True, blank=True)
    sha256 = models.CharField("文件摘要（SHA-256）", max_length=64, blank=True)
    pdf = models.BinaryField("PDF 文件", null=True, blank=True)
    pdf_sha256 = models.CharField("PDF 摘要（SHA-256）", max_length=64, blank=True)
    pdf_note = models.CharField("PDF 说明", max_length=300, blank=True)
    table = models.JSONField("表格", default=list, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    sent_on = models.DateField("发出日期", null=True, blank=True)
    delivery_method = models.CharField("送达方式", max_length=16, choices=NoticeMethod.choices, blank=True)
    received_on = models.DateField(
        "收件人收到日期",
        null=True,
        blank=True,
        help_text="已登记的收件人收到日期；邮寄未登记前按配置的天数估算。",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.title}（{self.application.tracking_number}）"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    def _stored_sent(self) -> bool:
        return bool(self.pk and Letter.objects.filter(pk=self.pk, sent_at__isnull=False).exists())

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_sent():
            raise ImmutableError("已发送的文书不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._stored_sent():
            raise ImmutableError("已发送的文书不能删除。")
        return super().delete(*args, **kwargs)


class AttachmentPurpose(models.TextChoices):
    """Why a file is on the case: sent by the applicant, or disclosed to them with the reply."""

    APPLICATION = "application", "申请材料"
    SUPPLEMENT = "supplement", "补正材料"
    DISCLOSED = "disclosed", "公开的政府信息"


class Attachment(models.Model):
    """A file received with the application or the supplement, or disclosed with the reply; bounded
    and checked by content. A ``disclosed`` file reaches the applicant only once the reply is sent."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    data = models.BinaryField("内容")
    sha256 = models.CharField("文件摘要（SHA-256）", max_length=64)
    purpose = models.CharField(
        "用途", max_length=16, choices=AttachmentPurpose.choices, default=AttachmentPurpose.APPLICATION
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name

    @property
    def disclosed(self) -> bool:
        return self.purpose == AttachmentPurpose.DISCLOSED

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk:
            raise ImmutableError("附件不能修改。")
        super().save(*args, **kwargs)


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号 art. 3: one method per application."""

    PER_APPLICATION = "per_application", "按件计收"
    PER_VOLUME = "per_volume", "按量计收"


class FeeNotice(models.Model):
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="fee_notice")
    method = models.CharField("计收方式", max_length=16, choices=FeeMethod.choices)
    quantity = models.PositiveIntegerField("件数或页数")
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    explanation = models.JSONField("计算说明", default=list)
    issued_on = models.DateField("发出日期", null=True, blank=True, help_text="收费通知书发出之日。")
    payment_due = models.DateField(
        "缴费期限", null=True, blank=True, help_text="自申请人收到收费通知次日起计算（国办函〔2020〕109号）。"
    )
    units = models.PositiveSmallIntegerField(
        "计件数", default=1, help_text="按件计收时按“一事一申请”拆分的件数。"
    )
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    lapsed_on = models.DateField("逾期日期", null=True, blank=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"

    def __str__(self) -> str:
        return f"{self.application.tracking_number} {self.amount}元"


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（条例第三十二条）"
    CO_PRODUCER = "co_producer", "共同制作机关（条例第三十四条）"


class Consultation(models.Model):
    """A written consultation; its time is not counted in the reply period (条例 art. 33 ¶3)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="consultations")
    kind = models.CharField("征求对象", max_length=16, choices=ConsultationKind.choices)
    party_name = models.CharField("被征求意见方", max_length=200)
    party_address = models.CharField("地址或联系方式", max_length=300, blank=True)
    letter = models.OneToOneField(
        "Letter",
        verbose_name="征求意见书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultation",
    )
    sent_on = models.DateField("发出日期", null=True, blank=True)
    reply_due = models.DateField(
        "答复期限",
        null=True,
        blank=True,
        help_text="自被征求意见方收到征求意见书之日起15个工作日（条例第三十二条、第三十四条）。",
    )
    answered_on = models.DateField("收到意见日期", null=True, blank=True)
    opinion = models.TextField("意见", blank=True)
    objects_to_disclosure = models.BooleanField("不同意公开", default=False)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ("sent_on", "pk")

    def __str__(self) -> str:
        return f"{self.party_name}（{self.get_kind_display()}）"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已超期"


class Reminder(models.Model):
    """A reminder sent by ``gongkai remind``: one per case, kind and day (see commands/remind.py)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("提醒类型", max_length=16, choices=ReminderKind.choices)
    for_date = models.DateField("提醒日期")
    due = models.DateField("到期日")
    recipients = models.PositiveIntegerField("收件人数", default=0)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "到期提醒"
        verbose_name_plural = "到期提醒"
        constraints = (
            models.UniqueConstraint(fields=["application", "kind", "for_date"], name="reminder_once_per_day"),
        )

    def __str__(self) -> str:
        return f"{self.application.tracking_number} {self.get_kind_display()} {self.for_date}"


class Note(models.Model):
    """An internal note on a case: read by the agency's staff and its supervisors, never by the
    applicant; written only through :func:`gongkai.web.applications.notes.add_note` (audited)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作者", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("内部备注")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "application__agency"

    class Meta:
        verbose_name = "内部备注"
        verbose_name_plural = "内部备注"
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.application.tracking_number} 备注"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk:
            raise ImmutableError("内部备注不能修改。")
        super().save(*args, **kwargs)


# The applicant's notifications, e-mail outbox and message thread (issue 9 item 5).
from .applicant_models import Message, Notification, OutboxMail  # noqa: E402,F401
from .routing_models import Routing, RoutingKind, UnifiedIntake  # noqa: E402,F401
