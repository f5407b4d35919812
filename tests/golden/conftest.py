"""Golden tests: ``pytest tests/golden --regen-golden`` rewrites expected.json from the extractor.

Regenerate only deliberately, then re-verify every changed expectation by hand against the source
and its SOURCE.md (that is what makes them golden); ``git diff tests/golden`` shows what changed.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*/*/expected.json from the current extractor",
    )
