"""Bulk import of units' published reports: a folder or a ZIP, each file matched to its unit.

Each file is read by the core (:func:`gongkai.read`); the agency name printed in it is matched to
the units of the subtree (:func:`.status.units`): the same full name or short name is a match; a
name that only contains, or is contained in, one or more units' names is **ambiguous** and left for
a person to confirm (``confirm={file name: agency code}``, ``gongkai supervise import --confirm``).
A file whose year differs from the year asked is left too. Matched files are stored through the
register's service (:func:`gongkai.web.disclosures.annual.upload`) and marked imported. The
publication date is the one given, else the date printed in the report, else today.

This runs from the command line (an operator's task, not a supervisor's write: the supervisor's only
writes are 督办 and review decisions), with progress on stderr; ZIP members are bounded by the
core's limits (:mod:`gongkai.report.read.limits`).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone

import gongkai
from gongkai.errors import GongkaiError, InputTooLargeError
from gongkai.report.read import limits
from gongkai.web.agencies.models import Agency

from .models import Origin
from .records import mark
from .status import units


@dataclass
class ImportResult:
    imported: list[tuple[str, str]] = field(default_factory=list)  # (file, agency code)
    pending: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (file, reason, candidates)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, Chinese message)


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def files_in(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every file in a folder (recursively, sorted) or a ZIP archive."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            yield str(child.relative_to(path)), child.read_bytes()
        return
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        yield path.name, data
        return
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > limits.MAX_MEMBERS:
            raise InputTooLargeError(f"压缩包内文件过多（{len(members)} 个）", file=path.name)
        for member in members:
            if member.file_size > limits.MAX_MEMBER_BYTES:
                raise InputTooLargeError(f"压缩包内文件“{member.filename}”过大", file=path.name)
            yield member.filename, archive.read(member)


def match(name: str | None, candidates: list[tuple[int, str, str, str]]) -> tuple[int | None, list[str]]:
    """(agency id, []) for a unique exact match, else (None, codes of the possible units)."""
    if not name:
        return None, []
    wanted = _norm(name)
    exact = [pk for pk, _code, full, short in candidates if wanted in (_norm(full), _norm(short))]
    if len(exact) == 1:
        return exact[0], []
    loose = [code for _pk, code, full, _s in candidates if wanted in _norm(full) or _norm(full) in wanted]
    return None, loose or [code for pk, code, _f, _s in candidates if pk in exact]


def import_reports(
    root: Agency,
    year: int,
    files: Iterator[tuple[str, bytes]],
    *,
    confirm: dict[str, str] | None = None,
    published_on: dt.date | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> ImportResult:
    from gongkai.web.disclosures.annual import upload

    confirm = confirm or {}
    rows = units(root, year)
    shorts = dict(Agency.objects.filter(pk__in=[r[0] for r in rows]).values_list("pk", "short_name"))
    candidates = [(pk, code, name, shorts.get(pk) or "") for pk, code, name, _k, _p in rows]
    by_code = {code: pk for pk, code, _n, _s in candidates}
    result = ImportResult()
    for i, (name, data) in enumerate(files, 1):
        try:
            report = gongkai.read(name, data)
        except GongkaiError as exc:
            result.failed.append((name, str(exc)))
            progress(f"[{i}] {name}：无法读取（{exc}）")
            continue
        if name in confirm:
            agency_id, possible = by_code.get(confirm[name]), []
            if agency_id is None:
                result.failed.append((name, f"确认的机关代码“{confirm[name]}”不在监督范围内"))
                continue
        else:
            agency_id, possible = match(report.agency, candidates)
        if report.year is not None and report.year != year and name not in confirm:
            result.pending.append((name, f"报告年度为{report.year}年，不是{year}年", possible))
            progress(f"[{i}] {name}：年度不符，待确认")
            continue
        if agency_id is None:
            reason = f"报告中的机关名称“{report.agency or '未识别'}”" + (
                "对应多个单位" if len(possible) > 1 else "无法唯一对应单位"
            )
            result.pending.append((name, reason, possible))
            progress(f"[{i}] {name}：{reason}，待确认")
            continue
        agency = Agency.objects.get(pk=agency_id)
        try:
            published = upload(agency, None, Path(name).name, data, year)
        except ValidationError as exc:
            result.failed.append((name, "；".join(exc.messages)))
            continue
        on = published_on or report.publish_date or timezone.localdate()
        mark(published, origin=Origin.IMPORTED, published_on=on)
        result.imported.append((name, agency.code))
        progress(f"[{i}] {name} → {agency.name}")
    return result
