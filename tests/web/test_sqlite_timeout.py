"""SQLite writers wait GONGKAI_SQLITE_TIMEOUT seconds for the write lock (60 by default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.web.environment import SettingsError, database


def test_default_and_configured_busy_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("GONGKAI_SQLITE_TIMEOUT", raising=False)
    options = database(tmp_path)["OPTIONS"]
    assert options["timeout"] == 60 and options["transaction_mode"] == "IMMEDIATE"  # type: ignore[index]
    monkeypatch.setenv("GONGKAI_SQLITE_TIMEOUT", "5")
    assert database(tmp_path)["OPTIONS"]["timeout"] == 5  # type: ignore[index]
    monkeypatch.setenv("GONGKAI_SQLITE_TIMEOUT", "0")
    with pytest.raises(SettingsError):
        database(tmp_path)
