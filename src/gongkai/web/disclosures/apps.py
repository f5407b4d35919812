from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def seed_vocabularies(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Make sure 主题分类 and 体裁 are in the table (after migrate, and after a test flush)."""
    from .models import Term
    from .vocabularies import GENRES, TOPICS

    if Term.objects.using(using).exists():
        return
    Term.objects.using(using).bulk_create(
        Term(kind=kind, code=code, label=label, position=position)
        for kind, entries in (("topic", TOPICS), ("genre", GENRES))
        for position, (code, label) in enumerate(entries)
    )


class DisclosuresConfig(AppConfig):
    name = "gongkai.web.disclosures"
    label = "disclosures"
    verbose_name = "主动公开"

    def ready(self) -> None:
        post_migrate.connect(seed_vocabularies, sender=self)
