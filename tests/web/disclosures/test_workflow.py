"""Publishing: draft → 保密审查 and 合法性审查 → approved → published (or scheduled) → corrected / withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.web.audit.models import AuditEvent
from gongkai.web.disclosures import search, services
from gongkai.web.disclosures.models import Item

from .helpers import item_data

pytestmark = pytest.mark.django_db


def _reviewed(personas, **overrides) -> Item:  # type: ignore[no-untyped-def]
    item = services.create_item(
        personas.bureau, personas.users["clerk"], item_data(personas.bureau, **overrides)
    )
    services.submit(item, personas.users["clerk"])
    for kind in ("secrecy", "legality"):
        services.record_review(item, personas.users["reviewer"], kind, "passed")
    return item


def test_the_whole_path_is_audited_versioned_and_searchable(personas) -> None:  # type: ignore[no-untyped-def]
    item = _reviewed(personas)
    assert item.index_number.startswith(f"XC-EDUCATION-FGWJ-{item.written_on.year}-")
    services.approve_and_publish(item, personas.users["approver"])
    item.refresh_from_db()
    assert item.is_public and search.search("校外培训").hits[0].item == item
    verbs = list(AuditEvent.objects.filter(object_id=str(item.pk)).values_list("verb", flat=True))
    for verb in (
        "disclosure.create",
        "disclosure.submit",
        "disclosure.review",
        "disclosure.approve",
        "disclosure.publish",
    ):
        assert verb in verbs
    versions = list(item.versions.order_by("number"))
    assert len(versions) >= 2 and all(len(v.sha256) == 64 for v in versions)
    assert versions[0].sha256 != versions[-1].sha256


def test_approval_needs_both_reviews(personas) -> None:  # type: ignore[no-untyped-def]
    item = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
    services.submit(item, personas.users["clerk"])
    services.record_review(item, personas.users["reviewer"], "secrecy", "passed")
    with pytest.raises(ValidationError, match="审查均通过"):
        services.approve_and_publish(item, personas.users["approver"])


def test_a_rejected_review_returns_the_draft(personas) -> None:  # type: ignore[no-untyped-def]
    item = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
    services.submit(item, personas.users["clerk"])
    with pytest.raises(ValidationError):
        services.record_review(item, personas.users["reviewer"], "secrecy", "rejected")  # no reason
    services.record_review(item, personas.users["reviewer"], "secrecy", "rejected", note="含内部人员电话")
    item.refresh_from_db()
    assert item.status == "draft"


@pytest.mark.parametrize(
    ("persona", "action"),
    [
        ("reviewer", "create"),
        ("clerk", "review"),
        ("reviewer", "approve"),
        ("other_agency_clerk", "create"),
        ("supervisor", "create"),
    ],
)
def test_roles(personas, persona: str, action: str) -> None:  # type: ignore[no-untyped-def]
    user = personas.users[persona]
    with pytest.raises(PermissionDenied):
        if action == "create":
            services.create_item(personas.bureau, user, item_data(personas.bureau))
        elif action == "review":
            item = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
            services.submit(item, personas.users["clerk"])
            services.record_review(item, user, "secrecy", "passed")
        else:
            services.approve_and_publish(_reviewed(personas), user)


def test_scheduled_publication_waits(personas) -> None:  # type: ignore[no-untyped-def]
    item = _reviewed(personas)
    at = timezone.now() + dt.timedelta(days=1)
    services.approve_and_publish(item, personas.users["approver"], at=at)
    item.refresh_from_db()
    assert item.is_scheduled and not Item.objects.public().filter(pk=item.pk).exists()
    assert Item.objects.public(now=at + dt.timedelta(seconds=1)).filter(pk=item.pk).exists()


def test_correction_is_shown_publicly(personas, client) -> None:  # type: ignore[no-untyped-def]
    item = _reviewed(personas)
    services.approve_and_publish(item, personas.users["approver"])
    with pytest.raises(ValidationError):
        services.correct(item, personas.users["approver"], {"title": "新标题"}, reason=" ")
    services.correct(
        item,
        personas.users["approver"],
        {"title": "新城县教育局关于规范校外培训收费的通知（更正）"},
        reason="标题漏字",
    )
    page = client.get(f"/zfxxgk/items/{item.pk}/").content.decode()
    assert "已于" in page and "更正说明：标题漏字" in page
    assert item.versions.count() >= 3


def test_withdrawal_keeps_a_public_reason_and_leaves_search(personas, client) -> None:  # type: ignore[no-untyped-def]
    item = _reviewed(personas)
    services.approve_and_publish(item, personas.users["approver"])
    services.withdraw(item, personas.users["approver"], "内容已被新文件替代")
    page = client.get(f"/zfxxgk/items/{item.pk}/").content.decode()
    assert "撤回理由：内容已被新文件替代" in page and "校外培训机构收费行为" not in page
    assert search.search("校外培训").total == 0


def test_a_published_item_cannot_be_edited_as_a_draft(personas) -> None:  # type: ignore[no-untyped-def]
    item = _reviewed(personas)
    services.approve_and_publish(item, personas.users["approver"])
    with pytest.raises(ValidationError, match="更正"):
        services.update_item(item, personas.users["clerk"], {"title": "x"})


def test_the_body_is_sanitised(personas) -> None:  # type: ignore[no-untyped-def]
    body = '<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>'
    item = services.create_item(
        personas.bureau, personas.users["clerk"], item_data(personas.bureau, body=body)
    )
    assert "script" not in item.body and "onclick" not in item.body and "javascript" not in item.body


def test_the_web_path_clerk_reviewer_approver(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    services.ensure_catalogue(personas.bureau)
    data = item_data(personas.bureau)
    form = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items() if k != "article20_items"}
    form["article20_items"] = ["1"]
    form["disclosure_mode"] = "proactive"
    form["validity"] = "effective"
    clerk = client_for("clerk")
    response = clerk.post(f"/register/{personas.bureau.code}/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Item.objects.get(title=data["title"])
    clerk.post(f"/register/items/{item.pk}/submit/")
    reviewer = client_for("reviewer")
    for kind in ("secrecy", "legality"):
        reviewer.post(
            f"/register/items/{item.pk}/review/",
            {"kind": kind, "conclusion": "passed", "reviewed_on": "2026-01-05"},
        )
    client_for("approver").post(f"/register/items/{item.pk}/publish/", {"acknowledge_warnings": "on"})
    item.refresh_from_db()
    assert item.status == "published", [r.conclusion for r in item.reviews.all()]
