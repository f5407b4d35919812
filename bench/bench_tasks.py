"""Fault test of the task engine: ``kill -9`` a ``gongkai worker`` in the middle of a burst.

Each round: N probe tasks enqueued (each writes its row, ``gongkai.web.tasks.probe.record``, after
``--work`` seconds of simulated work) in a fresh queue (SQLite in a temporary data directory, or
PostgreSQL with ``--database-url``); two ``gongkai worker`` processes started; ``--kills`` times, once
another share of the rows exists and at a random moment within a task, one of them is killed with
SIGKILL and a new one started; then wait until the queue is empty. Checked: every enqueued task ended
SUCCESSFUL, every row 0…N-1 exists (no committed row lost); counted: tasks a kill left ``RUNNING``
(orphans, recovered by heartbeat, D42) and rows written twice (a task re-run after its worker died
between its commit and being marked done — the probe is idempotent). Measured: throughput from the
first row to the last, and the time from the last kill to the last task done.

    uv run python bench/bench_tasks.py --tasks 300 --rounds 3
    uv run python bench/bench_tasks.py --database-url postgresql://postgres@127.0.0.1:5432/gongkai_tasks
"""

from __future__ import annotations

import argparse
import json
import os
import random
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


def _worker(env: dict[str, str], log: Path, worker_id: str) -> subprocess.Popen[bytes]:
    gongkai = Path(sys.executable).with_name("gongkai")
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(gongkai), "worker", "--interval", "0.2", "--worker-id", worker_id],
            env=env,
            stdout=out,
            stderr=out,
        )


def one_round(
    number: int, n: int, work: float, kills: int, data_dir: Path, env: dict[str, str]
) -> dict[str, float]:
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from gongkai.web.tasks import probe

    DBTaskResult.objects.all().delete()
    probe.ensure_table(empty=True)
    for i in range(n):
        probe.record.enqueue(i, work)
    connection.close()

    log = data_dir / "worker.log"
    chance = random.Random(number)
    started = time.monotonic()
    workers = {f"bench-{number}-{name}": None for name in ("a", "b")}
    for worker_id in workers:
        workers[worker_id] = _worker(env, log, worker_id)
    first_row = None
    orphaned = 0
    killed_at = started
    for k in range(1, kills + 1):
        while len(probe.rows()) < k * n // (kills + 1):
            if first_row is None and probe.rows():
                first_row = time.monotonic()
            if any(p.poll() is not None for p in workers.values()):
                raise SystemExit(f"a worker exited early, see {log}:\n{log.read_text()[-3000:]}")
            time.sleep(0.01)
        time.sleep(chance.uniform(0, work))  # land anywhere in a task, or between two
        victim = chance.choice(sorted(workers))
        workers[victim].send_signal(signal.SIGKILL)
        workers[victim].wait()
        killed_at = time.monotonic()
        orphaned += sum(1 for r in DBTaskResult.objects.running() if r.worker_ids[-1] == victim)
        del workers[victim]
        restarted = f"bench-{number}-r{k}"
        workers[restarted] = _worker(env, log, restarted)

    deadline = time.monotonic() + 300
    while DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():
        if time.monotonic() > deadline:
            for p in workers.values():
                p.kill()
            raise SystemExit(f"tasks left undone, see {log}:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    finished = time.monotonic()
    for p in workers.values():
        p.send_signal(signal.SIGTERM)
    for p in workers.values():
        p.wait(timeout=30)

    rows = probe.rows()
    successful = DBTaskResult.objects.successful().count()
    failed = DBTaskResult.objects.failed().count()
    connection.close()
    lost = n - len(rows)
    if lost or successful != n or failed:
        raise SystemExit(f"FAULT: {lost} rows lost, {successful}/{n} successful, {failed} failed")
    return {
        "tasks": n,
        "kills": kills,
        "orphaned_by_kills": orphaned,
        "rows_written_twice": sum(1 for runs in rows.values() if runs > 1),
        "rows_lost": lost,
        "worker_start_seconds": (first_row or finished) - started,
        "rate": n / (finished - (first_row or started)),
        "after_last_kill_seconds": finished - killed_at,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=float, default=0.05, help="simulated seconds of work per task")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--kills", type=int, default=3, help="kill -9 a worker this many times per round")
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
        rounds = [one_round(i, args.tasks, args.work, args.kills, Path(tmp), env) for i in range(args.rounds)]
    summary = {
        "database": "PostgreSQL" if args.database_url else "SQLite",
        "rounds": rounds,
        "median_rate": statistics.median(r["rate"] for r in rounds),
        "median_after_last_kill_seconds": statistics.median(r["after_last_kill_seconds"] for r in rounds),
        "orphaned_total": sum(r["orphaned_by_kills"] for r in rounds),
        "rows_lost_total": sum(r["rows_lost"] for r in rounds),
        "rows_written_twice_total": sum(r["rows_written_twice"] for r in rounds),
        "stale_seconds": STALE_SECONDS,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(
            f"{summary['database']}: {args.rounds} rounds × {args.tasks} tasks, 2 workers, "
            f"kill -9 of one {args.kills} times per round (restarted each time)"
        )
        for r in rounds:
            print(
                f"  tasks orphaned by the kills {r['orphaned_by_kills']}, re-run {r['rows_written_twice']}, "
                f"lost {r['rows_lost']}, {r['rate']:.1f} tasks/s, last task done "
                f"{r['after_last_kill_seconds']:.1f} s after the last kill"
            )
        print(
            f"  median {summary['median_rate']:.1f} tasks/s; median {summary['median_after_last_kill_seconds']:.1f} s "
            f"from the last kill to the end (stale after {STALE_SECONDS} s); orphaned "
            f"{summary['orphaned_total']}, all recovered; rows lost {summary['rows_lost_total']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
