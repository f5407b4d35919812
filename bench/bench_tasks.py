"""Fault test of the task engine: ``kill -9`` a ``gongkai worker`` in the middle of a burst.

Each round: a fresh data directory (SQLite, or PostgreSQL with ``--database-url``); N probe tasks
enqueued (each writes its row, ``gongkai.web.tasks.probe.record``, ~``--work`` seconds of simulated
work); a ``gongkai worker`` process started; ``kill -9`` once about a third of the rows exist; a new
worker started; wait until the queue is empty. Checked: every enqueued task ended SUCCESSFUL, every
row 0…N-1 exists (no committed row lost), and how many rows were written twice (a task re-run after
its worker died between its commit and being marked done — the probe is idempotent). Measured:
throughput before the kill, and the time from the restart until the last task is done (recovery
waits ``GONGKAI_TASK_STALE_SECONDS`` for the dead worker's claim to go stale, D42).

    uv run python bench/bench_tasks.py --tasks 300 --rounds 3
    uv run python bench/bench_tasks.py --database-url postgresql://postgres@127.0.0.1:5432/gongkai_tasks
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STALE_SECONDS = 3


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GONGKAI_DATA_DIR=str(data_dir),
        GONGKAI_TASKS_BACKEND="database",
        GONGKAI_TASK_STALE_SECONDS=str(STALE_SECONDS),
        GONGKAI_TASK_BEAT_SECONDS="1",
        DJANGO_SETTINGS_MODULE="gongkai.web.settings",
    )
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    gongkai = Path(sys.executable).with_name("gongkai")
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(gongkai), "worker", "--interval", "0.2"], env=env, stdout=out, stderr=out
        )


def one_round(n: int, work: float, data_dir: Path, env: dict[str, str]) -> dict[str, float]:
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from gongkai.web.tasks import probe

    DBTaskResult.objects.all().delete()
    probe.ensure_table(empty=True)
    for i in range(n):
        probe.record.enqueue(i, work)
    connection.close()

    log = data_dir / "worker.log"
    started = time.monotonic()
    first = _worker(env, log)
    first_row = None
    while len(probe.rows()) < n // 3:
        if first_row is None and probe.rows():
            first_row = time.monotonic()
        if first.poll() is not None:
            raise SystemExit(f"worker exited early, see {log}:\n{log.read_text()}")
        time.sleep(0.02)
    done_at_kill = len(probe.rows())
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed = time.monotonic()
    running_at_kill = DBTaskResult.objects.running().count()

    second = _worker(env, log)
    deadline = time.monotonic() + 300
    while DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():
        if time.monotonic() > deadline or second.poll() is not None:
            second.kill()
            raise SystemExit(f"tasks left undone, see {log}:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    finished = time.monotonic()
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=30)

    rows = probe.rows()
    successful = DBTaskResult.objects.successful().count()
    failed = DBTaskResult.objects.failed().count()
    connection.close()
    lost = n - len(rows)
    if lost or successful != n or failed:
        raise SystemExit(f"FAULT: {lost} rows lost, {successful}/{n} successful, {failed} failed")
    return {
        "tasks": n,
        "done_before_kill": done_at_kill,
        "claimed_at_kill": running_at_kill,
        "rows_written_twice": sum(1 for runs in rows.values() if runs > 1),
        "rows_lost": lost,
        "worker_start_seconds": (first_row or killed) - started,
        "rate_before_kill": done_at_kill / (killed - (first_row or started)),
        "recovery_seconds": finished - killed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=float, default=0.05, help="simulated seconds of work per task")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-tasks-") as tmp:
        env = _env(Path(tmp), args.database_url)
        os.environ.clear()
        os.environ.update(env)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        rounds = [one_round(args.tasks, args.work, Path(tmp), env) for _ in range(args.rounds)]
    summary = {
        "database": "PostgreSQL" if args.database_url else "SQLite",
        "rounds": rounds,
        "median_rate_before_kill": statistics.median(r["rate_before_kill"] for r in rounds),
        "median_recovery_seconds": statistics.median(r["recovery_seconds"] for r in rounds),
        "rows_lost_total": sum(r["rows_lost"] for r in rounds),
        "rows_written_twice_total": sum(r["rows_written_twice"] for r in rounds),
        "stale_seconds": STALE_SECONDS,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{summary['database']}: {args.rounds} rounds × {args.tasks} tasks, kill -9 at ~1/3")
        for r in rounds:
            print(
                f"  done before kill {r['done_before_kill']}, claimed at kill {r['claimed_at_kill']}, "
                f"re-run {r['rows_written_twice']}, lost {r['rows_lost']}, "
                f"{r['rate_before_kill']:.0f} tasks/s, recovery {r['recovery_seconds']:.1f} s"
            )
        print(
            f"  median {summary['median_rate_before_kill']:.0f} tasks/s; median recovery "
            f"{summary['median_recovery_seconds']:.1f} s (stale after {STALE_SECONDS} s); "
            f"rows lost {summary['rows_lost_total']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
