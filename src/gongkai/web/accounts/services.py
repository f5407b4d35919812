"""The only code that changes users, profiles and memberships; every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.web import audit
from gongkai.web.agencies.models import Agency

from . import scope
from .models import ApplicantProfile, Membership, Role


def register_applicant(
    *, username: str, password: str, email: str, display_name: str, phone: str, profile: dict[str, Any]
) -> Any:
    """Create a public applicant account with its profile."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username, password=password, email=email, display_name=display_name, phone=phone
        )
        ApplicantProfile.objects.create(user=user, **profile)
        audit.record(user, "account.register", user, after={"username": username, **profile})
    return user


def grant_role(actor: Any, agency: Agency, user: Any, role: str) -> Membership:
    """Give ``user`` ``role`` in ``agency``; the actor must be the agency's administrator.

    The supervisor role is granted by system administrators only (in the admin), since it opens a
    whole subtree.
    """
    scope.require(actor, agency, [Role.AGENCY_ADMIN])
    if role == Role.SUPERVISOR:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("监督人员角色只能由系统管理员分配。")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
        before = None if created else audit.snapshot(membership)
        if not membership.is_active:
            Membership.objects.filter(pk=membership.pk).update(is_active=True)
            membership.is_active = True
        audit.record(actor, "membership.grant", membership, before=before, after=audit.snapshot(membership))
    return membership


def end_role(actor: Any, membership: Membership) -> None:
    """Deactivate a membership (kept for history: past records name who held the role)."""
    scope.require(actor, membership.agency, [Role.AGENCY_ADMIN])
    with transaction.atomic():
        before = audit.snapshot(membership)
        Membership.objects.filter(pk=membership.pk).update(is_active=False)
        membership.is_active = False
        audit.record(actor, "membership.end", membership, before=before, after=audit.snapshot(membership))


def update_profile(actor: Any, profile: ApplicantProfile, values: dict[str, Any]) -> ApplicantProfile:
    """An applicant corrects their own profile (name, contacts); audited with before and after."""
    if getattr(actor, "pk", None) != profile.user_id:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("只能修改本人的申请人信息。")
    with transaction.atomic():
        locked = ApplicantProfile.objects.select_for_update().get(pk=profile.pk)
        before = audit.snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        audit.record(actor, "profile.update", locked, before=before, after=audit.snapshot(locked))
    return locked


def set_password(user: Any, raw_password: str | None, *, actor: Any, verb: str, note: str = "") -> Any:
    """Set ``user``'s password (change by the user, reset by e-mail link, or by the administrator).

    ``None`` makes the password unusable. The event names who and how; it never holds the password
    or its hash.
    """
    with transaction.atomic():
        user.set_password(raw_password)
        user.save(update_fields=["password"])
        audit.record(actor, verb, user, note=note)
    return user


def record_sign_in(user: Any, *, address: str) -> None:
    """A successful sign-in (``user_logged_in``)."""
    with transaction.atomic():
        audit.record(user, "account.login", user, after={"address": address})


def record_sign_in_failure(*, typed: str, normalised: str, address: str, refused: bool = False) -> None:
    """A failed (or, ``refused``, rate-limited) sign-in: the user name as typed and normalised, and the
    address — never the password. Filed under the account when the name is one."""
    from gongkai.web.security.text import clean_text

    typed, normalised = clean_text(typed)[:150], clean_text(normalised)[:150]
    model = get_user_model()
    user = model.objects.filter(username=model.normalize_username(typed.strip())).first()
    details = {"username_typed": typed, "username_normalised": normalised, "address": address}
    with transaction.atomic():
        audit.record(
            None,
            "account.login_refused" if refused else "account.login_failed",
            user,
            after=details,
            note="登录失败次数过多，未验证密码" if refused else "",
        )
