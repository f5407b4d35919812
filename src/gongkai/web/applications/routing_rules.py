"""The preconditions of routing between agencies (D47), as guards of the action table.

Registered in :data:`.notices.GUARDS`, so ``services._act`` checks them on the locked row for every
caller and the case page shows why an action is not possible. Each refusal is a Chinese message.
"""

from __future__ import annotations

from typing import Any

from .models import Application, FeeNotice, UnifiedIntake


def is_unified_intake(agency: Any) -> bool:
    """Whether ``agency`` is a 统一受理 portal for its subtree."""
    return agency is not None and UnifiedIntake.objects.filter(agency=agency).exists()


def portal(app: Application) -> str | None:
    if not is_unified_intake(app.agency):
        return "本机关不是统一受理机关，不能分送申请；不属于本机关负责公开的，可转办或按条例第三十六条第（五）项告知申请人。"
    return None


def untouched(app: Application) -> str | None:
    """Only a case nobody has acted on yet moves: a sent notice or a started step binds its agency."""
    if (
        app.correction_requested_on is not None
        or app.consultations.exists()
        or app.extension_reason
        or app.extension_approved_on is not None
        or FeeNotice.objects.filter(application=app).exists()
        or app.decided_on is not None
    ):
        return (
            "本申请已告知补正、征求意见、申请延期或作出决定，不能再转办；"
            "如不属于本机关负责公开，请按条例第三十六条第（五）项答复申请人。"
        )
    return None
