"""Recompute stored due dates when the working-day calendar changes (``calendar_changed``)."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.dispatch import receiver

from gongkai.web.calendar.signals import calendar_changed


@receiver(calendar_changed, dispatch_uid="applications.recompute_due_dates")
def recompute_due_dates(sender: Any, **kwargs: Any) -> None:
    from .models import Application
    from .services import recompute_open_clocks

    # The calendar may be seeded during ``migrate``, before this app's table exists.
    if Application._meta.db_table not in connection.introspection.table_names():
        return
    # After the calendar change is committed, so that the new days are what the clock reads.
    transaction.on_commit(recompute_open_clocks)
