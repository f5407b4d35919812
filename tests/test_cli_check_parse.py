"""``gongkai check`` and ``gongkai parse``: output format, exit codes, helpful one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.report import jsonio
from report.notation import report_from_rows, zeros

LINE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+): (?P<sev>error|warning|info) \[(?P<rule>[A-Z0-9-]+)\] (?P<msg>.+)$"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_json(path: Path, report: object) -> str:
    path.write_text(jsonio.dumps(jsonio.report_to_json(report)), encoding="utf-8")  # type: ignore[arg-type]
    return str(path)


# ---- check -------------------------------------------------------------------------------------------


def test_check_yinchuan_prints_its_three_errors(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    path = str(corpus_dir / "yinchuan-szglj-2020.txt")
    code, out, err = run(capsys, "check", path)
    assert code == 1
    lines = out.splitlines()
    findings = [LINE.match(line) for line in lines[:-1]]
    assert all(findings), lines
    errors = {(m["rule"], m["sev"]) for m in findings if m}
    assert errors == {("T3-BALANCE", "error"), ("T3-OUTCOMES-SUM", "error"), ("T3-ROW-TOTAL", "error")}
    assert all(m and m["file"] == path and int(m["line"]) > 0 for m in findings)
    assert "表三“（七）总计”行：各列之和为 0，“总计”列为 1" in out
    assert lines[-1] == "共检查 1 份报告：1 份有错误，错误 3 项，警告 0 项。"
    assert err == ""


def test_check_zuoling_reports_the_text_cell(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "check", str(corpus_dir / "zuoling-street-2021.txt"))
    assert code == 1
    assert "error [CELL-NOT-NUMBER] 表四“行政复议”/“其他结果”应为数字，实际印为“撤销”" in out
    assert "error [T4-BLOCK-TOTAL]" in out


def test_check_xichou_is_clean(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "check", str(corpus_dir / "xichou-county-2023.txt"))
    assert code == 0
    assert " error " not in out
    assert out.splitlines()[-1].startswith("共检查 1 份报告：")


def test_check_many_files_unreadable_wins_and_others_are_still_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = write_json(tmp_path / "good.json", zeros("2021"))
    bad = write_json(tmp_path / "bad.json", report_from_rows("2021", t4="1 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0"))
    missing = str(tmp_path / "missing.txt")
    code, out, err = run(capsys, "check", good, missing, bad)
    assert code == 2
    assert "[T4-BLOCK-TOTAL]" in out
    assert err.strip() == f"gongkai: {missing}：文件不存在"
    assert (
        out.splitlines()[-1] == "共检查 2 份报告：1 份有错误，错误 1 项，警告 0 项；另有 1 个文件无法读取。"
    )


def test_check_exit_codes_0_and_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = write_json(tmp_path / "good.json", zeros("2021"))
    assert run(capsys, "check", good)[0] == 0
    bad = write_json(tmp_path / "bad.json", report_from_rows("2021", t3={"granted": "1 0 0 0 0 0 1"}))
    assert run(capsys, "check", good, bad)[0] == 1


def test_check_finding_without_a_line_still_has_the_file_line_shape(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = zeros("2021", sections={})
    path = write_json(tmp_path / "nosections.json", report)
    code, out, _ = run(capsys, "check", path)
    assert code == 1
    first = LINE.match(out.splitlines()[0])
    assert first and first["rule"] == "SECTION-MISSING" and first["line"] == "0"


def test_check_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = write_json(
        tmp_path / "bad.json", report_from_rows("2021", t4="0 0 撤销 0 1 | 0 0 0 0 0 | 0 0 0 0 0")
    )
    code, out, _ = run(capsys, "check", "--json", bad, str(tmp_path / "none.txt"))
    assert code == 2
    doc = json.loads(out)
    [report] = doc["reports"]
    assert (report["file"], report["format"], report["errors"]) == (bad, "2021", 2)
    assert {f["rule"] for f in report["findings"]} == {"T4-BLOCK-TOTAL", "CELL-NOT-NUMBER"}
    cell = next(f for f in report["findings"] if f["rule"] == "CELL-NOT-NUMBER")
    assert cell["cells"] == ["t4.review.other"] and cell["actual"] == "撤销"
    assert doc["unreadable"][0]["error"].endswith("文件不存在")
    assert doc["summary"]["unreadable"] == 1


def test_check_previous_adds_the_carry_over_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    last = report_from_rows(
        "2021", year=2022, t3={"new_received": "2 0 0 0 0 0 2", "carry_forward": "2 0 0 0 0 0 2"}
    )
    now = report_from_rows(
        "2021",
        year=2023,
        t3={"new_received": "1 0 0 0 0 0 1", "granted": "1 0 0 0 0 0 1", "total": "1 0 0 0 0 0 1"},
    )
    previous, current = write_json(tmp_path / "2022.json", last), write_json(tmp_path / "2023.json", now)
    code, out, _ = run(capsys, "check", current, "--previous", previous)
    assert code == 0
    assert (
        "warning [CARRY-OVER] 表三“自然人”列：本年“上年结转”为 0，而 2022 年度报告“结转下年度继续办理”为 2"
        in out
    )


def test_check_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from gongkai.report.rules import RULE_IDS

    code, out, _ = run(capsys, "check", "--rules")
    assert code == 0
    assert {line.split()[0] for line in out.splitlines()} == RULE_IDS


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (bytes(range(256)) * 20, "不是可读取的文本年报"),
        ("今天天气很好，我们去公园散步。\n".encode(), "不是政府信息公开工作年度报告"),
        (b"\xef\xbb\xbf" + "政府".encode() + b"\xff\xfe\xfd" + "信息公开\n".encode(), "无法按该编码解码"),
    ],
)
def test_unusable_input_is_one_chinese_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    for command in ("check", "parse"):
        code, out, err = run(capsys, command, str(path))
        assert code == 2
        assert err.count("\n") == 1 and err.startswith(f"gongkai: {path}：")
        assert expected in err
        assert "Traceback" not in err + out


def test_missing_file_and_no_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "parse", str(tmp_path / "nope.txt"))
    assert (code, err.strip()) == (2, f"gongkai: {tmp_path / 'nope.txt'}：文件不存在")
    code, _, err = run(capsys, "check")
    assert code == 2 and "请给出要检查的年度报告文件" in err


def test_bad_json_document_is_a_contract_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"format": "2021", "cells": {"t3.total.np": "12"}}', encoding="utf-8")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert "单元格 t3.total.np 的数字写成了字符串" in err


# ---- parse -------------------------------------------------------------------------------------------


def test_parse_json_shape_for_a_seed(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "parse", str(corpus_dir / "zuoling-street-2021.txt"), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "2021" and doc["year"] == 2021
    assert {"format", "agency", "year", "cells", "findings"} <= set(doc)
    assert doc["cells"]["t4.review.other"] == "撤销"
    assert doc["cells"]["t4.review.total"] == 1
    assert doc["cells"]["t3.new_received.tot"] == 2
    assert {f["rule"] for f in doc["findings"]} >= {"CELL-NOT-NUMBER", "T4-BLOCK-TOTAL"}
    assert "sources" not in doc


def test_parse_money_is_a_json_number(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "parse", str(corpus_dir / "xichou-county-2023.txt"), "--json", "--sources")
    assert code == 0
    doc = json.loads(out)
    assert doc["cells"]["t2.admin_fees.amount_wan_yuan"] == 779.508355
    assert doc["sources"]["t3.new_received.tot"]["line"] > 0
    assert not [f for f in doc["findings"] if f["severity"] == "error"]


def test_parse_output_reads_back(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "yinchuan.json"
    _, out, _ = run(capsys, "parse", str(corpus_dir / "yinchuan-szglj-2020.txt"), "--json", "--sources")
    path.write_text(out, encoding="utf-8")
    code, checked, _ = run(capsys, "check", str(path))
    assert code == 1
    assert checked.count("error [") == 3


def test_parse_human_output(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "parse", str(corpus_dir / "zuoling-street-2021.txt"))
    assert code == 0
    assert "格式：2021 年格式" in out
    assert re.search(r"t4\.review\.other\s+“撤销”\s+表四“行政复议”/“其他结果”", out)


def test_parse_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", "--schema")
    assert code == 0
    assert json.loads(out)["properties"]["format"]["enum"] == ["2021", "2019", "legacy"]


def test_check_pairs_consecutive_years_of_one_agency(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    last = report_from_rows(
        "2021", year=2022, t3={"new_received": "2 0 0 0 0 0 2", "carry_forward": "2 0 0 0 0 0 2"}
    )
    now = report_from_rows("2021", year=2023, t3={})
    other = report_from_rows("2021", year=2023, agency="另一县人民政府")
    files = [
        write_json(tmp_path / f"{n}.json", r) for n, r in (("a2022", last), ("a2023", now), ("b2023", other))
    ]
    code, out, _ = run(capsys, "check", *files)
    assert code == 0
    carry = [line for line in out.splitlines() if "[CARRY-OVER]" in line]
    assert len(carry) == 2 and all(line.startswith(files[1]) or "a2023" in line for line in carry)


def test_check_errors_only(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "check", "--errors-only", str(corpus_dir / "zuoling-street-2021.txt"))
    assert code == 1
    assert "warning [" not in out and out.count("error [") == 2
    assert out.splitlines()[-1] == "共检查 1 份报告：1 份有错误，错误 2 项，警告 1 项。"


def test_internal_error_in_one_file_is_reported_and_the_others_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gongkai.report.api as api

    good = write_json(tmp_path / "good.json", zeros("2021"))
    boom = write_json(tmp_path / "boom.json", zeros("2021", year=2022))
    original = api.check_report

    def failing(report, previous=None):  # type: ignore[no-untyped-def]
        if report.year == 2022:
            raise ZeroDivisionError("division by zero")
        return original(report, previous)

    monkeypatch.delenv("GONGKAI_DEBUG", raising=False)
    monkeypatch.setattr(api, "check_report", failing)
    code, out, err = run(capsys, "check", good, boom)
    assert code == 3
    assert (
        err.strip()
        == f"gongkai: {boom}：内部错误（ZeroDivisionError）：division by zero。这是 gongkai 的缺陷，请连同文件一并报告"
    )
    assert out.splitlines()[-1] == "共检查 1 份报告：没有发现问题；另有 1 个文件无法读取。"


def test_check_skip_leaves_a_rule_out(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    path = str(corpus_dir / "zuoling-street-2021.txt")
    code, out, _ = run(capsys, "check", path, "--skip", "T4-BLOCK-TOTAL", "--skip", "CELL-NOT-NUMBER")
    assert code == 0
    assert "error [" not in out
    code, _, err = run(capsys, "check", path, "--skip", "NO-SUCH-RULE")
    assert code == 2 and "没有这条规则：NO-SUCH-RULE" in err
