"""Receivers: every saved published report updates the supervisor's facts (see :mod:`.records`)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.web.disclosures.models import AnnualReport

from .records import record_publication


@receiver(post_save, sender=AnnualReport, dispatch_uid="supervision.record_publication")
def _published(sender: Any, instance: AnnualReport, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # fixtures
        return
    record_publication(instance)
