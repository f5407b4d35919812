"""Models of routing between agencies (D47): the 统一受理 portals and each routing step of a case.

Imported by :mod:`.models` so Django registers them in the ``applications`` app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.web.accounts.scope import AgencyScopedQuerySet


class UnifiedIntake(models.Model):
    """An agency that is a 统一受理 portal (e.g. the county 政府办): applications it receives can be
    routed (分送) to an agency of ``area``'s subtree (the county or city it serves; by default the
    portal's own subtree), which then 签收 or 退回 them."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name="统一受理机关",
        on_delete=models.CASCADE,
        related_name="unified_intake",
    )
    area = models.ForeignKey(
        "agencies.Agency",
        verbose_name="受理范围",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="统一受理该机关及其下属机关的申请（如县人民政府）。",
    )
    note = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "agency"

    class Meta:
        verbose_name = "统一受理机关"
        verbose_name_plural = "统一受理机关"

    def __str__(self) -> str:
        return f"统一受理：{self.agency}"


class RoutingKind(models.TextChoices):
    ROUTE = "route", "分送"
    TRANSFER = "transfer", "转办"


class Routing(models.Model):
    """One routing step: the sender sends the case to ``to_agency`` (待签收), which signs or returns it.

    Visible to both ends (``scope_field`` and ``scope_also_fields``, accounts/scope.py): the sender
    keeps read-only sight of the step after the case has left it; the case itself is the holder's.
    """

    application = models.ForeignKey(
        "applications.Application", verbose_name="申请", on_delete=models.CASCADE, related_name="routings"
    )
    kind = models.CharField("方式", max_length=16, choices=RoutingKind.choices)
    from_agency = models.ForeignKey(
        "agencies.Agency", verbose_name="送出机关", on_delete=models.PROTECT, related_name="routings_out"
    )
    to_agency = models.ForeignKey(
        "agencies.Agency", verbose_name="接收机关", on_delete=models.PROTECT, related_name="routings_in"
    )
    reason = models.TextField("转办理由")
    sent_on = models.DateField("送出日期")
    sign_due = models.DateField("签收期限", null=True, blank=True)
    original_received_on = models.DateField("原收到申请日期")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="送出人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_on = models.DateField("签收日期", null=True, blank=True)
    returned_on = models.DateField("退回日期", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签收或退回人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()
    scope_field = "from_agency"
    scope_also_fields = ("to_agency",)

    class Meta:
        verbose_name = "转办记录"
        verbose_name_plural = "转办记录"
        ordering = ("-sent_on", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(signed_on__isnull=True) | models.Q(returned_on__isnull=True),
                name="routing_signed_or_returned",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.from_agency} → {self.to_agency}"

    @property
    def status(self) -> str:
        if self.signed_on:
            return "已签收"
        if self.returned_on:
            return "已退回"
        if (
            self.application.state == "pending_sign"
            and self.application.pending_agency_id == self.to_agency_id
        ):
            return "待签收"
        return "已撤回"
