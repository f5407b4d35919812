"""Notifications and the e-mail outbox: written with the event, sent after commit, retried, sent once."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from gongkai.web.applications import outbox, services
from gongkai.web.applications.applicant_models import Notification, OutboxMail

from .applicant_helpers import online_case
from .helpers import register

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPException("421 service not available")


def test_state_change_writes_notification_and_mail_sent_after_commit(
    personas, django_capture_on_commit_callbacks
) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.start_review(app, clerk, app.version)
        row = OutboxMail.objects.get(notification__event="application.start_review")
        assert row.recipient == applicant.email and row.sent_at is None
        assert not mail.outbox  # nothing leaves before the transaction commits
    assert callbacks
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 1
    assert len(mail.outbox) == 1 and "审查办理中" in mail.outbox[0].subject
    note = Notification.objects.get(event="application.start_review")
    assert note.audience == "applicant" and note.read_at is None


def test_rolled_back_event_leaves_no_notification_and_sends_nothing(
    personas, django_capture_on_commit_callbacks
) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    before = (Notification.objects.count(), OutboxMail.objects.count())
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.start_review(app, clerk, app.version)
        raise RuntimeError("the surrounding work failed")
    assert not callbacks and not mail.outbox
    assert (Notification.objects.count(), OutboxMail.objects.count()) == before


def test_sent_letter_notifies_applicant_once(personas, django_capture_on_commit_callbacks) -> None:
    applicant = personas.users["applicant"]
    with django_capture_on_commit_callbacks(execute=True):
        app, _ = online_case(personas.bureau, applicant)
    # The online receipt is sent at once: one notification, one mail.
    notes = Notification.objects.filter(application=app)
    assert [n.event for n in notes] == ["letter.send"]
    assert "接收回执" in notes[0].title or "回执" in notes[0].title
    assert OutboxMail.objects.filter(application=app, sent_at__isnull=False).count() == 1


def test_consultation_letter_is_not_announced_to_applicant(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, applicant_email="zhang@example.org")
    app = services.start_review(app, clerk, app.version)
    app = services.consult(
        app, clerk, app.version, kind="third_party", party_name="某公司", sent_on=dt.date(2026, 1, 26)
    )
    # With ``sent_on`` the 征求意见书 is drafted and sent in one step (条例第三十二条).
    assert app.letters.get(kind="consultation").is_sent
    assert not Notification.objects.filter(application=app, event="letter.send").exists()
    # The state changes were announced, by mail to the address of the application.
    assert OutboxMail.objects.filter(application=app, recipient="zhang@example.org").count() == 2


def test_failed_mail_is_retried_with_backoff_and_sent_once(
    personas, settings, django_capture_on_commit_callbacks
) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.start_review(app, clerk, app.version)  # must not fail because mail is down
    row = OutboxMail.objects.get(notification__event="application.start_review")
    assert row.sent_at is None and row.attempts == 1 and "SMTPException" in row.last_error
    assert row.next_attempt_at > timezone.now() and row.claimed_until is None
    # Not due yet: a run now skips it. The server is back; a run after the back-off sends it, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert outbox.deliver([row.pk]).skipped == 1
    later = timezone.now() + dt.timedelta(minutes=5)
    assert outbox.deliver(now=later).sent >= 1
    assert outbox.deliver(now=later + dt.timedelta(days=2)).sent == 0
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2 and row.last_error == ""
    assert [m.subject for m in mail.outbox].count(row.subject) == 1


def test_backoff_grows_and_is_capped() -> None:
    assert [outbox.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert outbox.backoff(40) == outbox.BACKOFF_CAP


def test_claim_is_compare_and_set(personas) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    services.start_review(app, clerk, app.version)  # on_commit never runs inside the test transaction
    row = OutboxMail.objects.filter(sent_at__isnull=True).first()
    now = timezone.now()
    assert outbox._claim(row.pk, now) is True
    assert outbox._claim(row.pk, now) is False  # a second sender at the same time gets nothing
    # A crashed sender's claim expires after the lease; the mail is still there to send.
    assert outbox._claim(row.pk, now + outbox.LEASE + dt.timedelta(seconds=1)) is True


def test_command_sends_pending_mail(personas, capsys) -> None:
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    services.start_review(app, clerk, app.version)
    pending = OutboxMail.objects.filter(sent_at__isnull=True).count()
    assert pending >= 1
    mail.outbox.clear()
    call_command("send_notifications")
    assert "已发送" in capsys.readouterr().out
    assert len(mail.outbox) == pending and not OutboxMail.objects.filter(sent_at__isnull=True).exists()
    call_command("remind")  # the daily run retries the outbox as well: nothing left to send
    assert len(mail.outbox) == pending


def test_anonymous_without_email_gets_page_notifications_only(personas) -> None:
    app, _ = online_case(personas.bureau, None)
    assert Notification.objects.filter(application=app, audience="applicant").exists()
    assert not OutboxMail.objects.filter(application=app).exists()


def test_mail_settings_fail_loudly(monkeypatch) -> None:
    from gongkai.web.environment import SettingsError, env_email, env_url

    monkeypatch.setenv("X_FROM", "公开办 <gongkai@example.org>")
    assert env_email("X_FROM", "d@x") == "公开办 <gongkai@example.org>"
    monkeypatch.setenv("X_FROM", "not an address")
    with pytest.raises(SettingsError, match="X_FROM"):
        env_email("X_FROM", "d@x")
    monkeypatch.delenv("X_FROM")
    assert env_email("X_FROM", "d@x") == "d@x"
    monkeypatch.setenv("X_URL", "https://gongkai.example.org/")
    assert env_url("X_URL", "") == "https://gongkai.example.org"
    monkeypatch.setenv("X_URL", "ftp://x")
    with pytest.raises(SettingsError, match="X_URL"):
        env_url("X_URL", "")


def test_mail_links_to_the_site_when_configured(personas, settings) -> None:
    settings.GONGKAI_SITE_URL = "https://gongkai.example.org"
    applicant, clerk = personas.users["applicant"], personas.users["clerk"]
    app, _ = online_case(personas.bureau, applicant)
    services.start_review(app, clerk, app.version)
    row = OutboxMail.objects.get(notification__event="application.start_review")
    assert f"https://gongkai.example.org/apply/mine/{app.tracking_number}/" in row.body
    anonymous, _ = online_case(personas.bureau, None, applicant_email="wang@example.org")
    row = OutboxMail.objects.get(application=anonymous)
    assert "https://gongkai.example.org/apply/track/" in row.body and "查询密码" in row.body
