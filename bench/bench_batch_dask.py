"""``gongkai batch`` throughput: local pool of 1 and 2 processes vs a 2-worker Dask cluster.

    uv run python bench/bench_batch_dask.py [--files 10000] [--runs 1] [--corpus DIR]

Builds ``--files`` report files in a temporary folder (the corpus's text reports, each copy made
distinct by a trailing line, so every file is read, checked and hashed anew), then times the
whole ``run_batch`` — pool or cluster start included, as a user waits for it — for:

- the local pool with 1 process (``--workers 1``: in-process, no pool);
- the local pool with 2 processes (``--workers 2``);
- a Dask cluster started as separate processes — ``dask scheduler`` and ``dask worker --nworkers 2
  --nthreads 1`` on 127.0.0.1 — reached over TCP by ``--scheduler`` (the distribution overhead is
  real: every record is pickled and sent from the worker through the scheduler's comms to the client).
  The cluster's start (about seconds) is not timed: it is started once and serves many runs.

It checks that the three datasets hold the same rows (sorted lines equal) and prints files per
second, the speed-ups against one process, and the extrapolation to a national year (10^5 reports)
for each worker count, plus a projection for larger clusters at the measured per-worker rate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gongkai.report.batch import run_batch
from harness import corpus_dir

NATIONAL_YEAR = 100_000


def build(folder: Path, corpus: Path, n: int) -> None:
    texts = [p.read_bytes() for p in sorted(corpus.glob("*.txt"))]
    for i in range(n):
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:05d}.txt").write_bytes(texts[i % len(texts)] + f"\n（副本 {i}）\n".encode())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_cluster(workdir: Path) -> tuple[str, list[subprocess.Popen[bytes]]]:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    log = open(workdir / "dask.log", "wb")  # noqa: SIM115 — kept open for the processes' lifetime
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=log,
        stderr=log,
    )
    workers = subprocess.Popen(
        [dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
        stdout=log,
        stderr=log,
        cwd=workdir,  # not the client's working directory: the paths sent must be absolute
    )
    from distributed import Client

    with Client(address, timeout=60, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=120)
    return address, [workers, scheduler]


def timed(label: str, folder: Path, out: Path, **kwargs: object) -> float:
    t0 = time.perf_counter()
    summary = run_batch([str(folder)], str(out), restart=True, **kwargs)  # type: ignore[arg-type]
    wall = time.perf_counter() - t0
    print(f"  {label}: {summary.processed} files in {wall:.1f} s ({summary.failed} failed)", flush=True)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--corpus")
    args = parser.parse_args()
    corpus = corpus_dir(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-batch-"))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        folder = work / "reports"
        folder.mkdir()
        build(folder, corpus, args.files)
        print(f"{args.files} files in {folder}; load average before: {os.getloadavg()}", flush=True)
        address, procs = start_cluster(work)
        configs: list[tuple[str, int, dict[str, object]]] = [
            ("local pool, 1 process", 1, {"workers": 1}),
            ("local pool, 2 processes", 2, {"workers": 2}),
            ("Dask, 2 workers (separate scheduler + worker processes, TCP)", 2, {"scheduler": address}),
        ]
        walls: dict[str, list[float]] = {label: [] for label, _, _ in configs}
        for run in range(args.runs):
            print(f"run {run + 1}/{args.runs}", flush=True)
            for i, (label, _, kwargs) in enumerate(configs):
                walls[label].append(timed(label, folder, work / f"out{i}.jsonl", **kwargs))
        lines = [sorted((work / f"out{i}.jsonl").read_text(encoding="utf-8").splitlines()) for i in range(3)]
        same = lines[0] == lines[1] == lines[2]
        print(f"same rows in all three datasets: {same}")
        print(f"load average after: {os.getloadavg()}")
        base = statistics.median(walls[configs[0][0]])
        print("\n| configuration | workers | median wall (s) | files/s | speed-up | national year (10^5) |")
        print("|---|---|---|---|---|---|")
        per_worker = 0.0
        for label, n, _ in configs:
            wall = statistics.median(walls[label])
            rate = args.files / wall
            hours = NATIONAL_YEAR / rate / 3600
            print(f"| {label} | {n} | {wall:.1f} | {rate:.1f} | {base / wall:.2f}× | {hours:.2f} h |")
            if "Dask" in label:
                per_worker = rate / n
        print("\nProjection at the measured Dask rate per worker (linear; a cluster's shared file system")
        print("and the single client writing the output bound it eventually):")
        for n in (4, 8, 16, 32):
            print(f"  {n} workers: {NATIONAL_YEAR / (per_worker * n) / 60:.0f} min for 10^5 reports")
        if not same:
            sys.exit("the datasets differ")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
