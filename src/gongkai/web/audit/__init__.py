"""The audit log API: :func:`record` an event in the transaction of a change; :func:`events_for` an object.

``record`` must run inside ``transaction.atomic`` together with the change, so that the change and
its event are committed — or rolled back — together. Every state change of the platform calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db import models

    from gongkai.web.agencies.models import Agency

    from .models import AuditEvent, AuditEventQuerySet


class NotInTransactionError(RuntimeError):
    """``record`` was called outside ``transaction.atomic``: the event could outlive a failed change."""


def record(
    actor: Any,
    verb: str,
    obj: models.Model | None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    agency: Agency | None = None,
    note: str = "",
    using: str = "default",
) -> AuditEvent:
    """Append an event: ``actor`` did ``verb`` to ``obj`` (before → after), in the current transaction.

    ``actor`` is a user, or ``None``/anonymous for the system or the public. ``agency`` defaults to
    the object's own agency (its ``scope_field`` path). Raises :class:`NotInTransactionError`
    outside ``transaction.atomic``.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from gongkai.web.accounts.scope import agency_of

    from .models import AuditEvent

    if not transaction.get_connection(using).in_atomic_block:
        raise NotInTransactionError("audit.record() 必须与所记录的变更在同一个 transaction.atomic 中调用")
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    if user is not None:
        actor_repr = f"{user}（{user.get_username()}）"
    else:
        actor_repr = "系统" if actor is None else "公众"
    if agency is None and obj is not None:
        agency = agency_of(obj)
    return AuditEvent.objects.using(using).create(
        actor=user,
        actor_repr=actor_repr[:200],
        verb=verb,
        content_type=ContentType.objects.db_manager(using).get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        agency=agency,
        before=before,
        after=after,
        note=note,
    )


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` (foreign keys as ids), for ``before``/``after``.

    ``auto_now`` timestamps are left out: the event's own time says when the change happened.
    """
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if getattr(field, "auto_now", False):
            continue
        data[field.attname] = field.value_from_object(obj)
    return data


def can_see_object(user: Any, obj: models.Model) -> bool:
    """Whether ``user`` may see ``obj``: the object's own rule, else its agency's read scope.

    A model may define ``is_visible_to(user) -> bool`` (e.g. an application is also visible to its
    applicant); otherwise an agency-scoped object is visible to the readers of its agency, and an
    object with no agency to system administrators only.
    """
    from gongkai.web.accounts.scope import agency_of, can_read

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    rule = getattr(obj, "is_visible_to", None)
    if callable(rule):
        return bool(rule(user))
    agency = agency_of(obj)
    return agency is not None and can_read(user, agency)


def events_for(obj: models.Model, user: Any) -> AuditEventQuerySet:
    """The events about ``obj`` that ``user`` may read: all of them if they may see the object, else none.

    For an :class:`~gongkai.web.agencies.models.Agency`, also every event recorded in that agency.
    """
    from django.db.models import Q

    from gongkai.web.agencies.models import Agency

    from .models import AuditEvent

    if not can_see_object(user, obj):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.for_object(obj)
    if isinstance(obj, Agency):
        # An agency's trail is everything that happened in it (roles granted, cases handled...).
        events = AuditEvent.objects.filter(Q(pk__in=events.values("pk")) | Q(agency=obj))
    return events.select_related("actor", "agency")


def trail_url(obj: models.Model) -> str:
    """The URL of ``obj``'s audit trail page."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    ctype = ContentType.objects.get_for_model(obj)
    return reverse("audit:object_events", kwargs={"content_type": ctype.pk, "object_id": str(obj.pk)})
