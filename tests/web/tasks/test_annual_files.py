"""A published annual report's files are rendered by a background task after the commit, and the
public download serves them (docs/platform.md#background-tasks)."""

from __future__ import annotations

import pytest

from gongkai.web.annual import tasks
from gongkai.web.annual.models import PublishedVersion

from ..annual.authz import published

pytestmark = pytest.mark.django_db


def test_publishing_renders_the_files_once_after_the_commit(  # type: ignore[no-untyped-def]
    personas, client, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        published(personas)
    version = PublishedVersion.objects.get()
    assert tasks.stored_file(version, "pdf") is None  # nothing rendered inside the transaction
    for callback in callbacks:
        callback()
    pdf = tasks.stored_file(version, "pdf")
    assert pdf is not None and pdf[:5] == b"%PDF-"
    assert (tasks.stored_file(version, "docx") or b"")[:2] == b"PK"
    # The download now serves the stored file, without rendering.
    import gongkai

    monkeypatch.setattr(gongkai, "render", lambda *a, **k: pytest.fail("rendered in the request"))
    response = client.get(f"/annual/public/{personas.bureau.code}/2025/v1.pdf")
    assert response.status_code == 200 and response.content == pdf
    # Run again (a worker died after storing): nothing changes.
    again = tasks.render_published.enqueue(version.pk)
    assert again.return_value == [tasks.stored_name(version, fmt) for fmt in tasks.FORMATS]
    assert tasks.stored_file(version, "pdf") == pdf
