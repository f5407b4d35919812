"""Submission keys (issue 9 §1): scoped to agency + sender, unguessable; another's key opens nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai.web.applications.models import Application
from gongkai.web.security.submission import new_key

from ..applications.helpers import DETAILS
from ..factories import make_applicant

pytestmark = pytest.mark.django_db

FORM = dict(DETAILS)


def _key_from_form(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    match = re.search(r'name="idempotency_key" value="([^"]+)"', html)
    assert match, "the form carries a server-made key"
    return match.group(1)


def test_keys_are_unguessable_and_fresh_per_form(personas) -> None:
    client = Client()
    first, second = _key_from_form(client, "/apply/"), _key_from_form(client, "/apply/")
    assert first != second and len(first) >= 40
    assert len({new_key() for _ in range(100)}) == 100


def test_anonymous_double_submit_gives_one_application(personas) -> None:
    client = Client()
    data = {**FORM, "agency": personas.bureau.pk, "idempotency_key": _key_from_form(client, "/apply/")}
    first, again = client.post("/apply/", data), client.post("/apply/", data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] and Application.objects.count() == 1


def test_anonymous_attacker_with_the_victims_key_gets_nothing_of_theirs(personas) -> None:
    victim, attacker = Client(), Client()
    key = _key_from_form(victim, "/apply/")
    victim.post("/apply/", {**FORM, "agency": personas.bureau.pk, "idempotency_key": key})
    theirs = Application.objects.get()
    response = attacker.post(
        "/apply/", {**FORM, "applicant_name": "攻击者", "agency": personas.bureau.pk, "idempotency_key": key}
    )
    assert response.status_code == 302
    assert theirs.tracking_number not in response["Location"]
    mine = Application.objects.exclude(pk=theirs.pk).get()
    assert mine.applicant_name == "攻击者"
    theirs.refresh_from_db()
    assert theirs.applicant_name == DETAILS["applicant_name"] and theirs.version == 1
    # The attacker's session unlocked only its own case.
    assert attacker.get(f"/apply/mine/{theirs.tracking_number}/").status_code == 302  # to sign-in
    assert theirs.tracking_number not in attacker.get(response["Location"]).content.decode()


def test_signed_in_attacker_with_the_victims_key_gets_nothing_of_theirs(personas) -> None:
    victim, attacker = Client(), Client()
    victim.force_login(personas.users["applicant"])
    attacker.force_login(make_applicant("attacker", name="攻击者"))
    key = _key_from_form(victim, "/apply/")
    victim.post("/apply/", {**FORM, "agency": personas.bureau.pk, "idempotency_key": key})
    theirs = Application.objects.get()
    response = attacker.post(
        "/apply/", {**FORM, "applicant_name": "攻击者", "agency": personas.bureau.pk, "idempotency_key": key}
    )
    assert response.status_code == 302 and theirs.tracking_number not in response["Location"]
    assert Application.objects.count() == 2
    assert attacker.get(f"/apply/mine/{theirs.tracking_number}/").status_code == 403
    # The victim's own retry still finds their case.
    again = victim.post("/apply/", {**FORM, "agency": personas.bureau.pk, "idempotency_key": key})
    assert theirs.tracking_number in again["Location"] and Application.objects.count() == 2


def test_signed_in_double_submit_gives_one_application(personas) -> None:
    client = Client()
    client.force_login(personas.users["applicant"])
    data = {**FORM, "agency": personas.bureau.pk, "idempotency_key": _key_from_form(client, "/apply/")}
    client.post("/apply/", data)
    client.post("/apply/", data)
    assert Application.objects.filter(applicant=personas.users["applicant"]).count() == 1


def test_one_key_in_another_agency_is_another_application(personas) -> None:
    client = Client()
    key = _key_from_form(client, "/apply/")
    client.post("/apply/", {**FORM, "agency": personas.bureau.pk, "idempotency_key": key})
    client.post("/apply/", {**FORM, "agency": personas.township.pk, "idempotency_key": key})
    assert Application.objects.count() == 2


def test_staff_intake_key_of_another_clerk_opens_nothing(personas, client_for) -> None:
    url = f"/applications/new/{personas.bureau.code}/"
    clerk, reviewer = client_for("clerk"), client_for("reviewer")
    key = _key_from_form(clerk, url)
    data = {**FORM, "channel": "letter", "received_on": "2026-01-20", "idempotency_key": key}
    first = clerk.post(url, data)
    theirs = Application.objects.get()
    second = reviewer.post(url, {**data, "applicant_name": "另一申请人"})
    assert second.status_code == 302 and theirs.tracking_number not in second["Location"]
    assert Application.objects.count() == 2
    assert clerk.post(url, data)["Location"] == first["Location"]  # the clerk's retry: the same case
