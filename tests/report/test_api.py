"""read_report: file errors, size bound, not-a-report, and the public ``gongkai.read``."""

from __future__ import annotations

from pathlib import Path

import pytest

import gongkai
from gongkai.errors import InputTooLargeError, NotAReportError, ReadError
from gongkai.report import api


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        gongkai.read(str(tmp_path / "无此文件.txt"))
    assert str(err.value).endswith("：文件不存在")


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError):
        gongkai.read(str(tmp_path))


def test_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "menu.txt"
    path.write_text("今日菜单：米饭、青菜、豆腐汤。\n", "utf-8")
    with pytest.raises(NotAReportError) as err:
        gongkai.read(str(path))
    assert "menu.txt" in str(err.value)


def test_size_bound_for_data_given_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "MAX_FILE_BYTES", 10)
    with pytest.raises(InputTooLargeError):
        api.read_report("big.txt", b"x" * 11)


def test_seed_report_reads(corpus_dir: Path) -> None:
    report = gongkai.read(str(corpus_dir / "xichou-county-2023.txt"))
    assert (report.format, report.agency, report.year) == ("2021", "西畴县人民政府", 2023)
    assert len(report.cells) == 200
    assert report.cells["t3.new_received.tot"].source is not None
    assert report.cells["t3.new_received.tot"].source.line is not None


def test_data_given_with_a_display_name(corpus_dir: Path) -> None:
    data = (corpus_dir / "zuoling-street-2021.txt").read_bytes()
    report = gongkai.read("上传的年报.txt", data)
    assert report.value("t4.review.other") == "撤销"
    cell = report.cells["t4.review.other"]
    assert cell.source is not None and cell.source.file == "上传的年报.txt"


def test_a_json_document_is_read_through_the_contract(corpus_dir: Path, tmp_path: Path) -> None:
    from gongkai.report import jsonio

    report = gongkai.read(str(corpus_dir / "xichou-county-2023.txt"))
    path = tmp_path / "xichou.json"
    path.write_text(jsonio.dumps(jsonio.report_to_json(report)), "utf-8")
    again = gongkai.read(str(path))
    assert again.cell_values() == report.cell_values()
    assert (again.format, again.agency, again.year) == (report.format, report.agency, report.year)
