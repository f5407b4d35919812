"""Control characters in any field (issue 9 §1): cleaned at input by one mixin, never a 500, and the
letter still renders (the DOCX writer drops what XML cannot hold as a second line of defence)."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
from typing import Any

import pytest
from django import forms
from django.test import Client
from docx import Document

import gongkai.web
from gongkai.web.accounts.models import ApplicantProfile
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import services
from gongkai.web.applications.letters import render_docx
from gongkai.web.applications.models import Application, Letter
from gongkai.web.security.forms import CleanInputMixin, clean_data
from gongkai.web.security.text import clean_text, xml_safe

from ..applications.helpers import DETAILS, register
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db

BAD = "\x0b\x00\x1f\x7f\x85"


def _dirty(data: dict[str, Any], *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every text value with control characters around and inside it."""
    return {
        k: (f"{BAD}{v[:1]}{BAD}{v[1:]}{BAD}" if isinstance(v, str) and k not in skip else v)
        for k, v in data.items()
    }


def _assert_clean(obj: Any, fields: list[str]) -> None:
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, str):
            assert clean_text(value) == value and "\x0b" not in value, (name, value)


def test_clean_text_keeps_newlines_and_tabs() -> None:
    assert clean_text("一\r\n二\r三\t四\x0b\x00\x1f\x7f\x9f五") == "一\n二\n三\t四五"
    assert xml_safe("标题\x0b\x00") == "标题"


def test_every_form_of_the_platform_cleans_its_input() -> None:
    """The one place: a form of gongkai.web without the mixin fails here."""
    for info in pkgutil.walk_packages(gongkai.web.__path__, "gongkai.web."):
        if ".migrations" in info.name or info.name.endswith((".wsgi", ".settings")):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, forms.BaseForm):
                assert issubclass(cls, CleanInputMixin), f"{cls.__module__}.{cls.__name__} 未清理控制字符"


def test_clean_data_of_a_querydict() -> None:
    from django.http import QueryDict

    data = clean_data(QueryDict("a=%0B1&a=2%00&b=%E4%B8%80%0D%0A%E4%BA%8C"))
    assert data.getlist("a") == ["1", "2"] and data["b"] == "一\n二"


