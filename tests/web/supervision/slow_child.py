"""A reader that never finishes, for the time bound of the background /check/ (no Django: it is spawned)."""

from __future__ import annotations

import time


def sleep_forever(name: str, data: bytes) -> dict[str, object]:
    time.sleep(60)
    return {}
