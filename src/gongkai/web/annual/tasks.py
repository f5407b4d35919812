"""The files of a published annual report, rendered in the background (docs/platform.md#background-tasks).

Publishing freezes a version's JSON document (:func:`services._new_version`); after the commit the task
:func:`render_published` renders it to PDF, DOCX and XLSX once and stores the files (default storage,
``annual/<agency>/<year>/v<number>-<sha256 prefix>.<fmt>``), so the public download serves a file
instead of running WeasyPrint in the request. Idempotent: a file already stored is not rendered again.
Until the files exist (no worker yet, or a failure being retried) the download renders as before.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gongkai.web.tasks.engine import background

from .models import PublishedVersion

#: The formats rendered ahead (HTML, Markdown and JSON are fast enough in the request).
FORMATS = ("pdf", "docx", "xlsx")


def stored_name(version: PublishedVersion, fmt: str) -> str:
    report = version.report
    return f"annual/{report.agency.code}/{report.year}/v{version.number}-{version.sha256[:16]}.{fmt}"


def stored_file(version: PublishedVersion, fmt: str) -> bytes | None:
    """The rendered file of ``version`` in ``fmt``, if the task has stored it."""
    name = stored_name(version, fmt)
    if fmt not in FORMATS or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        return bytes(handle.read())


@background(max_attempts=4, give_up_on=(PublishedVersion.DoesNotExist,))
def render_published(version_id: int) -> list[str]:
    """Render and store the files of a published version; returns the stored names."""
    from gongkai import render as render_report
    from gongkai.report.jsonio import report_from_json

    version = PublishedVersion.objects.select_related("report__agency").get(pk=version_id)
    report = report_from_json(version.document, f"v{version.number}")
    names = []
    for fmt in FORMATS:
        name = stored_name(version, fmt)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(render_report(report, fmt)))
        names.append(name)
    return names
