"""``gongkai render`` and ``gongkai compare`` as a user runs them: files written, exit codes, and
one-line Chinese errors naming the file and the cell for input that breaks the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from corpus_location import CORPUS_DIR
from gongkai.cli import main

CORPUS = CORPUS_DIR
XICHOU = str(CORPUS / "xichou-county-2023.txt")


def test_render_a_text_report_to_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "西畴.docx"
    assert main(["render", XICHOU, "-o", str(out)]) == 0  # the format from the extension
    document = docx.Document(str(out))
    assert len(document.tables) == 3
    assert document.tables[1].rows[3].cells[3].text == "6"
    assert "已生成" in capsys.readouterr().err


def test_render_default_output_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["render", XICHOU, "--to", "xlsx", "--no-charts"]) == 0
    book = openpyxl.load_workbook(tmp_path / "xichou-county-2023.xlsx")
    assert book.sheetnames[-1] == "单元格"


def test_render_markdown_to_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["render", XICHOU, "--to", "md", "-o", "-"]) == 0
    text = capfdbinary.readouterr().out.decode("utf-8")
    assert text.startswith("# 西畴县人民政府2023年政府信息公开工作年度报告")


def test_render_from_json_with_previous_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", XICHOU, "--json"]) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    source = tmp_path / "report.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    previous = dict(data, year=2022)
    before = tmp_path / "previous.json"
    before.write_text(json.dumps(previous, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["render", str(source), "--previous", str(before), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert 'data-cell="t3.new_received.tot">6<' in page
    assert 'id="chart-change"' in page


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("t3.foo.np", 1, "t3.foo.np"),
        ("t3.total.np", [1], "t3.total.np"),
        ("t4.review.total", {"n": 1}, "t4.review.total"),
    ],
)
def test_render_refuses_json_that_breaks_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, value: object, message: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(json.dumps({"format": "2021", "cells": {cell: value}}), encoding="utf-8")
    assert main(["render", str(source), "--to", "html", "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.json" in err and message in err and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


def test_render_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "missing.txt"), "--to", "html"]) == 2
    assert "missing.txt" in capsys.readouterr().err
    assert main(["render", XICHOU, "-o", str(tmp_path / "out.odt")]) == 2
    assert "--to" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["render", XICHOU, "--to", "rtf"])
    assert exit_info.value.code == 2
    same = tmp_path / "same.md"
    same.write_bytes((CORPUS / "xichou-county-2023.txt").read_bytes())
    assert main(["render", str(same), "--to", "md", "-o", str(same)]) == 2
    assert "输出文件与输入文件相同" in capsys.readouterr().err


def test_compare_two_years(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, b = str(CORPUS / "hz-hongze-2023.pdf"), str(CORPUS / "hz-hongze-2024.pdf")
    assert main(["compare", a, b]) == 0
    text = capsys.readouterr().out
    assert "t3.new_received.tot" in text and "21 → 95（+74）" in text
    assert main(["compare", b, a, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["earlier"]["year"], data["later"]["year"]) == (2023, 2024)
    out = tmp_path / "cmp.html"
    assert main(["compare", a, b, "--html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_compare_reports_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    assert main(["compare", XICHOU, str(broken)]) == 2
    err = capsys.readouterr().err
    assert "broken.pdf" in err and "Traceback" not in err


def test_help_lists_render_and_compare(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "render" in out and "compare" in out
