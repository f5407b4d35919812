"""`gongkai serve`, `gongkai demo`, `gongkai manage`: real processes, a real server, a real port."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from gongkai.web.accounts.models import ApplicantProfile, Membership, User
from gongkai.web.agencies.models import Agency, AgencySuccession
from gongkai.web.demo import load_demo

G_STEPS = ["gongkai.web.demo.load_calendar", "gongkai.web.demo.load_agencies", "gongkai.web.demo.load_people"]


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Agency, AgencySuccession, User, Membership, ApplicantProfile))


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_the_accounts(settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_DEMO_STEPS = G_STEPS
    out = io.StringIO()
    context = load_demo(out)
    first = _counts()
    load_demo(io.StringIO())
    assert _counts() == first
    text = out.getvalue()
    for role in ("经办人", "审核人", "负责人", "机构管理员", "监督人员", "申请人", "系统管理员"):
        assert role in text
    clerk = context.users["clerk"]
    assert clerk.check_password("demo-jingban-2026")
    county = context.agencies["qx-county"]
    assert {a.code for a in county.subtree()} >= {"qx-education", "qx-chengguan", "qx-dongcheng"}
    assert context.agencies["qx-culture-tourism"].predecessors().count() == 2
    assert User.objects.get(username="admin").is_superuser


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("DJANGO_")}
    env["GONGKAI_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(tmp_path: Path, **extra_env: str) -> Iterator[int]:
    """Run `gongkai serve` on a free port until the block ends (then Ctrl+C; it must exit 0)."""
    port = _free_port()
    with subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(port)],
        env=_env(tmp_path) | extra_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            lines = []
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                line = proc.stdout.readline()
                if not line:
                    break
                lines.append(line)
                if "gongkai 已启动" in line:
                    break
            started = any(f"http://127.0.0.1:{port}/" in line for line in lines)
            assert started, "".join(lines) + (proc.stderr.read() if proc.stderr else "")
            yield port
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0


@pytest.mark.slow
def test_serve_migrates_and_serves_pages_and_static_files(tmp_path: Path) -> None:
    with _serving(tmp_path) as port:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            html = page.read().decode()
            assert page.status == 200
        assert "政府信息公开" in html
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/gongkai/gongkai.css", timeout=30) as css:
            assert css.status == 200
            assert b"--accent" in css.read()
    assert (tmp_path / "data" / "gongkai.sqlite3").exists()  # in the data dir, not the checkout


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.mark.slow
def test_behind_a_tls_proxy_plain_http_is_redirected_and_forwarded_https_served(tmp_path: Path) -> None:
    opener = urllib.request.build_opener(_NoRedirect)
    with _serving(tmp_path, GONGKAI_BEHIND_TLS_PROXY="1") as port:
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(f"http://127.0.0.1:{port}/", timeout=30)
        assert redirect.value.code == 301
        assert redirect.value.headers["Location"] == f"https://127.0.0.1:{port}/"
        redirect.value.close()
        forwarded = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"}
        )
        with opener.open(forwarded, timeout=30) as page:
            assert page.status == 200


def test_serve_on_a_taken_port_says_so_in_chinese(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(port)],
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert "端口已被占用" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_setting_is_one_chinese_line(tmp_path: Path) -> None:
    env = _env(tmp_path) | {"GONGKAI_DEBUG": "perhaps"}
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "manage", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "GONGKAI_DEBUG" in result.stderr and "perhaps" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_manage_passes_commands_through(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "manage", "check"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout or "未发现问题" in result.stdout or "System check" in result.stdout


def test_the_command_line_loads_django_only_for_platform_commands() -> None:
    code = (
        "import sys\n"
        "from gongkai import cli\n"
        "cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith(('django.', 'gongkai.web'))))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_an_unreachable_database_is_one_chinese_line(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = _env(tmp_path) | {"DATABASE_URL": f"postgresql://postgres@127.0.0.1:{port}/gongkai"}
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "demo"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "无法连接或迁移数据库" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_deployment_behind_tls_passes_djangos_deploy_checks(tmp_path: Path) -> None:
    env = _env(tmp_path) | {
        "GONGKAI_BEHIND_TLS_PROXY": "1",
        "GONGKAI_HSTS_SECONDS": "31536000",
        "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "manage", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    found = set(re.findall(r"security\.W\d+", result.stdout + result.stderr))
    # Left to the operator on purpose: HSTS for every subdomain and browser preload lists commit a
    # whole domain (often a shared gov.cn parent) to HTTPS forever.
    assert found <= {"security.W005", "security.W021"}, result.stdout + result.stderr
