"""The append-only audit log.

An :class:`AuditEvent` is written by :func:`gongkai.web.audit.record` in the same transaction as the
change it describes, and is never changed or removed afterwards: ``save()`` of an existing event,
``delete()``, and queryset ``update()``/``delete()`` raise; on the database, triggers refuse UPDATE
(SQLite and PostgreSQL) and DELETE (PostgreSQL; see docs/decisions.md D11 for why not on SQLite).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from gongkai.web.accounts.scope import AgencyScopedQuerySet


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit event."""

    def __init__(self) -> None:
        super().__init__("审计日志只能追加，不能修改或删除。")


class AuditEventQuerySet(AgencyScopedQuerySet["AuditEvent"]):
    """Append-only, and agency-scoped: ``AuditEvent.objects.visible_to(user)`` (by the event's agency)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    def delete(self) -> NoReturn:
        raise AppendOnlyError

    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEvent(models.Model):
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_repr = models.CharField("操作人（记录时）", max_length=200)
    verb = models.CharField("操作", max_length=64, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="对象类型",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象（记录时）", max_length=300, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    before = models.JSONField("变更前", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("变更后", null=True, blank=True, encoder=DjangoJSONEncoder)
    note = models.TextField("备注", blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ("at", "pk")
        indexes = (
            models.Index(fields=["content_type", "object_id", "at"], name="audit_object_idx"),
            models.Index(fields=["agency", "at"], name="audit_agency_idx"),
        )

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_repr} {self.verb} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every key whose value differs, in key order."""
        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
