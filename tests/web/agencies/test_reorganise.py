"""机构改革 as one audited operation (service and management command)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.web.agencies.models import Agency, SuccessionKind
from gongkai.web.agencies.services import reorganise
from gongkai.web.audit.models import AuditEvent

from ..conftest import Personas
from ..factories import make_agency

pytestmark = pytest.mark.django_db
DAY = dt.date(2019, 3, 1)


def test_merger_closes_the_old_agencies_and_links_the_history(personas: Personas) -> None:
    culture, tourism = make_agency("culture"), make_agency("tourism")
    merged = make_agency("culture-tourism")
    links = reorganise(
        personas.users["sysadmin"],
        kind=SuccessionKind.MERGED,
        predecessors=[culture, tourism],
        successors=[merged],
        date=DAY,
        basis="某县机构改革方案",
    )
    assert len(links) == 2
    culture.refresh_from_db()
    merged.refresh_from_db()
    assert culture.valid_to == DAY and merged.valid_from == DAY
    assert set(merged.predecessors()) == {culture, tourism}
    assert not Agency.objects.current(DAY).filter(code__in=["culture", "tourism"]).exists()
    assert AuditEvent.objects.filter(verb="agency.cease").count() == 2
    assert AuditEvent.objects.filter(verb="agency.succession", agency=merged).count() == 2


def test_a_transfer_of_functions_keeps_the_predecessor(personas: Personas) -> None:
    old, new = make_agency("a"), make_agency("b")
    reorganise(
        personas.users["sysadmin"],
        kind=SuccessionKind.TRANSFERRED,
        predecessors=[old],
        successors=[new],
        date=DAY,
    )
    old.refresh_from_db()
    assert old.valid_to is None


@pytest.mark.parametrize(
    ("kind", "n_old", "n_new", "message"),
    [
        (SuccessionKind.MERGED, 1, 1, "合并需要至少 2"),
        (SuccessionKind.SPLIT, 1, 1, "分设需要至少 2"),
        (SuccessionKind.RENAMED, 2, 1, "更名需要1"),
    ],
)
def test_impossible_shapes_are_refused(
    personas: Personas, kind: str, n_old: int, n_new: int, message: str
) -> None:
    old = [make_agency() for _ in range(n_old)]
    new = [make_agency() for _ in range(n_new)]
    with pytest.raises(ValidationError, match=message):
        reorganise(personas.users["sysadmin"], kind=kind, predecessors=old, successors=new, date=DAY)
    assert not AuditEvent.objects.exists()


def test_a_ceased_agency_cannot_be_reorganised_again(personas: Personas) -> None:
    old = make_agency("old", valid_to=dt.date(2018, 1, 1))
    with pytest.raises(ValidationError, match="已于"):
        reorganise(
            personas.users["sysadmin"],
            kind=SuccessionKind.RENAMED,
            predecessors=[old],
            successors=[make_agency()],
            date=DAY,
        )


def test_only_system_administrators(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        reorganise(
            personas.users["agency_admin"],
            kind=SuccessionKind.RENAMED,
            predecessors=[personas.bureau],
            successors=[make_agency()],
            date=DAY,
        )


def test_management_command(personas: Personas) -> None:
    make_agency("new-edu")
    call_command(
        "reorganise_agencies",
        "--kind",
        "renamed",
        "--from",
        "xc-education",
        "--to",
        "new-edu",
        "--date",
        "2024-01-01",
        "--by",
        "sysadmin",
    )
    assert list(Agency.objects.get(code="new-edu").predecessors()) == [personas.bureau]
    with pytest.raises(CommandError, match="没有这些机关代码：nope") as info:
        call_command(
            "reorganise_agencies",
            "--kind",
            "renamed",
            "--from",
            "nope",
            "--to",
            "new-edu",
            "--date",
            "2024-01-01",
            "--by",
            "sysadmin",
        )
    assert info.value.returncode == 2
