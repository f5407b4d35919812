"""The 复议/诉讼 register: recording, deciding, checking — lawful and refused, audited, isolated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.web.appeals import services
from gongkai.web.appeals.mapping import CaseKind, Result
from gongkai.web.audit.models import AuditEvent

from ..applications.helpers import register
from .helpers import make_case

pytestmark = pytest.mark.django_db


def test_clerk_records_a_review_linked_to_an_application(personas) -> None:
    """条例第五十一条: the applicant may apply for 行政复议 or sue; the agency records the case."""
    app = register(personas.bureau, personas.users["clerk"], received=dt.date(2025, 2, 3))
    case = make_case(personas, applications=(app,))
    assert list(case.applications.all()) == [app]
    assert list(app.appeal_cases.all()) == [case]
    assert case.is_pending and case.column == "pending"
    event = AuditEvent.objects.get(verb="appeal.record")
    assert event.after["applications"] == [app.pk] and event.agency == personas.bureau


def test_decision_then_check_are_audited_and_a_new_decision_needs_a_new_check(personas) -> None:
    case = make_case(personas, decided=dt.date(2025, 5, 5), result=Result.REVOKED)
    assert case.column == "correct"
    case = services.check_case(personas.users["reviewer"], case)
    assert case.checked_by == personas.users["reviewer"]
    case = services.record_decision(
        personas.users["clerk"], case, result=Result.MAINTAINED, decided_on=dt.date(2025, 6, 1)
    )
    assert case.checked_by is None and case.column == "maintain"
    verbs = list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))
    assert verbs == ["appeal.record", "appeal.decide", "appeal.check", "appeal.decide"]


def test_decided_before_filed_is_refused(personas) -> None:
    case = make_case(personas, filed=dt.date(2025, 3, 3))
    with pytest.raises(ValidationError, match="审结日期不能早于"):
        services.record_decision(
            personas.users["clerk"], case, result=Result.MAINTAINED, decided_on=dt.date(2025, 3, 2)
        )


def test_unknown_kind_and_result_are_refused(personas) -> None:
    with pytest.raises(ValidationError):
        services.record_case(
            personas.users["clerk"], personas.bureau, kind="appeal", applicant_name="甲", body="乙",
            filed_on=dt.date(2025, 1, 2),
        )  # fmt: skip
    case = make_case(personas)
    with pytest.raises(ValidationError):
        services.record_decision(personas.users["clerk"], case, result="won", decided_on=dt.date(2025, 6, 1))


def test_an_application_of_another_agency_cannot_be_linked(personas) -> None:
    other_clerk = personas.users["other_agency_clerk"]
    foreign = register(personas.other, other_clerk, received=dt.date(2025, 2, 3))
    with pytest.raises(ValidationError, match="只能关联本机关"):
        make_case(personas, applications=(foreign,))


@pytest.mark.parametrize("persona", ["supervisor", "other_agency_clerk", "applicant"])
def test_who_may_not_record(personas, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        services.record_case(
            personas.users[persona], personas.bureau, kind=CaseKind.REVIEW, applicant_name="甲", body="乙",
            filed_on=dt.date(2025, 1, 2),
        )  # fmt: skip


def test_a_clerk_may_not_check(personas) -> None:
    case = make_case(personas)
    with pytest.raises(PermissionDenied):
        services.check_case(personas.users["clerk"], case)


def test_application_page_shows_its_remedies(personas, client_for) -> None:
    app = register(personas.bureau, personas.users["clerk"], received=dt.date(2025, 2, 3))
    make_case(personas, applications=(app,), decided=dt.date(2025, 5, 5), result=Result.CONFIRMED_ILLEGAL)
    page = client_for("clerk").get(f"/applications/case/{app.tracking_number}/").content.decode()
    assert 'data-testid="remedies"' in page and "确认违法" in page


def test_case_pages(personas, client_for) -> None:
    client = client_for("clerk")
    response = client.post(
        f"/appeals/new/{personas.bureau.code}/",
        {"kind": "direct", "applicant_name": "某公司", "body": "新城县人民法院", "filed_on": "2025-04-01",
         "applications": "NO-SUCH"},
    )  # fmt: skip
    assert response.status_code == 200 and "不属于本机关" in response.content.decode()
    response = client.post(
        f"/appeals/new/{personas.bureau.code}/",
        {"kind": "direct", "applicant_name": "某公司", "body": "新城县人民法院", "filed_on": "2025-04-01"},
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "尚未审结" in detail
    response = client.post(
        response["Location"] + "decide/", {"result": "dismissed", "decided_on": "2025-03-01"}
    )
    assert "审结日期不能早于" in client.get(response["Location"]).content.decode()
