"""Sign-in (rate-limited), sign-out, applicant registration, password change and reset."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from gongkai.web.accounts.models import ApplicantProfile, User
from gongkai.web.audit.models import AuditEvent

from ..conftest import Personas
from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def test_sign_in_and_out(personas: Personas) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302
    assert "李经办" in client.get("/").content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert "李经办" not in client.get("/").content.decode()


def test_wrong_password_message_is_chinese(personas: Personas) -> None:
    html = Client().post("/accounts/login/", {"username": "clerk", "password": "nope"}).content.decode()
    assert "请输入一个正确的" in html


def test_sign_in_is_refused_after_too_many_failures(personas: Personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "clerk", "password": "wrong"})
    html = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}).content.decode()
    assert "登录失败次数过多" in html
    # another account from the same address is not locked out by these failures
    assert (
        Client().post("/accounts/login/", {"username": "reviewer", "password": PASSWORD}).status_code == 302
    )


def test_applicant_registration_creates_a_profile_counted_in_a_table3_column(db: None) -> None:
    client = Client()
    response = client.post(
        "/accounts/register/",
        {
            "username": "wangwu",
            "email": "wangwu@example.org",
            "display_name": "某某律师事务所",
            "applicant_type": "organisation",
            "category": "law",
            "id_number": "",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = ApplicantProfile.objects.get(user__username="wangwu")
    assert profile.table3_column == "law"
    assert AuditEvent.objects.filter(verb="account.register").exists()


def test_a_natural_person_must_count_as_such(db: None) -> None:
    html = (
        Client()
        .post(
            "/accounts/register/",
            {
                "username": "zhaoliu",
                "email": "z@example.org",
                "display_name": "赵六",
                "applicant_type": "natural_person",
                "category": "com",
                "password1": "a-Long-pass-2026",
                "password2": "a-Long-pass-2026",
            },
        )
        .content.decode()
    )
    assert "自然人的统计类别应为" in html
    assert not User.objects.filter(username="zhaoliu").exists()


def test_password_change(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("clerk")
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-Pass-2026",
            "new_password2": "another-Pass-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="clerk").check_password("another-Pass-2026")


def test_password_reset_by_email(personas: Personas) -> None:
    client = Client()
    assert client.post("/accounts/password/reset/", {"email": "clerk@example.org"}).status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "重置" in mail.outbox[0].subject or "密码" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", body)
    assert link, body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    final = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "reset-Pass-2026", "new_password2": "reset-Pass-2026"},
    )
    assert final.status_code == 302
    assert User.objects.get(username="clerk").check_password("reset-Pass-2026")


def test_sysadmin_creates_a_user_and_a_membership_in_the_admin(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    admin = client_for("sysadmin")
    response = admin.post(
        "/admin/accounts/user/add/",
        {
            "username": "newclerk",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
            "usable_password": "true",
            **{
                f"{prefix}-{key}": "0"
                for prefix in ("memberships", "applicant_profile")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="newclerk")
    assert user.check_password("a-Long-pass-2026")
    response = admin.post(
        "/admin/accounts/membership/add/",
        {"user": user.pk, "agency": personas.bureau.pk, "role": "clerk", "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert AuditEvent.objects.filter(verb="admin.add").count() == 2
