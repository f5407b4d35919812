"""``gongkai report generate / reconcile / times``: the report from the records on the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gongkai.cli import main
from gongkai.web.appeals.mapping import Result

from ..appeals.helpers import make_case
from .helpers import replied

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records(personas):
    replied(personas, dt.date(2025, 3, 3))
    replied(personas, dt.date(2025, 12, 22), on=dt.date(2026, 1, 6))
    make_case(personas, filed=dt.date(2025, 11, 1))
    make_case(
        personas, kind="direct", filed=dt.date(2025, 5, 1), decided=dt.date(2025, 7, 1), result=Result.VARIED
    )
    return personas


def test_generate_json_is_the_contract_check_reads(records, tmp_path, capsys) -> None:
    out = tmp_path / "2025.json"
    assert (
        main(["report", "generate", "--agency", records.bureau.code, "--year", "2025", "-o", str(out)]) == 0
    )
    doc = json.loads(out.read_text("utf-8"))
    assert doc["format"] == "2021" and doc["cells"]["t4.direct.correct"] == 1 and doc["findings"] == []
    assert main(["check", str(out)]) == 0
    out26 = tmp_path / "2026.json"
    assert (
        main(["report", "generate", "--agency", records.bureau.code, "--year", "2026", "-o", str(out26)]) == 0
    )
    doc26 = json.loads(out26.read_text("utf-8"))
    for column in ("np", "com", "res", "npo", "law", "oth", "tot"):
        assert doc26["cells"][f"t3.carried_over.{column}"] == doc["cells"][f"t3.carry_forward.{column}"]
    assert main(["check", str(out26), "--previous", str(out)]) == 0


@pytest.mark.parametrize("medium", ["html", "docx", "xlsx", "pdf", "md"])
def test_generate_every_medium(records, tmp_path, medium: str) -> None:
    out = tmp_path / f"r.{medium}"
    assert (
        main(
            [
                "report",
                "generate",
                "--agency",
                records.bureau.code,
                "--year",
                "2025",
                "--to",
                medium,
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert out.stat().st_size > 500


def test_reconcile_and_times(records, tmp_path, capsys) -> None:
    out = tmp_path / "2025.json"
    main(["report", "generate", "--agency", records.bureau.code, "--year", "2025", "-o", str(out)])
    assert main(["report", "reconcile", "--agency", records.bureau.code, "--year", "2025", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    doc["cells"]["t4.review.pending"] = 0
    out.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["report", "reconcile", "--agency", records.bureau.code, "--year", "2025", str(out)]) == 1
    assert "t4.review.pending" in capsys.readouterr().out
    assert main(["report", "times", "--agency", records.bureau.code, "--year", "2025", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["all"]["count"] == 1


def test_wrong_input_is_one_chinese_line(records, capsys) -> None:
    assert main(["report", "generate", "--agency", "nowhere", "--year", "2025"]) == 2
    assert "找不到代码" in capsys.readouterr().err
    assert main(["report", "generate", "--agency", records.bureau.code, "--year", "2025", "--to", "pdf"]) == 2
    assert (
        main(["report", "reconcile", "--agency", records.bureau.code, "--year", "2025", "/no/such.pdf"]) == 2
    )


def test_history_records_an_earlier_published_report(records, tmp_path, capsys) -> None:
    """An earlier year's published report (any medium) becomes the history: last year's report for the
    cross-year rules; a wrong year is refused."""
    from gongkai.web.annual.build import build
    from gongkai.web.annual.models import EarlierReport

    out = tmp_path / "2024.docx"
    assert (
        main(
            [
                "report",
                "generate",
                "--agency",
                records.bureau.code,
                "--year",
                "2024",
                "--to",
                "docx",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert main(["report", "history", "--agency", records.bureau.code, "--year", "2024", str(out)]) == 0
    earlier = EarlierReport.objects.get(agency=records.bureau, year=2024)
    assert earlier.file_name == "2024.docx" and earlier.document["cells"]["t3.total.tot"] == 0
    assert build(records.bureau, 2025).findings == []
    assert main(["report", "history", "--agency", records.bureau.code, "--year", "2023", str(out)]) == 2
    assert "不是 2023 年度" in capsys.readouterr().err
