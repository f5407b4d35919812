"""Forms: the API's intake validation (the staff intake form, every channel) and the token form."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.web.applications.forms import IntakeForm
from gongkai.web.applications.models import Channel
from gongkai.web.security.forms import CleanInputMixin

from .models import Scope
from .services import acting_candidates


class ApiIntakeForm(IntakeForm):
    """The staff intake form's rules for an application received by another system (any channel)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = Channel.choices


class TokenForm(CleanInputMixin, forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="例如：省级政务服务平台对接。")
    scopes = forms.MultipleChoiceField(
        label="权限范围", choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    acting_user = forms.ModelChoiceField(
        label="代表的工作人员",
        queryset=None,  # the agency's staff, set in __init__
        help_text="令牌以该工作人员的身份办理，适用其在本机关的角色（如登记需经办人、批准发布需负责人）。",
    )

    def __init__(self, *args: Any, agency: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["acting_user"].queryset = acting_candidates(agency)
        self.fields["acting_user"].label_from_instance = lambda u: f"{u}（{u.get_username()}）"
