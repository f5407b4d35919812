"""Benchmark of `gongkai backup` / `gongkai restore` on the demo.

    uv run python bench/bench_backup.py [--runs 5] [--json]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gongkai_bench uv run python bench/bench_backup.py

Loads the demo once with the real command into a throwaway data directory (SQLite, or the given
PostgreSQL database, which must exist and be empty; it keeps the demo afterwards: drop it), adds 200
uploaded files of 64 KB, then times ``create_backup`` and ``restore_backup`` (into an empty SQLite
file / a scratch PostgreSQL database) ``--runs`` times each: medians, archive size, rows, files.
Results go to BENCHMARKS.md (section "backup and restore").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT

sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "").strip() or None
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-backup-") as tmp:
        base = Path(tmp)
        source_dir = base / "source"
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env["GONGKAI_DATA_DIR"] = str(source_dir)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "gongkai.cli", "demo"], env=env, check=True, capture_output=True
        )
        demo_seconds = time.perf_counter() - started
        for i in range(200):
            path = source_dir / "uploads" / "bench" / f"{i:03d}.bin"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(64 * 1024))

        os.environ["GONGKAI_DATA_DIR"] = str(base / "settings")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
        import django

        django.setup()
        from django.db.migrations.loader import MigrationLoader

        from gongkai.web.ops.backup import create_backup
        from gongkai.web.ops.restore import restore_backup
        from web.ops.helpers import drop_scratch, scratch_url, site_for

        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        source = site_for(source_dir, url)
        backups, restores = [], []
        result = None
        for run in range(args.runs):
            started = time.perf_counter()
            result = create_backup(source, base / f"b{run}.tar.gz")
            backups.append(time.perf_counter() - started)
            target_url = scratch_url("bench_dst") if url else None
            target = site_for(base / f"r{run}", target_url)
            started = time.perf_counter()
            restore_backup(target, result.path, known_migrations=known)
            restores.append(time.perf_counter() - started)
            if target_url:
                drop_scratch(target_url)
        assert result is not None
        figures = {
            "database": "postgresql" if url else "sqlite",
            "demo_load_s": round(demo_seconds, 1),
            "rows": result.rows,
            "tables": len(result.manifest["tables"]),
            "files": result.files,
            "archive_mb": round(result.path.stat().st_size / 1e6, 1),
            "backup_median_s": round(statistics.median(backups), 2),
            "restore_median_s": round(statistics.median(restores), 2),
            "runs": args.runs,
            "load_average": round(os.getloadavg()[0], 1),
        }
    print(
        json.dumps(figures, ensure_ascii=False)
        if args.json
        else "\n".join(f"{k}: {v}" for k, v in figures.items())
    )


if __name__ == "__main__":
    main()
