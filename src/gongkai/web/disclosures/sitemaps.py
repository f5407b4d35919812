"""sitemap.xml of the public 专栏 (sitemaps.org protocol, Django's sitemaps framework).

``/sitemap.xml`` is a sitemap index; each section is paged at :attr:`ItemSitemap.limit` URLs (the
protocol allows 50,000 a file), so a register of a million items is a hundred small files rather than
one response of a hundred megabytes.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.web.agencies.models import Agency

from .models import Item


class PagesSitemap(Sitemap[str]):
    """The 专栏's own pages: the five columns' entry points and every agency's 专栏 and 指南."""

    def items(self) -> list[str]:
        urls = [
            reverse("disclosures:column_index"),
            reverse("disclosures:browse"),
            reverse("disclosures:annual"),
        ]
        for code in Agency.objects.current().order_by("level", "code").values_list("code", flat=True):
            urls += [
                reverse("disclosures:agency_index", kwargs={"agency": code}),
                reverse("disclosures:guide", kwargs={"agency": code}),
            ]
        return urls

    def location(self, item: str) -> str:
        return item


class ItemSitemap(Sitemap[Item]):
    """Every public item, oldest first (a page's content stays put as items are added)."""

    limit = 10_000

    def items(self) -> Any:
        return Item.objects.public().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item: Item) -> Any:
        return item.updated_at

    def location(self, item: Item) -> str:
        return reverse("disclosures:item", kwargs={"pk": item.pk})


SITEMAPS = {"pages": PagesSitemap, "items": ItemSitemap}
