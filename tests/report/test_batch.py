"""``gongkai batch``: a directory of mixed files → JSONL and CSV; failures recorded; resumption."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.errors import GongkaiError
from gongkai.report.batch import CELL_COLUMNS, CSV_COLUMNS, Output, run_batch
from gongkai.report.formats import FORMAT_2019, FORMAT_2021
from report.read.media_fixtures import CORPUS_SOURCES, fixture


@pytest.fixture
def collection(tmp_path: Path, corpus_dir: Path) -> Path:
    """A folder as a researcher downloads it: text, a web page, Word, Excel, a broken file, a
    picture (not a report medium: ignored), and a hidden folder (skipped)."""
    folder = tmp_path / "年报"
    (folder / "2023").mkdir(parents=True)
    (folder / ".cache").mkdir()
    (folder / "2023" / "西畴县.txt").write_bytes((corpus_dir / "xichou-county-2023.txt").read_bytes())
    (folder / "2023" / "网页.html").write_bytes(fixture(CORPUS_SOURCES[0], "html")[1])
    (folder / "2020.docx").write_bytes(fixture(CORPUS_SOURCES[1], "docx")[1])
    (folder / "统计表.xlsx").write_bytes(fixture(CORPUS_SOURCES[1], "xlsx")[1])
    docx = fixture(CORPUS_SOURCES[0], "docx")[1]
    (folder / "损坏.docx").write_bytes(docx[: len(docx) // 2])
    (folder / "照片.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".cache" / "x.txt").write_text("ignored")
    return folder


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_mixed_directory_to_jsonl(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset.jsonl"
    summary = run_batch([str(collection)], str(out), workers=1)
    rows = {Path(str(r["file"])).name: r for r in _jsonl(out)}
    assert set(rows) == {"西畴县.txt", "网页.html", "2020.docx", "统计表.xlsx", "损坏.docx"}
    assert rows["损坏.docx"]["error"] and str(rows["损坏.docx"]["error"]).startswith(
        str(collection / "损坏.docx")
    )
    assert rows["损坏.docx"]["error_type"] == "ReadError"
    expected_2023 = fixture(CORPUS_SOURCES[0], "html")[0].expected
    assert rows["网页.html"]["cells"] == {
        k: (float(v) if not isinstance(v, int) else v) for k, v in expected_2023.items()
    }
    assert rows["网页.html"]["cells"] == rows["西畴县.txt"]["cells"]
    assert rows["2020.docx"]["format"] == "2019" and rows["2020.docx"]["medium"] == "docx"
    for row in rows.values():
        assert len(str(row["sha256"])) == 64
        assert {"file", "size", "mtime_ns", "error"} <= set(row)
    assert any(f["rule"] for f in rows["2020.docx"]["findings"])  # type: ignore[union-attr]
    assert (summary.found, summary.processed, summary.failed, summary.ignored) == (5, 5, 1, 1)
    assert summary.formats == {"2021": 2, "2019": 2}
    assert summary.failures == {"ReadError": 1}
    text = summary.text()
    assert "成功 4 个，失败 1 个" in text and "2021 年格式 2" in text and "损坏.docx" in text


def test_mixed_directory_to_csv_for_excel(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset.csv"
    run_batch([str(collection)], str(out), workers=1)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 only with a BOM
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_name = {Path(r["file"]).name: r for r in rows}
    assert len(rows) == 5
    assert by_name["网页.html"]["t3.new_received.tot"] == "6"
    assert by_name["网页.html"]["t2.admin_fees.amount_wan_yuan"] == "779.508355"
    assert by_name["统计表.xlsx"]["format"] == "2019"
    assert by_name["损坏.docx"]["error"] and by_name["损坏.docx"]["format"] == ""
    assert by_name["2020.docx"]["rules"]  # the rule ids with findings


def test_csv_has_one_column_per_cell_id_of_both_formats() -> None:
    assert set(FORMAT_2021.cell_ids()) | set(FORMAT_2019.cell_ids()) <= set(CELL_COLUMNS)
    assert CELL_COLUMNS[: len(FORMAT_2021.cell_ids())] == FORMAT_2021.cell_ids()
    assert len(set(CELL_COLUMNS)) == len(CELL_COLUMNS)
    assert any(c.startswith("legacy.") for c in CELL_COLUMNS)


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_interrupted_run_resumes_without_duplicates(collection: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"dataset.{suffix}"
    part = tmp_path / "part.lst"
    part.write_text(
        f"# the first two files\n{collection / '2020.docx'}\n2023/../年报/统计表.xlsx\n", encoding="utf-8"
    )
    (tmp_path / "2023").mkdir()  # the list's relative path goes through it
    first = run_batch([str(part)], str(out), workers=1)
    assert first.processed == 2
    # an interruption while a line was being written leaves a partial last line
    with open(out, "a", encoding="utf-8") as f:
        f.write('{"file": "half' if suffix == "jsonl" else "half,written")
    second = run_batch([str(collection)], str(out), workers=1)
    assert (second.skipped, second.processed) == (2, 3)  # "2023/../年报/统计表.xlsx" is the same file
    third = run_batch([str(collection)], str(out), workers=1)
    assert (third.skipped, third.processed) == (5, 0)
    if suffix == "jsonl":
        files = [r["file"] for r in _jsonl(out)]
    else:
        files = [r["file"] for r in csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())]
    assert "half" not in " ".join(map(str, files))
    in_dir = [f for f in files if str(f).startswith(str(collection))]
    assert len(in_dir) == len(set(in_dir)) == 5


def test_resume_skips_files_already_done_and_rereads_changed_ones(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset.jsonl"
    run_batch([str(collection / "2023")], str(out), workers=1)
    again = run_batch([str(collection)], str(out), workers=1)
    assert (again.skipped, again.processed) == (2, 3)
    changed = collection / "2023" / "西畴县.txt"
    stat = changed.stat()
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    last = run_batch([str(collection)], str(out), workers=1)
    assert (last.skipped, last.processed) == (4, 1)
    assert len(_jsonl(out)) == 6


def test_restart_overwrites(collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset.jsonl"
    run_batch([str(collection)], str(out), workers=1)
    summary = run_batch([str(collection)], str(out), workers=1, restart=True)
    assert summary.processed == 5 and len(_jsonl(out)) == 5


def test_two_worker_processes_give_the_same_rows(collection: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch([str(collection)], str(one), workers=1)
    summary = run_batch([str(collection)], str(two), workers=2)
    assert summary.processed == 5
    key = lambda r: r["file"]  # noqa: E731
    assert sorted(_jsonl(one), key=key) == sorted(_jsonl(two), key=key)  # type: ignore[arg-type, return-value]


def test_command_line(collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dataset.csv"
    status = main(["batch", str(collection), "--out", str(out), "--workers", "1", "--no-progress"])
    assert status == 1  # one file could not be read
    err = capsys.readouterr().err
    assert "共找到 5 个文件" in err and "失败（ReadError）1 个" in err
    assert main(["batch", str(collection), "--out", str(tmp_path / "x.xml")]) == 2
    assert "输出文件应以 .jsonl 或 .csv 结尾" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "nowhere"), "--out", str(out)]) == 2


def test_incompatible_csv_is_not_appended_to(tmp_path: Path) -> None:
    out = tmp_path / "old.csv"
    out.write_text("file,size\nx,1\n", encoding="utf-8-sig")
    with pytest.raises(GongkaiError, match="--restart"):
        Output(out)


@pytest.mark.slow  # starts a real `gongkai batch` with two workers and interrupts it
def test_ctrl_c_stops_cleanly_and_the_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    data = fixture(CORPUS_SOURCES[0], "docx")[1]
    for i in range(300):
        (folder / f"{i:03d}.docx").write_bytes(data)
    out = tmp_path / "dataset.jsonl"
    command = [sys.executable, "-m", "gongkai.cli", "batch", str(folder), "--out", str(out), "--workers", "2"]
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        # a terminal job has the default SIGINT action (a shell's background job would ignore it)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 300
    while (
        not out.exists() or out.read_text(encoding="utf-8").count("\n") < 3
    ) and time.monotonic() < deadline:
        assert child.poll() is None, child.communicate()
        time.sleep(0.2)
    os.killpg(child.pid, signal.SIGINT)  # Ctrl-C: the whole group gets it
    _, err = child.communicate(timeout=300)
    assert child.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err
    done = len(_jsonl(out))
    assert 3 <= done < 300
    rerun = run_batch([str(folder)], str(out), workers=1)
    assert (rerun.skipped, rerun.processed) == (done, 300 - done)
    rows = _jsonl(out)
    assert len(rows) == len({r["file"] for r in rows}) == 300


def test_output_inside_the_input_folder_is_neither_read_nor_counted(collection: Path) -> None:
    out = collection / "dataset.csv"
    run_batch([str(collection)], str(out), workers=1)
    again = run_batch([str(collection)], str(out), workers=1)
    assert (again.found, again.ignored, again.skipped, again.processed) == (5, 1, 5, 0)
