"""The supervision app's rows of the authorization matrix (merged into tests/web/authz_expectations.py).

Objects: the county (the supervisor persona's agency) as the supervised root, the bureau as the unit,
a 督办 notice to the bureau. Supervisors read the subtree; their only writes are 督办 and review
decisions; the unit's staff acknowledge and resolve.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from gongkai.report import jsonio
from gongkai.web.supervision.demo import unit_report
from gongkai.web.supervision.models import Notice, NoticeSubject

PERSONAS = (
    "anonymous", "applicant", "clerk", "reviewer", "approver", "agency_admin", "supervisor", "other_agency_clerk", "sysadmin",
)  # fmt: skip
BUREAU_STAFF = ("clerk", "reviewer", "approver", "agency_admin")


def _table(default: int, anonymous: int = 302, **special: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table["anonymous"] = anonymous
    table.update(special)
    return table


def _only(allowed: tuple[str, ...], ok: int = 200, denied: int = 403, anonymous: int = 302) -> dict[str, int]:
    return _table(denied, anonymous, **dict.fromkeys(allowed, ok))


def _notice(p: Any) -> dict[str, Any]:
    notice = Notice.objects.filter(agency=p.bureau).first() or Notice.objects.create(
        agency=p.bureau, sender=p.users["supervisor"], subject=NoticeSubject.OTHER, body="请核实。"
    )
    return {"pk": notice.pk}


def _batch(p: Any) -> int:
    """An import batch of the county (no file processed: the page and its forms only)."""
    from django.core.files.base import ContentFile

    from gongkai.web.supervision.models import ImportBatch

    batch = ImportBatch.objects.filter(root=p.county).first()
    if batch is None:
        batch = ImportBatch(root=p.county, year=2025, created_by=p.users["sysadmin"], files_total=0)
        batch.archive.save("authz.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=False)
        batch.save()
    return batch.pk


def _check_upload(p: Any) -> dict[str, Any]:
    """A background /check/ of the clerk's, still waiting (only the clerk sees it; D55)."""
    import datetime as dt

    from django.utils import timezone

    from gongkai.web.supervision.models import CheckUpload

    row = CheckUpload.objects.filter(token="authz-matrix-check-token-0123456789").first()
    if row is None:
        row = CheckUpload.objects.create(
            token="authz-matrix-check-token-0123456789",
            owner=p.users["clerk"],
            name="报告.pdf",
            expires_at=timezone.now() + dt.timedelta(minutes=30),
        )
    return {"token": row.token}


def _root(p: Any) -> dict[str, Any]:
    return {"agency": p.county.code, "year": 2025}


SUPERVISORS = ("supervisor", "sysadmin")
EXPECTED: dict[str, dict[str, int]] = {
    "supervision:check": _table(200),
    "supervision:check_download": dict.fromkeys(PERSONAS, 405),
    # the uploader only; anyone else 404 (anonymous: the login, /check/ not being public by default)
    "supervision:check_result": _table(404, clerk=200),
    "supervision:home": _table(200),
    "supervision:notices": _table(200),
    "supervision:notice_acknowledge": dict.fromkeys(PERSONAS, 405),
    "supervision:notice_resolve": dict.fromkeys(PERSONAS, 405),
    "supervision:status": _only(SUPERVISORS),
    "supervision:consolidated": _only(SUPERVISORS),
    "supervision:unit": _only(SUPERVISORS),
    "supervision:notice_send": dict.fromkeys(PERSONAS, 405),
    "supervision:benchmarks": _only(SUPERVISORS),
    "supervision:flag_decide": dict.fromkeys(PERSONAS, 405),
    "supervision:applications": _only(SUPERVISORS),
    "supervision:unit_applications": _only(SUPERVISORS),
    # bulk import: the system administrator's task (a supervisor writes only 督办 and review decisions)
    "supervision:import": _only(("sysadmin",)),
    "supervision:import_batch": _only(("sysadmin",)),
    "supervision:import_confirm": dict.fromkeys(PERSONAS, 405),
}

URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "supervision:check_result": _check_upload,
    "supervision:status": _root,
    "supervision:consolidated": _root,
    "supervision:unit": lambda p: {**_root(p), "unit": p.bureau.code},
    "supervision:notice_send": lambda p: {**_root(p), "unit": p.bureau.code},
    "supervision:benchmarks": _root,
    "supervision:flag_decide": _root,
    "supervision:applications": _root,
    "supervision:unit_applications": lambda p: {**_root(p), "unit": p.bureau.code},
    "supervision:notice_acknowledge": _notice,
    "supervision:notice_resolve": _notice,
    "supervision:import": _root,
    "supervision:import_batch": lambda p: {**_root(p), "pk": _batch(p)},
    "supervision:import_confirm": lambda p: {**_root(p), "pk": _batch(p)},
}

#: the unit's staff act on the notice (redirected back; a second acknowledgement only gets a
#: message); the supervisor and the system administrator see it but may not act (403); others do
#: not see it (404). Only a supervisor sends 督办 — the system administrator reads but does not.
NOTICE_ACTION = _table(404, **dict.fromkeys(BUREAU_STAFF, 302), supervisor=403, sysadmin=403)
POST_EXPECTED: dict[str, dict[str, int]] = {
    "supervision:check": _table(400),  # no file: a Chinese error
    "supervision:check_download": _table(200),
    "supervision:notice_send": _only(("supervisor",), ok=302),
    "supervision:flag_decide": _only(("supervisor",), ok=302),
    "supervision:notice_acknowledge": NOTICE_ACTION,
    "supervision:notice_resolve": NOTICE_ACTION,
    "supervision:import": _only(("sysadmin",), ok=400),  # no file: the form's Chinese error
    "supervision:import_confirm": _only(("sysadmin",), ok=302),  # no unit chosen: a message
}


def _document(p: Any) -> dict[str, Any]:
    report = unit_report("新城县教育局", 2025, 3, 1)
    return {"to": "md", "report": json.dumps(jsonio.report_to_json(report), ensure_ascii=False)}


POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "supervision:check_download": _document,
    "supervision:notice_send": lambda p: {"subject": "missing_report", "body": "请公布年度报告。"},
    "supervision:notice_resolve": lambda p: {"reply": "已公布。"},
    "supervision:flag_decide": lambda p: {
        "unit": p.bureau.code,
        "key": "received:zero",
        "decision": "dismissed",
    },
}
