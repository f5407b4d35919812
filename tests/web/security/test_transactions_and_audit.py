"""A case and its file in one transaction (issue 9 §1); audit events for passwords, sign-ins,
reminders, profiles and agencies; no audited write in a view module (issue 9 §7)."""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import DatabaseError
from django.test import Client

import gongkai.web
from gongkai.web.applications import intake
from gongkai.web.applications.models import Application, Attachment
from gongkai.web.applications.reminders import send_due_reminders
from gongkai.web.audit.models import AuditEvent

from ..applications.helpers import DETAILS, register
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%...\n"


def _pdf() -> io.BytesIO:
    f = io.BytesIO(PDF)
    f.name = "身份证.pdf"
    return f


def _broken(*args: object, **kwargs: object) -> None:
    raise DatabaseError("disk full")


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_failed_file_leaves_no_case(personas, client_for, monkeypatch, signed_in) -> None:
    client = client_for("applicant" if signed_in else "anonymous")
    monkeypatch.setattr(Attachment.objects, "create", _broken)
    data = {**DETAILS, "agency": personas.bureau.pk, "idempotency_key": "tx-1", "attachment": _pdf()}
    response = client.post("/apply/", data)
    assert response.status_code == 200 and "申请及其附件均未保存" in response.content.decode()
    assert (
        not Application.objects.exists()
        and not AuditEvent.objects.filter(verb__startswith="application").exists()
    )
    monkeypatch.undo()
    again = client.post("/apply/", {**data, "attachment": _pdf()})  # the retry, with the same key, works
    assert again.status_code == 302 and Application.objects.get().attachments.count() == 1


def test_a_failed_file_at_intake_leaves_no_case(personas, client_for, monkeypatch) -> None:
    monkeypatch.setattr(intake, "add_attachment", _broken)
    data = {**DETAILS, "channel": "letter", "received_on": "2026-01-20", "idempotency_key": "tx-2"}
    response = client_for("clerk").post(
        f"/applications/new/{personas.bureau.code}/", {**data, "attachment": _pdf()}
    )
    assert response.status_code == 200 and not Application.objects.exists()


def test_a_refused_case_leaves_no_file(personas, client_for) -> None:
    data = {**DETAILS, "channel": "letter", "received_on": "2099-01-20", "idempotency_key": "tx-3"}
    client_for("clerk").post(f"/applications/new/{personas.bureau.code}/", {**data, "attachment": _pdf()})
    assert not Application.objects.exists() and not Attachment.objects.exists()


def test_supplement_and_its_material_together(personas, client_for, monkeypatch) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    from gongkai.web.applications import services

    app = services.start_review(app, clerk, app.version)
    app = services.request_correction(
        app, clerk, app.version, items="身份证明", notice_on=dt.date(2026, 1, 21)
    )
    monkeypatch.setattr(Attachment.objects, "create", _broken)
    with pytest.raises(DatabaseError):
        intake.record_supplement(
            app, clerk, app.version, received_on=dt.date(2026, 1, 22), attachment=_checked()
        )
    app.refresh_from_db()
    assert app.supplement_received_on is None


def _checked() -> intake.CheckedFile:
    from gongkai.web.applications.attachments import check_upload

    return check_upload(_pdf())


def test_attachments_are_audited(personas, client) -> None:
    data = {**DETAILS, "agency": personas.bureau.pk, "idempotency_key": "tx-4", "attachment": _pdf()}
    assert client.post("/apply/", data).status_code == 302
    assert AuditEvent.objects.filter(verb="attachment.add").count() == 1


def test_password_change_and_reset_are_audited(personas, client_for) -> None:
    client = client_for("clerk")
    new = "another-Pass-2026-x"
    response = client.post(
        "/accounts/password/change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="account.password_change")
    assert event.actor == personas.users["clerk"] and new not in f"{event.before}{event.after}{event.note}"
    # Reset by mail: the link from the mail sets the password through the service.
    Client().post("/accounts/password/reset/", {"email": "clerk@example.org"})
    link = re.search(r"/accounts/reset/[^/\s]+/[^/\s]+/", mail.outbox[-1].body).group(0)
    anon = Client()
    form_url = anon.get(link)["Location"]
    done = anon.post(form_url, {"new_password1": "third-Pass-2026-y", "new_password2": "third-Pass-2026-y"})
    assert done.status_code == 302
    assert AuditEvent.objects.filter(
        verb="account.password_reset", object_id=str(personas.users["clerk"].pk)
    ).exists()


def test_admin_password_set_is_audited(personas, client_for) -> None:
    admin = client_for("sysadmin")
    user = personas.users["applicant"]
    new = "admin-Set-2026-z"
    response = admin.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    event = AuditEvent.objects.get(verb="account.password_set")
    assert event.actor == personas.users["sysadmin"] and event.object_id == str(user.pk)


def test_profile_and_agency_edits_are_audited_by_services(personas, client_for) -> None:
    client_for("applicant").post(
        "/accounts/profile/", {"name": "张三丰", "phone": "1", "address": "", "postcode": ""}
    )
    event = AuditEvent.objects.get(verb="profile.update")
    assert event.before["name"] == "张三" and event.after["name"] == "张三丰"
    client_for("agency_admin").post(f"/agencies/{personas.bureau.code}/edit/", {"office_phone": "0571-1234"})
    assert AuditEvent.objects.get(verb="agency.update").after["office_phone"] == "0571-1234"


def test_reminders_are_audited(personas) -> None:
    app = register(personas.bureau, personas.users["clerk"])  # reply due 2026-02-24
    send_due_reminders(dt.datetime(2026, 2, 21, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    event = AuditEvent.objects.get(verb="application.reminder")
    assert (
        event.object_id == str(app.pk) and event.after["recipients"] == 1 and event.agency == personas.bureau
    )


# ---- no audited write in a view module ------------------------------------------------------------

#: ORM write methods; ``update`` counts when called on a manager or queryset chain (``X.objects…``
#: or a call's result), not on a dict; the others always (a form's ``save`` writes its model too).
_WRITES = {"save", "create", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}


def _orm_writes(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = ast.unparse(node.func.value)
        if receiver.startswith(("request.session", "self.request.session")):
            continue
        name = node.func.attr
        if name in _WRITES or (
            name == "update" and ("objects" in receiver or isinstance(node.func.value, ast.Call))
        ):
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node)[:80]}")
    return found


def test_views_never_write_the_database_themselves() -> None:
    root = Path(gongkai.web.__file__).parent
    modules = sorted(p for p in root.rglob("*.py") if "views" in p.name and "migrations" not in p.parts)
    assert len(modules) >= 5
    offenders = [hit for path in modules for hit in _orm_writes(path)]
    assert offenders == [], "视图中直接写数据库（应通过 services）：\n" + "\n".join(offenders)


def test_the_write_detector_sees_writes(tmp_path) -> None:
    sample = tmp_path / "views.py"
    sample.write_text(
        "def v(request, form, Model):\n"
        "    form.save()\n"
        "    Model.objects.filter(pk=1).update(x=1)\n"
        "    Model.objects.create(x=1)\n"
        "    initial = {}\n"
        "    initial.update(a=1)\n"
        "    request.session.save()\n",
        encoding="utf-8",
    )
    assert [hit.split(" ")[0] for hit in _orm_writes(sample)] == ["views.py:2", "views.py:3", "views.py:4"]
