"""Helpers of the register tests: items made through the services, and the real sample loaded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.web.agencies.models import Agency
from gongkai.web.disclosures import search, services
from gongkai.web.disclosures.importer import run_import, sample_path
from gongkai.web.disclosures.models import CatalogueNode, Item, Term


def term(kind: str, code: str) -> Term:
    return Term.objects.get(kind=kind, code=code)


def item_data(agency: Agency, **overrides: Any) -> dict[str, Any]:
    services.ensure_catalogue(agency)
    data: dict[str, Any] = {
        "title": "新城县教育局关于规范校外培训收费的通知",
        "publisher": agency.name,
        "written_on": timezone.localdate() - dt.timedelta(days=2),
        "doc_number": f"新教〔{timezone.localdate().year}〕7号",
        "topic": term("topic", "keji"),
        "genre": term("genre", "notice"),
        "catalogue": CatalogueNode.objects.get(agency=agency, slug="fgwj"),
        "body": "<p>各学校：为规范校外培训机构收费行为，现就有关事项通知如下。</p>",
        "article20_items": [1],
        "keywords": "校外培训 收费",
    }
    data.update(overrides)
    return data


def published_item(agency: Agency, **overrides: Any) -> Item:
    """An item published directly (system actor): for tests that need public content, not the workflow."""
    item = services.create_item(agency, None, item_data(agency, **overrides))
    item.status = "published"
    item.published_at = timezone.now() - dt.timedelta(hours=1)
    item.save()
    search.index_item(item)
    return item


def load_sample(agency: Agency) -> dict[str, Item]:
    """The real Putian sample in ``agency``; items by source id."""
    run_import(sample_path(), agency.code)
    return {i.source_id: i for i in Item.objects.filter(agency=agency)}
