"""RSS and Atom feeds of the latest public information (across the county, or of one agency)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.web.agencies.models import Agency

from .models import Item
from .text import html_to_text


class LatestRss(Feed):  # type: ignore[type-arg]
    title = "政府信息公开 · 最新主动公开信息"
    description = "各机关最新发布的主动公开政府信息"

    def get_object(self, request: Any) -> Agency | None:
        code = request.GET.get("agency", "")
        return get_object_or_404(Agency, code=code) if code else None

    def link(self, obj: Agency | None) -> str:
        return (
            reverse("disclosures:agency_index", kwargs={"agency": obj.code})
            if obj
            else reverse("disclosures:column_index")
        )

    def items(self, obj: Agency | None) -> Any:
        qs = Item.objects.public().select_related("agency")
        return (qs.filter(agency=obj) if obj else qs)[:50]

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return html_to_text(item.body)[:300]

    def item_link(self, item: Item) -> str:
        return reverse("disclosures:item", kwargs={"pk": item.pk})

    def item_pubdate(self, item: Item) -> dt.datetime | None:
        return item.published_at

    def item_author_name(self, item: Item) -> str:
        return item.publisher or item.agency.name


class LatestAtom(LatestRss):
    feed_type = Atom1Feed
    subtitle = LatestRss.description
