"""Agencies: the administrative organs that disclose information, their hierarchy and history.

An agency is a node in the tree of a people's government: the county government (县人民政府) has
its departments (县教育局 ...), townships (乡镇人民政府) and subdistricts (街道办事处) as children.

History through 机构改革: an agency is never renamed or merged in place. The old record gets a
``valid_to`` date and keeps every record attached to it; the new agency (or agencies) get a
``valid_from`` and an :class:`AgencySuccession` row says what happened (merged / split / renamed /
transferred / abolished). Annual reports and applications of past years therefore still show the
organ that actually handled them, and :meth:`Agency.lineage` follows the chain both ways.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .credit_code import validate_credit_code


class Level(models.TextChoices):
    """Administrative level (行政层级) of the organ."""

    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    MUNICIPAL = "municipal", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class Kind(models.TextChoices):
    """What sort of organ it is; 条例 art. 10 and art. 54 name who discloses."""

    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    TOWNSHIP = "township", "乡镇人民政府"
    SUBDISTRICT = "subdistrict", "街道办事处"
    AUTHORIZED = "authorized", "法律法规授权组织"


class AgencyQuerySet(models.QuerySet["Agency"]):
    def current(self, on: datetime.date | None = None) -> AgencyQuerySet:
        """Agencies in existence on ``on`` (default today): valid_from ≤ on < valid_to."""
        day = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def subtree_ids(self, roots: Iterable[int]) -> set[int]:
        """The ids of ``roots`` and of all their descendants (current or not).

        One query per level of the tree: a county (government → departments/townships → offices)
        is 3–4 queries whatever its size.
        """
        seen: set[int] = set(roots)
        frontier = set(seen)
        while frontier:
            children = set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - seen
            seen |= children
            frontier = children
        return seen


class Agency(models.Model):
    code = models.SlugField(
        "代码",
        max_length=64,
        unique=True,
        help_text="用于网址和命令行的唯一标识，例如 xc-county。",
    )
    name = models.CharField("名称", max_length=200)
    short_name = models.CharField("简称", max_length=50, blank=True)
    short_code = models.CharField(
        "编号简码",
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(r"^[A-Z][A-Z0-9]{1,11}$", "编号简码应为 2–12 位大写字母或数字，以字母开头。")
        ],
        help_text="登记编号的前缀，便于口头报出，例如 QXJY（QXJY-2026-0013）。",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.CharField("行政层级", max_length=16, choices=Level.choices)
    kind = models.CharField("机关类型", max_length=16, choices=Kind.choices)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
    )
    division_code = models.CharField(
        "行政区划代码",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d{6}(\d{3}|\d{6})?$", "行政区划代码应为 6、9 或 12 位数字。")],
    )
    office_name = models.CharField("政府信息公开工作机构", max_length=200, blank=True)
    office_address = models.CharField("受理地址", max_length=300, blank=True)
    office_postcode = models.CharField(
        "邮政编码",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "邮政编码应为 6 位数字。")],
    )
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    office_fax = models.CharField("传真", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    website = models.URLField("网站", blank=True)
    valid_from = models.DateField("设立日期", null=True, blank=True)
    valid_to = models.DateField(
        "撤销日期", null=True, blank=True, help_text="机构改革中被撤销、合并或更名时填写；当日起不再存续。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ("code",)
        constraints = (
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="agency_valid_to_after_valid_from",
            ),
        )

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.short_code:  # desk: a readable tracking-number prefix (agencies/short_codes.py)
            from .short_codes import unique

            others = Agency.objects.exclude(pk=self.pk) if self.pk else Agency.objects.all()
            self.short_code = unique(self.code, lambda c: others.filter(short_code=c).exists())
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_current(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to > day
        )

    def subtree(self) -> AgencyQuerySet:
        """This agency and all its descendants."""
        return Agency.objects.filter(pk__in=Agency.objects.subtree_ids([self.pk]))

    def ancestors(self) -> list[Agency]:
        """Parent, grandparent, ... up to the root (nearest first)."""
        chain: list[Agency] = []
        node = self.parent
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain

    def successors(self) -> AgencyQuerySet:
        return Agency.objects.filter(predecessor_links__predecessor=self)

    def predecessors(self) -> AgencyQuerySet:
        return Agency.objects.filter(successor_links__successor=self)

    def lineage(self) -> list[AgencySuccession]:
        """Every succession event reachable from this agency, backwards and forwards, by date."""
        seen: set[int] = set()
        events: dict[int, AgencySuccession] = {}
        frontier = {self.pk}
        while frontier:
            seen |= frontier
            links = AgencySuccession.objects.filter(
                Q(predecessor_id__in=frontier) | Q(successor_id__in=frontier)
            ).select_related("predecessor", "successor")
            frontier = set()
            for link in links:
                events[link.pk] = link
                frontier |= {link.predecessor_id, link.successor_id} - seen
        return sorted(events.values(), key=lambda e: (e.date, e.pk))


class SuccessionKind(models.TextChoices):
    MERGED = "merged", "合并"
    SPLIT = "split", "分设"
    RENAMED = "renamed", "更名"
    TRANSFERRED = "transferred", "职责划转"


class AgencySuccession(models.Model):
    """One link of 机构改革: ``predecessor`` ceased on ``date`` and ``successor`` took over (part of) it.

    A merger of A and B into C is two rows (A→C, B→C); a split of A into B and C is two rows
    (A→B, A→C); a rename is one row from the old record to the new.
    """

    predecessor = models.ForeignKey(
        Agency, verbose_name="原机关", on_delete=models.PROTECT, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Agency, verbose_name="承继机关", on_delete=models.PROTECT, related_name="predecessor_links"
    )
    kind = models.CharField("变更类型", max_length=16, choices=SuccessionKind.choices)
    date = models.DateField("变更日期")
    basis = models.CharField("依据文件", max_length=300, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "机构沿革"
        verbose_name_plural = "机构沿革"
        ordering = ("date", "pk")
        constraints = (
            models.UniqueConstraint(fields=["predecessor", "successor"], name="agency_succession_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="agency_succession_not_self"
            ),
        )

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}（{self.get_kind_display()}，{self.date}）"
