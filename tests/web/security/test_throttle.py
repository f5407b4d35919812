"""Rate limits (issue 9 §1, D15): counted in the database (shared by every process), keyed on the
normalised user name and the client address; Chinese 429 answers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory

from gongkai.web.applications.models import Application
from gongkai.web.audit.models import AuditEvent
from gongkai.web.security import throttle
from gongkai.web.security.client import client_address
from gongkai.web.security.models import RateCounter

from ..applications.helpers import DETAILS
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


def _client(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _fail(client: Client, username: str) -> int:
    return client.post("/accounts/login/", {"username": username, "password": "wrong"}).status_code


def test_full_width_and_case_variants_hit_one_counter(personas, settings) -> None:
    settings.GONGKAI_LOGIN_MAX_FAILURES = 3
    client = _client("203.0.113.5")
    for name in ("ｊｉｎｇｂａｎ", "JingBan", " jingban "):
        assert _fail(client, name) == 200
    assert throttle.normalise_username("ｊｉｎｇｂａｎ") == "jingban"
    refused = client.post("/accounts/login/", {"username": "jingban", "password": "wrong"})
    assert refused.status_code == 429 and "登录失败次数过多" in refused.content.decode()


def test_the_correct_password_is_refused_while_limited_and_the_limit_survives_the_cache(
    personas, settings
) -> None:
    settings.GONGKAI_LOGIN_MAX_FAILURES = 2
    client = _client("203.0.113.6")
    _fail(client, "clerk")
    _fail(client, "ｃｌｅｒｋ")
    cache.clear()  # the counters are not in a per-process cache
    response = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 429
    assert RateCounter.objects.exists()
    # Another address signs in to the same account: no account lock from the pair counter.
    assert (
        _client("198.51.100.7")
        .post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
        .status_code
        == 302
    )


def test_user_name_counter_across_addresses(personas, settings) -> None:
    settings.GONGKAI_LOGIN_MAX_FAILURES_PER_USER = 3
    for n in range(3):
        assert _fail(_client(f"192.0.2.{n + 1}"), "reviewer") == 200
    response = _client("192.0.2.99").post("/accounts/login/", {"username": "Reviewer", "password": PASSWORD})
    assert response.status_code == 429 and "该账户登录失败次数过多" in response.content.decode()


def test_address_counter_across_user_names(personas, settings) -> None:
    settings.GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    client = _client("192.0.2.50")
    for name in ("clerk", "reviewer", "approver"):
        assert _fail(client, name) == 200
    response = client.post("/accounts/login/", {"username": "supervisor", "password": PASSWORD})
    assert response.status_code == 429 and "您所在网络" in response.content.decode()
    assert (
        _client("192.0.2.51")
        .post("/accounts/login/", {"username": "supervisor", "password": PASSWORD})
        .status_code
        == 302
    )


def test_failed_and_refused_sign_ins_are_audited_without_the_password(personas, settings) -> None:
    settings.GONGKAI_LOGIN_MAX_FAILURES = 1
    client = _client("203.0.113.9")
    client.post("/accounts/login/", {"username": "ｃｌｅｒｋ", "password": "s3cret-guess"})
    for _ in range(3):  # refused: audited once per window, so hammering cannot fill the log
        client.post("/accounts/login/", {"username": "clerk", "password": "s3cret-guess"})
    failed = AuditEvent.objects.get(verb="account.login_failed")
    assert failed.after == {
        "username_typed": "ｃｌｅｒｋ",
        "username_normalised": "clerk",
        "address": "203.0.113.9",
    }
    assert failed.object_id == str(personas.users["clerk"].pk)
    assert AuditEvent.objects.filter(verb="account.login_refused").count() == 1
    for event in AuditEvent.objects.all():
        assert "s3cret-guess" not in f"{event.before}{event.after}{event.note}"
    _client("203.0.113.10").post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert AuditEvent.objects.get(verb="account.login").after == {"address": "203.0.113.10"}


def test_admin_sign_in_shares_the_counters(personas, settings) -> None:
    settings.GONGKAI_LOGIN_MAX_FAILURES = 1
    client = _client("203.0.113.11")
    client.post("/admin/login/", {"username": "sysadmin", "password": "wrong"})
    page = client.post("/admin/login/", {"username": "sysadmin", "password": PASSWORD})
    assert "登录失败次数过多" in page.content.decode()


def test_tracking_lookups_are_limited_per_address(personas, settings) -> None:
    settings.GONGKAI_TRACK_MAX_PER_HOUR = 2
    client = _client("203.0.113.20")
    for _ in range(2):
        assert client.post("/apply/track/", {"tracking_number": "X-1", "secret": "guess"}).status_code == 200
    refused = client.post("/apply/track/", {"tracking_number": "X-1", "secret": "guess"})
    assert refused.status_code == 429 and "查询过于频繁" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert client.get("/apply/track/").status_code == 200  # reading the form is not a look-up
    assert (
        _client("203.0.113.21").post("/apply/track/", {"tracking_number": "X-1", "secret": "g"}).status_code
        == 200
    )


def test_anonymous_applications_are_limited_per_address(personas, client_for, settings) -> None:
    settings.GONGKAI_APPLY_MAX_PER_HOUR = 2
    client = _client("203.0.113.30")
    for n in range(2):
        data = {**DETAILS, "agency": personas.bureau.pk, "idempotency_key": f"anon-{n}"}
        assert client.post("/apply/", data).status_code == 302
    data = {**DETAILS, "agency": personas.bureau.pk, "idempotency_key": "anon-3"}
    refused = client.post("/apply/", data)
    assert refused.status_code == 429 and "提交申请过于频繁" in refused.content.decode()
    assert Application.objects.count() == 2
    # A signed-in applicant (known, accountable) is not counted.
    applicant = client_for("applicant", REMOTE_ADDR="203.0.113.30")
    assert applicant.post("/apply/", {**data, "idempotency_key": "signed-in"}).status_code == 302


def test_password_reset_mail_is_limited_per_email_and_per_address(personas, settings) -> None:
    settings.GONGKAI_PASSWORD_RESET_MAX_PER_EMAIL = 2
    settings.GONGKAI_PASSWORD_RESET_MAX_PER_ADDRESS = 3
    for n in range(2):
        assert (
            _client(f"192.0.2.{60 + n}")
            .post("/accounts/password/reset/", {"email": "clerk@example.org"})
            .status_code
            == 302
        )
    refused = _client("192.0.2.62").post("/accounts/password/reset/", {"email": "CLERK@example.org"})
    assert refused.status_code == 429 and "该邮箱" in refused.content.decode()
    assert len(mail.outbox) == 2
    client = _client("192.0.2.70")
    for n in range(3):
        assert (
            client.post("/accounts/password/reset/", {"email": f"nobody{n}@example.org"}).status_code == 302
        )
    refused = client.post("/accounts/password/reset/", {"email": "reviewer@example.org"})
    assert refused.status_code == 429 and "找回密码请求过于频繁" in refused.content.decode()


def test_client_address_trusts_forwarded_for_only_when_configured(settings) -> None:
    rf = RequestFactory()
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    settings.GONGKAI_TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"
    settings.GONGKAI_TRUSTED_PROXY_COUNT = 1
    assert (
        client_address(request) == "198.51.100.1"
    )  # what our one proxy saw; "1.2.3.4" is the client's claim
    settings.GONGKAI_TRUSTED_PROXY_COUNT = 3
    assert client_address(request) == "10.0.0.1"  # fewer hops than proxies: only the socket is believed
    bad = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    settings.GONGKAI_TRUSTED_PROXY_COUNT = 1
    assert client_address(bad) == "10.0.0.1"


def test_hits_are_counted_in_the_database_per_window(db) -> None:
    limit = throttle.Limit("test", "GONGKAI_TRACK_MAX_PER_HOUR", 3600, "")
    assert [throttle.hit(limit, "x") for _ in range(3)] == [1, 2, 3]
    assert throttle.count(limit, "x") == 3 and throttle.count(limit, "y") == 0
    assert RateCounter.objects.count() == 1 and "x" not in RateCounter.objects.get().key
    throttle.reset(limit, "x")
    assert throttle.count(limit, "x") == 0
