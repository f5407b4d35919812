"""Tasks for the engine tests (module level, as django-tasks requires)."""

from __future__ import annotations

from gongkai.web.tasks.engine import background

CALLS: list[str] = []


class Boom(Exception):
    pass


@background(max_attempts=3)
def fails_twice(key: str) -> str:
    CALLS.append(key)
    if CALLS.count(key) < 3:
        raise Boom(f"第{CALLS.count(key)}次失败")
    return key


@background(max_attempts=2)
def always_fails(key: str) -> str:
    CALLS.append(key)
    raise Boom("总是失败")


@background(max_attempts=5, give_up_on=(LookupError,))
def gone(key: str) -> str:
    CALLS.append(key)
    raise LookupError("记录已不存在")
