"""The search index's own tables (docs/register.md#search, D59).

- :class:`SearchDoc`: the jieba-segmented text of a public item, its facet tokens and its sort key.
  SQLite indexes it in the FTS5 table ``disclosures_fts(title, body, facets)`` whose rowid is the sort
  key; PostgreSQL in the generated ``tsv`` column with a GIN index (migrations 0002 and 0006).
- :class:`SearchFacet`: one narrow row per indexed item (its facet values), read to count facets.
- :class:`FacetTally`: how many indexed items carry each facet value, and each pair of values of two
  facets, kept with every write: the browse pages' counts without counting a million rows.

The sort key orders the index by publication time: ``floor(published_at − 2000-01-01)`` in seconds,
times 2³⁰, plus the item id (:func:`gongkai.web.disclosures.search_index.sort_key`). Newest-first is
then the index's own order on both backends, and "public now" is ``key ≤ key of now``.
"""

from __future__ import annotations

from django.db import models

from .models import Item


class SearchDoc(models.Model):
    """The segmented text of a public item as indexed (title, body with 文号/索引号/attachments, facets)."""

    item = models.OneToOneField(Item, primary_key=True, on_delete=models.CASCADE, related_name="search_doc")
    title_seg = models.TextField()
    body_seg = models.TextField()
    facets = models.TextField("分面标记", default="")
    sort_key = models.BigIntegerField("排序键", null=True, db_index=True)

    class Meta:
        app_label = "disclosures"
        verbose_name = "检索索引"
        verbose_name_plural = "检索索引"


class SearchFacet(models.Model):
    """The facet values of one indexed item, narrow so that counting thousands of matches stays cheap."""

    key = models.BigIntegerField("排序键", primary_key=True)
    agency_id = models.IntegerField("机关")
    catalogue_id = models.IntegerField("栏目", null=True)
    topic_id = models.IntegerField("主题分类", null=True)
    genre_id = models.IntegerField("体裁", null=True)
    year = models.IntegerField("年份", null=True)
    validity = models.CharField("有效性", max_length=16)

    class Meta:
        app_label = "disclosures"
        verbose_name = "检索分面"
        verbose_name_plural = "检索分面"


class FacetTally(models.Model):
    """Indexed items per facet value (``other`` empty) and per pair of values of two facets."""

    facet = models.CharField("分面", max_length=12)
    value = models.CharField("值", max_length=40)
    other = models.CharField("另一分面", max_length=12, blank=True)
    other_value = models.CharField("另一分面的值", max_length=40, blank=True)
    count = models.BigIntegerField("条数", default=0)

    class Meta:
        app_label = "disclosures"
        verbose_name = "分面计数"
        verbose_name_plural = "分面计数"
        constraints = (
            models.UniqueConstraint(
                fields=["facet", "value", "other", "other_value"], name="facet_tally_unique"
            ),
        )
