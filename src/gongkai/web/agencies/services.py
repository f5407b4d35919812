"""机构改革 as one audited operation: predecessors cease, successors take over, history is linked.

Nothing is renamed or merged in place (see :mod:`gongkai.web.agencies.models`): records attached to
an old agency stay attached to it, and :meth:`Agency.lineage` leads to its successors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.web import audit

from .models import Agency, AgencySuccession, SuccessionKind

#: (min, max) predecessors and successors per kind; None = no upper bound.
_SHAPES: dict[str, tuple[tuple[int, int | None], tuple[int, int | None]]] = {
    SuccessionKind.MERGED: ((2, None), (1, 1)),
    SuccessionKind.SPLIT: ((1, 1), (2, None)),
    SuccessionKind.RENAMED: ((1, 1), (1, 1)),
    SuccessionKind.TRANSFERRED: ((1, None), (1, None)),
}


def _check_count(what: str, n: int, bounds: tuple[int, int | None], kind_label: str) -> None:
    low, high = bounds
    if n < low or (high is not None and n > high):
        expected = f"{low}" if low == high else (f"至少 {low}" if high is None else f"{low}–{high}")
        raise ValidationError(f"{kind_label}需要{expected}个{what}，实际为 {n} 个。")


def reorganise(
    actor: Any,
    *,
    kind: str,
    predecessors: Sequence[Agency],
    successors: Sequence[Agency],
    date: dt.date,
    basis: str = "",
    note: str = "",
) -> list[AgencySuccession]:
    """Record a reorganisation effective on ``date``; only system administrators may.

    Merged/split/renamed predecessors cease on ``date`` (``valid_to``); for a transfer of functions
    (职责划转) they continue. Successors without a ``valid_from`` start on ``date``. Raises
    ``ValidationError`` (Chinese) for an impossible shape: a predecessor that already ceased, a
    successor that is also a predecessor, a successor that ceased before ``date``.
    """
    if actor is None or not getattr(actor, "is_superuser", False):
        raise PermissionDenied("机构改革只能由系统管理员登记。")
    kind_label = SuccessionKind(kind).label
    pre_bounds, suc_bounds = _SHAPES[kind]
    _check_count("原机关", len(predecessors), pre_bounds, kind_label)
    _check_count("承继机关", len(successors), suc_bounds, kind_label)
    if {a.pk for a in predecessors} & {a.pk for a in successors}:
        raise ValidationError("同一机关不能既是原机关又是承继机关。")
    for old in predecessors:
        if old.valid_to is not None and old.valid_to <= date:
            raise ValidationError(f"{old.name} 已于 {old.valid_to} 撤销，不能再次改革。")
    for new in successors:
        if new.valid_to is not None and new.valid_to <= date:
            raise ValidationError(f"{new.name} 在 {date} 前已撤销，不能作为承继机关。")
    closes = kind != SuccessionKind.TRANSFERRED
    links: list[AgencySuccession] = []
    with transaction.atomic():
        for old in predecessors:
            if closes:
                before = audit.snapshot(old)
                old.valid_to = date
                old.save(update_fields=["valid_to", "updated_at"])
                audit.record(actor, "agency.cease", old, before=before, after=audit.snapshot(old), note=basis)
        for new in successors:
            if new.valid_from is None:
                before = audit.snapshot(new)
                new.valid_from = date
                new.save(update_fields=["valid_from", "updated_at"])
                audit.record(actor, "agency.begin", new, before=before, after=audit.snapshot(new), note=basis)
        for old in predecessors:
            for new in successors:
                link = AgencySuccession.objects.create(
                    predecessor=old, successor=new, kind=kind, date=date, basis=basis, note=note
                )
                audit.record(actor, "agency.succession", link, agency=new, after=audit.snapshot(link))
                links.append(link)
    return links


def update_office(actor: Any, agency: Agency, values: dict[str, Any]) -> Agency:
    """The agency's administrator updates the disclosure office's contacts (条例第二十四条 指南); audited."""
    from gongkai.web.accounts import scope
    from gongkai.web.accounts.roles import Role

    scope.require(actor, agency, [Role.AGENCY_ADMIN])
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        before = audit.snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        audit.record(actor, "agency.update", locked, before=before, after=audit.snapshot(locked))
    return locked
