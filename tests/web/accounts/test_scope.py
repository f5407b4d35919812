"""Isolation, in one place: who sees and who may change which agency's data."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from gongkai.web.accounts import scope
from gongkai.web.accounts.models import Membership, Role
from gongkai.web.audit.models import AuditEvent

from ..conftest import Personas
from ..factories import make_staff

pytestmark = pytest.mark.django_db


def _codes(qs) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.code for a in qs}


def test_visible_agencies_per_persona(personas: Personas) -> None:
    u = personas.users
    assert _codes(scope.visible_agencies(u["clerk"])) == {"xc-education"}
    assert _codes(scope.visible_agencies(u["supervisor"])) == {"xc-county", "xc-education", "xc-qiaotou"}
    assert _codes(scope.visible_agencies(u["other_agency_clerk"])) == {"hs-county"}
    assert _codes(scope.visible_agencies(u["applicant"])) == set()
    assert _codes(scope.visible_agencies(None)) == set()
    assert _codes(scope.visible_agencies(u["sysadmin"])) == {
        "xc-county",
        "xc-education",
        "xc-qiaotou",
        "hs-county",
    }


def test_supervisors_and_sysadmins_never_write(personas: Personas) -> None:
    u = personas.users
    assert _codes(scope.writable_agencies(u["clerk"])) == {"xc-education"}
    assert _codes(scope.writable_agencies(u["supervisor"])) == set()
    assert _codes(scope.writable_agencies(u["supervisor"], [Role.SUPERVISOR])) == set()
    assert _codes(scope.writable_agencies(u["sysadmin"])) == set()
    assert _codes(scope.writable_agencies(u["clerk"], [Role.APPROVER])) == set()


def test_require(personas: Personas) -> None:
    u, bureau = personas.users, personas.bureau
    scope.require(u["clerk"], bureau, [Role.CLERK])
    scope.require(u["supervisor"], bureau, scope.READ_ROLES)
    scope.require(u["sysadmin"], bureau, scope.READ_ROLES)
    for user, roles in [
        (u["clerk"], [Role.APPROVER]),
        (u["supervisor"], scope.WRITE_ROLES),
        (u["sysadmin"], scope.WRITE_ROLES),
        (u["other_agency_clerk"], [Role.CLERK]),
        (u["applicant"], scope.READ_ROLES),
        (None, scope.READ_ROLES),
    ]:
        with pytest.raises(PermissionDenied):
            scope.require(user, bureau, roles)


def test_supervision_reaches_down_not_up_or_across(personas: Personas) -> None:
    bureau_supervisor = make_staff(personas.bureau, Role.SUPERVISOR)
    assert scope.can_read(bureau_supervisor, personas.bureau)
    assert not scope.can_read(bureau_supervisor, personas.county)
    assert not scope.can_read(bureau_supervisor, personas.township)


def test_inactive_memberships_and_users_give_nothing(personas: Personas) -> None:
    clerk = personas.users["clerk"]
    assert clerk is not None
    Membership.objects.filter(user=clerk).update(is_active=False)
    assert _codes(scope.visible_agencies(clerk)) == set()
    approver = personas.users["approver"]
    assert approver is not None
    approver.is_active = False
    approver.save()
    assert not scope.has_role(approver, personas.bureau, [Role.APPROVER])


def test_scoped_queryset_filters_by_the_model_scope_field(personas: Personas) -> None:
    u = personas.users
    bureau_members = set(Membership.objects.filter(agency=personas.bureau))
    assert set(Membership.objects.visible_to(u["clerk"])) == bureau_members
    assert set(Membership.objects.visible_to(u["supervisor"])) == set(
        Membership.objects.filter(agency__in=[personas.county, personas.bureau, personas.township])
    )
    assert not Membership.objects.visible_to(u["other_agency_clerk"]).filter(agency=personas.bureau).exists()
    assert set(Membership.objects.writable_by(u["agency_admin"], [Role.AGENCY_ADMIN])) == bureau_members
    assert not Membership.objects.writable_by(u["supervisor"]).exists()
    assert Membership.objects.visible_to(u["sysadmin"]).count() == Membership.objects.count()
    assert not AuditEvent.objects.visible_to(None).exists()


def test_agency_role_required_decorator(personas: Personas) -> None:
    from django.http import HttpResponse

    @scope.agency_role_required(Role.CLERK)
    def view(request, agency):  # type: ignore[no-untyped-def]
        return HttpResponse(agency.code)

    rf = RequestFactory()

    def call(user):  # type: ignore[no-untyped-def]
        from django.contrib.auth.models import AnonymousUser

        request = rf.get("/x/")
        request.user = user or AnonymousUser()
        return view(request, agency=personas.bureau.code)

    assert call(personas.users["clerk"]).content == b"xc-education"
    assert call(None).status_code == 302
    for name in ("reviewer", "supervisor", "other_agency_clerk", "sysadmin", "applicant"):
        with pytest.raises(PermissionDenied):
            call(personas.users[name])
