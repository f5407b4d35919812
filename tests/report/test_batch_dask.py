"""``gongkai batch --scheduler``: a Dask cluster gives the same rows as the local pool.

A real ``LocalCluster`` (two worker processes, one thread each, over TCP on 127.0.0.1) is started
in the test; the rows must equal the local pool's byte for byte (as sorted lines: both write in
order of completion), failure rows included; an interrupted run resumes on the cluster to the
same final dataset; a worker killed mid-run loses no file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.report import batch_dask
from gongkai.report.batch import run_batch
from report.read.media_fixtures import CORPUS_SOURCES, fixture

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,  # real worker processes, as on a cluster (and killable)
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=50,
    ) as local:
        yield local


@pytest.fixture
def collection(tmp_path: Path, corpus_dir: Path) -> Path:
    """Corpus reports, a Word and an Excel file, and two hostile files."""
    folder = tmp_path / "年报"
    folder.mkdir()
    for path in sorted(corpus_dir.glob("*.txt"))[:8]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "2020.docx").write_bytes(fixture(CORPUS_SOURCES[1], "docx")[1])
    (folder / "统计表.xlsx").write_bytes(fixture(CORPUS_SOURCES[1], "xlsx")[1])
    docx = fixture(CORPUS_SOURCES[0], "docx")[1]
    (folder / "损坏.docx").write_bytes(docx[: len(docx) // 2])
    (folder / "乱码.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    return folder


def _lines(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8-sig").splitlines())


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_cluster_rows_equal_the_local_pool_byte_for_byte(
    cluster: object, collection: Path, tmp_path: Path, suffix: str
) -> None:
    local, dask = tmp_path / f"local{suffix}", tmp_path / f"dask{suffix}"
    expected = run_batch([str(collection)], str(local), workers=2)
    summary = run_batch([str(collection)], str(dask), scheduler=cluster.scheduler_address)  # type: ignore[attr-defined]
    assert summary.processed == expected.processed == len(list(collection.iterdir()))
    assert (summary.failed, summary.failures) == (expected.failed, expected.failures)
    assert summary.failures["ReadError"] >= 2  # the hostile files are failure rows, not lost
    # the summary's counts (its text orders ties by arrival, which differs between any two runs)
    assert (summary.formats, summary.media, summary.rules) == (
        expected.formats,
        expected.media,
        expected.rules,
    )
    assert _lines(dask) == _lines(local)
    if suffix == ".csv":  # same header line first, same BOM
        assert dask.read_bytes()[:300] == local.read_bytes()[:300]
        rows = list(csv.DictReader(io.StringIO(dask.read_text(encoding="utf-8-sig"))))
        assert {Path(r["file"]).name for r in rows if r["error"]} >= {"损坏.docx", "乱码.pdf"}


def test_interrupted_run_resumes_on_the_cluster(cluster: object, collection: Path, tmp_path: Path) -> None:
    reference, out = tmp_path / "reference.jsonl", tmp_path / "dataset.jsonl"
    run_batch([str(collection)], str(reference), workers=1)
    written = 0

    def interrupt(_: int) -> None:
        nonlocal written
        written += 1
        if written == 5:
            raise KeyboardInterrupt  # as Ctrl-C during the run

    first = run_batch([str(collection)], str(out), workers=2, progress=interrupt)
    assert first.interrupted and first.processed == 5
    with open(out, "a", encoding="utf-8") as f:
        f.write('{"file": "half a line')  # the line being written when it stopped
    again = run_batch([str(collection)], str(out), scheduler=cluster.scheduler_address)  # type: ignore[attr-defined]
    assert (again.skipped, again.processed) == (5, first.found - 5)
    assert _lines(out) == _lines(reference)
    rows = [json.loads(line) for line in _lines(out)]
    assert len(rows) == len({r["file"] for r in rows})


def test_command_line_with_scheduler(
    cluster: object, collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dataset.csv"
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    status = main(["batch", str(collection), "--out", str(out), "--scheduler", address, "--no-progress"])
    assert status == 1  # the hostile files could not be read
    assert "失败（ReadError）" in capsys.readouterr().err


def test_unreachable_scheduler_is_an_error_naming_it(
    collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_dask, "CONNECT_TIMEOUT_S", 2.0)
    with socket.socket() as s:  # a port on which nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    status = main(["batch", str(collection), "--out", str(tmp_path / "x.jsonl"), "--scheduler", address])
    err = capsys.readouterr().err
    assert status == 2, err
    assert f"{address}：无法连接 Dask 调度器" in err and "Traceback" not in err


@pytest.mark.slow  # starts its own cluster and waits for the killed worker to be replaced
def test_a_worker_killed_mid_run_loses_no_file(corpus_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    texts = sorted(p for p in corpus_dir.glob("*.txt"))
    for i in range(60):  # enough work that the kill lands while files are in flight
        (folder / f"{i:03d}.txt").write_bytes(texts[i % len(texts)].read_bytes())
    out = tmp_path / "dataset.jsonl"
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=50,
    ) as local:
        with distributed.Client(local, set_as_default=False) as client:
            pids = sorted(client.run(os.getpid).values())
        killed = False

        def kill_one(_: int) -> None:
            nonlocal killed
            if not killed:
                os.kill(pids[0], signal.SIGKILL)  # its nanny starts a new one; its tasks go elsewhere
                killed = True

        summary = run_batch([str(folder)], str(out), scheduler=local.scheduler_address, progress=kill_one)
    assert killed
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert summary.processed == len(rows) == len({r["file"] for r in rows}) == 60
    crashed = [r for r in rows if r.get("error_type") == "WorkerCrashed"]
    assert all(not r["error"] for r in rows if r not in crashed)  # every other file was read
    assert len(crashed) <= 4  # re-run by the scheduler unless it gave up on them: never lost


def test_files_in_chunks_give_the_same_rows(
    cluster: object, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert batch_dask.chunk_size(10_000, 2) == batch_dask.MAX_CHUNK and batch_dask.chunk_size(12, 2) == 1
    monkeypatch.setattr(batch_dask, "chunk_size", lambda files, threads: 5)  # 15 files: 5 + 5 + 5
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch([str(collection)], str(local), workers=1)
    summary = run_batch([str(collection)], str(dask), scheduler=cluster.scheduler_address)  # type: ignore[attr-defined]
    assert summary.processed == len(list(collection.iterdir()))
    assert _lines(dask) == _lines(local)
