"""Forms of the application workflow. They validate (Chinese messages) and never change state:
views pass ``cleaned_data`` to :mod:`.services`."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from gongkai.law.fees import FeeMethod
from gongkai.web.accounts.models import ApplicantType
from gongkai.web.agencies.models import Agency
from gongkai.web.security.forms import CleanInputMixin

from . import decisions
from .attachments import ACCEPTED, check_upload
from .letters import ANSWER_ITEMS, MANUAL_KINDS
from .models import RECEIPT_DATE_RULE, Application, Channel, ConsultationKind, NoticeMethod
from .outcomes import outcome_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_future(value: dt.date, what: str) -> dt.date:
    if value > timezone.localdate():
        raise forms.ValidationError(f"{what}不能晚于今天。")
    return value


class DetailsForm(CleanInputMixin, forms.ModelForm):  # type: ignore[type-arg]
    """The applicant snapshot and the content required by 条例 art. 29."""

    class Meta:
        model = Application
        fields = (
            "applicant_type",
            "applicant_category",
            "applicant_name",
            "applicant_id_type",
            "applicant_id_number",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "description",
            "document_number",
            "item_count",
            "provision_form",
            "delivery_method",
        )
        widgets: ClassVar[dict[str, Any]] = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts: ClassVar[dict[str, str]] = {
            "applicant_category": "自然人选“自然人”；法人或其他组织按性质选择（对应年度报告表三的列）。",
            "description": "请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）。",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("applicant_name", "description", "applicant_type", "applicant_category"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = f"请填写{self.fields[name].label}。"
        # A multi-item request is one application (本年新收); the count only serves 109号第四条 fees.
        self.fields["item_count"].required = False
        self.fields["item_count"].min_value = 1
        self.fields["item_count"].widget.attrs["min"] = 1

    def clean_item_count(self) -> int:
        value = self.cleaned_data.get("item_count")
        if value is None:
            return 1
        if value < 1 or value > 100:
            raise forms.ValidationError("申请事项数应在1至100之间。")
        return int(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, category = data.get("applicant_type"), data.get("applicant_category")
        if kind == ApplicantType.NATURAL_PERSON and category and category != "np":
            self.add_error("applicant_category", "自然人申请人的统计类别应为“自然人”。")
        if kind == ApplicantType.ORGANISATION and category == "np":
            self.add_error("applicant_category", "法人或其他组织不能选择“自然人”。")
        if not (data.get("applicant_phone") or data.get("applicant_email") or data.get("applicant_address")):
            self.add_error("applicant_phone", "请至少填写一种联系方式（电话、电子邮箱或通信地址）。")
        return data


class AttachmentField(forms.FileField):
    """A file field checked by content and size (see attachments.check_upload)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "附件")
        kwargs.setdefault("help_text", "可上传身份证明或补充材料：" + "、".join(ACCEPTED.values()) + "。")
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if value:
            return check_upload(value)
        return None


class OnlineApplicationForm(DetailsForm):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="向哪个机关申请",
        error_messages={"required": "请选择受理机关。"},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    attachment = AttachmentField()

    class Meta(DetailsForm.Meta):
        fields = ("agency", *DetailsForm.Meta.fields)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.current().order_by("code")


