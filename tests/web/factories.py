"""Factories for web tests: small functions with sensible defaults, no magic.

Each returns a saved object. Pass only what a test cares about; unique fields get fresh values.
"""

from __future__ import annotations

import itertools
from typing import Any

from gongkai.web.accounts.models import ApplicantProfile, Membership, User
from gongkai.web.agencies.models import Agency, Kind, Level

_seq = itertools.count(1)

#: The password of every user made here.
PASSWORD = "gongkai-test-密码-2026"


def make_agency(
    code: str | None = None,
    *,
    name: str | None = None,
    parent: Agency | None = None,
    level: str = Level.COUNTY,
    kind: str = Kind.DEPARTMENT,
    **fields: Any,
) -> Agency:
    n = next(_seq)
    return Agency.objects.create(
        code=code or f"agency-{n}",
        name=name or f"测试机关{n}",
        parent=parent,
        level=level,
        kind=kind,
        **fields,
    )


def make_user(username: str | None = None, *, password: str = PASSWORD, **fields: Any) -> User:
    n = next(_seq)
    username = username or f"user{n}"
    fields.setdefault("display_name", f"用户{n}")
    fields.setdefault("email", f"{username}@example.org")
    return User.objects.create_user(username=username, password=password, **fields)


def make_staff(agency: Agency, role: str, username: str | None = None, **fields: Any) -> User:
    """A user holding ``role`` in ``agency``."""
    user = make_user(username, **fields)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def make_applicant(username: str | None = None, *, category: str = "np", **profile: Any) -> User:
    """A public account with an applicant profile (natural person unless ``category`` says otherwise)."""
    name = profile.pop("name", None)
    user = make_user(username, **({"display_name": name} if name else {}))
    ApplicantProfile.objects.create(
        user=user,
        applicant_type="natural_person" if category == "np" else "organisation",
        category=category,
        name=name or str(user),
        **profile,
    )
    return user


def make_superuser(username: str = "sysadmin") -> User:
    return User.objects.create_superuser(
        username=username, password=PASSWORD, email=f"{username}@example.org"
    )
