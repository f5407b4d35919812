"""The home page per role, the public agency directory, and an agency's staff page."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.web.accounts.models import Membership, Role
from gongkai.web.agencies.models import AgencySuccession, SuccessionKind
from gongkai.web.audit.models import AuditEvent

from ..conftest import Personas
from ..factories import make_agency

pytestmark = pytest.mark.django_db


def _home(client_for, persona: str) -> str:  # type: ignore[no-untyped-def]
    response = client_for(persona).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_is_chinese(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    html = _home(client_for, "anonymous")
    assert '<html lang="zh-Hans">' in html
    assert "登录" in html and "Sign in" not in html


def test_home_per_role(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    assert 'data-testid="applicant-panel"' in _home(client_for, "applicant")
    clerk = _home(client_for, "clerk")
    assert 'data-testid="staff-panel"' in clerk and "新城县教育局" in clerk and "经办人" in clerk
    assert 'data-testid="supervisor-panel"' not in clerk
    supervisor = _home(client_for, "supervisor")
    assert 'data-testid="supervisor-panel"' in supervisor
    assert "新城县教育局" in supervisor and "新城县桥头镇人民政府" in supervisor
    assert "河山县" not in supervisor
    assert 'data-testid="sysadmin-panel"' in _home(client_for, "sysadmin")
    assert "新城县" not in _home(client_for, "other_agency_clerk")


def test_directory_lists_current_agencies_and_shows_history(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    old = make_agency("xc-tourism", name="新城县旅游局", parent=personas.county, valid_to=dt.date(2019, 3, 1))
    AgencySuccession.objects.create(
        predecessor=old, successor=personas.bureau, kind=SuccessionKind.MERGED, date=dt.date(2019, 3, 1)
    )
    listing = client_for("anonymous").get("/agencies/").content.decode()
    assert "新城县教育局" in listing and "新城县旅游局" not in listing
    detail = client_for("anonymous").get("/agencies/xc-education/").content.decode()
    assert "新城县旅游局" in detail and "合并" in detail
    assert client_for("anonymous").get("/agencies/xc-tourism/").status_code == 200


def test_agency_admin_grants_and_ends_roles_with_audit(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    admin = client_for("agency_admin")
    response = admin.post(
        "/agencies/xc-education/staff/grant/", {"username": "applicant", "role": Role.CLERK}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="applicant", agency=personas.bureau, role=Role.CLERK)
    assert AuditEvent.objects.filter(verb="membership.grant", object_id=str(membership.pk)).exists()
    admin.post("/agencies/xc-education/staff/end/", {"membership": membership.pk})
    membership.refresh_from_db()
    assert not membership.is_active
    event = AuditEvent.objects.get(verb="membership.end")
    assert event.agency == personas.bureau
    assert event.changes() == [("is_active", True, False)]


def test_agency_admin_cannot_grant_supervision_or_touch_other_agencies(
    personas: Personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    admin = client_for("agency_admin")
    admin.post("/agencies/xc-education/staff/grant/", {"username": "applicant", "role": Role.SUPERVISOR})
    assert not Membership.objects.filter(user__username="applicant").exists()
    other = Membership.objects.get(agency=personas.other)
    assert admin.post("/agencies/hs-county/staff/end/", {"membership": other.pk}).status_code == 403
    assert admin.post("/agencies/xc-education/staff/end/", {"membership": other.pk}).status_code == 302
    other.refresh_from_db()
    assert other.is_active


def test_staff_page_for_supervisors_is_read_only(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for("supervisor").get("/agencies/xc-education/staff/").content.decode()
    assert "李经办" in html
    assert "membership_end" not in html and "/staff/grant/" not in html


def test_agency_admin_edits_the_disclosure_office_with_audit(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("agency_admin").post(
        "/agencies/xc-education/edit/",
        {
            "office_address": "新城县人民路1号",
            "office_phone": "0999-1234567",
            "office_email": "gk@example.org",
        },
    )
    assert response.status_code == 302
    personas.bureau.refresh_from_db()
    assert personas.bureau.office_address == "新城县人民路1号"
    event = AuditEvent.objects.get(verb="agency.update")
    assert ("office_phone", "", "0999-1234567") in event.changes()
    assert "新城县人民路1号" in client_for("anonymous").get("/agencies/xc-education/").content.decode()
    bad = client_for("agency_admin").post("/agencies/xc-education/edit/", {"office_postcode": "12"})
    assert "邮政编码应为 6 位数字" in bad.content.decode()


def test_the_staff_link_is_shown_only_to_those_who_may_open_it(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    for persona, shown in [
        ("clerk", False),
        ("agency_admin", True),
        ("supervisor", True),
        ("anonymous", False),
    ]:
        html = client_for(persona).get("/agencies/xc-education/").content.decode()
        assert ("/agencies/xc-education/staff/" in html) is shown, persona
