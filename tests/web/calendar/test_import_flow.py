"""Importing next year's 国务院办公厅 notice: upload → preview (calendar change, cases that move) → confirm.

The system administrator does it from the web or with ``gongkai manage import_calendar``; the import
is audited, and the open cases are recomputed once, in bulk (domain.md §12.3, issue 9 item 3).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.law import bundled_calendar, dump_records
from gongkai.law.notice import looks_like_notice, parse_notice_text
from gongkai.web.applications import services
from gongkai.web.applications.models import Application
from gongkai.web.audit.models import AuditEvent
from gongkai.web.calendar.models import CalendarDay

from ..applications.helpers import register

pytestmark = pytest.mark.django_db

URL = "/calendar/import/"
TODAY = dt.date(2026, 12, 2)

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知（测试）
一、元旦：1月1日（周五）至4日（周一）放假，共4天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。
三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。10月9日（周六）上班。
"""

NOTICE_2026 = (Path(__file__).parent / "notice-2026.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "today", lambda: TODAY)


def _upload(text: str, name: str = "notice.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


# -- the notice's text ---------------------------------------------------------------------------------


def test_the_real_2026_notice_reads_as_the_bundled_2026_calendar() -> None:
    """The General Office's own words for 2026 give exactly the 39 days chinesecalendar ships."""
    assert looks_like_notice(NOTICE_2026)
    parsed = parse_notice_text(NOTICE_2026)
    bundled = {d: (r.kind, r.name) for d, r in bundled_calendar().days.items() if d.year == 2026}
    assert {d: (r.kind, r.name) for d, r in parsed.days.items()} == bundled
    assert parsed.sources[2026] == ("国务院办公厅关于2026年部分节假日安排的通知",)


def test_a_makeup_day_on_a_weekday_is_refused() -> None:
    from gongkai.law import CalendarDataError

    bad = NOTICE_2027.replace("2月20日（周六）上班", "2月22日（周一）上班")
    with pytest.raises(CalendarDataError, match="调休上班日只能是周六或周日"):
        parse_notice_text(bad)


# -- the web flow ---------------------------------------------------------------------------------------


def test_upload_preview_confirm(personas, client_for, django_capture_on_commit_callbacks) -> None:
    case = register(personas.bureau, personas.users["clerk"], received=TODAY)
    assert case.extended_due == dt.date(2027, 1, 28) and case.clock_provisional
    admin = client_for("sysadmin")
    assert "导入节假日安排" in admin.get(URL).content.decode()
    preview = admin.post(URL, {"file": _upload(NOTICE_2027)})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'data-testid="import-preview"' in page
    days = preview.context["preview"].days
    assert len(days) == 4 + 7 + 1 + 7 + 1  # nothing of 2027 was loaded: every day is new
    assert {d.kind for d in days} == {"added"}
    [moved] = preview.context["preview"].cases
    assert moved.tracking_number == case.tracking_number
    assert ("延期后答复期限", "2027-01-28", "2027-01-29") in moved.fields
    assert ("暂定", True, False) in moved.fields
    assert "2027-01-28 → 2027-01-29" in page
    # nothing written yet
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    case.refresh_from_db()
    assert case.clock_provisional
    form = preview.context
    with django_capture_on_commit_callbacks(execute=True):
        done = admin.post(
            URL, {"confirm": "1", "data": form["data"], "digest": form["digest"], "name": "notice.txt"}
        )
    assert done.status_code == 302
    assert CalendarDay.objects.filter(date__year=2027).count() == 20
    event = AuditEvent.objects.get(verb="calendar.import")
    assert event.actor == personas.users["sysadmin"] and event.after["years"] == [2027]
    case.refresh_from_db()
    assert not case.clock_provisional and case.extended_due == dt.date(2027, 1, 29)
    assert "已导入 2027 年" in admin.get(URL).content.decode()


def test_a_changed_year_shows_days_added_removed_and_changed(personas, client_for) -> None:
    text = NOTICE_2026.replace("六、中秋节：9月25日（周五）至27日（周日）放假，共3天。", "")
    preview = client_for("sysadmin").post(URL, {"file": _upload(text)}).context["preview"]
    assert preview.years == (2026,)
    assert [(d.day, d.kind) for d in preview.days] == [(dt.date(2026, 9, d), "removed") for d in (25, 26, 27)]


def test_a_tampered_confirmation_is_refused(personas, client_for) -> None:
    admin = client_for("sysadmin")
    form = admin.post(URL, {"file": _upload(NOTICE_2027)}).context
    data = form["data"].replace("2027-10-07", "2027-10-08")
    page = admin.post(URL, {"confirm": "1", "data": data, "digest": form["digest"]})
    assert "预览已失效" in page.content.decode()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("hello", "应为“日期,类型,名称,来源”四列"),
        ("2027-01-01,holiday,元旦,x\n", "缺少春节、国庆节"),
        ("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：放假。\n", "没有找到放假日期"),
    ],
)
def test_bad_uploads_get_a_chinese_message(personas, client_for, content: str, message: str) -> None:
    page = client_for("sysadmin").post(URL, {"file": _upload(content)})
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


