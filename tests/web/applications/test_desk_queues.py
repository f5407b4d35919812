"""Queues (待审核, 待负责人审批) per role, shown on the home page with counts; and identity masking."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.web.applications import queues, services
from gongkai.web.applications.privacy import mask
from gongkai.web.audit.models import AuditEvent

from .helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow(personas):
    clerk = personas.users["clerk"]
    fresh = register(personas.bureau, clerk, applicant_name="甲")  # only the receipt draft: no queue
    correction = register(personas.bureau, clerk, applicant_name="乙")
    # drafted, not yet sent: it waits for review (art. 30: the period runs only once it is sent)
    correction = services.request_correction(correction, clerk, correction.version, items="请写明文件名称。")
    extension = register(personas.bureau, clerk, applicant_name="丙")
    extension = services.start_review(extension, clerk, extension.version)
    extension = services.request_extension(extension, clerk, extension.version, reason="涉及多个科室")
    other = register(personas.other, personas.users["other_agency_clerk"], applicant_name="丁")
    other = services.start_review(other, personas.users["other_agency_clerk"], other.version)
    other = services.request_extension(other, personas.users["other_agency_clerk"], other.version, reason="x")
    return {"fresh": fresh, "correction": correction, "extension": extension, "other": other}


def names(qs) -> set[str]:
    return {a.applicant_name for a in qs}


def test_review_queue_holds_the_drafted_letters(personas, flow) -> None:
    assert names(queues.cases("review", personas.users["reviewer"])) == {"乙"}  # the correction notice


def test_approval_queue_holds_the_extension_requests(personas, flow) -> None:
    assert names(queues.cases("approval", personas.users["approver"])) == {"丙"}


def test_queues_need_the_role(personas, flow) -> None:
    for persona in ("clerk", "supervisor", "agency_admin", "other_agency_clerk"):
        assert not queues.cases("approval", personas.users[persona]).filter(agency=personas.bureau).exists()
    assert names(queues.cases("review", personas.users["approver"])) == set()
    assert queues.counts(personas.users["clerk"]) == []


def test_sending_the_letter_leaves_the_review_queue(personas, flow) -> None:
    letter = flow["correction"].letters.get(kind="correction")
    services.send_letter(letter, personas.users["clerk"], flow["correction"].version)
    assert names(queues.cases("review", personas.users["reviewer"])) == set()


def test_approving_leaves_the_approval_queue(personas, flow) -> None:
    app = flow["extension"]
    services.approve_extension(app, personas.users["approver"], app.version, on=dt.date(2026, 2, 10))
    assert names(queues.cases("approval", personas.users["approver"])) == set()
    # the extension notice (条例第三十三条第二款) is now drafted: it waits for review
    assert names(queues.cases("review", personas.users["reviewer"])) == {"乙", "丙"}


def test_home_pages_show_the_counts(personas, client_for, flow) -> None:
    reviewer = client_for("reviewer").get("/").content.decode()
    assert 'data-testid="queue-review-count">1<' in reviewer and "queue-approval" not in reviewer
    approver = client_for("approver").get("/").content.decode()
    assert 'data-testid="queue-approval-count">1<' in approver
    clerk = client_for("clerk").get("/").content.decode()
    assert "我的案件" in clerk and "queue-review" not in clerk
    assert "待办" not in client_for("supervisor").get("/").content.decode()


def test_queue_pages(client_for, flow) -> None:
    page = client_for("approver").get("/applications/queue/approval/")
    assert page.status_code == 200
    assert [a.applicant_name for a in page.context["apps"]] == ["丙"]
    assert client_for("approver").get("/applications/queue/nonsense/").status_code == 404
    assert list(client_for("supervisor").get("/applications/queue/review/").context["apps"]) == []


# ---- identity numbers ------------------------------------------------------------------------------


def test_mask() -> None:
    assert mask("330102199001011234") == "3301**********1234"
    assert mask("13800000000") == "138****0000"
    assert mask("91330000MA27XXXX1X") == "9133**********XX1X"
    assert mask("12345678") == "1*****78"
    assert mask("123") == "***"
    assert mask("") == ""


ID = "110101199001011234"


@pytest.mark.parametrize(
    ("persona", "full"),
    [
        ("clerk", True),
        ("reviewer", False),
        ("approver", False),
        ("agency_admin", False),
        ("supervisor", False),
        ("sysadmin", False),
    ],
)
def test_case_page_masks_identity_per_role(personas, client_for, persona, full) -> None:
    app = register(personas.bureau, personas.users["clerk"])
    services.update_details(
        app, personas.users["clerk"], app.version, {"applicant_id_number": "110101199001015678"}
    )
    page = client_for(persona).get(f"/applications/case/{app.tracking_number}/").content.decode()
    assert ("110101199001015678" in page) is full
    assert (ID in page) is full  # the old number in the trail is masked too
    assert ("13800000000" in page) is full
    if not full:
        assert "1101**********5678" in page and "138****0000" in page


def test_reviewers_see_identity_when_configured(personas, client_for, settings) -> None:
    settings.GONGKAI_IDENTITY_FULL_ROLES = ["clerk", "reviewer"]
    app = register(personas.bureau, personas.users["clerk"])
    assert ID in client_for("reviewer").get(f"/applications/case/{app.tracking_number}/").content.decode()
    assert ID not in client_for("approver").get(f"/applications/case/{app.tracking_number}/").content.decode()


def test_showing_in_full_is_audited_and_only_for_the_office(personas, client_for) -> None:
    app = register(personas.bureau, personas.users["clerk"])
    url = f"/applications/case/{app.tracking_number}/"
    reviewer = client_for("reviewer")
    assert 'data-testid="reveal-form"' in reviewer.get(url).content.decode()
    assert ID not in reviewer.get(url).content.decode()
    assert reviewer.post(f"{url}reveal/").status_code == 302
    page = reviewer.get(url).content.decode()
    assert ID in page and "查看完整身份信息" in page and 'data-testid="reveal-form"' not in page
    assert (
        AuditEvent.objects.filter(
            verb="application.reveal_identity", actor=personas.users["reviewer"]
        ).count()
        == 1
    )
    # only this case, only this user
    other = register(personas.bureau, personas.users["clerk"], applicant_id_number="330102199002023456")
    assert (
        "330102199002023456"
        not in reviewer.get(f"/applications/case/{other.tracking_number}/").content.decode()
    )
    assert ID not in client_for("approver").get(url).content.decode()
    supervisor = client_for("supervisor")
    assert 'data-testid="reveal-form"' not in supervisor.get(url).content.decode()
    assert supervisor.post(f"{url}reveal/").status_code == 403
    assert 'data-testid="reveal-form"' not in client_for("clerk").get(url).content.decode()  # sees it already
