"""Shared test configuration.

The corpus of real published reports lives in tests/corpus/ (byte for byte as published, with
MANIFEST.tsv naming each file's source); tests that need it find it through the ``corpus_dir``
fixture or ``corpus_location.CORPUS_DIR`` (``GONGKAI_CORPUS`` overrides).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_location import CORPUS_DIR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS_DIR
