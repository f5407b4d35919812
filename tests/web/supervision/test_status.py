"""Report status across the subtree: published on time, late, missing — against 条例第四十九条."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.web.accounts.models import Membership, Role
from gongkai.web.agencies.models import Kind
from gongkai.web.supervision.deadlines import due_date
from gongkai.web.supervision.models import Origin, ReportVersion, UnitReport
from gongkai.web.supervision.records import record_publication
from gongkai.web.supervision.status import LATE, MISSING, PUBLISHED, Publication, subtree_status

from .. import factories
from .helpers import publish

pytestmark = pytest.mark.django_db


def test_article_49_department_due_31_january() -> None:
    # 条例第四十九条: 部门 publish last year's report by 1月31日
    assert due_date(Kind.DEPARTMENT, 2025) == dt.date(2026, 1, 31)


def test_article_49_government_due_31_march() -> None:
    # 条例第四十九条: the 本级政府 report by 3月31日
    assert due_date(Kind.GOVERNMENT, 2025) == dt.date(2026, 3, 31)


def test_townships_take_the_configured_date(settings) -> None:  # type: ignore[no-untyped-def]
    # not named in art. 49 [M]: a local notice decides, a setting carries it
    assert due_date(Kind.TOWNSHIP, 2025) == dt.date(2026, 3, 31)
    settings.GONGKAI_REPORT_DUE_OTHER = "02-20"
    assert due_date(Kind.TOWNSHIP, 2025) == dt.date(2026, 2, 20)


def _status(personas, today=dt.date(2026, 6, 1)):  # type: ignore[no-untyped-def]
    return {s.code: s for s in subtree_status(personas.county, 2025, today)}


def test_on_time_is_published_and_a_day_late_is_late(personas) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 3, 1, on=dt.date(2026, 1, 31))  # lawful: on the last day
    publish(personas.township, 2025, 1, 0, on=dt.date(2026, 4, 1))  # refused: a day after 3月31日
    statuses = _status(personas)
    assert statuses[personas.bureau.code].status == PUBLISHED
    assert statuses[personas.township.code].status == LATE
    assert statuses[personas.township.code].days_late == 1
    assert statuses[personas.county.code].status == MISSING
    assert statuses[personas.county.code].overdue
    assert personas.other.code not in statuses  # another county is not in the subtree


def test_missing_before_the_due_date_is_not_overdue(personas) -> None:  # type: ignore[no-untyped-def]
    status = _status(personas, today=dt.date(2026, 1, 15))[personas.bureau.code]
    assert status.status == MISSING and not status.overdue and status.status_label == "未公布（未到期）"


def test_changed_after_publication_keeps_the_first_date_and_hash(personas) -> None:  # type: ignore[no-untyped-def]
    first = publish(personas.bureau, 2025, 3, 1, on=dt.date(2026, 1, 20))
    assert not first.changed_after_publication
    second = publish(personas.bureau, 2025, 4, 1, on=None)  # type: ignore[arg-type]
    assert second.published_on == dt.date(2026, 1, 20)
    assert second.changed_after_publication
    assert ReportVersion.objects.filter(unit_report=second).count() == 2
    assert _status(personas)[personas.bureau.code].publication.changed  # type: ignore[union-attr]


def test_error_and_warning_counts_and_origin(personas) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10), error=True, origin=Origin.IMPORTED)
    pub = _status(personas)[personas.bureau.code].publication
    assert pub is not None and pub.errors >= 1 and pub.origin == Origin.IMPORTED


def test_a_second_source_is_one_function(personas) -> None:  # type: ignore[no-untyped-def]
    def generated(ids: list[int], year: int) -> dict[int, Publication]:
        return {personas.county.pk: Publication(dt.date(2026, 3, 1), Origin.GENERATED, 0, 0, False)}

    statuses = {
        s.code: s for s in subtree_status(personas.county, 2025, dt.date(2026, 6, 1), sources=[generated])
    }
    assert statuses[personas.county.code].status == PUBLISHED
    assert statuses[personas.county.code].origin_label == "系统生成"


def test_status_page_filters_sorting_and_exports(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 3, 1, on=dt.date(2026, 2, 3))
    client = client_for("supervisor")
    url = f"/supervision/{personas.county.code}/2025/"
    html = client.get(url).content.decode()
    assert "逾期公布" in html and personas.bureau.name in html and personas.township.name in html
    late = client.get(url, {"status": "late"}).content.decode()
    assert personas.bureau.name in late and personas.township.name not in late
    csv = client.get(url, {"export": "csv"})
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("机关代码,机关名称,机关类型,公布期限,状态")
    assert "逾期公布" in text
    xlsx = client.get(url, {"export": "xlsx", "sort": "-errors"})
    assert xlsx.content.startswith(b"PK")
    assert client.get(url, {"page": "x", "sort": "nonsense"}).status_code == 200


def test_supervisor_sees_only_its_subtree(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("supervisor")
    assert client.get(f"/supervision/{personas.other.code}/2025/").status_code == 403
    assert (
        client.get(f"/supervision/{personas.county.code}/2025/units/{personas.other.code}/").status_code
        == 404
    )
    # the bureau's own staff are not supervisors of the county
    assert client_for("agency_admin").get(f"/supervision/{personas.county.code}/2025/").status_code == 403


def test_a_supervisor_of_the_bureau_only_sees_the_bureau(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    user = factories.make_staff(personas.bureau, Role.SUPERVISOR, "bureau_supervisor")
    assert Membership.objects.filter(user=user).count() == 1
    client = client_for("anonymous")
    client.force_login(user)
    assert client.get(f"/supervision/{personas.county.code}/2025/").status_code == 403
    assert client.get(f"/supervision/{personas.bureau.code}/2025/").status_code == 200


def test_unit_page_shows_the_report_with_findings(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10), error=True)
    html = (
        client_for("supervisor")
        .get(f"/supervision/{personas.county.code}/2025/units/{personas.bureau.code}/")
        .content.decode()
    )
    assert "T3-ROW-TOTAL" in html and "finding-error" in html
    missing = client_for("supervisor").get(
        f"/supervision/{personas.county.code}/2025/units/{personas.township.code}/"
    )
    assert "尚未公布" in missing.content.decode()


def test_supervisor_reading_writes_nothing(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    publish(personas.bureau, 2025, 3, 1, on=dt.date(2026, 1, 10))
    before = (UnitReport.objects.count(), ReportVersion.objects.count())
    client = client_for("supervisor")
    for path in ("", "consolidated/", f"units/{personas.bureau.code}/"):
        assert client.get(f"/supervision/{personas.county.code}/2025/{path}").status_code == 200
    assert (UnitReport.objects.count(), ReportVersion.objects.count()) == before


def test_record_publication_is_idempotent(personas) -> None:  # type: ignore[no-untyped-def]
    unit = publish(personas.bureau, 2025, 3, 1, on=dt.date(2026, 1, 10))
    again = record_publication(unit.annual_report)
    assert again.pk == unit.pk and ReportVersion.objects.filter(unit_report=unit).count() == 1
