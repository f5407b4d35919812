"""The register of proactively disclosed information (主动公开, 条例第十九条至第二十六条).

An :class:`Item` is one piece of 政府信息 of one agency with the catalogue's core metadata
(国办秘书局《政府信息公开目录系统实施指引（试行）》): 索引号, 标题, 发布机构, 成文日期, 发布日期, 文号,
主题分类, 体裁, 公开方式, 有效性, 关键词, 正文. It moves draft → in review (保密审查 and 合法性审查)
→ approved → published (possibly in the future: scheduled) and, once public, may be corrected or
withdrawn with a public reason. Every saved state is an :class:`ItemVersion` with its hash.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.web.accounts.scope import AgencyScopedQuerySet

from .vocabularies import REGULATORY_GENRES, article20_label


class TermKind(models.TextChoices):
    TOPIC = "topic", "主题分类"
    GENRE = "genre", "体裁"


class Term(models.Model):
    """One entry of a controlled vocabulary (主题分类 or 体裁); seeded, editable by the sysadmin."""

    kind = models.CharField("词表", max_length=8, choices=TermKind.choices)
    code = models.SlugField("代码", max_length=32)
    label = models.CharField("名称", max_length=100)
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "词表条目"
        verbose_name_plural = "词表条目"
        ordering = ("kind", "position", "code")
        constraints = (models.UniqueConstraint(fields=["kind", "code"], name="term_unique_code"),)

    def __str__(self) -> str:
        return self.label


class CatalogueNode(models.Model):
    """A column of an agency's 公开目录 (tree); seeded with the usual columns, editable."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="catalogue"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField("代码", max_length=32)
    name = models.CharField("栏目名称", max_length=100)
    article20_items = models.JSONField("对应条例第二十条事项", default=list, blank=True)
    position = models.PositiveIntegerField("排序", default=0)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "公开目录栏目"
        verbose_name_plural = "公开目录栏目"
        ordering = ("agency", "position", "pk")
        constraints = (models.UniqueConstraint(fields=["agency", "slug"], name="catalogue_unique_slug"),)

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审查中"
    APPROVED = "approved", "已批准"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class Validity(models.TextChoices):
    EFFECTIVE = "effective", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"


class ItemQuerySet(AgencyScopedQuerySet["Item"]):
    def public(self, now: object = None) -> ItemQuerySet:
        """What the public sees: published items whose publication time has come (scheduled ones wait)."""
        moment = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, published_at__lte=moment)  # type: ignore[return-value]


