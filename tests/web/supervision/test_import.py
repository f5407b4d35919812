"""Bulk import: a ZIP of units' published reports, matched by agency name and year; ambiguity left to a person."""

from __future__ import annotations

import io
import zipfile

import pytest

import gongkai
from gongkai.web.supervision.demo import unit_report
from gongkai.web.supervision.imports import files_in, import_reports, match
from gongkai.web.supervision.models import Origin, UnitReport

from .. import factories

pytestmark = pytest.mark.django_db


def _html(name: str, year: int = 2025) -> bytes:
    return gongkai.render(unit_report(name, year, 3, 1), "html", charts=False)


def _zip(tmp_path, files: dict[str, bytes]):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    path = tmp_path / "reports.zip"
    path.write_bytes(buffer.getvalue())
    return path


def test_zip_matched_by_name_and_year_ambiguous_left_to_confirm(personas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    factories.make_agency("xc-education-2", name="新城县教育局成人教育办公室", parent=personas.county)
    path = _zip(
        tmp_path,
        {
            "a/教育局.html": _html("新城县教育局"),  # exact: the bureau
            "b/桥头镇.html": _html("新城县桥头镇人民政府"),
            "c/教育.html": _html("新城县教育"),  # contained in two units' names: ambiguous
            "d/去年.html": _html("新城县人民政府", 2024),  # another year
            "e/说明.txt": "这不是年度报告。".encode(),
        },
    )
    lines: list[str] = []
    result = import_reports(personas.county, 2025, files_in(path), progress=lines.append)
    assert sorted(result.imported) == [
        ("a/教育局.html", personas.bureau.code),
        ("b/桥头镇.html", personas.township.code),
    ]
    pending = {name: possible for name, _reason, possible in result.pending}
    assert set(pending) == {"c/教育.html", "d/去年.html"}
    assert set(pending["c/教育.html"]) == {personas.bureau.code, "xc-education-2"}
    assert [name for name, _m in result.failed] == ["e/说明.txt"]
    assert len(lines) == 5
    assert UnitReport.objects.get(agency=personas.bureau, year=2025).origin == Origin.IMPORTED
    # a person confirms the ambiguous file
    again = import_reports(personas.county, 2025, files_in(path), confirm={"c/教育.html": "xc-education-2"})
    assert ("c/教育.html", "xc-education-2") in again.imported


def test_match_outside_the_subtree_is_not_offered(personas) -> None:  # type: ignore[no-untyped-def]
    candidates = [(personas.bureau.pk, personas.bureau.code, personas.bureau.name, "县教育局")]
    assert match("河山县人民政府", candidates) == (None, [])
    assert match("县教育局", candidates) == (personas.bureau.pk, [])


def test_cli_import(personas, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from gongkai.cli import main

    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "教育局.html").write_bytes(_html("新城县教育局"))
    code = main(
        [
            "supervise",
            "import",
            str(folder),
            "--agency",
            personas.county.code,
            "--year",
            "2025",
            "--published-on",
            "2026-01-05",
        ]
    )
    assert code == 0
    assert "已导入 1 份" in capsys.readouterr().out
    assert str(UnitReport.objects.get(agency=personas.bureau).published_on) == "2026-01-05"
