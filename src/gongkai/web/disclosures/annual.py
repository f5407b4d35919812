"""The 年报 column: published annual reports uploaded by agencies, read and rendered by the core.

The file is read with :func:`gongkai.read` (any medium it accepts), checked with
:func:`gongkai.check`, and rendered once with :func:`gongkai.render` as the official tables; the
original file stays downloadable. A file that is not a readable annual report is refused with the
core's Chinese message.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

import gongkai
from gongkai.errors import GongkaiError
from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency

from .models import AnnualReport

MAX_BYTES = 20 * 1024 * 1024


def upload(agency: Agency, actor: Any, name: str, data: bytes, year: int | None = None) -> AnnualReport:
    if actor is not None:
        scope.require(actor, agency, [Role.CLERK, Role.AGENCY_ADMIN])
    if len(data) > MAX_BYTES:
        raise ValidationError(f"文件“{name}”超过 {MAX_BYTES // 1024 // 1024} MB。")
    try:
        report = gongkai.read(name, data)
        findings = gongkai.check(report)
        html = gongkai.render(report, "html").decode("utf-8")
    except GongkaiError as exc:
        raise ValidationError(f"无法读取年度报告“{name}”：{exc}") from None
    year = year or report.year
    if year is None:
        raise ValidationError(f"无法从“{name}”识别报告年度，请填写年度。")
    with transaction.atomic():
        obj, _ = AnnualReport.objects.update_or_create(
            agency=agency,
            year=year,
            defaults={
                "name": name[:200],
                "data": data,
                "sha256": hashlib.sha256(data).hexdigest(),
                "report_format": report.format,
                "rendered_html": html,
                "findings": sum(1 for f in findings if str(f.severity) == "error"),
                "uploaded_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        audit.record(
            actor, "annual_report.upload", obj, after={"year": year, "name": name, "sha256": obj.sha256}
        )
    return obj
