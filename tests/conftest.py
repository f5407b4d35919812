"""Shared test configuration.

The corpus of real published reports lives in ../shared/corpus (beside the checkout); tests that
need it find it through the ``corpus_dir`` fixture and fail loudly when it is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_location import CORPUS_DIR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS_DIR
