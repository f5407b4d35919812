"""A task that only records that it ran: the fault benchmark (bench/bench_tasks.py) and the tests.

``record(n)`` inserts ``n`` into the table ``gongkai_tasks_probe`` (created on first use) with
``INSERT … ON CONFLICT DO NOTHING`` — idempotent, as every task must be (a task whose worker died
after its commit but before it was marked done runs again; decision D42) — and counts its runs.
"""

from __future__ import annotations

import time

from django.db import connection, transaction

from .engine import background

TABLE = "gongkai_tasks_probe"


def ensure_table(*, empty: bool = False) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (n INTEGER PRIMARY KEY, runs INTEGER NOT NULL)")
        if empty:
            cursor.execute(f"DELETE FROM {TABLE}")


@background(max_attempts=1)
def record(n: int, seconds: float = 0.0) -> int:
    """Write row ``n`` (or count one more run of it), after ``seconds`` of simulated work."""
    if seconds:
        time.sleep(seconds)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (n, runs) VALUES (%s, 1) ON CONFLICT (n) DO UPDATE SET runs = {TABLE}.runs + 1",
            [n],
        )
    return n


def rows() -> dict[int, int]:
    """{n: runs} of every row written."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n, runs FROM {TABLE}")
        return {int(n): int(runs) for n, runs in cursor.fetchall()}
