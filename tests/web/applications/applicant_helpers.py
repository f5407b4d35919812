"""Builders for the applicant tests: an online case with a sent 补正告知书, a decided case, etc."""

from __future__ import annotations

import io
import itertools
from typing import Any

from django.test import Client

from gongkai.web.applications import services
from gongkai.web.applications.models import Application

from .helpers import DETAILS

_keys = itertools.count(1)
PDF = b"%PDF-1.4\n% gongkai test\n"


def online_case(agency: Any, user: Any = None, **data: Any) -> tuple[Application, str | None]:
    """An online application (received today), by ``user`` or anonymous (then with a secret)."""
    return services.register(
        agency=agency,
        actor=user,
        channel="online",
        received_on=services.today(),
        data={**DETAILS, **data},
        applicant_user=user,
        online=True,
        idempotency_key=f"applicant-{next(_keys)}",
    )


def send(app: Application, kind: str, clerk: Any) -> Application:
    app.refresh_from_db()
    services.send_letter(app.letters.get(kind=kind), clerk, app.version)
    app.refresh_from_db()
    return app


def request_correction(app: Application, clerk: Any, *, sent: bool = True) -> Application:
    # With ``notice_on`` the service drafts and sends the 补正告知书 at once (art. 30: the notice is
    # what starts the period); without it the notice stays a draft.
    notice_on = services.today() if sent else None
    return services.request_correction(
        app, clerk, app.version, items="请写明所需文件的年份", notice_on=notice_on
    )


def decide_granted(app: Application, clerk: Any) -> Application:
    app.refresh_from_db()
    if app.state == "registered":
        app = services.start_review(app, clerk, app.version)
    return services.decide(app, clerk, app.version, outcome="granted", decision_text="")


def upload(name: str = "材料.pdf", data: bytes = PDF) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


def tracked_client(app: Application, secret: str) -> Client:
    """A fresh anonymous client that has unlocked ``app`` with its tracking number and secret."""
    client = Client()
    response = client.post("/apply/track/", {"tracking_number": app.tracking_number, "secret": secret})
    assert response.status_code == 302
    return client
