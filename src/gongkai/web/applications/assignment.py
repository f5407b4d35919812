"""Who handles a case (承办人): assigned and reassigned by the office, audited.

The assignee must be an active 经办人 (clerk) of the case's own agency; the one who assigns must be a
经办人, 审核人 or 负责人 of that agency (:mod:`gongkai.web.accounts.scope` decides both). Assignment
does not change the case's ``version``: it is orthogonal to the workflow and does not invalidate
forms another clerk has open; the row is locked and the change audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role

from .models import Application
from .services import OFFICE_ROLES, ServiceError

#: Who may assign: the office of the agency.
ASSIGNER_ROLES = OFFICE_ROLES


def person(user: Any) -> str:
    """How a user is named in the trail and on the page: 李经办（clerk）."""
    if user is None:
        return ""
    return f"{user}（{user.get_username()}）" if str(user) != user.get_username() else str(user)


def assignable_clerks(agency: Any) -> list[Any]:
    """The active clerks of ``agency`` (candidates for 承办人), by username."""
    user_model = get_user_model()
    return list(
        user_model.objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__role=Role.CLERK,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("username")
    )


def assign(app: Application, actor: Any, assignee: Any | None) -> Application:
    """Make ``assignee`` (or nobody, ``None``) the 承办人 of ``app``; audited as application.assign."""
    scope.require(actor, app.agency, ASSIGNER_ROLES)
    if assignee is not None and not scope.has_role(assignee, app.agency, (Role.CLERK,)):
        raise ServiceError("只能指派本机关的经办人承办。")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=app.pk)
        if locked.assignee_id == getattr(assignee, "pk", None):
            return locked
        before = {"assignee": person(locked.assignee)}
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        audit.record(actor, "application.assign", locked, before=before, after={"assignee": person(assignee)})
    app.refresh_from_db()
    return app
