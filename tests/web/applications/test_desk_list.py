"""The desk's case list: search, filters, sorting, pages, XLSX export, and its query count."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gongkai.web.applications import assignment, queries, services
from gongkai.web.applications.export import safe
from gongkai.web.applications.models import Application

from .helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(personas):
    clerk = personas.users["clerk"]
    a = register(personas.bureau, clerk, dt.date(2026, 1, 20), applicant_name="张三", description="招生计划")
    b = register(
        personas.bureau,
        clerk,
        dt.date(2026, 2, 2),
        applicant_name="李四",
        description="校舍维修经费",
        channel="email",
    )
    c = register(
        personas.bureau, clerk, dt.date(2026, 3, 2), applicant_name="王五", description="教师招聘公告"
    )
    c = services.start_review(c, clerk, c.version)
    c = services.decide(c, clerk, c.version, outcome="granted")
    other = register(personas.other, personas.users["other_agency_clerk"], applicant_name="赵六")
    return {"a": a, "b": b, "c": c, "other": other}


def numbers(response) -> list[str]:
    return [app.tracking_number for app in response.context["apps"]]


def test_the_list_shows_only_the_users_agencies_newest_first(client_for, cases) -> None:
    response = client_for("clerk").get("/applications/")
    assert response.status_code == 200
    assert numbers(response) == [cases[k].tracking_number for k in ("c", "b", "a")]
    assert cases["other"].tracking_number not in response.content.decode()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("李四", ["b"]),
        ("维修", ["b"]),
        ("xceduc-2026-0001", ["a"]),  # case-insensitive
        ("ＸＣＥＤＵＣ－２０２６－０００２", ["b"]),  # full-width, as typed with a Chinese IME
        (" xceduc - 2026 - 0003 ", ["c"]),  # spaces
        ("不存在", []),
    ],
)
def test_search_by_tracking_number_applicant_and_content(client_for, cases, q, expected) -> None:
    response = client_for("clerk").get("/applications/", {"q": q, "state": "all"})
    assert numbers(response) == [cases[k].tracking_number for k in expected]


def test_filters_by_state_channel_and_outcome(client_for, cases) -> None:
    client = client_for("clerk")
    assert numbers(client.get("/applications/", {"state": "decided"})) == [cases["c"].tracking_number]
    assert numbers(client.get("/applications/", {"channel": "email"})) == [cases["b"].tracking_number]
    assert numbers(client.get("/applications/", {"outcome": "granted", "state": "all"})) == [
        cases["c"].tracking_number
    ]


def test_due_windows(personas, cases, monkeypatch) -> None:
    # a: reply due 2026-02-24 (20 working days after 2026-01-20); b: later.
    a_due = cases["a"].reply_due
    user = personas.users["clerk"]

    def filtered(**data):
        form = queries.CaseFilterForm(data, user=user)
        return [x.tracking_number for x in queries.filter_cases(form, today=data.pop("today", a_due))[0]]

    day_after = a_due + dt.timedelta(days=1)
    assert cases["a"].tracking_number in filtered(due="overdue", today=day_after)
    assert cases["a"].tracking_number not in filtered(due="overdue", today=a_due)
    monday = a_due - dt.timedelta(days=a_due.weekday())
    assert cases["a"].tracking_number in filtered(due="week", today=monday)
    # 2026-02-13 (Fri) → 2026-02-24: the Spring Festival holiday (2026-02-15…23) is not counted
    assert cases["a"].tracking_number in filtered(due="soon", within=2, today=dt.date(2026, 2, 13))
    assert cases["a"].tracking_number not in filtered(due="soon", within=1, today=dt.date(2026, 2, 13))
    assert cases["a"].tracking_number not in filtered(
        due="soon", within=1, today=a_due - dt.timedelta(days=14)
    )
    # a decided case awaits its reply (still open); a withdrawn one is never overdue
    b = cases["b"]
    services.withdraw(b, user, b.version, note="申请人来电撤回")
    late = filtered(due="overdue", today=dt.date(2027, 1, 1))
    assert cases["c"].tracking_number in late and b.tracking_number not in late


def test_assignee_filter_my_cases(personas, client_for, cases) -> None:
    clerk = personas.users["clerk"]
    assignment.assign(cases["b"], clerk, clerk)
    client = client_for("clerk")
    assert numbers(client.get("/applications/", {"assignee": "me"})) == [cases["b"].tracking_number]
    assert cases["b"].tracking_number not in numbers(client.get("/applications/", {"assignee": "none"}))
    assert numbers(client.get("/applications/", {"assignee": str(clerk.pk)})) == [cases["b"].tracking_number]


def test_sorting(client_for, cases) -> None:
    client = client_for("clerk")
    order = numbers(client.get("/applications/", {"sort": "received", "state": "all"}))
    assert order == [cases[k].tracking_number for k in ("a", "b", "c")]
    by_due = numbers(client.get("/applications/", {"sort": "due", "state": "all"}))
    assert by_due[0] == cases["a"].tracking_number
    by_state = numbers(client.get("/applications/", {"sort": "state", "state": "all"}))
    assert by_state[-1] == cases["c"].tracking_number  # 已作出决定 comes after 已登记 in the workflow


def test_bad_input_falls_back_to_defaults_never_500(client_for, cases) -> None:
    response = client_for("clerk").get(
        "/applications/", {"state": "nonsense", "sort": "x", "within": "-3", "page": "abc", "assignee": "999"}
    )
    assert response.status_code == 200
    assert len(numbers(response)) == 3


def test_pages_keep_the_filters_in_the_query_string(client_for, cases, monkeypatch) -> None:
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    from gongkai.web.applications import desk

    monkeypatch.setattr(desk, "PAGE_SIZE", 2)
    client = client_for("clerk")
    first = client.get("/applications/", {"q": "张三 ", "state": "all", "sort": "received"})
    assert numbers(first) == [cases["a"].tracking_number]
    first = client.get("/applications/", {"state": "all", "sort": "received"})
    assert numbers(first) == [cases["a"].tracking_number, cases["b"].tracking_number]
    html = first.content.decode()
    assert "state=all&amp;sort=received&amp;page=2" in html
    second = client.get("/applications/", {"state": "all", "sort": "received", "page": "2"})
    assert numbers(second) == [cases["c"].tracking_number]


def test_the_list_is_a_constant_number_of_queries(personas, client_for, cases) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("clerk")
    client.get("/applications/")  # warm caches (content types, session)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get("/applications/", {"state": "all"})
        return len(ctx.captured_queries)

    few = count()
    clerk = personas.users["clerk"]
    for n in range(8):
        assignment.assign(register(personas.bureau, clerk, applicant_name=f"申请人{n}"), clerk, clerk)
    assert count() == few  # no query per row (agency, assignee are joined)


def test_the_list_stays_within_its_query_budget(client_for, cases, django_assert_max_num_queries) -> None:
    client = client_for("clerk")
    client.get("/applications/")
    with django_assert_max_num_queries(16):
        response = client.get("/applications/", {"state": "all"})
    assert len(numbers(response)) == 3


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    ws = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_export_is_the_filtered_list_with_chinese_headers(client_for, cases) -> None:
    rows = _sheet(client_for("clerk").get("/applications/export.xlsx", {"channel": "email"}))
    assert rows[0][:4] == ["登记编号", "受理机关", "申请人", "证件号码"]
    assert len(rows) == 2
    assert rows[1][0] == cases["b"].tracking_number and rows[1][2] == "李四"
    assert rows[1][3] == "110101199001011234"  # the clerk sees it in full
    assert rows[1][5] == "电子邮件" and rows[1][9] == "已登记"


def test_export_masks_identity_for_the_supervisor(client_for, cases) -> None:
    rows = _sheet(client_for("supervisor").get("/applications/export.xlsx", {"state": "all"}))
    ids = {r[3] for r in rows[1:]}
    assert ids == {"1101**********1234"}
    assert {r[4] for r in rows[1:]} == {"138****0000"}


def test_export_never_writes_a_formula(personas, client_for) -> None:
    register(
        personas.bureau, personas.users["clerk"], applicant_name='=HYPERLINK("http://x")', description="+1-2"
    )
    rows = _sheet(client_for("clerk").get("/applications/export.xlsx"))
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    assert rows[1][6] == "'+1-2"
    assert [safe(v) for v in ("-1", "@a", "\tx", "正常")] == ["'-1", "'@a", "'\tx", "正常"]


def test_applicants_have_no_desk(client_for, cases) -> None:
    assert client_for("applicant").get("/applications/export.xlsx").status_code == 403
    assert client_for("anonymous").get("/applications/").status_code == 302


def test_other_agency_sees_only_its_own(client_for, cases) -> None:
    response = client_for("other_agency_clerk").get("/applications/", {"state": "all"})
    assert numbers(response) == [cases["other"].tracking_number]
    rows = _sheet(client_for("other_agency_clerk").get("/applications/export.xlsx"))
    assert [r[0] for r in rows[1:]] == [cases["other"].tracking_number]


def test_application_count_unchanged(cases) -> None:
    assert Application.objects.count() == 4
