"""compose.yaml, the Dockerfile and the Caddyfile describe the layout of docs/deploy.md, and every
gongkai variable they set is one the code reads. ``docker compose config`` runs where it exists."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "src" / "gongkai"


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))


def _read_by_code() -> str:
    return "\n".join(p.read_text("utf-8") for p in SRC.rglob("*.py"))


def test_compose_has_the_production_layout() -> None:
    compose = _compose()
    services = compose["services"]
    assert {"db", "migrate", "web", "worker", "proxy", "redis"} <= services.keys()
    assert services["db"]["image"].startswith("postgres:15")
    assert services["web"]["command"][0] == "serve" and "0.0.0.0" in services["web"]["command"]
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"][:2] == ["manage", "migrate"]
    assert services["redis"]["profiles"] == ["redis"]
    assert "ports" not in services["web"]  # only the proxy is published
    assert services["proxy"]["ports"] == ["80:80", "443:443"]
    env = services["web"]["environment"]
    assert env["GONGKAI_BEHIND_TLS_PROXY"] == "1" and env["GONGKAI_LOG_FORMAT"] == "json"
    assert ":?" in env["GONGKAI_SECRET_KEY"] and ":?" in env["DATABASE_URL"]  # no default secret
    assert env["GONGKAI_BACKUP_DIR"] == "/backups"


def test_every_gongkai_variable_in_the_deploy_files_is_read_by_the_code() -> None:
    code = _read_by_code()
    texts = [(ROOT / name).read_text("utf-8") for name in ("compose.yaml", "Dockerfile")]
    names = {n for text in texts for n in re.findall(r"\b(GONGKAI_[A-Z_]+)\b", text)} - {"GONGKAI_HOST"}
    assert len(names) > 10
    unread = sorted(n for n in names if f'"{n}"' not in code)
    assert unread == []


def test_the_dockerfile_runs_gongkai_unprivileged_with_a_matching_pg_dump() -> None:
    text = (ROOT / "Dockerfile").read_text("utf-8")
    assert 'ENTRYPOINT ["gongkai"]' in text and "USER gongkai" in text
    assert "postgresql-client-15" in text  # pg_dump of the server's major version
    assert "/healthz" in text and "uv sync --frozen --no-dev" in text
    caddy = (ROOT / "deploy" / "Caddyfile").read_text("utf-8")
    assert "dynamic a web 8000" in caddy and "health_uri /readyz" in caddy


@pytest.mark.skipif(
    shutil.which("docker") is None
    or subprocess.run(["docker", "compose", "version"], capture_output=True, check=False).returncode != 0,
    reason="docker compose is not installed here (the structure is checked above)",
)
def test_docker_compose_config_accepts_the_file() -> None:
    env = {"POSTGRES_PASSWORD": "x", "GONGKAI_SECRET_KEY": "k" * 50, "GONGKAI_HOST": "gongkai.example.org"}
    result = subprocess.run(
        ["docker", "compose", "-f", str(ROOT / "compose.yaml"), "config", "--quiet"],
        env={**env, "PATH": "/usr/bin:/usr/local/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
