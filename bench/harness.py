"""What the benchmark scripts share: finding the corpus, pinning to one core, a timed loop.

The scripts are run as ``uv run python bench/<name>.py``, so this module is imported by its plain
name (``bench/`` is the script's directory on ``sys.path``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def corpus_dir(given: str | None) -> Path:
    """The corpus of real reports: ``--corpus``, else ``GONGKAI_CORPUS``, else tests/corpus/."""
    for candidate in (given, os.environ.get("GONGKAI_CORPUS"), ROOT / "tests" / "corpus"):
        if candidate and (Path(candidate) / "MANIFEST.tsv").exists():
            return Path(candidate)
    sys.exit("找不到语料目录（--corpus DIR 或 GONGKAI_CORPUS）")


def pin_one_core() -> str:
    """Pin this process to one CPU so that 'per core' means one core; say which."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
    except (AttributeError, OSError):
        return "not pinned"
    return f"pinned to CPU {cpu}"


def measure(fn: Callable[[], Any], seconds: float) -> dict[str, float]:
    """Call ``fn`` repeatedly for ``seconds`` after one warm-up call; rates per wall and CPU second."""
    fn()  # warm-up
    n = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall0 < seconds:
        fn()
        n += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {
        "calls": n,
        "per_wall_s": n / wall,
        "per_cpu_s": n / cpu if cpu else float("inf"),
        "ms_each": 1000 * wall / n,
    }