@pytest.mark.parametrize("persona", ["clerk", "approver", "agency_admin", "supervisor", "applicant"])
def test_only_the_system_administrator_imports(personas, client_for, persona: str) -> None:
    client = client_for(persona)
    assert client.post(URL, {"file": _upload(NOTICE_2027)}).status_code == 403
    form = client_for("sysadmin").post(URL, {"file": _upload(NOTICE_2027)}).context
    confirm = {"confirm": "1", "data": form["data"], "digest": form["digest"]}
    assert client.post(URL, confirm).status_code == 403
    assert not CalendarDay.objects.filter(date__year=2027).exists()


# -- the CLI ----------------------------------------------------------------------------------------------


def test_cli_preview_writes_nothing_and_import_recomputes(
    personas, tmp_path: Path, capsys, django_capture_on_commit_callbacks
) -> None:
    case = register(personas.bureau, personas.users["clerk"], received=TODAY)
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    call_command("import_calendar", str(path), "--preview")
    out = capsys.readouterr().out
    assert "预览 2027 年：日历变化 20 天，期限改变的在办申请 1 件（未导入）" in out
    assert f"{case.tracking_number}（新城县教育局）：延期后答复期限 2027-01-28 → 2027-01-29" in out
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_calendar", str(path))
    assert "已导入 2027 年的节假日安排：20 天" in capsys.readouterr().out
    case.refresh_from_db()
    assert not case.clock_provisional


def test_cli_accepts_the_csv_it_always_did(personas, tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_text(dump_records(parse_notice_text(NOTICE_2027).records()), encoding="utf-8")
    call_command("import_calendar", str(path))
    assert CalendarDay.objects.filter(date__year=2027).count() == 20
    with pytest.raises(CommandError, match="日历文件不存在"):
        call_command("import_calendar", str(tmp_path / "missing.csv"))


def test_a_late_december_new_year_day_does_not_wipe_the_previous_year() -> None:
    """A notice may start 元旦 on 31 December: only that date is replaced, not the year before."""
    from gongkai.web.calendar.services import replace_years

    notice = NOTICE_2027.replace(
        "1月1日（周五）至4日（周一）", "2026年12月31日（周四）至2027年1月3日（周日）"
    )
    before = CalendarDay.objects.filter(date__year=2026).count()
    replace_years(list(parse_notice_text(notice).records()))
    assert CalendarDay.objects.filter(date__year=2026).count() == before + 1
    assert CalendarDay.objects.get(date=dt.date(2026, 12, 31)).name == "元旦"
    assert Application.objects.count() == 0


def test_the_sysadmin_home_links_to_the_import(personas, client_for) -> None:
    assert 'data-testid="calendar-import-link"' in client_for("sysadmin").get("/").content.decode()
    assert 'data-testid="calendar-import-link"' not in client_for("clerk").get("/").content.decode()


def test_recompute_clocks_after_an_upgrade(personas, capsys) -> None:
    """A case stored before 暂定 dates existed (empty date, error) gets its provisional dates."""
    case = register(personas.bureau, personas.users["clerk"], received=TODAY)
    Application.objects.filter(pk=case.pk).update(
        extended_due=None, clock_provisional=False, clock_error="2027年的法定节假日和调休安排尚未载入"
    )
    call_command("recompute_clocks")
    assert "1 件有变化" in capsys.readouterr().out
    case.refresh_from_db()
    assert case.extended_due == dt.date(2027, 1, 28) and case.clock_provisional and not case.clock_error
