"""Tracking numbers people can read out (QXJY-2026-0013), found whatever the case, width or spaces."""

from __future__ import annotations

import importlib
import io

import pytest
from docx import Document

from gongkai.web.agencies import short_codes
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import services, tracking
from gongkai.web.applications.models import Application

from .. import factories
from .helpers import DETAILS, register

pytestmark = pytest.mark.django_db


def test_short_codes_are_derived_from_the_slug() -> None:
    assert short_codes.derive("xc-education") == "XCEDUC"
    assert short_codes.derive("qianxi") == "QIAN"
    assert short_codes.derive("3301-edu") == "A3301EDU"
    assert short_codes.derive("x") == "XX"
    assert short_codes.unique("xc-education", lambda c: c in {"XCEDUC", "XCEDUC2"}) == "XCEDUC3"


def test_new_agencies_get_a_unique_short_code(personas) -> None:
    assert personas.bureau.short_code == "XCEDUC"
    twin = factories.make_agency("xc-educational", name="另一个机关")
    assert twin.short_code == "XCEDUC2"


def test_the_admin_sets_a_readable_one(personas) -> None:
    bureau = personas.bureau
    bureau.short_code = "QXJY"
    bureau.full_clean()
    bureau.save()
    app = register(bureau, personas.users["clerk"])
    assert app.tracking_number == "QXJY-2026-0001"
    bureau.short_code = "qx-jy"
    with pytest.raises(Exception, match="编号简码"):
        bureau.full_clean()


def test_the_data_migration_fills_existing_agencies(personas) -> None:
    migration = importlib.import_module("gongkai.web.agencies.migrations.0003_desk_short_code_fill")
    Agency.objects.filter(pk__in=[personas.bureau.pk, personas.county.pk]).update(short_code=None)
    from django.apps import apps

    migration.fill(apps, None)
    assert Agency.objects.get(pk=personas.bureau.pk).short_code == "XCEDUC"
    assert Agency.objects.get(pk=personas.county.pk).short_code == "XCCOUN"
    codes = list(Agency.objects.values_list("short_code", flat=True))
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    "typed",
    [
        "XCEDUC-2026-0001",
        "xceduc-2026-0001",
        " XCEDUC - 2026 - 0001 ",
        "ＸＣＥＤＵＣ－２０２６－０００１",
        "XCEDUC—2026—0001",
    ],
)
def test_lookup_is_tolerant(personas, typed) -> None:
    app = register(personas.bureau, personas.users["clerk"])
    assert tracking.find(Application.objects.all(), typed) == app


def test_old_numbers_are_still_found(personas) -> None:
    app = register(personas.bureau, personas.users["clerk"])
    Application.objects.filter(pk=app.pk).update(tracking_number="XC-EDUCATION-2026-000001")
    assert tracking.find(Application.objects.all(), "xc-education-2026-000001").pk == app.pk
    assert tracking.find(Application.objects.all(), "") is None


def test_public_lookup_accepts_what_people_type(personas, client) -> None:
    app, secret = services.register(
        agency=personas.bureau, actor=None, channel="online", received_on=services.today(), data=DETAILS,
        online=True,
    )  # fmt: skip
    typed = app.tracking_number.lower().replace("-", " － ")
    response = client.post("/apply/track/", {"tracking_number": typed, "secret": secret})
    assert response.status_code == 302 and app.tracking_number in response["Location"]
    wrong = client.post("/apply/track/", {"tracking_number": typed, "secret": "x"})
    assert "不正确" in wrong.content.decode()


def test_the_number_is_printed_on_the_letter(personas) -> None:
    personas.bureau.short_code = "QXJY"
    personas.bureau.save()
    app = register(personas.bureau, personas.users["clerk"])
    letter = app.letters.get()
    services.send_letter(letter, personas.users["clerk"], app.version)
    letter.refresh_from_db()
    text = "\n".join(p.text for p in Document(io.BytesIO(bytes(letter.docx))).paragraphs)
    assert "QXJY-2026-0001" in text
