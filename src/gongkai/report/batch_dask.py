"""``gongkai batch --scheduler``: the same per-file work on a ``dask.distributed`` cluster.

Only where the records come from differs from the local process pool: :func:`dask_results` yields
the records of :func:`gongkai.report.batch.process_file` as the cluster's workers finish them, and
:func:`gongkai.report.batch.run_batch` writes them, resumes and summarises exactly as it does for the
local pool (same rows; like the pool, the rows are in order of completion).

- **Files are read by the workers, by path** (D45). Every worker must see the input files at the
  same absolute path as this machine (a shared or replicated file system); the client sends the
  absolute path and the rows name the path as given, as the local pool's do. Before the run one
  worker is asked whether it can see the first file; if not, the run stops with an error instead
  of writing thousands of failure rows. The workers need the same gongkai installed.
- **Bounded connection.** An unreachable scheduler, or one without workers, is a Chinese error
  naming the address (exit 2) after :data:`CONNECT_TIMEOUT_S` seconds, not a hang.
- **A worker that dies** (killed, out of memory) has its files re-run by the scheduler on other
  workers (Dask's ``allowed-failures``, default 3); a file that keeps killing workers becomes the
  same ``WorkerCrashed`` failure row as in the local pool. No file is lost.
- Files travel in chunks of up to :data:`MAX_CHUNK` per task (a task's scheduling costs about as
  much as reading a text report), at most :data:`IN_FLIGHT_PER_THREAD` tasks per worker thread at a
  time, so that a run over a national year does not hold every future in memory. A chunk whose
  workers keep dying gives a ``WorkerCrashed`` row for each of its files.

Dask is imported only here, and only when a scheduler is given (``gongkai check`` stays fast).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import CancelledError
from typing import Any

from ..errors import GongkaiError
from .batch import Source, crashed, process_file

#: Seconds to wait for the scheduler to answer and for at least one worker to be there.
CONNECT_TIMEOUT_S = 10.0
#: Tasks in flight per worker thread (as the local pool's four files per process).
IN_FLIGHT_PER_THREAD = 4
#: Most files in one task (see :func:`chunk_size`).
MAX_CHUNK = 16

_quietened = False


def read_on_worker(chunk: list[tuple[Source, str]]) -> list[dict[str, Any]]:
    """The task a worker runs: :func:`process_file` on each (source, absolute path) of a chunk,
    with the libraries' logs quietened once."""
    global _quietened
    if not _quietened:
        from .read.pdf import quiet_library_logs

        quiet_library_logs()
        _quietened = True
    return [process_file(source, location) for source, location in chunk]


def chunk_size(files: int, threads: int) -> int:
    """Files per task: a Dask task costs milliseconds of scheduling, about as much as reading a
    text report, so files travel in chunks — at most :data:`MAX_CHUNK`, and small enough that every
    worker thread gets several chunks (load balance, and little to re-run when a worker dies)."""
    return max(1, min(MAX_CHUNK, files // (threads * IN_FLIGHT_PER_THREAD * 4)))


def _can_read(location: str) -> bool:
    return os.path.isfile(location) and os.access(location, os.R_OK)


def dask_results(todo: list[Source], scheduler: str) -> Iterator[dict[str, Any]]:
    """The records of ``todo`` read on the Dask cluster at ``scheduler``, as they finish."""
    if not todo:
        return
    from distributed import Client, as_completed
    from distributed.client import Future

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, ValueError) as exc:  # TimeoutError is an OSError; a bad address a ValueError
        raise GongkaiError(
            f"无法连接 Dask 调度器（{CONNECT_TIMEOUT_S:g} 秒内无应答：{type(exc).__name__}：{exc}）",
            file=scheduler,
        ) from exc
    try:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise GongkaiError(
                f"Dask 调度器上没有可用的工作节点（等待 {CONNECT_TIMEOUT_S:g} 秒）", file=scheduler
            ) from exc
        first = os.path.abspath(todo[0].path)
        if not client.submit(_can_read, first, pure=False).result(timeout=CONNECT_TIMEOUT_S * 3):
            raise GongkaiError(
                f"Dask 工作节点读不到输入文件 {first}：分布式批处理要求各工作节点以相同的绝对路径"
                "访问输入文件（共享或同步的文件系统）",
                file=scheduler,
            )
        threads = max(1, sum(client.nthreads().values()))
        window = threads * IN_FLIGHT_PER_THREAD
        size = chunk_size(len(todo), threads)
        chunks = (todo[i : i + size] for i in range(0, len(todo), size))
        in_flight: dict[object, list[Source]] = {}  # by task key
        running = as_completed(loop=client.loop)

        def submit_more() -> None:
            while len(in_flight) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    return
                work = [(source, os.path.abspath(source.path)) for source in chunk]
                future = client.submit(read_on_worker, work, pure=False)
                in_flight[future.key] = chunk
                running.add(future)

        submit_more()
        for future in running:
            assert isinstance(future, Future)
            chunk = in_flight.pop(future.key)
            yield from _records(future, chunk, scheduler)
            future.release()
            submit_more()
    finally:
        client.close(timeout=CONNECT_TIMEOUT_S)


def _records(future: Any, chunk: list[Source], scheduler: str) -> list[dict[str, Any]]:
    from distributed.scheduler import KilledWorker

    try:
        records = future.result()
    except KilledWorker:  # the scheduler gave up after workers died on this chunk repeatedly
        return [crashed(source) for source in chunk]
    except (OSError, TimeoutError, CancelledError) as exc:  # the scheduler is gone
        raise GongkaiError(
            f"与 Dask 调度器的连接中断（{type(exc).__name__}：{exc}）；已写入的结果保留，"
            "重新运行同一命令即可续跑",
            file=scheduler,
        ) from exc
    except Exception as exc:  # not a file's fault (process_file never raises): e.g. gongkai missing
        raise GongkaiError(
            f"Dask 工作节点无法执行读取任务（{type(exc).__name__}：{exc}）；各工作节点需安装相同版本的 gongkai",
            file=scheduler,
        ) from exc
    if not isinstance(records, list) or len(records) != len(chunk):  # a bug, not a file's fault
        raise TypeError(f"unexpected result {type(records).__name__} for {chunk[0].path}…")
    return records