class IntakeForm(DetailsForm):
    """Staff intake of an application received by letter, in person, fax, email or otherwise."""

    channel = forms.ChoiceField(
        label="申请方式", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_on = forms.DateField(
        label="收到申请日期",
        widget=DATE_WIDGET,
        help_text="；".join(RECEIPT_DATE_RULE[Channel(c)] for c, _ in Channel.choices if c != Channel.ONLINE),
        error_messages={"required": "请填写收到申请日期。", "invalid": "日期格式应为 年-月-日。"},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    attachment = AttachmentField()

    class Meta(DetailsForm.Meta):
        fields = ("channel", "received_on", *DetailsForm.Meta.fields)

    def clean_received_on(self) -> dt.date:
        return _not_future(self.cleaned_data["received_on"], "收到申请日期")


class TrackForm(CleanInputMixin, forms.Form):
    tracking_number = forms.CharField(label="登记编号", max_length=40)
    secret = forms.CharField(label="查询密码", max_length=64, widget=forms.PasswordInput)


class VersionForm(CleanInputMixin, forms.Form):
    """Every state-changing form carries the version of the case it was read from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DateMixin:
    @staticmethod
    def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
        return forms.DateField(
            label=label,
            required=required,
            widget=DATE_WIDGET,
            help_text=help_text,
            error_messages={"required": f"请填写{label}。", "invalid": "日期格式应为 年-月-日。"},
        )


class CorrectionForm(VersionForm):
    items = forms.CharField(
        label="需补正的全部事项",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="条例第三十条：应一次性告知需要补正的全部事项，同一申请只能告知一次。"
        "补正告知书生成后请在文书页登记送达方式并发出；补正期限自申请人收到之日起算。",
        error_messages={"required": "请写明需要补正的事项。"},
    )
    period_workdays = forms.IntegerField(
        label="补正期限（工作日）",
        required=False,
        min_value=1,
        max_value=60,
        help_text="留空使用本机关默认期限。",
    )


class SupplementForm(VersionForm):
    received_on = DateMixin.date_field("收到补正日期", help_text="答复期限自收到补正后的申请之日起重新计算。")
    attachment = AttachmentField(label="补正材料")

    def clean_received_on(self) -> dt.date:
        return _not_future(self.cleaned_data["received_on"], "收到补正日期")


class OnDateForm(VersionForm):
    on = DateMixin.date_field("日期")


class ConsultForm(VersionForm):
    kind = forms.ChoiceField(label="征求对象", choices=ConsultationKind.choices)
    party_name = forms.CharField(label="被征求意见方名称", max_length=200)
    party_address = forms.CharField(
        label="地址或联系方式",
        max_length=300,
        required=False,
        help_text="征求意见书生成后请在文书页发出；15个工作日自被征求意见方收到之日起算（条例第三十二条）。",
    )


class EndConsultationForm(VersionForm):
    answered_on = DateMixin.date_field(
        "收到意见日期",
        required=False,
        help_text="逾期未提出意见的留空：须待被征求意见方收到征求意见书之日起15个工作日届满后（条例第三十二条）。",
    )
    opinion = forms.CharField(label="意见摘要", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    objects = forms.BooleanField(label="被征求意见方不同意公开", required=False)


class ExtensionRequestForm(VersionForm):
    reason = forms.CharField(
        label="延期理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请说明延期理由。"},
    )


class ExtensionRecommendForm(VersionForm):
    opinion = forms.CharField(
        label="审核意见",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="审核人可提出建议；是否延期由政府信息公开工作机构负责人决定（条例第三十三条第二款）。",
        error_messages={"required": "请填写审核意见。"},
    )


class DecideForm(VersionForm):
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=[c for c in outcome_choices() if c[0] not in ("other_no_correction", "other_no_fee")],
        error_messages={"required": "请选择办理结果。"},
    )
    decision_text = forms.CharField(
        label="决定说明（写入答复书，可留空使用标准表述）",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    # Decision inputs (decisions.py): validated by decisions.validate here and again in services.decide.
    answer_item = forms.ChoiceField(
        label="答复依据项",
        choices=[("", "按办理结果默认"), *ANSWER_ITEMS.items()],
        required=False,
        help_text="予以公开：第三十六条第（一）项或第（二）项；本机关不掌握：第（四）项（信息不存在）或第（五）项（不属于本机关负责公开）。",
    )
    decision_reasons = forms.CharField(
        label="理由（不予公开、部分公开、不属于本机关负责公开时必填）",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    withheld_parts = forms.CharField(
        label="不予公开的内容（部分公开时必填）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    responsible_agency = forms.CharField(label="负责公开该信息的机关", max_length=200, required=False)
    responsible_contact = forms.CharField(label="该机关的联系方式", max_length=300, required=False)
    responsible_unidentified = forms.BooleanField(label="无法确定负责公开的机关", required=False)
    public_interest_reasons = forms.CharField(
        label="不公开会对公共利益造成重大影响的理由（第三方不同意公开而决定公开时必填）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome"):
            for field, message in decisions.validate(
                data["outcome"], data.get("decision_text", ""), data
            ).items():
                self.add_error(field, message)
        return data


class FeeNoticeForm(VersionForm):
    method = forms.ChoiceField(
        label="计收方式",
        choices=[(m.value, m.label) for m in FeeMethod],
        help_text="同一申请只能选择一种计收方式。",
    )
    pages = forms.IntegerField(
        label="页数（按量计收时填写）", required=False, min_value=0, max_value=1_000_000
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("method") == FeeMethod.PER_VOLUME and not data.get("pages"):
            self.add_error("pages", "按量计收需要填写页数。")
        return data


class PaymentForm(VersionForm):
    paid_on = DateMixin.date_field("缴费日期")


class WithdrawForm(VersionForm):
    note = forms.CharField(label="撤回说明", max_length=300, required=False)


class LetterSendForm(VersionForm):
    """Sending records how and when (a consequence takes effect only once its notice is sent)."""

    delivery_method = forms.ChoiceField(label="送达方式", choices=NoticeMethod.choices)
    sent_on = DateMixin.date_field("发出日期")

    def clean_sent_on(self) -> dt.date:
        return _not_future(self.cleaned_data["sent_on"], "发出日期")


class LetterSaveSendForm(LetterSendForm):
    """The desk's one step: the edited text with how and when it is sent (sending.save_and_send)."""

    title = forms.CharField(label="标题", max_length=200)
    addressee = forms.CharField(label="称谓", max_length=200)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 18}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Not given: sent today by the case's usual method (services.send_letter's defaults).
        self.fields["delivery_method"].required = False
        self.fields["sent_on"].required = False

    def clean_sent_on(self) -> dt.date | None:
        day = self.cleaned_data.get("sent_on")
        return None if day is None else _not_future(day, "发出日期")


