"""/check/ in the background (D55): slow media stored for a while, checked by a task, seen by the uploader only."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import gongkai
from gongkai.web.supervision import check_child, check_store
from gongkai.web.supervision.demo import unit_report
from gongkai.web.supervision.models import CheckStatus, CheckUpload

from .helpers import DATA
from .slow_child import sleep_forever

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    return gongkai.render(unit_report("新城县教育局", 2025, 3, 1), "pdf")


def _post(client, name: str, data: bytes, capture):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return client.post("/check/", {"file": SimpleUploadedFile(name, data)})


def test_a_pdf_is_checked_in_the_background_and_shown_to_its_uploader(  # type: ignore[no-untyped-def]
    client_for, django_capture_on_commit_callbacks, settings
) -> None:
    clerk = client_for("clerk")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = clerk.post("/check/", {"file": SimpleUploadedFile("报告.pdf", _pdf())})
    assert response.status_code == 302
    url = response["Location"]
    row = CheckUpload.objects.get()
    assert url == f"/check/{row.token}/" and len(row.token) >= 32
    assert row.status == CheckStatus.QUEUED and row.upload and row.session_hash == ""
    assert row.expires_at - row.created_at == dt.timedelta(minutes=settings.GONGKAI_CHECK_KEEP_MINUTES)
    waiting = clerk.get(url)
    html = waiting.content.decode()
    assert waiting.status_code == 200 and "正在检查" in html
    assert '<meta http-equiv="refresh" content="3">' in html and "<script>" not in html
    stored = row.upload.path
    for callback in callbacks:  # the task, after the commit
        callback()
    row.refresh_from_db()
    assert row.status == CheckStatus.DONE and row.result and not row.upload
    assert not os.path.exists(stored)  # the file is deleted once read
    done = clerk.get(url)
    html = done.content.decode()
    assert done.status_code == 200 and "正在检查" not in html and "http-equiv" not in html
    assert "检查结果" in html and 'data-cell="t3.new_received.np"' in html
    assert 'name="report"' in html  # the download form carries the document as before


def test_only_the_uploader_sees_the_result(client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    response = _post(client_for("clerk"), "报告.pdf", _pdf(), django_capture_on_commit_callbacks)
    url = response["Location"]
    for persona in ("reviewer", "supervisor", "sysadmin"):
        assert client_for(persona).get(url).status_code == 404
    assert client_for("clerk").get(url).status_code == 200
    assert client_for("clerk").get("/check/nosuchtoken/").status_code == 404


def test_anonymous_sessions_see_only_their_own(
    client, client_for, django_capture_on_commit_callbacks, settings
) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    settings.GONGKAI_PUBLIC_CHECK = True
    response = _post(client, "报告.pdf", _pdf(), django_capture_on_commit_callbacks)
    url = response["Location"]
    row = CheckUpload.objects.get()
    assert row.owner_id is None and len(row.session_hash) == 64
    assert client.session.session_key not in row.session_hash  # only its digest is kept
    assert client.get(url).status_code == 200
    assert Client().get(url).status_code == 404  # another anonymous visitor
    assert client_for("clerk").get(url).status_code == 404
    settings.GONGKAI_PUBLIC_CHECK = False
    assert client.get(url).status_code == 302  # to the login


def test_fast_media_stay_in_the_request_and_are_not_stored(client_for, settings) -> None:  # type: ignore[no-untyped-def]
    data = (DATA / "zuoling-street-2021.txt").read_bytes()
    response = client_for("clerk").post("/check/", {"file": SimpleUploadedFile("z.txt", data)})
    assert response.status_code == 200 and "CELL-NOT-NUMBER" in response.content.decode()
    assert not CheckUpload.objects.exists()
    settings.GONGKAI_CHECK_INLINE_MAX_KB = 1  # [M] past the bound even text goes to the background
    assert check_store.is_slow("z.txt", data)
    assert not check_store.is_slow("z.txt", data[:500])
    assert check_store.is_slow("a.rtf", b"{\\rtf1 hello}")  # LibreOffice: always in the background
    assert check_store.is_slow("a.pdf", b"%PDF-1.4 tiny")


def test_an_unreadable_pdf_gets_a_chinese_error(client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    clerk = client_for("clerk")
    response = _post(clerk, "x.pdf", b"%PDF-1.4 broken", django_capture_on_commit_callbacks)
    result = clerk.get(response["Location"])
    assert result.status_code == 400 and "无法读取" in result.content.decode()
    assert CheckUpload.objects.get().status == CheckStatus.FAILED


def test_expired_uploads_and_results_are_deleted(client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    clerk = client_for("clerk")
    with django_capture_on_commit_callbacks(execute=False):  # not processed: the file stays
        url = clerk.post("/check/", {"file": SimpleUploadedFile("a.pdf", _pdf())})["Location"]
    _post(clerk, "b.pdf", _pdf(), django_capture_on_commit_callbacks)
    stored = CheckUpload.objects.get(name="a.pdf").upload.path
    assert check_store.purge_expired() == 0
    CheckUpload.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert clerk.get(url).status_code == 404  # expired: not shown even before the purge
    assert clerk.get("/check/").status_code == 200  # any /check/ request purges
    assert not CheckUpload.objects.exists()
    assert not os.path.exists(stored)


def test_gongkai_remind_purges_expired_uploads(
    client_for, django_capture_on_commit_callbacks, capsys
) -> None:  # type: ignore[no-untyped-def]
    from gongkai.cli import main

    with django_capture_on_commit_callbacks(execute=False):
        client_for("clerk").post("/check/", {"file": SimpleUploadedFile("a.pdf", _pdf())})
    row = CheckUpload.objects.get()
    later = row.expires_at + dt.timedelta(minutes=1)
    assert main(["remind", "--now", later.isoformat()]) == 0
    assert "已删除过期的年报检查上传 1 份" in capsys.readouterr().out
    assert not CheckUpload.objects.exists()


def test_the_reading_is_bounded_in_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(check_child, "TARGET", sleep_forever)
    started = time.monotonic()
    outcome, message = check_child.read_bounded("慢.pdf", b"%PDF-", 2.0)
    assert outcome == "error" and "超时" in message and "慢.pdf" in message
    assert time.monotonic() - started < 20  # killed, not waited for


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_a_worker_runs_it(client_for, settings) -> None:  # type: ignore[no-untyped-def]
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from gongkai.web.tasks.worker import GongkaiWorker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    settings.GONGKAI_TASKS_BACKEND = "database"
    clerk = client_for("clerk")
    url = clerk.post("/check/", {"file": SimpleUploadedFile("报告.pdf", _pdf())})["Location"]
    queued = DBTaskResult.objects.get()  # written in the upload's transaction (D41)
    assert queued.status == TaskResultStatus.READY and queued.task_path.endswith("run_check")
    assert "正在检查" in clerk.get(url).content.decode()
    GongkaiWorker(batch=True, interval=0).run()
    html = clerk.get(url).content.decode()
    assert "正在检查" not in html and 'data-cell="t3.new_received.np"' in html
