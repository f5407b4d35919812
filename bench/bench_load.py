"""Load and fault tests of ``gongkai serve`` (waitress), on SQLite and on PostgreSQL.

    uv run python bench/bench_load.py [--db sqlite|postgresql|both] [--readers-seconds 60]

Not part of the test suite: a bounded script that talks to 127.0.0.1 only. For each database it
starts ``gongkai serve --demo`` on a free port against a fresh data directory (and, for PostgreSQL,
a freshly created database ``gongkai_batch_load``), then:

1. **Submission bursts** of 50 and 200 concurrent anonymous online applications (``/apply/``): each
   simulated visitor fetches the form (session, CSRF token, submission key), all wait at a barrier,
   then all post at once; one in four posts the same form a second time (a retried request). The
   database is then read directly: every acknowledged submission (302 to its 已提交 page) must be a
   row (0 lost), no submission may be two rows (0 duplicates; the retried post must answer with the
   same tracking number), and no response may be a 5xx. The per-address limit
   ``GONGKAI_APPLY_MAX_PER_HOUR`` is raised for the run (every visitor is 127.0.0.1); CSRF is not.
2. **Portal readers**: 200 concurrent readers for ``--readers-seconds`` over the home page, the
   专栏 (/zfxxgk/) and pages linked from it → p50/p95/p99 latency, requests per second, errors.
3. **Idle connections**: more idle (half-sent) connections than the server has threads, and then
   more than waitress's connection limit; a normal request must still be answered.
4. **kill -9** of the web process in the middle of a submission burst; after a restart every
   acknowledged application must be in the database.

The figures go into BENCHMARKS.md by hand (with the machine's load, printed here).
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
PG_URL = "postgresql://postgres@127.0.0.1:5432/gongkai_batch_load"
THREADS = 8  # gongkai serve's default --threads
DETAILS = {
    "applicant_type": "natural_person",
    "applicant_category": "np",
    "applicant_name": "张三",
    "applicant_id_type": "居民身份证",
    "applicant_id_number": "110101199001011234",
    "applicant_phone": "13800000000",
    "applicant_address": "新城县人民路1号",
    "document_number": "",
    "provision_form": "paper",
    "delivery_method": "post",
}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 302 is an answer to look at, not to follow


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49] * 1000:.0f} ms · p95 {q[94] * 1000:.0f} ms · p99 {q[98] * 1000:.0f} ms"


# ---- the server ------------------------------------------------------------------------------------


class Server:
    def __init__(
        self, data_dir: Path, database_url: str | None, threads: int, letter_pdf: bool = True
    ) -> None:
        self.data_dir, self.database_url, self.threads = data_dir, database_url, threads
        self.letter_pdf = letter_pdf
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(GONGKAI_DATA_DIR=str(self.data_dir), GONGKAI_APPLY_MAX_PER_HOUR="1000000")
        env["GONGKAI_LETTER_PDF"] = "1" if self.letter_pdf else "0"
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def start(self, *, demo: bool) -> float:
        command = [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(self.port)]
        command += ["--threads", str(self.threads)] + (["--demo"] if demo else [])
        log = open(self.data_dir / "serve.log", "ab")  # noqa: SIM115 — the server's lifetime
        t0 = time.perf_counter()
        self.process = subprocess.Popen(command, env=self.env(), stdout=log, stderr=log)
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(
                    f"gongkai serve exited ({self.process.returncode}); see {self.data_dir / 'serve.log'}"
                )
            try:
                with urllib.request.urlopen(self.base + "/", timeout=5) as r:
                    if r.status == 200:
                        return time.perf_counter() - t0
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        sys.exit("gongkai serve did not answer within 900 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def rows(self, marker: str) -> list[tuple[str, str]]:
        """(description, tracking number) of the applications whose description starts with marker."""
        query = "SELECT description, tracking_number FROM applications_application WHERE description LIKE %s"
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                return [(str(a), str(b)) for a, b in conn.execute(query, (marker + "%",)).fetchall()]
        with sqlite3.connect(self.data_dir / "gongkai.sqlite3", timeout=60) as conn:
            return [(str(a), str(b)) for a, b in conn.execute(query.replace("%s", "?"), (marker + "%",))]


def fresh_postgres(template: str = "template0") -> str:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS gongkai_batch_load WITH (FORCE)")
        conn.execute(
            "CREATE DATABASE gongkai_batch_load ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' "
            f"TEMPLATE {template}"
        )
    return PG_URL


def prepared(kind: str, templates: Path, threads: int) -> tuple[Path, str | None]:
    """A fresh data directory (and database) holding the demo: copied from a template made once
    (loading the demo takes minutes on a busy machine), so every run starts from the same data."""
    import psycopg

    work = Path(tempfile.mkdtemp(prefix=f"gongkai-load-{kind}-"))
    template = templates / kind
    if kind == "sqlite":
        if not (template / "gongkai.sqlite3").exists():
            shutil.rmtree(template, ignore_errors=True)
            template.mkdir(parents=True)
            maker = Server(template, None, threads)
            print(f"loading the demo into {template} (once)", flush=True)
            maker.start(demo=True)
            maker.stop()
        shutil.rmtree(work)
        shutil.copytree(template, work)
        (work / "serve.log").unlink(missing_ok=True)
        return work, None
    name = "gongkai_batch_load_tpl"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        ready = template.exists() and (template / "ready").exists()
        if not (exists and ready):
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(
                f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
            )
    if not (exists and ready):
        shutil.rmtree(template, ignore_errors=True)
        template.mkdir(parents=True)
        maker = Server(template, PG_URL.replace("gongkai_batch_load", name), threads)
        print(f"loading the demo into {name} (once)", flush=True)
        maker.start(demo=True)
        maker.stop()
        (template / "ready").write_text("1")
    shutil.rmtree(work)
    shutil.copytree(template, work)
    (work / "serve.log").unlink(missing_ok=True)
    return work, fresh_postgres(template=name)


# ---- a visitor ---------------------------------------------------------------------------------------


@dataclass
class Outcome:
    marker: str
    status: int = 0
    tracking: str | None = None
    retry_status: int = 0
    retry_tracking: str | None = None
    error: str | None = None
    seconds: float = 0.0


class Visitor:
    """One anonymous browser: its own cookies (session, CSRF), no redirects followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(
        self, path: str, data: dict[str, str] | None = None, timeout: float = 60
    ) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            req.add_header("Referer", self.base + path)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return r.status, r.headers.get("Location", ""), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location", ""), exc.read().decode("utf-8", "replace")

    def form(self) -> dict[str, str]:
        status, _, html = self.request("/apply/")
        if status != 200:
            raise RuntimeError(f"GET /apply/ → {status}")
        fields = {}
        for name in ("csrfmiddlewaretoken", "idempotency_key"):
            m = re.search(rf'name="{name}" value="([^"]+)"', html) or re.search(
                rf'value="([^"]+)"[^>]*name="{name}"', html
            )
            if m is None:
                raise RuntimeError(f"no {name} in the form")
            fields[name] = m.group(1)
        select = re.search(r'<select name="agency".*?</select>', html, re.S)
        agency = re.search(r'<option value="(\d+)"', select.group(0)) if select else None
        if agency is None:
            raise RuntimeError("no agency to choose in the form")
        fields["agency"] = agency.group(1)
        return fields


