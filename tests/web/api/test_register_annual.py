"""The register and annual reports through the API: the legal workflow holds, agencies are isolated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.web.audit.models import AuditEvent
from gongkai.web.disclosures.models import Item

from ..annual.authz import published

pytestmark = pytest.mark.django_db
#: A 文号 of this year (the self-audit compares its year with the 成文日期).
DOC = f"新教发〔{dt.date.today().year}〕4号"


def draft(client: Any, **changes: Any) -> Any:
    data = {
        "title": "关于2025年义务教育招生工作的通知",
        "doc_number": "新教发〔2025〕3号",
        "body": "<p>正文</p>",
    }
    return client.post("/api/register/items", {**data, **changes})


def test_draft_update_submit_and_isolation(api_for: Any, personas: Any) -> None:
    clerk = api_for("clerk")
    created = draft(clerk)
    assert created.status_code == 201, created.content
    item_id = created.json()["id"]
    assert created.json()["status"] == "draft" and created.json()["index_number"]
    assert AuditEvent.objects.filter(verb="disclosure.create").exists()
    assert AuditEvent.objects.filter(verb="api.disclosure_create").exists()

    changed = clerk.patch(f"/api/register/items/{item_id}", {"keywords": "招生"})
    assert changed.status_code == 200 and changed.json()["keywords"] == "招生"
    assert changed.json()["title"].startswith("关于2025年")  # untouched fields are kept

    other = api_for("other_agency_clerk")
    assert other.get(f"/api/register/items/{item_id}").status_code == 404
    assert other.patch(f"/api/register/items/{item_id}", {"keywords": "x"}).status_code == 404
    assert Item.objects.get(pk=item_id).keywords == "招生"

    submitted = clerk.post(f"/api/register/items/{item_id}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "in_review"
    assert clerk.patch(f"/api/register/items/{item_id}", {"keywords": "y"}).status_code == 409


def test_publishing_keeps_reviews_and_approval_with_their_roles(api_for: Any) -> None:
    clerk = api_for("clerk")
    draft(clerk)  # the first draft seeds the agency's catalogue, as on the web
    words = clerk.get("/api/register/vocabularies").json()
    assert words["catalogue"] and words["topics"]
    item_id = draft(
        clerk,
        doc_number=DOC,
        written_on=dt.date.today().isoformat(),
        publisher="新城县教育局",
        catalogue=words["catalogue"][0]["id"],
        topic=words["topics"][0]["id"],
    ).json()["id"]
    clerk.post(f"/api/register/items/{item_id}/submit")
    approver, reviewer = api_for("approver"), api_for("reviewer")

    early = approver.post(f"/api/register/items/{item_id}/publish", {"acknowledge_warnings": True})
    assert early.status_code == 409 and early.json()["code"] == "workflow_refused"  # reviews first
    by_clerk = clerk.post(
        f"/api/register/items/{item_id}/reviews", {"kind": "secrecy", "conclusion": "passed"}
    )
    assert by_clerk.status_code == 403 and by_clerk.json()["code"] == "role_required"

    for kind in ("secrecy", "legality"):
        reviewed = reviewer.post(
            f"/api/register/items/{item_id}/reviews", {"kind": kind, "conclusion": "passed"}
        )
        assert reviewed.status_code == 200, reviewed.content
    assert reviewer.post(f"/api/register/items/{item_id}/publish", {}).json()["code"] == "role_required"
    done = approver.post(f"/api/register/items/{item_id}/publish", {"acknowledge_warnings": True})
    assert done.status_code == 200, done.content
    assert done.json()["item"]["status"] == "published"
    assert AuditEvent.objects.filter(verb="disclosure.publish").count() == 1

    found = clerk.get(f"/api/register/search?q={DOC}").json()
    assert [r["id"] for r in found["results"]] == [item_id] and found["results"][0]["exact"]
    assert api_for("other_agency_clerk").get(f"/api/register/search?q={DOC}").json()["total"] == 0


def test_annual_draft_and_published_report(api_for: Any, personas: Any) -> None:
    client = api_for("clerk")
    assert client.get("/api/annual/2025").json()["code"] == "not_published"
    generated = client.post("/api/annual/2025/draft")
    assert generated.status_code == 200, generated.content
    data = generated.json()
    assert data["status"] == "draft" and data["document"]["year"] == 2025
    assert data["blocking"]  # e.g. section texts still to be written
    assert AuditEvent.objects.filter(verb="annual.create").count() == 1

    published(personas)
    fetched = client.get("/api/annual/2025")
    assert fetched.status_code == 200
    assert fetched.json()["version"] == 1 and len(fetched.json()["sha256"]) == 64
    assert api_for("other_agency_clerk").get("/api/annual/2025").status_code == 404


def test_annual_draft_needs_the_write_scope(api_for: Any) -> None:
    response = api_for("clerk", scopes=("annual:read",)).post("/api/annual/2025/draft")
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"
