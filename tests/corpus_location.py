"""Where the corpus of real published reports is: tests/corpus/ in the repository (with MANIFEST.tsv).

``GONGKAI_CORPUS`` points the tests at another copy (a larger collection with the same MANIFEST.tsv
columns). A plain module (not a conftest) so that test helpers can import it by a name no other file uses.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IN_REPO = ROOT / "tests" / "corpus"


def find_corpus_dir() -> Path:
    env = os.environ.get("GONGKAI_CORPUS")
    corpus = Path(env) if env else IN_REPO
    if not (corpus / "MANIFEST.tsv").exists():
        raise RuntimeError(
            f"真实年报语料目录 {corpus} 中没有 MANIFEST.tsv（GONGKAI_CORPUS 指向的目录有误？）"
        )
    return corpus


CORPUS_DIR = find_corpus_dir()
