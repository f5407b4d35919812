"""Reading whole collections of reports into one dataset (``gongkai batch``).

A researcher points it at thousands of files — every medium the readers accept, mixed — and gets
one JSONL object or one CSV row per file. The contract:

- **Per-file failures never stop the run.** A file that cannot be read becomes a row with the
  one-line Chinese error (and ``error_type``); an internal error in one file is recorded the same
  way, named as such.
- **Resumable.** The output is appended to line by line and flushed after each file, so an
  interruption loses at most the line being written (a partial last line is cut off on the next run).
  On start the output is read and every file already in it — keyed by path, size and modification
  time — is skipped; a file that changed since is read again.
- **Parallel.** Files are read in a pool of worker processes (``workers``, default: the number of
  cores), or on a ``dask.distributed`` cluster (``scheduler``, see :mod:`gongkai.report.batch_dask`);
  either way the results are written by this process as they arrive, by the same code.
- **Summary.** Counts by format, by medium, by rule id (reports with at least one finding of that
  rule), and failures by error type, written in Chinese at the end.

JSONL rows are the ``gongkai parse --json`` document (:func:`gongkai.report.jsonio.report_to_json`,
with every finding of :func:`gongkai.report.api.check_report`) plus ``file``, ``size``, ``mtime_ns``,
``sha256`` and ``error``. CSV rows have the same identification columns, the format, agency, year,
medium, error/warning counts and rule ids, then one column per cell id: every cell of the 2021
format, then those of the 2019 format not already listed, then the legacy figures. A blank cell and
a cell that was not read are both empty in CSV; JSONL keeps the difference (null vs absent).
CSV is written as UTF-8 with a byte-order mark so that Excel opens it as UTF-8.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GongkaiError
from .formats import FORMAT_2019, FORMAT_2021
from .formats.legacy import LEGACY_FIGURES

#: File suffixes taken from a directory (anything else there is ignored and counted). WPS Office's
#: .wps and .et are Word and Excel compound files; the content decides the reader in any case.
INPUT_SUFFIXES = frozenset(
    (
        ".txt",
        ".md",
        ".htm",
        ".html",
        ".shtml",
        ".xhtml",
        ".docx",
        ".doc",
        ".wps",
        ".rtf",
        ".xls",
        ".xlsx",
        ".et",
        ".pdf",
        ".json",
    )
)
#: Suffixes of a file that lists inputs, one path per line (relative paths: to the list's folder).
LIST_SUFFIXES = frozenset((".lst", ".list"))

#: Every cell id, in the CSV's column order.
CELL_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys((*FORMAT_2021.cell_ids(), *FORMAT_2019.cell_ids(), *(f.id for f in LEGACY_FIGURES)))
)
ID_COLUMNS: tuple[str, ...] = ("file", "size", "mtime_ns", "sha256")
REPORT_COLUMNS: tuple[str, ...] = (
    "format",
    "agency",
    "year",
    "medium",
    "errors",
    "warnings",
    "rules",
    "error",
)
CSV_COLUMNS: tuple[str, ...] = ID_COLUMNS + REPORT_COLUMNS + CELL_COLUMNS

#: Chinese labels of the non-cell columns (the cells' labels come from the formats).
COLUMN_LABELS: dict[str, str] = {
    "file": "文件",
    "size": "大小（字节）",
    "mtime_ns": "修改时间（纳秒）",
    "sha256": "SHA-256",
    "format": "格式",
    "agency": "机关",
    "year": "年度",
    "medium": "文件类型",
    "errors": "错误数",
    "warnings": "警告数",
    "rules": "发现问题的规则",
    "error": "无法读取的原因",
}


def csv_labels() -> dict[str, str]:
    """Every CSV column's Chinese label: 表三“（一）予以公开”/“自然人” for ``t3.granted.np``."""
    from .formats import any_cell
    from .render.tables import legacy_labels

    legacy = legacy_labels()
    labels = dict(COLUMN_LABELS)
    for cid in CELL_COLUMNS:
        try:
            labels[cid] = any_cell(cid).label
        except KeyError:
            labels[cid] = legacy.get(cid, cid)
    return labels


FORMAT_NAMES = {"2021": "2021 年格式", "2019": "2019 年试行格式", "legacy": "无固定表格（2018 年度及以前）"}


