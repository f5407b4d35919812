"""Where the corpus of real published reports is: ../shared/corpus beside the checkout.

A plain module (not a conftest) so that test helpers can import it by a name no other file uses.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def find_corpus_dir() -> Path:
    env = os.environ.get("GONGKAI_CORPUS")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / "corpus", ROOT / "shared" / "corpus"]
    for c in candidates:
        if (c / "MANIFEST.tsv").exists():
            return c
    raise RuntimeError("找不到真实年报语料目录 ../shared/corpus（可用 GONGKAI_CORPUS 指定）")


CORPUS_DIR = find_corpus_dir()
