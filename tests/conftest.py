"""Shared test configuration.

The corpus of real published reports lives in ../shared/corpus (beside the checkout); tests that
need it find it through the ``corpus_dir`` fixture and fail loudly when it is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _corpus_dir() -> Path:
    env = os.environ.get("GONGKAI_CORPUS")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / "corpus", ROOT / "shared" / "corpus"]
    for c in candidates:
        if (c / "MANIFEST.tsv").exists():
            return c
    raise RuntimeError("找不到真实年报语料目录 ../shared/corpus（可用 GONGKAI_CORPUS 指定）")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _corpus_dir()


CORPUS_DIR = _corpus_dir()
