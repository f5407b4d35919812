"""Letters edited and sent in one step, and the preview of the exact document before sending."""

from __future__ import annotations

import io
import shutil

import pytest
from docx import Document

from gongkai.web.applications import sending, services
from gongkai.web.applications.models import Letter
from gongkai.web.audit.models import AuditEvent

from .helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas) -> Letter:
    return register(personas.bureau, personas.users["clerk"]).letters.get(kind="receipt")


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _form(letter: Letter, **changes: str) -> dict[str, object]:
    letter.application.refresh_from_db()
    return {
        "version": letter.application.version,
        "title": letter.title,
        "addressee": letter.addressee,
        "body": letter.body,
        **changes,
    }


def test_send_saves_the_edits_first_in_one_step(personas, client_for, draft) -> None:
    body = draft.body + "\n\n如有疑问，请致电。"
    response = client_for("clerk").post(
        f"/applications/letter/{draft.pk}/save-send/", _form(draft, body=body)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_sent and draft.body == body.strip()
    assert "如有疑问，请致电。" in _text(bytes(draft.docx))
    verbs = list(AuditEvent.objects.filter(object_id=str(draft.pk)).values_list("verb", flat=True))
    assert verbs[-2:] == ["letter.edit", "letter.send"]


def test_unchanged_text_is_sent_without_an_edit(personas, draft) -> None:
    sending.save_and_send(
        draft, personas.users["clerk"], draft.application.version,
        title=draft.title, addressee=draft.addressee, body=draft.body,
    )  # fmt: skip
    assert not AuditEvent.objects.filter(verb="letter.edit").exists()
    draft.refresh_from_db()
    assert draft.is_sent


def test_a_refused_send_saves_nothing_and_keeps_the_typed_text(personas, client_for, draft) -> None:
    original = draft.body
    body = original + "\n【联系电话：待填写】"
    response = client_for("clerk").post(
        f"/applications/letter/{draft.pk}/save-send/", _form(draft, body=body)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "文书内容不完整" in page and "【联系电话：待填写】" in page  # the text as typed, and why
    draft.refresh_from_db()
    assert not draft.is_sent and draft.body == original
    assert not AuditEvent.objects.filter(verb="letter.edit").exists()


def test_a_stale_form_saves_nothing(personas, client_for, draft) -> None:
    data = _form(draft, body="新的正文")
    app = draft.application
    services.update_details(app, personas.users["reviewer"], app.version, {"applicant_phone": "13911111111"})
    response = client_for("clerk").post(f"/applications/letter/{draft.pk}/save-send/", data)
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_sent and draft.body != "新的正文"


def test_the_preview_is_the_document_that_will_be_sent(personas, client_for, draft) -> None:
    preview = client_for("clerk").get(f"/applications/letter/{draft.pk}/preview/")
    assert preview.status_code == 200 and preview["Cache-Control"] == "no-store"
    assert "preview.docx" in preview["Content-Disposition"]
    app = draft.application
    services.send_letter(draft, personas.users["clerk"], app.version)
    draft.refresh_from_db()
    assert _text(preview.content) == _text(bytes(draft.docx))
    # after sending, the preview is the archived file itself
    archived = client_for("clerk").get(f"/applications/letter/{draft.pk}/preview/")
    assert archived.content == bytes(draft.docx)


def test_typed_text_is_previewed_without_saving(personas, client_for, draft) -> None:
    response = client_for("clerk").post(
        f"/applications/letter/{draft.pk}/preview/", _form(draft, body="试看的正文")
    )
    assert response.status_code == 200 and "试看的正文" in _text(response.content)
    draft.refresh_from_db()
    assert draft.body != "试看的正文"
    assert (
        client_for("supervisor").post(f"/applications/letter/{draft.pk}/preview/", _form(draft)).status_code
        == 403
    )


def test_pdf_preview_uses_the_letters_conversion_when_present(
    personas, client_for, draft, monkeypatch
) -> None:
    from gongkai.web.applications.letters import pdf

    url = f"/applications/letter/{draft.pk}/preview/?format=pdf"
    monkeypatch.setattr(pdf, "available", lambda: False)  # no LibreOffice: DOCX and HTML only
    assert client_for("clerk").get(url).status_code == 404
    assert "PDF 预览" not in client_for("clerk").get(f"/applications/letter/{draft.pk}/").content.decode()
    monkeypatch.setattr(pdf, "available", lambda: True)
    monkeypatch.setattr(pdf, "docx_to_pdf", lambda data: b"%PDF-1.7 " + data[:4])
    response = client_for("clerk").get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-1.7 PK")
    assert "PDF 预览" in client_for("clerk").get(f"/applications/letter/{draft.pk}/").content.decode()
    assert client_for("clerk").get(f"/applications/letter/{draft.pk}/preview/?format=odt").status_code == 404


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice (installed by .ci/run)")
def test_pdf_preview_is_a_real_pdf(client_for, draft) -> None:
    """The preview is converted by LibreOffice like the sent letter: a real PDF the browser shows."""
    response = client_for("clerk").get(f"/applications/letter/{draft.pk}/preview/?format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_letter_page_offers_save_and_send_and_an_html_preview(client_for, draft) -> None:
    page = client_for("clerk").get(f"/applications/letter/{draft.pk}/").content.decode()
    assert 'data-testid="save-and-send"' in page and 'data-testid="letter-preview-text"' in page
    assert draft.application.tracking_number in page
