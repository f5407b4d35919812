"""The register's rows of the authorization matrix (merged into tests/web/authz_expectations.py).

Objects used: a draft and a published item of the bureau (the clerk persona's agency).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.web.disclosures.models import Item

from .helpers import item_data, published_item

PERSONAS = (
    "anonymous", "applicant", "clerk", "reviewer", "approver", "agency_admin", "supervisor", "other_agency_clerk", "sysadmin",
)  # fmt: skip
BUREAU_READERS = ("clerk", "reviewer", "approver", "agency_admin", "supervisor", "sysadmin")


def _table(default: int, anonymous: int = 302, **special: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table["anonymous"] = anonymous
    table.update(special)
    return table


def _only(allowed: tuple[str, ...], ok: int = 200, denied: int = 403, anonymous: int = 302) -> dict[str, int]:
    return _table(denied, anonymous, **dict.fromkeys(allowed, ok))


def public_item(p: Any) -> Item:
    item = Item.objects.filter(agency=p.bureau, status="published").first()
    return item or published_item(p.bureau, title="公开的信息")


def draft(p: Any) -> Item:
    from gongkai.web.disclosures import services

    item = Item.objects.filter(agency=p.bureau, status="draft").first()
    return item or services.create_item(p.bureau, None, item_data(p.bureau, title="草稿"))


def _agency(p: Any) -> dict[str, Any]:
    return {"agency": p.bureau.code}


EVERYONE = dict.fromkeys(PERSONAS, 200)
EXPECTED: dict[str, dict[str, int]] = {
    # the public 专栏: everyone
    "disclosures:column_index": EVERYONE,
    "disclosures:browse": EVERYONE,
    "disclosures:annual": EVERYONE,
    "disclosures:on_request": EVERYONE,
    "disclosures:item": EVERYONE,
    "disclosures:attachment": dict.fromkeys(PERSONAS, 404),  # the item's attachment has no stored file
    "disclosures:feed_rss": EVERYONE,
    "disclosures:feed_atom": EVERYONE,
    "disclosures:agency_index": EVERYONE,
    "disclosures:guide": EVERYONE,
    "disclosures:system": EVERYONE,
    "disclosures:search": EVERYONE,
    "disclosures:search_json": EVERYONE,
    "disclosures:sitemap": EVERYONE,
    "disclosures:sitemap_section": EVERYONE,
    # the desk: the agency's readers (supervisor reads); drafting by clerks; the guide by the agency admin
    "disclosures:desk": _only(BUREAU_READERS),
    "disclosures:draft_new": _only(("clerk",)),
    "disclosures:catalogue": _only(BUREAU_READERS),
    "disclosures:guide_edit": _only(("agency_admin",)),
    "disclosures:proposals": _only(BUREAU_READERS),
    "disclosures:staff_item": _only(BUREAU_READERS),
    "disclosures:draft_edit": _only(("clerk",)),
    "disclosures:submit": _table(405, anonymous=405),
    "disclosures:review": _table(405, anonymous=405),
    "disclosures:publish": _table(405, anonymous=405),
    "disclosures:correct": _only(("approver",)),
    "disclosures:withdraw": _table(405, anonymous=405),
    "disclosures:validity": _table(405, anonymous=405),
}


def _attachment(p: Any) -> dict[str, Any]:
    item = public_item(p)
    att = item.attachments.first() or item.attachments.create(name="a.pdf")
    return {"pk": att.pk}


URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "disclosures:item": lambda p: {"pk": public_item(p).pk},
    "disclosures:attachment": _attachment,
    "disclosures:agency_index": _agency,
    "disclosures:guide": _agency,
    "disclosures:system": _agency,
    "disclosures:desk": _agency,
    "disclosures:draft_new": _agency,
    "disclosures:catalogue": _agency,
    "disclosures:guide_edit": _agency,
    "disclosures:proposals": _agency,
    "disclosures:staff_item": lambda p: {"pk": draft(p).pk},
    "disclosures:draft_edit": lambda p: {"pk": draft(p).pk},
    "disclosures:submit": lambda p: {"pk": draft(p).pk},
    "disclosures:review": lambda p: {"pk": draft(p).pk},
    "disclosures:publish": lambda p: {"pk": draft(p).pk},
    "disclosures:correct": lambda p: {"pk": public_item(p).pk},
    "disclosures:withdraw": lambda p: {"pk": public_item(p).pk},
    "disclosures:validity": lambda p: {"pk": public_item(p).pk},
}

#: POST with a valid token: the allowed role is redirected back to the item (with a message when
#: the workflow refuses the step); others are refused.
POST_EXPECTED: dict[str, dict[str, int]] = {
    "disclosures:draft_new": _only(("clerk",), ok=302),
    "disclosures:draft_edit": _only(("clerk",), ok=302),
    "disclosures:submit": _only(("clerk",), ok=302),
    "disclosures:review": _only(("reviewer",), ok=302),
    "disclosures:publish": _only(("approver",), ok=302),
    "disclosures:correct": _only(("approver",), ok=302),
    "disclosures:withdraw": _only(("approver",), ok=302),
    "disclosures:validity": _only(("clerk", "approver"), ok=302),
    "disclosures:catalogue": _only(("clerk", "agency_admin"), ok=302),
    "disclosures:guide_edit": _only(("agency_admin",), ok=302),
}


def _item_form(p: Any) -> dict[str, Any]:
    data = item_data(p.bureau)
    form = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items() if k != "article20_items"}
    return {**form, "article20_items": ["1"], "disclosure_mode": "proactive", "validity": "effective"}


POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "disclosures:draft_new": _item_form,
    "disclosures:draft_edit": _item_form,
    "disclosures:review": lambda p: {"kind": "secrecy", "conclusion": "passed", "reviewed_on": "2026-01-05"},
    "disclosures:publish": lambda p: {"acknowledge_warnings": "on"},
    "disclosures:correct": lambda p: {**_item_form(p), "reason": "更正错字"},
    "disclosures:withdraw": lambda p: {"reason": "已被替代"},
    "disclosures:validity": lambda p: {"kind": "issued", "date": "2026-01-05"},
    "disclosures:catalogue": lambda p: {"name": "新栏目"},
    "disclosures:guide_edit": lambda p: {"title": "指南", "body": "<p>指南</p>"},
}


def annual_report(p: Any) -> dict[str, Any]:
    from gongkai.web.disclosures.models import AnnualReport

    report = AnnualReport.objects.filter(agency=p.bureau).first()
    if report is None:
        from gongkai.web.disclosures.annual import upload
        from gongkai.web.disclosures.importer import sample_path

        report = upload(
            p.bureau, None, "putian-kjj-2025.txt", (sample_path().parent / "putian-kjj-2025.txt").read_bytes()
        )
    return {"pk": report.pk}


EXPECTED.update(
    {
        "disclosures:annual_report": EVERYONE,
        "disclosures:annual_download": EVERYONE,
        "disclosures:annual_upload": _only(("clerk", "agency_admin")),
    }
)
URL_KWARGS.update(
    {
        "disclosures:annual_report": annual_report,
        "disclosures:annual_download": annual_report,
        "disclosures:annual_upload": _agency,
    }
)

EXPECTED["disclosures:attach"] = _table(405, anonymous=405)
URL_KWARGS["disclosures:attach"] = lambda p: {"pk": draft(p).pk}
POST_EXPECTED["disclosures:attach"] = _only(("clerk", "approver"), ok=302)
POST_DATA["disclosures:attach"] = lambda p: {}

# 条例第四十四条: a proposal → a draft register item in one click (the agency's clerk).


def _proposal(p: Any) -> dict[str, Any]:
    from gongkai.web.disclosures.models import Proposal

    proposal = Proposal.objects.filter(agency=p.bureau).first() or Proposal.objects.create(
        agency=p.bureau, title="城关镇棚户区改造补偿标准", application_ids=[], similarity=0.8
    )
    if proposal.status != "open":  # a previous persona's click made the draft: reopen for the next one
        Proposal.objects.filter(pk=proposal.pk).update(status="open", item=None)
    return {"agency": p.bureau.code, "pk": proposal.pk}


EXPECTED["disclosures:proposal_draft"] = _table(405, anonymous=405)
URL_KWARGS["disclosures:proposal_draft"] = _proposal
POST_EXPECTED["disclosures:proposal_draft"] = _only(("clerk",), ok=302)
POST_DATA["disclosures:proposal_draft"] = lambda p: {}

# the agency's 索引号 pattern (agency administrator)
EXPECTED["disclosures:index_pattern"] = _only(("agency_admin",))
URL_KWARGS["disclosures:index_pattern"] = _agency
URL_KWARGS["disclosures:sitemap_section"] = lambda p: {"section": "items"}
POST_EXPECTED["disclosures:index_pattern"] = _only(("agency_admin",), ok=302)
POST_DATA["disclosures:index_pattern"] = lambda p: {"pattern": "{org}-{cat}-{year}-{seq:05d}"}
