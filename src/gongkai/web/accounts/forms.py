"""Forms of the accounts app. Forms validate; they never change state (services do)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from .models import ApplicantCategory, ApplicantProfile, ApplicantType, Membership, Role

#: Failures are counted per (username, client address) for this many seconds.
LOGIN_WINDOW_SECONDS = 15 * 60


def _client_address(request: HttpRequest | None) -> str:
    if request is None:
        return "-"
    return str(request.META.get("REMOTE_ADDR", "-"))


class RateLimitedAuthenticationForm(AuthenticationForm):
    """Sign-in that refuses after ``GONGKAI_LOGIN_MAX_FAILURES`` failures in 15 minutes.

    The counter lives in the cache (per process with the default local-memory cache), keyed by the
    user name and the client address; it slows guessing without locking the account for others.
    """

    def _key(self) -> str:
        username = str(self.data.get("username", "")).strip().lower()
        return f"gongkai:login-failures:{username}:{_client_address(self.request)}"

    def clean(self) -> dict[str, Any]:
        key = self._key()
        if cache.get(key, 0) >= settings.GONGKAI_LOGIN_MAX_FAILURES:
            raise ValidationError("登录失败次数过多，请 15 分钟后再试。", code="too_many_attempts")
        try:
            cleaned = super().clean()
        except ValidationError:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, LOGIN_WINDOW_SECONDS)
            raise
        cache.delete(key)
        return cleaned


class ApplicantSignUpForm(UserCreationForm):  # type: ignore[type-arg]
    """A public account for an applicant (条例 art. 27: citizens, legal persons, other organisations)."""

    email = forms.EmailField(label="电子邮箱", required=True, help_text="用于找回密码和接收办理通知。")
    display_name = forms.CharField(label="姓名或名称", max_length=100)
    phone = forms.CharField(label="联系电话", max_length=50, required=False)
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    category = forms.ChoiceField(
        label="统计类别",
        choices=ApplicantCategory.choices,
        help_text="自然人选“自然人”；法人或其他组织选择所属类别。",
    )
    id_number = forms.CharField(label="证件号码或统一社会信用代码", max_length=50, required=False)
    address = forms.CharField(label="通信地址", max_length=300, required=False)

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined,misc]
        model = get_user_model()
        fields = ("username", "email", "display_name", "phone")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        kind, category = cleaned.get("applicant_type"), cleaned.get("category")
        if kind == ApplicantType.NATURAL_PERSON and category and category != "np":
            self.add_error("category", "自然人的统计类别应为“自然人”。")
        if kind == ApplicantType.ORGANISATION and category == "np":
            self.add_error(
                "category", "法人或其他组织请选择商业企业、科研机构、社会公益组织、法律服务机构或其他。"
            )
        return cleaned

    def profile_values(self) -> dict[str, Any]:
        """The :class:`ApplicantProfile` fields from the cleaned data."""
        data = self.cleaned_data
        is_org = data["applicant_type"] == ApplicantType.ORGANISATION
        return {
            "applicant_type": data["applicant_type"],
            "category": data["category"],
            "name": data["display_name"],
            "id_number": "" if is_org else data.get("id_number", ""),
            "credit_code": data.get("id_number", "") if is_org else "",
            "phone": data.get("phone", ""),
            "address": data.get("address", ""),
        }

    def clean_id_number(self) -> str:
        value = str(self.cleaned_data.get("id_number", "")).strip().upper()
        return value


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ApplicantProfile
        fields = ("name", "phone", "address", "postcode")


class MembershipForm(forms.Form):
    """Give a user a role in the agency (by user name)."""

    username = forms.CharField(label="用户名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=[(r.value, r.label) for r in Role if r != Role.SUPERVISOR])

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise ValidationError("没有这个用户：%(u)s。", params={"u": username}) from None


class MembershipEndForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, agency: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_membership(self) -> Membership:
        try:
            return Membership.objects.get(
                pk=self.cleaned_data["membership"], agency=self.agency, is_active=True
            )
        except Membership.DoesNotExist:
            raise ValidationError("该角色分配不存在或已失效。") from None
