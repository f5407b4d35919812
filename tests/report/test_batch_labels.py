"""`gongkai batch --labels`: a CSV headed with Chinese labels above the machine ids, and still resumable."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from gongkai.report.batch import CSV_COLUMNS, csv_labels, run_batch

GOLDEN = Path(__file__).parent.parent / "golden" / "2021"


def _collection(tmp_path: Path) -> Path:
    folder = tmp_path / "年报"
    folder.mkdir()
    for name in (
        "zuoling-street-2021-2021fmt-seed-t4-text-cell",
        "pingtan-lyy-2021-2021fmt-spaced-rows-glued-row-numbers",
    ):
        shutil.copy(GOLDEN / name / "source.txt", folder / f"{name}.txt")
    return folder


def test_every_column_has_a_chinese_label() -> None:
    labels = csv_labels()
    assert set(labels) == set(CSV_COLUMNS)
    assert labels["t3.granted.np"] == "表三“（一）予以公开”/“自然人”"
    assert labels["agency"] == "机关"


def test_labels_row_above_the_ids_and_resume(tmp_path: Path) -> None:
    folder = _collection(tmp_path)
    out = tmp_path / "dataset.csv"
    first = run_batch(
        [str(folder / next(iter(sorted(p.name for p in folder.iterdir()))))], str(out), workers=1, labels=True
    )
    assert first.processed == 1
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "文件" and "表三“（一）予以公开”/“自然人”" in rows[0]
    assert tuple(rows[1]) == CSV_COLUMNS
    second = run_batch([str(folder)], str(out), workers=1, labels=True)
    assert (second.skipped, second.processed) == (1, 1)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 4 and rows[0][0] == "文件"


def test_without_labels_the_csv_is_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "dataset.csv"
    run_batch([str(_collection(tmp_path))], str(out), workers=1)
    assert next(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))[0] == "file"
