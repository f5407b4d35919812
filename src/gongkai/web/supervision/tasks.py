"""Background tasks of the supervision app (django-tasks: whichever backend the settings configure)."""

from __future__ import annotations

from django_tasks import task

from gongkai.web.tasks.engine import background


@task()
def process_import(
    batch_id: int, names: list[str] | None = None, confirm: dict[str, str] | None = None
) -> None:
    """Import the files of an :class:`ImportBatch` (all queued ones, or ``names`` with ``confirm``)."""
    from .import_batches import run

    run(batch_id, names=names, confirm=confirm)


@background(max_attempts=2)
def run_check(token: str) -> None:
    """Read and check a slow ``/check/`` upload (:mod:`.check_store`); idempotent."""
    from .check_store import run

    run(token)
