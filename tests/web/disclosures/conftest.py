from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Uploaded attachments go to the test's own directory, never the user's data dir."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