class Item(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="disclosure_items"
    )
    index_number = models.CharField("索引号", max_length=80, unique=True)
    title = models.CharField("标题", max_length=300)
    publisher = models.CharField("发布机构", max_length=200, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    doc_number = models.CharField("文号", max_length=100, blank=True, db_index=True)
    topic = models.ForeignKey(
        Term, verbose_name="主题分类", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    genre = models.ForeignKey(
        Term, verbose_name="体裁", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    catalogue = models.ForeignKey(
        CatalogueNode,
        verbose_name="公开目录栏目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    disclosure_mode = models.CharField(
        "公开方式", max_length=16, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    validity = models.CharField("有效性", max_length=16, choices=Validity.choices, default=Validity.EFFECTIVE)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    effective_to = models.DateField("失效或废止日期", null=True, blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    body = models.TextField("正文", blank=True, help_text="经过安全过滤的 HTML。")
    article20_items = models.JSONField("对应条例第二十条事项", default=list, blank=True)
    interprets = models.ForeignKey(
        "self",
        verbose_name="所解读的政策",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    public_note = models.CharField("更正或撤回说明", max_length=500, blank=True)
    corrected_at = models.DateTimeField("更正时间", null=True, blank=True)
    source_id = models.CharField("来源编号", max_length=100, blank=True)
    source_url = models.URLField("原始链接", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ("-published_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "source_id"], condition=~models.Q(source_id=""), name="item_unique_source"
            ),
        )
        indexes = (models.Index(fields=["agency", "status", "published_at"], name="item_agency_status"),)

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_regulatory(self) -> bool:
        """规章 or 行政规范性文件: counted in table 二 第二十条第（一）项."""
        return self.genre is not None and self.genre.code in REGULATORY_GENRES

    @property
    def article20_labels(self) -> list[str]:
        return [article20_label(int(n)) for n in self.article20_items]

    @property
    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace("，", " ").replace(",", " ").split() if k]


class ItemVersion(models.Model):
    """Every saved state of an item, with the SHA-256 of its canonical JSON (kept forever)."""

    item = models.ForeignKey(Item, verbose_name="信息", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    sha256 = models.CharField("哈希值", max_length=64)
    content = models.JSONField("内容")
    reason = models.CharField("原因", max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    scope_field = "item__agency"
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "版本"
        verbose_name_plural = "版本"
        ordering = ("item", "number")
        constraints = (models.UniqueConstraint(fields=["item", "number"], name="itemversion_unique_number"),)


class ReviewKind(models.TextChoices):
    SECRECY = "secrecy", "保密审查"
    LEGALITY = "legality", "合法性审查"


class Conclusion(models.TextChoices):
    PASSED = "passed", "通过"
    REJECTED = "rejected", "不通过"


class Review(models.Model):
    """A 保密审查 or 合法性审查 of an item before publication (条例第十七条 保密审查机制)."""

    item = models.ForeignKey(Item, verbose_name="信息", on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField("审查类型", max_length=16, choices=ReviewKind.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField("审查日期")
    conclusion = models.CharField("结论", max_length=16, choices=Conclusion.choices)
    note = models.CharField("意见", max_length=500, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    scope_field = "item__agency"
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "审查记录"
        verbose_name_plural = "审查记录"
        ordering = ("item", "created_at")


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"disclosures/{instance.item.agency_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    """A file of an item (PDF, DOCX, XLS(X), images), checked by content; its text feeds search."""

    item = models.ForeignKey(Item, verbose_name="信息", on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=100, blank=True)
    file = models.FileField("文件", upload_to=_attachment_path, blank=True)
    size = models.PositiveIntegerField("大小", default=0)
    sha256 = models.CharField("哈希值", max_length=64, blank=True)
    text = models.TextField("提取的文本", blank=True)
    source_url = models.URLField("原始链接", max_length=500, blank=True)

    scope_field = "item__agency"
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ("item", "pk")

    def __str__(self) -> str:
        return self.name


class ValidityEventKind(models.TextChoices):
    ISSUED = "issued", "制发"
    AMENDED = "amended", "修改"
    REPEALED = "repealed", "废止"
    EXPIRED = "expired", "失效"


class ValidityEvent(models.Model):
    """The validity history of a 规章 or 行政规范性文件 (table 二 第二十条第（一）项 follows from it)."""

    item = models.ForeignKey(
        Item, verbose_name="文件", on_delete=models.CASCADE, related_name="validity_events"
    )
    kind = models.CharField("事项", max_length=16, choices=ValidityEventKind.choices)
    date = models.DateField("日期")
    note = models.CharField("说明", max_length=300, blank=True)

    scope_field = "item__agency"
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "效力变动"
        verbose_name_plural = "效力变动"
        ordering = ("item", "date", "pk")


class PageKind(models.TextChoices):
    GUIDE = "guide", "政府信息公开指南"
    SYSTEM = "system", "政府信息公开制度"


class Page(models.Model):
    """An edited 公开指南 (replacing the generated one) or a 公开制度 page of an agency."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类型", max_length=8, choices=PageKind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", help_text="经过安全过滤的 HTML。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "公开指南和制度"
        verbose_name_plural = "公开指南和制度"
        ordering = ("agency", "kind", "pk")

    def __str__(self) -> str:
        return self.title


class ProposalStatus(models.TextChoices):
    OPEN = "open", "待处理"
    ACCEPTED = "accepted", "已转为主动公开"
    DISMISSED = "dismissed", "不予转化"


class Proposal(models.Model):
    """条例第四十四条: information asked for by several applicants, proposed for proactive disclosure."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("建议公开的信息", max_length=300)
    application_ids = models.JSONField("相关申请", default=list)
    similarity = models.FloatField("相似度")
    status = models.CharField(
        "状态", max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    created_at = models.DateTimeField("提出时间", auto_now_add=True)
    #: the draft register item made from it (one click on the proposals page)
    item = models.ForeignKey(
        "Item",
        verbose_name="主动公开草稿",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "申请转主动公开建议"
        verbose_name_plural = "申请转主动公开建议"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title


class AnnualReport(models.Model):
    """A published 政府信息公开工作年度报告 (条例第四十九条、第五十条) uploaded by the agency, read by the
    core (:func:`gongkai.read`) and shown in the 年报 column as the official tables, with the original file."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("报告年度")
    name = models.CharField("文件名", max_length=200)
    data = models.BinaryField("原文件")
    sha256 = models.CharField("哈希值", max_length=64)
    report_format = models.CharField("格式", max_length=16, blank=True)
    rendered_html = models.TextField("表格", blank=True)
    findings = models.PositiveIntegerField("检查发现的问题", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ("agency", "-year")
        constraints = (models.UniqueConstraint(fields=["agency", "year"], name="annualreport_unique_year"),)

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"


class IndexNumberPattern(models.Model):
    """An agency's own 索引号 pattern (data, validated by :func:`.index_numbers.validate_pattern`).

    Placeholders: ``{org}`` (机构代码: ``org_code`` when set, else the one derived from the 统一社会信用代码),
    ``{cat}`` (the catalogue column's code), ``{year}`` (the year of 成文), ``{seq}`` or ``{seq:0Nd}``
    (the serial, last). Without a row the default pattern applies.
    """

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    pattern = models.CharField("索引号格式", max_length=80)
    org_code = models.CharField("机构代码", max_length=30, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "索引号格式"
        verbose_name_plural = "索引号格式"

    def __str__(self) -> str:
        return f"{self.agency}：{self.pattern}"


# The search index's tables live in their own module (one concern); imported here so Django finds them.
from .search_models import FacetTally, SearchDoc, SearchFacet  # noqa: E402,F401
