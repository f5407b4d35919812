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


def keep_index_true(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """An indexed item's key and facets follow every save (有效性, 发布日期, 栏目, status) at once;
    its text is indexed again by the services when they publish or correct it (search_index)."""
    if not raw:
        from .search_index import refresh_facets

        refresh_facets(instance)


def leave_index(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .search_index import unindex_item

    unindex_item(instance.pk)


class DisclosuresConfig(AppConfig):
    name = "gongkai.web.disclosures"
    label = "disclosures"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_delete

        post_migrate.connect(seed_vocabularies, sender=self)
        post_save.connect(keep_index_true, sender="disclosures.Item", dispatch_uid="disclosures.index.save")
        pre_delete.connect(leave_index, sender="disclosures.Item", dispatch_uid="disclosures.index.delete")