class LetterReceiptForm(VersionForm):
    received_on = DateMixin.date_field(
        "收件人收到日期", help_text="邮寄的文书在登记前按配置的天数估算收到日期；以此起算的期限随之调整。"
    )

    def clean_received_on(self) -> dt.date:
        return _not_future(self.cleaned_data["received_on"], "收到日期")


class NewLetterForm(VersionForm):
    kind = forms.ChoiceField(label="文书类型", choices=[(k.value, k.label) for k in MANUAL_KINDS])


class LetterSettingsForm(CleanInputMixin, forms.Form):
    letterhead = forms.CharField(label="发文机关标志（版头）", max_length=100, required=False)
    number_pattern = forms.CharField(
        label="文号格式",
        max_length=100,
        help_text="例如 青教公开〔{year}〕{seq}号：{short} 机关简称，{year} 年份，{seq} 当年序号。",
    )
    seal = forms.FileField(label="印章图片（PNG，不超过512 KB）", required=False)
    remove_seal = forms.BooleanField(label="删除印章图片", required=False)
    payee = forms.CharField(label="收款单位", max_length=200, required=False)
    bank = forms.CharField(label="开户银行", max_length=200, required=False)
    account = forms.CharField(label="账号", max_length=64, required=False)
    payment_url = forms.URLField(label="网上缴费地址", required=False, assume_scheme="https")
    payment_note = forms.CharField(label="缴费说明", max_length=300, required=False)


class LetterForm(VersionForm):
    title = forms.CharField(label="标题", max_length=200)
    addressee = forms.CharField(label="称谓", max_length=200)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 16}))


#: The form of each workflow action on the case page.
ACTION_FORMS: dict[str, type[forms.Form]] = {
    "start_review": VersionForm,
    "request_correction": CorrectionForm,
    "record_supplement": SupplementForm,
    "mark_abandoned": OnDateForm,
    "consult": ConsultForm,
    "end_consultation": EndConsultationForm,
    "request_extension": ExtensionRequestForm,
    "recommend_extension": ExtensionRecommendForm,
    "approve_extension": VersionForm,
    "reject_extension": VersionForm,
    "decide": DecideForm,
    "issue_fee_notice": FeeNoticeForm,
    "record_payment": PaymentForm,
    "fee_lapsed": OnDateForm,
    "send_reply": LetterSendForm,
    "close": VersionForm,
    "withdraw": WithdrawForm,
}
