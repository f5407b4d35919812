"""Failed tasks are visible to system administrators (the admin), and to nobody else."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.web.tasks.worker import GongkaiWorker

from . import flaky

pytestmark = pytest.mark.django_db(transaction=True)


def test_sysadmin_sees_the_failed_task_and_its_cause(settings: Any, client_for) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    flaky.gone.enqueue("x")
    GongkaiWorker(batch=True, interval=0).run()
    url = "/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED"
    page = client_for("sysadmin").get(url)
    assert page.status_code == 200
    assert "gone" in page.content.decode()
    row_id = page.context["cl"].result_list[0].id
    detail = client_for("sysadmin").get(f"/admin/django_tasks_database/dbtaskresult/{row_id}/change/")
    assert "记录已不存在" in detail.content.decode()  # the traceback names the cause
    assert client_for("clerk").get(url).status_code == 302  # to the admin sign-in: not for staff
    assert client_for("sysadmin").get("/admin/gongkai_tasks/workerbeat/").status_code == 200
