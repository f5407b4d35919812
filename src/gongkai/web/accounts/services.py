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