def tracking_of(status: int, location: str) -> str | None:
    m = re.search(r"/apply/submitted/([^/]+)/", location)
    return urllib.parse.unquote(m.group(1)) if status == 302 and m else None


def burst(
    base: str, n: int, marker: str, *, retry_every: int = 4, on_ack: Any = None, timeout: float = 300
) -> list[Outcome]:
    """``n`` visitors fetch the form, wait for each other, then post at once."""
    outcomes = [Outcome(marker=f"{marker}-{i:04d}") for i in range(n)]
    barrier = threading.Barrier(n, timeout=600)

    def visit(i: int) -> None:
        out = outcomes[i]
        visitor = Visitor(base)
        try:
            fields = visitor.form()
        except Exception as exc:
            out.error = f"form: {type(exc).__name__}: {exc}"
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
            return
        data = {**DETAILS, **fields, "description": f"{out.marker} 负载测试：请公开本县2025年道路养护经费"}
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        t0 = time.perf_counter()
        try:
            out.status, location, _ = visitor.request("/apply/", data, timeout=timeout)
            out.seconds = time.perf_counter() - t0
            out.tracking = tracking_of(out.status, location)
            if out.tracking and on_ack is not None:
                on_ack()
            if out.tracking and retry_every and i % retry_every == 0:  # the same post again
                out.retry_status, location, _ = visitor.request("/apply/", data, timeout=timeout)
                out.retry_tracking = tracking_of(out.retry_status, location)
        except Exception as exc:
            out.error = f"post: {type(exc).__name__}: {exc}"
            out.seconds = time.perf_counter() - t0

    threads = [threading.Thread(target=visit, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    return outcomes


def judge(server: Server, marker: str, outcomes: list[Outcome]) -> dict[str, Any]:
    rows = server.rows(marker)
    per_marker = Counter(description.split(" ", 1)[0] for description, _ in rows)
    in_db = {tracking for _, tracking in rows}
    acked = [o for o in outcomes if o.tracking]
    retried = [o for o in outcomes if o.retry_status]
    statuses = Counter(o.status for o in outcomes) + Counter(o.retry_status for o in retried)
    return {
        "submitted": len(outcomes),
        "acknowledged": len(acked),
        "rows": len(rows),
        "lost": sum(1 for o in acked if o.tracking not in in_db),
        "duplicates": sum(n - 1 for n in per_marker.values() if n > 1),
        "retried": len(retried),
        "retry_same_tracking": sum(1 for o in retried if o.retry_tracking == o.tracking),
        "5xx": sum(n for s, n in statuses.items() if s >= 500),
        "not_saved_200": statuses.get(200, 0),
        "client_errors": sum(1 for o in outcomes if o.error),
        "statuses": dict(statuses),
        "latency": percentiles([o.seconds for o in acked]),
        "examples": [o.error for o in outcomes if o.error][:3],
    }


# ---- readers, idle connections ----------------------------------------------------------------------


def reader_pages(base: str) -> list[str]:
    _status, _, html = Visitor(base).request("/zfxxgk/")
    links = sorted(set(re.findall(r'href="(/zfxxgk/[^"#?]*)"', html)))
    return ["/", "/zfxxgk/", *[link for link in links if not link.endswith((".rss", ".atom"))][:20]]


def readers(base: str, n: int, seconds: float) -> dict[str, Any]:
    pages = reader_pages(base)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def read(seed: int) -> None:
        rnd = random.Random(seed)
        visitor = Visitor(base)
        while time.monotonic() < stop_at:
            t0 = time.perf_counter()
            try:
                status, _, _ = visitor.request(rnd.choice(pages), timeout=60)
            except Exception as exc:
                with lock:
                    errors[type(exc).__name__] += 1
                continue
            with lock:
                latencies.append(time.perf_counter() - t0)
                statuses[status] += 1

    threads = [threading.Thread(target=read, args=(i,)) for i in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    wall = time.perf_counter() - t0
    return {
        "pages": len(pages),
        "requests": len(latencies),
        "per_second": len(latencies) / wall,
        "latency": percentiles(latencies),
        "statuses": dict(statuses),
        "errors": dict(errors),
    }


def idle(base: str, port: int, n: int) -> dict[str, Any]:
    """Open ``n`` connections that send half a request and then nothing; time a normal request."""
    sockets = []
    try:
        for _ in range(n):
            s = socket.create_connection((HOST, port), timeout=10)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
            sockets.append(s)
        time.sleep(1)
        t0 = time.perf_counter()
        try:
            status, _, _ = Visitor(base).request("/zfxxgk/", timeout=15)
            answer = f"{status} in {time.perf_counter() - t0:.2f} s"
        except Exception as exc:
            answer = f"no answer within 15 s ({type(exc).__name__})"
        return {"idle": n, "normal request": answer}
    finally:
        for s in sockets:
            s.close()


# ---- the run ----------------------------------------------------------------------------------------


def run_database(kind: str, args: argparse.Namespace, bursts: list[int]) -> None:
    threads, readers_seconds, readers_n = args.threads, args.readers_seconds, args.readers
    work, database_url = prepared(kind, Path(args.templates), threads)
    server = Server(work, database_url, threads, letter_pdf=args.letter_pdf == 1)
    try:
        started = server.start(demo=False)
        print(
            f"\n## {kind}: gongkai serve --threads {threads} (demo data, GONGKAI_LETTER_PDF={args.letter_pdf}) "
            f"ready in {started:.0f} s",
            flush=True,
        )
        print(f"load average: {os.getloadavg()}", flush=True)
        for n in bursts:
            marker = f"L{kind[:2]}{n}x{int(time.time())}"
            t0 = time.perf_counter()
            result = judge(server, marker, burst(server.base, n, marker))
            print(f"burst of {n} submissions ({time.perf_counter() - t0:.1f} s): {result}", flush=True)
        if "bursts" in args.only:
            return
        result = readers(server.base, readers_n, readers_seconds)
        print(f"{readers_n} readers for {readers_seconds:g} s: {result}", flush=True)
        for n in (threads * 3, 150):
            print(f"idle connections: {idle(server.base, server.port, n)}", flush=True)
        # kill -9 in the middle of a burst
        acks = 0
        lock = threading.Lock()
        killed = threading.Event()

        def on_ack() -> None:
            nonlocal acks
            with lock:
                acks += 1
                if acks == kill_at and not killed.is_set():
                    killed.set()
                    server.kill9()

        size = max(bursts)
        kill_at = max(1, size // 5)
        marker = f"K{kind[:2]}x{int(time.time())}"
        outcomes = burst(server.base, size, marker, retry_every=0, on_ack=on_ack, timeout=60)
        if not killed.is_set():
            server.kill9()
        restarted = server.start(demo=False)
        result = judge(server, marker, outcomes)
        print(
            f"kill -9 after {kill_at} acknowledged of a {size}-submission burst (restart {restarted:.0f} s): "
            f"acknowledged {result['acknowledged']}, rows after restart {result['rows']}, "
            f"lost {result['lost']}, duplicates {result['duplicates']}, "
            f"unacknowledged but committed {result['rows'] - result['acknowledged'] + result['lost']}, "
            f"client errors {result['client_errors']}",
            flush=True,
        )
        print(f"load average: {os.getloadavg()}", flush=True)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--readers-seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--bursts", default="50,200", help="sizes of the submission bursts")
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument(
        "--letter-pdf",
        type=int,
        choices=(0, 1),
        default=1,
        help="GONGKAI_LETTER_PDF for the server (1: the online receipt's PDF is made in the request)",
    )
    parser.add_argument("--only", default="", help="'bursts': only the submission bursts")
    parser.add_argument(
        "--templates",
        default=str(Path(tempfile.gettempdir()) / "gongkai-load-templates"),
        help="where the demo data is kept between runs (made on the first run)",
    )
    args = parser.parse_args()
    bursts = [int(n) for n in args.bursts.split(",")]
    for kind in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        run_database(kind, args, bursts)


if __name__ == "__main__":
    main()
