"""Personas for web tests (platform contract): a county government with a bureau and a township, an
unrelated county, and one user per role.

- ``personas.county``: 县人民政府 (the supervisor's agency); ``personas.bureau``: 县教育局 (its
  department: clerk/reviewer/approver/agency_admin work here); ``personas.township``: a 镇人民政府 of the
  county; ``personas.other``: another county's government, unrelated.
- users by persona name (``PERSONA_NAMES``): anonymous (None), applicant, clerk, reviewer, approver,
  agency_admin, supervisor (role supervisor on the county → reads the bureau and township),
  other_agency_clerk, sysadmin.

Use ``client_for(name)`` to get a test client signed in as a persona.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from gongkai.web.accounts.models import Role, User
from gongkai.web.agencies.models import Agency, Kind, Level

from . import factories

PERSONA_NAMES = (
    "anonymous",
    "applicant",
    "clerk",
    "reviewer",
    "approver",
    "agency_admin",
    "supervisor",
    "other_agency_clerk",
    "sysadmin",
)


@dataclass
class Personas:
    county: Agency
    bureau: Agency
    township: Agency
    other: Agency
    users: dict[str, User | None] = field(default_factory=dict)

    def agency_of(self, persona: str) -> Agency | None:
        """The agency a persona works in (the bureau for its staff)."""
        return {
            "clerk": self.bureau,
            "reviewer": self.bureau,
            "approver": self.bureau,
            "agency_admin": self.bureau,
            "supervisor": self.county,
            "other_agency_clerk": self.other,
        }.get(persona)


def build_personas() -> Personas:
    county = factories.make_agency(
        "xc-county", name="新城县人民政府", short_name="新城县", level=Level.COUNTY, kind=Kind.GOVERNMENT
    )
    bureau = factories.make_agency("xc-education", name="新城县教育局", short_name="县教育局", parent=county)
    # The bureau charges fees (109号): its letter settings say how to pay, as a real office's would.
    from gongkai.web.applications.letter_models import LetterSettings

    LetterSettings.objects.create(
        agency=bureau, payee="新城县财政局", bank="某银行新城支行", account="6222 0000 1111"
    )
    township = factories.make_agency(
        "xc-qiaotou", name="新城县桥头镇人民政府", parent=county, level=Level.TOWNSHIP, kind=Kind.TOWNSHIP
    )
    other = factories.make_agency(
        "hs-county", name="河山县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT
    )
    users: dict[str, User | None] = {
        "anonymous": None,
        "applicant": factories.make_applicant("applicant", name="张三"),
        "clerk": factories.make_staff(bureau, Role.CLERK, "clerk", display_name="李经办"),
        "reviewer": factories.make_staff(bureau, Role.REVIEWER, "reviewer", display_name="王审核"),
        "approver": factories.make_staff(bureau, Role.APPROVER, "approver", display_name="赵负责"),
        "agency_admin": factories.make_staff(
            bureau, Role.AGENCY_ADMIN, "agency_admin", display_name="钱管理"
        ),
        "supervisor": factories.make_staff(county, Role.SUPERVISOR, "supervisor", display_name="孙监督"),
        "other_agency_clerk": factories.make_staff(other, Role.CLERK, "other_clerk", display_name="周经办"),
        "sysadmin": factories.make_superuser("sysadmin"),
    }
    return Personas(county=county, bureau=bureau, township=township, other=other, users=users)


@pytest.fixture
def personas(db: Any) -> Personas:
    return build_personas()


@pytest.fixture
def client_for(personas: Personas) -> Iterator[Callable[..., Client]]:
    """``client_for("clerk")`` → a Client signed in as that persona (anonymous: not signed in)."""

    def make(name: str, **client_kwargs: Any) -> Client:
        client = Client(**client_kwargs)
        user = personas.users[name]
        if user is not None:
            client.force_login(user)
        return client

    yield make


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Each persona is a user with a password; the production hasher would make every test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Uploaded files of a test go to its own temporary directory, never the user's data directory."""
    settings.MEDIA_ROOT = str(tmp_path / "uploads")


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings: Any) -> None:
    """Background tasks run at once, in the test's process (the immediate backend); the tests of the
    database and Redis backends (tests/web/tasks/) set ``settings.TASKS`` themselves."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}
    }
    settings.GONGKAI_TASKS_BACKEND = "immediate"


@pytest.fixture(autouse=True)
def _no_letter_pdf(settings: Any) -> None:
    """Sending a letter converts it to PDF with LibreOffice (seconds each); web tests skip it unless
    they test the PDF (tests/web/applications/letters/test_pdf.py turns it back on)."""
    settings.GONGKAI_LETTER_PDF = False


@pytest.fixture
def page(live_server: Any, transactional_db: Any) -> Iterator[Any]:
    """A chromium page against the live server (see tests/web/browser.py)."""
    from django.db import connections

    from .browser import browser_page

    with browser_page(live_server.url) as p:
        yield p
        # ORM calls made while Playwright's loop runs get their own connection (Django's connection
        # storage follows the async context); close it here or PostgreSQL cannot drop the test DB.
        connections.close_all()
    connections.close_all()