@dataclass(frozen=True)
class Source:
    """An input file and what identifies this version of it."""

    path: str
    size: int
    mtime_ns: int

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.path, self.size, self.mtime_ns)


@dataclass
class Summary:
    """What a run did; :meth:`text` is the Chinese summary printed at the end."""

    output: str
    found: int = 0  # input files found
    skipped: int = 0  # already in the output
    ignored: int = 0  # files in the directories with suffixes that are not reports
    processed: int = 0
    failed: int = 0
    interrupted: bool = False
    formats: Counter[str] = field(default_factory=Counter)
    media: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # error type → one message

    def add(self, record: dict[str, Any]) -> None:
        self.processed += 1
        if record.get("error"):
            self.failed += 1
            kind = str(record.get("error_type") or "错误")
            self.failures[kind] += 1
            self.examples.setdefault(kind, str(record["error"]))
            return
        self.formats[str(record.get("format"))] += 1
        self.media[str(record.get("medium"))] += 1
        for rule in {
            f["rule"] for f in record.get("findings", []) if f.get("severity") in ("error", "warning")
        }:
            self.rules[rule] += 1

    def text(self) -> str:
        lines = [
            f"共找到 {self.found} 个文件：本次处理 {self.processed} 个，"
            f"跳过输出中已有的 {self.skipped} 个"
            + (f"，另有 {self.ignored} 个非年报类型的文件未处理" if self.ignored else "")
            + "。",
            f"成功 {self.processed - self.failed} 个，失败 {self.failed} 个。",
        ]
        if self.formats:
            lines.append(
                "按格式：" + "，".join(f"{FORMAT_NAMES.get(k, k)} {n}" for k, n in self.formats.most_common())
            )
        if self.media:
            lines.append("按文件类型：" + "，".join(f"{k} {n}" for k, n in self.media.most_common()))
        if self.rules:
            lines.append(
                "按规则（有该问题的报告数）：" + "，".join(f"{k} {n}" for k, n in self.rules.most_common())
            )
        for kind, n in self.failures.most_common():
            lines.append(f"失败（{kind}）{n} 个，例如：{self.examples[kind]}")
        if self.interrupted:
            lines.append("已中断；再次运行同一命令即可从中断处继续。")
        lines.append(f"结果已写入 {self.output}。")
        return "\n".join(lines)


# ---- inputs ---------------------------------------------------------------------------------------


def collect(inputs: Iterable[str], *, exclude: Path | None = None) -> tuple[list[Source], int]:
    """The input files (in a stable order) and the number of ignored files.

    An input is a directory (walked recursively; hidden entries skipped; only :data:`INPUT_SUFFIXES`),
    a list file (:data:`LIST_SUFFIXES`: one path per line, ``#`` comments), or a file to read.
    """
    seen: set[str] = set()
    sources: list[Source] = []
    ignored = 0
    excluded = exclude.resolve() if exclude else None
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            candidates: Iterable[Path] = sorted(p for p in path.rglob("*") if p.is_file())
            for p in candidates:
                rel = p.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or (excluded and p.resolve() == excluded):
                    continue
                if p.suffix.lower() not in INPUT_SUFFIXES:
                    ignored += 1
                    continue
                _add(p, sources, seen, excluded)
        elif path.suffix.lower() in LIST_SUFFIXES and path.is_file():
            for p in _listed(path):
                _add(p, sources, seen, excluded)
        elif path.exists():
            _add(path, sources, seen, excluded)
        else:
            raise GongkaiError("找不到该文件或目录", file=item)
    return sources, ignored


def _listed(list_file: Path) -> Iterator[Path]:
    try:
        text = list_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GongkaiError("无法读取文件清单（应为 UTF-8 文本，每行一个路径）", file=str(list_file)) from exc
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        p = Path(line)
        if not p.is_absolute():
            p = list_file.parent / p
        if not p.is_file():
            raise GongkaiError(f"清单中的文件不存在：{line}", file=str(list_file), where=f"第{number}行")
        yield p


def _add(p: Path, sources: list[Source], seen: set[str], excluded: Path | None) -> None:
    if excluded is not None and p.resolve() == excluded:
        return
    key = os.path.normpath(p)  # one spelling per file: "a/../b/x.txt" and "b/x.txt" are one key
    if key in seen:
        return
    seen.add(key)
    stat = p.stat()
    sources.append(Source(key, stat.st_size, stat.st_mtime_ns))


