"""The child process of a background ``/check/``: the core only, no Django (it is spawned, D55).

:func:`read_bounded` runs :data:`TARGET` (read the upload, return the core's JSON document) in a
spawned process and kills it after the given seconds; a thread cannot be stopped, a process can.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

from gongkai.errors import GongkaiError


def _read_and_check(name: str, data: bytes) -> dict[str, Any]:
    """In the child process: the core's JSON document of the report (read findings included)."""
    import gongkai
    from gongkai.report import jsonio

    report = gongkai.read(name, data)
    return jsonio.report_to_json(report, report.read_findings)


def _child(conn: Any, target: Any, name: str, data: bytes) -> None:
    try:
        conn.send(("ok", target(name, data)))
    except GongkaiError as exc:
        conn.send(("error", f"无法读取“{name}”：{exc}"))
    except Exception as exc:
        conn.send(("error", f"无法读取“{name}”：{type(exc).__name__}"))
    finally:
        conn.close()


#: What the child runs (a module-level function: the child is spawned, not forked).
TARGET = _read_and_check


def read_bounded(name: str, data: bytes, seconds: float) -> tuple[str, Any]:
    """``("ok", document)`` or ``("error", 中文说明)``; the child is killed after ``seconds``."""
    context = multiprocessing.get_context("spawn")  # the worker may be a thread of the web process
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, TARGET, name, data), daemon=True)
    process.start()
    child.close()
    try:
        if parent.poll(seconds):
            try:
                return parent.recv()  # type: ignore[no-any-return]
            except EOFError:
                pass
            return "error", f"无法读取“{name}”：读取进程意外退出"
        return "error", f"检查“{name}”超时（超过 {seconds:.0f} 秒），请上传较小的文件或文本版"
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
