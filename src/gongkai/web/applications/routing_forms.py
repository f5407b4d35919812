"""Forms of routing between agencies (D47): 分送 / 转办, 签收, 退回."""

from __future__ import annotations

from django import forms

from gongkai.web.agencies.models import Agency

from .forms import VersionForm


class RouteForm(VersionForm):
    """分送 or 转办: the receiving agency and the reason (the service checks the agency is allowed)."""

    to_agency = forms.ModelChoiceField(
        label="接收机关",
        queryset=Agency.objects.filter(valid_to__isnull=True).order_by("code"),
        error_messages={"required": "请选择接收机关。", "invalid_choice": "接收机关无效。"},
    )
    reason = forms.CharField(
        label="理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="为何由该机关负责办理（接收机关可退回）。",
        error_messages={"required": "请写明理由。"},
    )


class SignForm(VersionForm):
    """签收: the case becomes this agency's (the clock per GONGKAI_TRANSFER_CLOCK)."""


class ReturnForm(VersionForm):
    reason = forms.CharField(
        label="退回理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明退回理由。"},
    )