# ---- one file (runs in a worker) ------------------------------------------------------------------


def process_file(source: Source, location: str | None = None) -> dict[str, Any]:
    """Read and check one file; never raises (a failure is a record with ``error``).

    ``location`` is where to open it when that differs from ``source.path`` (a Dask worker whose
    working directory is not the client's is given the absolute path); rows and messages always
    name ``source.path``."""
    from .api import MAX_FILE_BYTES, check_report, read_report
    from .jsonio import report_to_json

    record: dict[str, Any] = {"file": source.path, "size": source.size, "mtime_ns": source.mtime_ns}
    record["sha256"] = None
    try:
        with open(location or source.path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
        record["sha256"] = hashlib.sha256(data).hexdigest()
        report = read_report(source.path, data)
        findings = check_report(report)
        record.update(report_to_json(report, findings))
        record["error"] = None
    except GongkaiError as exc:
        record.update(error=str(exc), error_type=type(exc).__name__)
    except OSError as exc:
        record.update(error=f"{source.path}：无法读取文件（{exc.strerror or exc}）", error_type="OSError")
    except Exception as exc:  # a bug in one file must not stop a run over thousands
        record.update(
            error=f"{source.path}：内部错误（{type(exc).__name__}：{exc}），这是 gongkai 的缺陷，请报告",
            error_type="InternalError",
        )
    return record


# ---- output -----------------------------------------------------------------------------------------


class Output:
    """An append-only dataset file (JSONL or CSV) that knows which files it already holds."""

    def __init__(self, path: Path, *, restart: bool = False, labels: bool = False) -> None:
        self.labels = labels
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            self.kind = "jsonl"
        elif suffix == ".csv":
            self.kind = "csv"
        else:
            raise GongkaiError("输出文件应以 .jsonl 或 .csv 结尾", file=str(path))
        self.path = path
        self.done: set[tuple[str, int, int]] = set()
        if restart or not path.exists() or path.stat().st_size == 0:
            self._open(new=True)
        else:
            self._resume()
            self._open(new=False)

    def _open(self, *, new: bool) -> None:
        encoding = "utf-8-sig" if new and self.kind == "csv" else "utf-8"
        try:
            self._file = open(self.path, "w" if new else "a", encoding=encoding, newline="")  # noqa: SIM115
        except OSError as exc:
            raise GongkaiError(f"无法写入输出文件（{exc.strerror or exc}）", file=str(self.path)) from exc
        self._csv = csv.DictWriter(self._file, fieldnames=CSV_COLUMNS) if self.kind == "csv" else None
        if new and self._csv is not None:
            if self.labels:  # a first row of Chinese labels above the machine ids (--labels)
                names = csv_labels()
                csv.writer(self._file).writerow([names[c] for c in CSV_COLUMNS])
            self._csv.writeheader()
            self._file.flush()

    def _resume(self) -> None:
        raw = self.path.read_bytes()
        end = raw.rfind(b"\n") + 1  # a partial last line is the one being written when interrupted
        if end < len(raw):
            with open(self.path, "r+b") as f:
                f.truncate(end)
            raw = raw[:end]
        text = raw.decode("utf-8-sig", errors="replace")
        if self.kind == "jsonl":
            for line in text.splitlines():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(row, dict):
                    self._mark(row)
        else:
            if text.startswith(COLUMN_LABELS["file"] + ","):  # the Chinese label row of --labels
                text = text.split("\n", 1)[1] if "\n" in text else ""
            reader = csv.DictReader(io.StringIO(text))
            if reader.fieldnames is not None and tuple(reader.fieldnames) != CSV_COLUMNS:
                raise GongkaiError(
                    "已有的输出文件列与当前版本不一致，无法续写；请换一个输出文件或加 --restart 重新开始",
                    file=str(self.path),
                )
            for row in reader:
                self._mark(row)

    def _mark(self, row: dict[str, Any]) -> None:
        with contextlib.suppress(KeyError, TypeError, ValueError):  # a row from another tool: ignore it
            self.done.add((str(row["file"]), int(row["size"]), int(row["mtime_ns"])))

    def write(self, record: dict[str, Any]) -> None:
        if self._csv is not None:
            self._csv.writerow(csv_row(record))
        else:
            self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """The CSV row of a record (cells as printed values, ids of the rules with findings)."""
    findings = record.get("findings") or []
    row: dict[str, Any] = {k: record.get(k) for k in ID_COLUMNS}
    row.update(
        format=record.get("format"),
        agency=record.get("agency"),
        year=record.get("year"),
        medium=record.get("medium"),
        errors=sum(1 for f in findings if f.get("severity") == "error") if not record.get("error") else None,
        warnings=sum(1 for f in findings if f.get("severity") == "warning")
        if not record.get("error")
        else None,
        rules=" ".join(sorted({f["rule"] for f in findings if f.get("severity") in ("error", "warning")})),
        error=record.get("error"),
    )
    cells = record.get("cells") or {}
    for cid in CELL_COLUMNS:
        row[cid] = cells.get(cid)
    return row


# ---- the run -----------------------------------------------------------------------------------------


def run_batch(
    inputs: Iterable[str],
    out: str,
    *,
    workers: int | None = None,
    restart: bool = False,
    progress: Callable[[int], Any] | None = None,
    on_total: Callable[[int], Any] | None = None,
    labels: bool = False,
    scheduler: str | None = None,
) -> Summary:
    """Read every input file into ``out``; see the module docstring. ``progress(n)`` is called as
    files finish and ``on_total(n)`` once with the number of files to read (for a progress bar).

    With ``scheduler`` (``tcp://host:port``) the files are read by the workers of that Dask
    cluster instead of a local pool (``workers`` is then ignored); only where the records come
    from differs — output, resumption, failure rows and summary are this function's."""
    out_path = Path(out)
    sources, ignored = collect(inputs, exclude=out_path)
    output = Output(out_path, restart=restart, labels=labels)
    summary = Summary(output=str(out_path), found=len(sources), ignored=ignored)
    todo = [s for s in sources if s.key not in output.done]
    summary.skipped = len(sources) - len(todo)
    if on_total is not None:
        on_total(len(todo))
    workers = max(1, workers or os.cpu_count() or 1)
    if scheduler is not None:
        from .batch_dask import dask_results

        records = dask_results(todo, scheduler)
    else:
        records = _results(todo, workers)
    try:
        for record in records:
            output.write(record)
            summary.add(record)
            if progress is not None:
                progress(1)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()  # a generator's own clean-up (pool or cluster connection) runs now, not at GC
        output.close()
    return summary


def _results(todo: list[Source], workers: int) -> Iterator[dict[str, Any]]:
    if workers == 1 or len(todo) <= 1:
        for source in todo:
            yield process_file(source)
        return
    # spawn: workers start clean (no inherited threads or locks) and it is what Windows and macOS use
    context = multiprocessing.get_context("spawn")
    pending = iter(todo)
    in_flight: dict[Future[dict[str, Any]], Source] = {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)
    try:
        while True:
            while len(in_flight) < workers * 4:
                queued = next(pending, None)
                if queued is None:
                    break
                in_flight[pool.submit(process_file, queued)] = queued
            if not in_flight:
                pool.shutdown(wait=True)  # all done: join the workers
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                source = in_flight.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    # a worker died (killed, out of memory, a crash in a C extension): record the
                    # files it may have held and carry on with a fresh pool
                    yield crashed(source)
                    for other in list(in_flight):
                        yield crashed(in_flight.pop(other))
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = ProcessPoolExecutor(
                        max_workers=workers, mp_context=context, initializer=_worker_init
                    )
                    break
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # interrupted: do not wait for queued files


def _worker_init() -> None:
    # Ctrl-C reaches every process of the terminal's group; only the parent handles it (it stops
    # the run and writes the summary), so a worker neither dies mid-file nor prints a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .read.pdf import quiet_library_logs

    quiet_library_logs()  # a spawned worker does not inherit the command's logging setup


def crashed(source: Source) -> dict[str, Any]:
    """The failure row of a file whose worker died while reading it."""
    return {
        "file": source.path,
        "size": source.size,
        "mtime_ns": source.mtime_ns,
        "sha256": None,
        "error": f"{source.path}：处理该文件的进程意外退出（可能内存不足或文件触发了底层库的崩溃）",
        "error_type": "WorkerCrashed",
    }
