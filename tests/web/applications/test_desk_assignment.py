"""Assignment (承办人) and internal notes (内部备注): who may, who may not, and the audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.web.accounts.models import Role
from gongkai.web.applications import assignment, notes, services
from gongkai.web.applications.models import Note
from gongkai.web.audit.models import AuditEvent

from .. import factories
from .helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas):
    return register(personas.bureau, personas.users["clerk"])


def test_clerk_assigns_to_a_clerk_of_the_agency_audited(personas, case) -> None:
    clerk = personas.users["clerk"]
    second = factories.make_staff(personas.bureau, Role.CLERK, "clerk2", display_name="吴经办")
    version = case.version
    app = assignment.assign(case, clerk, second)
    assert app.assignee == second and app.version == version  # orthogonal to the workflow
    event = AuditEvent.objects.filter(verb="application.assign").get()
    assert event.actor == clerk and event.after == {"assignee": "吴经办（clerk2）"}
    assert event.before == {"assignee": ""}


def test_reviewer_and_approver_reassign(personas, case) -> None:
    clerk = personas.users["clerk"]
    assignment.assign(case, personas.users["reviewer"], clerk)
    assert assignment.assign(case, personas.users["approver"], None).assignee is None


def test_other_agency_clerk_cannot_be_assigned(personas, case) -> None:
    with pytest.raises(services.ServiceError, match="只能指派本机关的经办人"):
        assignment.assign(case, personas.users["clerk"], personas.users["other_agency_clerk"])
    with pytest.raises(services.ServiceError):  # a reviewer is not a clerk
        assignment.assign(case, personas.users["clerk"], personas.users["reviewer"])
    assert not AuditEvent.objects.filter(verb="application.assign").exists()


@pytest.mark.parametrize("persona", ["other_agency_clerk", "supervisor", "agency_admin", "applicant"])
def test_only_the_office_assigns(personas, case, persona) -> None:
    with pytest.raises(PermissionDenied):
        assignment.assign(case, personas.users[persona], personas.users["clerk"])


def test_assign_view(personas, client_for, case) -> None:
    clerk = personas.users["clerk"]
    response = client_for("clerk").post(
        f"/applications/case/{case.tracking_number}/assign/", {"assignee": "me"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == clerk
    page = client_for("reviewer").get(f"/applications/case/{case.tracking_number}/").content.decode()
    assert "李经办" in page and "指派承办人" in page  # panel and trail
    bad = client_for("clerk").post(
        f"/applications/case/{case.tracking_number}/assign/",
        {"assignee": personas.users["other_agency_clerk"].pk},
    )
    assert bad.status_code == 302
    case.refresh_from_db()
    assert case.assignee == clerk
    assert (
        client_for("other_agency_clerk")
        .post(f"/applications/case/{case.tracking_number}/assign/", {"assignee": "me"})
        .status_code
        == 403
    )
    assert (
        client_for("clerk")
        .post(f"/applications/case/{case.tracking_number}/assign/", {"assignee": "x"})
        .status_code
        == 302
    )


def test_notes_are_audited_and_read_by_staff_and_supervisors(personas, client_for, case) -> None:
    note = notes.add_note(case, personas.users["clerk"], "  申请人来电，称材料已寄出。 ")
    assert note.text == "申请人来电，称材料已寄出。"
    assert AuditEvent.objects.filter(verb="application.note", after={"note": note.text}).exists()
    for persona in ("clerk", "reviewer", "approver", "agency_admin", "supervisor"):
        page = client_for(persona).get(f"/applications/case/{case.tracking_number}/").content.decode()
        assert note.text in page, persona
    supervisor_page = (
        client_for("supervisor").get(f"/applications/case/{case.tracking_number}/").content.decode()
    )
    assert 'data-testid="note-form"' not in supervisor_page  # read-only
    assert notes.notes_for(case, personas.users["other_agency_clerk"]) == []


def test_notes_are_never_shown_to_the_applicant(personas, client_for) -> None:
    applicant = personas.users["applicant"]
    app, _ = services.register(
        agency=personas.bureau,
        actor=applicant,
        channel="online",
        received_on=services.today(),
        data={"applicant_type": "natural_person", "applicant_category": "np", "applicant_name": "张三",
              "description": "某文件"},
        applicant_user=applicant,
        online=True,
    )  # fmt: skip
    notes.add_note(app, personas.users["clerk"], "内部：此人多次重复申请")
    page = client_for("applicant").get(f"/apply/mine/{app.tracking_number}/")
    assert page.status_code == 200 and "多次重复申请" not in page.content.decode()
    assert client_for("applicant").get(f"/applications/case/{app.tracking_number}/").status_code == 403


def test_who_may_write_notes(personas, client_for, case) -> None:
    url = f"/applications/case/{case.tracking_number}/note/"
    assert client_for("supervisor").post(url, {"text": "x"}).status_code == 403
    assert client_for("other_agency_clerk").post(url, {"text": "x"}).status_code == 403
    assert client_for("reviewer").post(url, {"text": "审核意见：同意。"}).status_code == 302
    assert client_for("clerk").post(url, {"text": "   "}).status_code == 302  # refused with a message
    assert list(Note.objects.values_list("text", flat=True)) == ["审核意见：同意。"]
    with pytest.raises(services.ServiceError, match="不能超过"):
        notes.add_note(case, personas.users["clerk"], "长" * 2001)