def test_online_application_with_control_characters(personas, client) -> None:
    data = _dirty({**DETAILS, "idempotency_key": "ctl-1"})
    response = client.post("/apply/", {**data, "agency": personas.bureau.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    app = Application.objects.get()
    _assert_clean(app, [*DETAILS])
    assert app.applicant_name == "张三"
    receipt = app.letters.get()
    assert Document(io.BytesIO(bytes(receipt.docx))).paragraphs  # the letter rendered


def test_staff_forms_with_control_characters(personas, client_for) -> None:
    clerk = client_for("clerk")
    url = f"/applications/new/{personas.bureau.code}/"
    data = _dirty({**DETAILS, "channel": "letter", "received_on": "2026-01-20", "idempotency_key": "ctl-2"})
    assert clerk.post(url, data).status_code == 302
    app = Application.objects.get()
    _assert_clean(app, [*DETAILS])
    edit = clerk.post(
        f"/applications/case/{app.tracking_number}/edit/", {**_dirty(DETAILS), "version": app.version}
    )
    assert edit.status_code in (200, 302)
    app.refresh_from_db()
    _assert_clean(app, [*DETAILS])
    receipt = app.letters.get()
    page = clerk.post(
        f"/applications/letter/{receipt.pk}/",
        _dirty(
            {"version": str(app.version), "title": receipt.title, "addressee": "张三：", "body": receipt.body}
        ),
    )
    assert page.status_code in (200, 302)
    receipt.refresh_from_db()
    _assert_clean(receipt, ["title", "addressee", "body"])
    app.refresh_from_db()
    sent = clerk.post(
        f"/applications/letter/{receipt.pk}/send/",
        _dirty({"version": app.version, "delivery_method": "post", "sent_on": "2026-01-21"}),
        follow=True,
    )
    assert sent.status_code == 200, sent.content.decode()[:2000]
    receipt.refresh_from_db()
    assert receipt.is_sent and Document(io.BytesIO(bytes(receipt.docx))).paragraphs
    # Every workflow action form takes the same data without a 500.
    for action in (
        "start_review",
        "request_correction",
        "consult",
        "request_extension",
        "decide",
        "withdraw",
    ):
        app.refresh_from_db()
        fields = {
            "version": str(app.version),
            "items": "补充身份证明",
            "notice_on": "2026-01-21",
            "kind": "third_party",
            "party_name": "第三方",
            "party_address": "某地",
            "sent_on": "2026-01-21",
            "reason": "需要检索的信息较多",
            "outcome": "granted",
            "decision_text": "予以公开",
            "note": "撤回",
        }
        r = clerk.post(f"/applications/case/{app.tracking_number}/act/{action}/", _dirty(fields))
        assert r.status_code == 302, action
    for letter in Letter.objects.filter(application=app):
        _assert_clean(letter, ["title", "addressee", "body"])


def test_account_and_agency_forms_with_control_characters(personas, client, client_for) -> None:
    registered = client.post(
        "/accounts/register/",
        _dirty(
            {
                "username": "wangwu",
                "email": "wangwu@example.org",
                "display_name": "王五",
                "applicant_type": "natural_person",
                "category": "np",
                "id_number": "",
                "phone": "13900000000",
                "address": "新城县",
                "password1": "a-Long-pass-2026",
                "password2": "a-Long-pass-2026",
            },
            skip=("password1", "password2"),
        ),
    )
    assert registered.status_code == 302, registered.content.decode()[:2000]
    profile = ApplicantProfile.objects.get(user__username="wangwu")
    _assert_clean(profile, ["name", "phone", "address"])
    applicant = client_for("applicant")
    assert (
        applicant.post(
            "/accounts/profile/", _dirty({"name": "张三", "phone": "1", "address": "某地", "postcode": ""})
        ).status_code
        == 302
    )
    _assert_clean(
        ApplicantProfile.objects.get(user=personas.users["applicant"]), ["name", "phone", "address"]
    )
    admin = client_for("agency_admin")
    office = {
        "short_name": "教育局",
        "office_name": "办公室",
        "office_address": "人民路",
        "office_phone": "1",
    }
    assert admin.post(f"/agencies/{personas.bureau.code}/edit/", _dirty(office)).status_code == 302
    _assert_clean(Agency.objects.get(pk=personas.bureau.pk), list(office))
    assert (
        admin.post(
            f"/agencies/{personas.bureau.code}/staff/grant/",
            _dirty({"username": "applicant", "role": "clerk"}),
        ).status_code
        == 302
    )
    for url, data in (
        ("/accounts/login/", {"username": "clerk", "password": PASSWORD}),
        ("/accounts/password/reset/", {"email": "clerk@example.org"}),
        ("/apply/track/", {"tracking_number": "X-2026-000001", "secret": "s"}),
    ):
        assert Client().post(url, _dirty(data)).status_code < 500, url  # signed out: the forms run


def test_letter_writer_drops_what_xml_cannot_hold(personas) -> None:
    """Text stored before the cleaning (or written by other code) still gives a letter."""
    app = register(personas.bureau, personas.users["clerk"], applicant_name="张\x0b三")
    receipt = app.letters.get()
    services.send_letter(receipt, personas.users["clerk"], app.version)
    receipt.refresh_from_db()
    assert receipt.is_sent
    docx = render_docx(
        title="告知书\x0b", addressee="张\x00三：", body="正文\x1f", agency_name="机关", dated=app.received_on
    )
    assert "张三：" in [p.text for p in Document(io.BytesIO(docx)).paragraphs]


def test_control_characters_in_the_address(personas, client_for) -> None:
    """A NUL in a path or a query would reach PostgreSQL (which refuses it): 404 / cleaned instead."""
    clerk = client_for("clerk")
    for url in ("/apply/mine/%00abc/", "/applications/case/X%0B1/", "/agencies/%00/", "/audit/1/%00/"):
        assert clerk.get(url).status_code == 404, url
    assert clerk.get("/applications/?state=%00open%0B").status_code == 200


def test_the_middleware_cleans_queries_and_refuses_paths() -> None:
    from django.http import Http404, HttpResponse
    from django.test import RequestFactory

    from gongkai.web.security.middleware import ControlCharacterMiddleware

    seen = {}

    def view(request):  # type: ignore[no-untyped-def]
        seen["q"] = request.GET["q"]
        return HttpResponse()

    middleware = ControlCharacterMiddleware(view)
    middleware(RequestFactory().get("/applications/", {"q": "教\x00育\x0b局"}))
    assert seen["q"] == "教育局"
    with pytest.raises(Http404):
        middleware(RequestFactory().get("/apply/mine/\x00/"))
