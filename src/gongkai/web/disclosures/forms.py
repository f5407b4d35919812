"""Forms of the register: they validate; services change state."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.web.agencies.models import Agency
from gongkai.web.security.forms import CleanInputMixin

from .models import CatalogueNode, Conclusion, Item, ReviewKind, Term, TermKind, ValidityEventKind
from .vocabularies import ARTICLE_20_ITEMS, article20_label


class ItemForm(CleanInputMixin, forms.ModelForm):  # type: ignore[type-arg]
    article20_items = forms.TypedMultipleChoiceField(
        label="对应条例第二十条事项",
        choices=[(n, f"{article20_label(n)} {text}") for n, text in ARTICLE_20_ITEMS],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Item
        fields = (
            "title", "publisher", "written_on", "doc_number", "catalogue", "topic", "genre", "disclosure_mode",
            "validity", "effective_from", "effective_to", "keywords", "body", "article20_items", "interprets",
        )  # fmt: skip
        widgets = {  # noqa: RUF012 — Django reads it once
            "written_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = CatalogueNode.objects.filter(agency=agency)
        self.fields["topic"].queryset = Term.objects.filter(kind=TermKind.TOPIC)
        self.fields["genre"].queryset = Term.objects.filter(kind=TermKind.GENRE)
        self.fields["interprets"].queryset = Item.objects.filter(agency=agency).exclude(
            pk=self.instance.pk or 0
        )
        self.fields["interprets"].help_text = "仅政策解读填写：所解读的政策文件。"
        if not self.initial.get("publisher") and not self.instance.pk:
            self.initial["publisher"] = agency.name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", "失效或废止日期不能早于施行日期。")
        return data


class ReviewForm(CleanInputMixin, forms.Form):
    kind = forms.ChoiceField(label="审查类型", choices=ReviewKind.choices)
    conclusion = forms.ChoiceField(label="结论", choices=Conclusion.choices)
    reviewed_on = forms.DateField(
        label="审查日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label="意见", max_length=500, required=False)


class PublishForm(CleanInputMixin, forms.Form):
    at = forms.DateTimeField(
        label="定时发布（留空则立即发布）",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    acknowledge_warnings = forms.BooleanField(label="已阅读自查提示，确认发布", required=False)


class ReasonForm(CleanInputMixin, forms.Form):
    reason = forms.CharField(label="说明（向公众显示）", max_length=500)


class ValidityForm(CleanInputMixin, forms.Form):
    kind = forms.ChoiceField(label="事项", choices=ValidityEventKind.choices)
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label="说明", max_length=300, required=False)


class CatalogueForm(CleanInputMixin, forms.Form):
    name = forms.CharField(label="栏目名称", max_length=100)
    parent = forms.ModelChoiceField(label="上级栏目", queryset=CatalogueNode.objects.none(), required=False)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = CatalogueNode.objects.filter(agency=agency)


class GuideForm(CleanInputMixin, forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="正文（HTML）", widget=forms.Textarea(attrs={"rows": 16}))


class AnnualReportForm(CleanInputMixin, forms.Form):
    file = forms.FileField(label="年度报告文件（PDF、Word、Excel、网页或文本）")
    year = forms.IntegerField(
        label="报告年度（留空则从报告中识别）", required=False, min_value=2008, max_value=2100
    )


class IndexPatternForm(CleanInputMixin, forms.Form):
    pattern = forms.CharField(
        label="索引号格式",
        max_length=80,
        help_text="占位符：{org} 机构代码、{cat} 栏目代码、{year} 年份、{seq} 或 {seq:05d} 流水号（须在末尾）。",
    )
    org_code = forms.CharField(
        label="机构代码（留空则取统一社会信用代码中的组织机构代码）", max_length=30, required=False
    )
