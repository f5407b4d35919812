"""``gongkai deadline``: output, options and exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gongkai.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["deadline", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_issue_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "2026-01-20")
    assert code == 0, err
    assert "答复期限：2026-02-24（周二）　依据：《政府信息公开条例》第三十三条第二款" in out
    assert "最长延期答复期限：2026-03-23（周一）" in out
    assert "不计：2026-02-15 至 2026-02-23，春节假期，共9天" in out
    assert "计入：2026-02-14，周六，春节调休上班，为第19个工作日" in out
    assert "节假日安排依据：国务院办公厅关于2026年部分节假日安排的通知" in out
    assert "补正告知期限" not in out


def test_notice_limit_supplement_and_pauses(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "2026年1月20日",
        "--notice-limit",
        "--supplement-received",
        "2026/2/2",
        "--pause",
        "2026-03-02:2026-03-10",
    )
    assert code == 0
    assert "补正告知期限：2026-01-29" in out
    assert "起算：2026-02-02 收到补正后的申请（当日不计入）" in out
    assert "答复期限：2026-03-17" in out
    assert "不计：2026-03-02 至 2026-03-10" in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2025-09-26", "--json", "--notice-limit")
    assert code == 0
    data = json.loads(out)
    assert data["deadlines"]["reply"]["due"] == "2025-10-30"
    assert data["deadlines"]["extended_reply"]["due"] == "2025-11-27"
    assert (
        data["deadlines"]["supplement_notice"]["due"] == "2025-10-13"
    )  # 9/28 Sun, 9/29, 9/30, 10/9, 10/10, 10/11 Sat, 10/13
    assert data["calendar_sources"] == ["国务院办公厅关于2025年部分节假日安排的通知"]


def test_december_case_gets_provisional_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 9 item 3: received 2026-12-02, the extension reaches 2027 (no notice yet) → 暂定, exit 0."""
    code, out, err = run(capsys, "2026-12-02")
    assert code == 0, err
    assert "答复期限：2026-12-30（周三）" in out  # all in 2026: final
    assert "最长延期答复期限（暂定）：2027-01-28（周四）" in out
    assert "不计：2027-01-01，元旦假期（暂定），共1天" in out
    assert "暂定：2027年国务院办公厅节假日安排尚未导入，按周末和法定节日暂定" in out
    assert "不是最终期限" in out


def test_december_case_json_says_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2026-12-02", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["provisional"] is True
    assert data["provisional_years"] == [2027]
    assert "2027年国务院办公厅节假日安排尚未导入" in data["provisional_reasons"][0]
    assert data["deadlines"]["reply"]["provisional"] is False
    assert data["deadlines"]["extended_reply"]["provisional"] is True
    assert data["deadlines"]["extended_reply"]["due"] == "2027-01-28"


def test_final_dates_are_not_marked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "2026-01-20", "--json")
    assert code == 0
    assert json.loads(out)["provisional"] is False
    code, out, _ = run(capsys, "2026-01-20")
    assert "暂定" not in out


def test_extra_calendar_file_loads_next_year(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "2026-12-20", "--strict")
    assert code == 2
    assert "2027年的法定节假日和调休安排尚未载入" in err
    assert "Traceback" not in err
    path = tmp_path / "2027.csv"
    path.write_text(
        "date,kind,name,source\n"
        "2027-01-01,holiday,元旦,测试通知\n2027-01-02,holiday,元旦,测试通知\n2027-01-03,holiday,元旦,测试通知\n"
        "2027-02-06,holiday,春节,测试通知\n2027-10-01,holiday,国庆节,测试通知\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "2026-12-20", "--calendar", str(path))
    assert code == 0, err
    # 12/21–25 (5), 12/28–31 (9), 1/4–8 (14), 1/11–15 (19), 1/18 (20)
    assert f"答复期限：{date(2027, 1, 18).isoformat()}" in out
    assert "测试通知" in out
    assert "暂定" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("2026-13-01",), "收到申请日期：日期“2026-13-01”无法识别"),
        (("tomorrow",), "无法识别"),
        (("2026-01-20", "--pause", "2026-03-02"), "应写作 开始:结束"),
        (("2026-01-20", "--pause", "2026-03-10:2026-03-02"), "结束日早于开始日"),
        (("2026-01-20", "--supplement-received", "2026-01-10"), "早于收到申请的日期"),
        (("2026-01-20", "--extension", "30"), "最长不得超过20个工作日"),
        (("2026-01-20", "--extension", "x"), "不是整数"),
        (("2026-01-20", "--calendar", "/nonexistent.csv"), "日历文件不存在"),
        (("2003-06-02",), "2003年的法定节假日和调休安排尚未载入"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("today", "reply_line"),
    [
        ("2026-02-13", "截至2026-02-13：还剩2个工作日"),  # the 调休 Saturday and 2/24
        ("2026-02-24", "截至2026-02-24：今日为最后期限"),
        ("2026-02-26", "截至2026-02-26：已逾期2个工作日"),
    ],
)
def test_today_shows_working_days_left(
    capsys: pytest.CaptureFixture[str], today: str, reply_line: str
) -> None:
    code, out, _ = run(capsys, "2026-01-20", "--today", today)
    assert code == 0
    assert out.split("\n答复期限")[1].split("\n\n")[0].endswith(reply_line)


def test_overdue_on_a_weekend_right_after_the_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    # reply due Friday 2026-03-20 (received 2026-02-18); Saturday 3/21 is overdue with 0 working days since
    code, out, _ = run(capsys, "2026-02-18", "--today", "2026-03-21")
    assert code == 0
    assert "截至2026-03-21：已逾期（期限后尚无工作日）" in out


def test_calendar_option_takes_the_notice_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "2027.txt"
    path.write_text(
        "国务院办公厅关于2027年部分节假日安排的通知（测试）\n"
        "一、元旦：1月1日（周五）至4日（周一）放假，共4天。\n"
        "二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。\n"
        "三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。10月9日（周六）上班。\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "2026-12-02", "--calendar", str(path))
    assert code == 0, err
    assert "最长延期答复期限：2027-01-29" in out  # final now, moved by the notice's 1月4日
    assert "暂定" not in out


def test_cli_prints_what_the_composer_computes(capsys: pytest.CaptureFixture[str]) -> None:
    """One composer: the CLI's JSON is compose_clock's result (the platform stores the same)."""
    from gongkai.law import bundled_calendar, compose_clock

    code, out, _ = run(capsys, "2026-12-02", "--json", "--notice-limit")
    assert code == 0
    data = json.loads(out)
    expected = compose_clock(date(2026, 12, 2), bundled_calendar()).to_json()
    assert data["deadlines"] == expected["deadlines"]
    assert data["provisional_reasons"] == expected["provisional_reasons"]
