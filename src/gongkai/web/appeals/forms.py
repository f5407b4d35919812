"""Forms validate; services change (appeals)."""

from __future__ import annotations

from django import forms

from gongkai.web.security.forms import CleanInputMixin

from .mapping import CaseKind, Result


class CaseForm(CleanInputMixin, forms.Form):
    kind = forms.ChoiceField(label="类型", choices=CaseKind.choices)
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    applicant_name = forms.CharField(label="申请人（原告）", max_length=200)
    body = forms.CharField(label="复议机关或法院", max_length=200)
    filed_on = forms.DateField(label="申请复议或起诉日期", widget=forms.DateInput(attrs={"type": "date"}))
    received_on = forms.DateField(
        label="本机关收到通知日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    applications = forms.CharField(
        label="涉及的申请（登记编号，多个用空格分隔）", max_length=500, required=False
    )
    summary = forms.CharField(label="案情摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(CleanInputMixin, forms.Form):
    result = forms.ChoiceField(label="结果", choices=Result.choices)
    decided_on = forms.DateField(label="审结日期", widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label="结果摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}))
