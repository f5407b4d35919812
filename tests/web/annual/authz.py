"""The annual report's rows of the authorization matrix (merged into tests/web/authz_expectations.py).

The public page needs a published report: the bureau's 2025 report (no records: all zero) is taken
through the workflow by the factory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from gongkai.web.annual import services
from gongkai.web.annual.models import AnnualReport, Status

PERSONAS = (
    "anonymous", "applicant", "clerk", "reviewer", "approver", "agency_admin", "supervisor", "other_agency_clerk", "sysadmin",
)  # fmt: skip
READERS = ("clerk", "reviewer", "approver", "agency_admin", "supervisor", "sysadmin")
EDITORS = ("clerk", "reviewer", "approver", "agency_admin")
YEAR = 2025


def _only(allowed: tuple[str, ...], ok: int = 200) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, 403)
    table["anonymous"] = 302
    table.update(dict.fromkeys(allowed, ok))
    return table


def published(p: Any, year: int = YEAR) -> AnnualReport:
    """The bureau's report for ``year``, published through the workflow (idempotent)."""
    report = AnnualReport.objects.filter(agency=p.bureau, year=year).first()
    if report is not None and report.status == Status.PUBLISHED:
        return report
    u = p.users
    report = services.report_for(u["clerk"], p.bureau, year)
    services.edit_sections(u["clerk"], report, {"s5_problems": "（一）问题。无。\n（二）改进。继续。"})
    services.move(u["clerk"], report, Status.IN_REVIEW)
    services.move(u["reviewer"], report, Status.REVIEWED)
    services.move(u["approver"], report, Status.APPROVED)
    services.publish(u["approver"], report, today=dt.date(year + 1, 1, 20))
    report.refresh_from_db()
    return report


def _report(p: Any) -> dict[str, Any]:
    return {"agency": p.bureau.code, "year": YEAR}


def _public(p: Any) -> dict[str, Any]:
    published(p)
    return {"agency": p.bureau.code, "year": YEAR}


EVERYONE = dict.fromkeys(PERSONAS, 200)
POST_ONLY = dict.fromkeys(PERSONAS, 405)
EXPECTED: dict[str, dict[str, int]] = {
    "annual:index": {**EVERYONE, "anonymous": 302},
    "annual:public": EVERYONE,
    "annual:public_download": EVERYONE,
    "annual:detail": _only(READERS),
    "annual:cell": _only(READERS),
    "annual:download": _only(READERS),
    "annual:edit": POST_ONLY,
    "annual:move": POST_ONLY,
    "annual:publish": POST_ONLY,
    "annual:correct": POST_ONLY,
    "annual:explain": POST_ONLY,
    "annual:figure": POST_ONLY,
    "annual:reconcile": POST_ONLY,
    "annual:history": _only(EDITORS),
}
URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "annual:public": _public,
    "annual:public_download": lambda p: {**_public(p), "number": 1, "fmt": "json"},
    "annual:detail": _report,
    "annual:cell": lambda p: {**_report(p), "cell_id": "t4.review.total"},
    "annual:download": lambda p: {**_report(p), "fmt": "json"},
    **{
        f"annual:{name}": _report
        for name in ("edit", "move", "publish", "correct", "explain", "figure", "reconcile")
    },
    "annual:history": lambda p: {"agency": p.bureau.code, "year": YEAR - 1},
}
POST_EXPECTED: dict[str, dict[str, int]] = {
    "annual:edit": _only(EDITORS, ok=302),
    "annual:move": _only(EDITORS, ok=302),
    "annual:publish": _only(("approver",), ok=302),
    "annual:correct": _only(("approver",), ok=302),
    "annual:explain": _only(EDITORS, ok=302),
    "annual:figure": _only(EDITORS, ok=302),
    "annual:reconcile": _only(READERS, ok=302),
    "annual:history": _only(EDITORS, ok=400),  # no file: the form's Chinese error
}
POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "annual:edit": lambda p: {"s5_problems": "（一）问题。"},
    "annual:move": lambda p: {"target": "in_review"},
    "annual:correct": lambda p: {"note": "更正"},
    "annual:explain": lambda p: {"rule": "PUBLICATION-DEADLINE", "text": "说明"},
    "annual:figure": lambda p: {"cell_id": "t2.licensing.decisions", "value": "3", "source": "审批系统"},
}
