"""Agencies: hierarchy, validity dates, 机构改革 history, credit codes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.web.agencies import credit_code
from gongkai.web.agencies.models import Agency, AgencySuccession, Kind, Level, SuccessionKind

from ..conftest import Personas
from ..factories import make_agency

pytestmark = pytest.mark.django_db


def test_subtree_is_the_agency_and_all_its_descendants(personas: Personas) -> None:
    office = make_agency("xc-edu-office", parent=personas.bureau)
    assert set(personas.county.subtree()) == {personas.county, personas.bureau, personas.township, office}
    assert set(personas.bureau.subtree()) == {personas.bureau, office}
    assert set(personas.other.subtree()) == {personas.other}


def test_subtree_of_a_county_takes_one_query_per_level(
    personas: Personas, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(50):
        dept = make_agency(f"dept-{i}", parent=personas.county)
        make_agency(f"office-{i}", parent=dept)
    with django_assert_max_num_queries(5):
        ids = Agency.objects.subtree_ids([personas.county.pk])
    assert len(ids) == 1 + 2 + 100


def test_ancestors_nearest_first(personas: Personas) -> None:
    office = make_agency("xc-edu-office", parent=personas.bureau)
    assert office.ancestors() == [personas.bureau, personas.county]


def test_current_respects_validity_dates(personas: Personas) -> None:
    old = make_agency("old", valid_to=dt.date(2019, 3, 1))
    new = make_agency("new", valid_from=dt.date(2019, 3, 1))
    on_2018 = set(Agency.objects.current(dt.date(2018, 12, 31)))
    on_2019 = set(Agency.objects.current(dt.date(2019, 3, 1)))
    assert old in on_2018 and new not in on_2018
    assert new in on_2019 and old not in on_2019
    assert not old.is_current(dt.date(2019, 3, 1))


def test_valid_to_must_follow_valid_from() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_agency("bad", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2019, 1, 1))


def test_a_merger_keeps_both_predecessors_readable_through_the_lineage() -> None:
    culture = make_agency("culture", name="县文化广电新闻出版局", valid_to=dt.date(2019, 3, 1))
    tourism = make_agency("tourism", name="县旅游局", valid_to=dt.date(2019, 3, 1))
    merged = make_agency("culture-tourism", name="县文化和旅游局", valid_from=dt.date(2019, 3, 1))
    renamed = make_agency("culture-tourism-2", name="县文化广电和旅游局", valid_from=dt.date(2023, 1, 1))
    for old in (culture, tourism):
        AgencySuccession.objects.create(
            predecessor=old, successor=merged, kind=SuccessionKind.MERGED, date=dt.date(2019, 3, 1)
        )
    AgencySuccession.objects.create(
        predecessor=merged, successor=renamed, kind=SuccessionKind.RENAMED, date=dt.date(2023, 1, 1)
    )
    assert set(merged.predecessors()) == {culture, tourism}
    assert list(culture.successors()) == [merged]
    lineage = renamed.lineage()
    assert [(e.predecessor.code, e.successor.code) for e in lineage] == [
        ("culture", "culture-tourism"),
        ("tourism", "culture-tourism"),
        ("culture-tourism", "culture-tourism-2"),
    ]
    assert culture.lineage() == lineage  # the same history from either end


def test_an_agency_cannot_succeed_itself() -> None:
    a = make_agency()
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencySuccession.objects.create(
            predecessor=a, successor=a, kind=SuccessionKind.RENAMED, date=dt.date(2020, 1, 1)
        )


def _valid_code(first17: str) -> str:
    return first17 + credit_code.check_character(first17)


def test_credit_code_check_character() -> None:
    # 11 = 机关 (government organ), 440300 = a division code, then a 9-character organisation code.
    code = _valid_code("11440300MB2C92035")
    assert credit_code.is_valid(code)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert not credit_code.is_valid(wrong)
    assert not credit_code.is_valid(code.lower())
    assert not credit_code.is_valid(code[:-1])


def test_credit_code_validator_messages_are_chinese() -> None:
    with pytest.raises(ValidationError, match="18 位"):
        credit_code.validate_credit_code("123")
    with pytest.raises(ValidationError, match="不允许的字符"):
        credit_code.validate_credit_code("11440300MB2C9203IO")
    good = _valid_code("11440300MB2C92035")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="校验位"):
        credit_code.validate_credit_code(bad)
    credit_code.validate_credit_code(good)


def test_full_clean_checks_the_credit_code() -> None:
    agency = Agency(code="x", name="某局", level=Level.COUNTY, kind=Kind.DEPARTMENT, credit_code="123")
    with pytest.raises(ValidationError) as info:
        agency.full_clean()
    assert "credit_code" in info.value.message_dict
