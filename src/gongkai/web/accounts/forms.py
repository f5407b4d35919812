"""Forms of the accounts app. Forms validate; they never change state (services do)."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError

from gongkai.web.security import throttle
from gongkai.web.security.client import client_address
from gongkai.web.security.forms import CleanInputMixin

from . import services
from .models import ApplicantCategory, ApplicantProfile, ApplicantType, Membership, Role


class RateLimitedAuthenticationForm(CleanInputMixin, AuthenticationForm):
    """Sign-in refused after too many failures (D15), on three counters kept in the database:
    per (user name, address), per user name and per address. The user name is counted NFKC-normalised
    and case-folded, as Django normalises it, so 'ｊｉｎｇｂａｎ' and 'JingBan' hit the counter of
    'jingban'. A refused or failed sign-in is audited (accounts.signals); success clears the user's
    counters but not the address's.
    """

    def _counters(self) -> list[tuple[throttle.Limit, str]]:
        name = throttle.normalise_username(str(self.data.get("username", "")))
        address = client_address(self.request)
        return [
            (throttle.LOGIN_PAIR, f"{name}\x1f{address}"),
            (throttle.LOGIN_USER, name),
            (throttle.LOGIN_ADDRESS, address),
        ]

    def clean(self) -> dict[str, Any]:
        counters = self._counters()
        for limit, identity in counters:
            if throttle.exceeded(limit, identity):
                # Audited once per window and counter (the first refusal), so that a client hammering
                # a refused sign-in cannot fill the append-only log.
                if throttle.hit(limit, identity) == limit.maximum + 1:
                    services.record_sign_in_failure(
                        typed=str(self.data.get("username", "")),
                        normalised=counters[1][1],
                        address=client_address(self.request),
                        refused=True,
                    )
                raise ValidationError(limit.message, code="too_many_attempts")
        try:
            cleaned = super().clean()
        except ValidationError:
            for limit, identity in counters:
                throttle.hit(limit, identity)
            raise
        for limit, identity in counters[:2]:
            throttle.reset(limit, identity)
        return cleaned


class AuditedPasswordChangeForm(CleanInputMixin, PasswordChangeForm):
    """The signed-in user changes their password: through the service, audited."""

    def save(self, commit: bool = True) -> Any:
        return services.set_password(
            self.user, self.cleaned_data["new_password1"], actor=self.user, verb="account.password_change"
        )


class AuditedSetPasswordForm(CleanInputMixin, SetPasswordForm):
    """A new password from the e-mailed reset link: through the service, audited."""

    def save(self, commit: bool = True) -> Any:
        return services.set_password(
            self.user, self.cleaned_data["new_password1"], actor=None, verb="account.password_reset"
        )


#: The administrator changing a password in the admin (set by UserAdmin for the request's duration).
ADMIN_ACTOR: ContextVar[Any] = ContextVar("gongkai_admin_actor", default=None)


class AuditedAdminPasswordChangeForm(CleanInputMixin, AdminPasswordChangeForm):
    """The system administrator sets a user's password in the admin: through the service, audited."""

    def save(self, commit: bool = True) -> Any:
        if "usable_password" in self.fields and not self.cleaned_data.get("usable_password", True):
            # Django's "disable password-based authentication" choice: an unusable password.
            return services.set_password(
                self.user, None, actor=ADMIN_ACTOR.get(), verb="account.password_disabled"
            )
        return services.set_password(
            self.user, self.cleaned_data["password1"], actor=ADMIN_ACTOR.get(), verb="account.password_set"
        )


class ThrottledAdminAuthenticationForm(RateLimitedAuthenticationForm, AdminAuthenticationForm):
    """The admin's sign-in, on the same counters as the platform's."""


class ThrottledPasswordResetForm(CleanInputMixin, PasswordResetForm):
    """The e-mail for a reset link (the view limits requests per address and per e-mail)."""


class ApplicantSignUpForm(CleanInputMixin, UserCreationForm):  # type: ignore[type-arg]
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


class ProfileForm(CleanInputMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ApplicantProfile
        fields = ("name", "phone", "address", "postcode")


class MembershipForm(CleanInputMixin, forms.Form):
    """Give a user a role in the agency (by user name)."""

    username = forms.CharField(label="用户名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=[(r.value, r.label) for r in Role if r != Role.SUPERVISOR])

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise ValidationError("没有这个用户：%(u)s。", params={"u": username}) from None


class MembershipEndForm(CleanInputMixin, forms.Form):
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
