"""Random multi-year histories built through the services: every report passes every hard rule, and
carry-over holds across years for table 三 (上年结转 = 结转下年度) and table 四 (尚未审结 carried in)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.web.annual.build import build
from gongkai.web.appeals.mapping import BLOCKS, Result
from gongkai.web.appeals.table4 import carried_in

from ..appeals.helpers import make_case
from ..applications.helpers import register
from .helpers import replied

pytestmark = pytest.mark.django_db
START = dt.date(2024, 1, 1)
COLUMNS = ("np", "com", "res", "npo", "law", "oth", "tot")

application = st.tuples(
    st.integers(0, 1000),  # received: days after 2024-01-01
    st.sampled_from(["np", "com", "law"]),
    st.sampled_from(
        ["granted", "partial", "denied_third_party", "unable_not_held", None]
    ),  # None: still open
    st.integers(1, 40),
)
case = st.tuples(
    st.integers(0, 1000),
    st.sampled_from(["review", "direct", "after_review"]),
    st.one_of(st.none(), st.sampled_from(Result.values)),
    st.integers(1, 400),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(application, max_size=5), st.lists(case, max_size=6))
def test_every_generated_report_passes_and_carries_over(personas, applications, cases) -> None:
    last_day = dt.date(2026, 11, 30)
    with transaction.atomic():
        for offset, category, outcome, later in applications:
            received = START + dt.timedelta(days=offset)
            received = min(received, last_day)
            kind = "natural_person" if category == "np" else "organisation"
            data = {"applicant_type": kind, "applicant_category": category}
            answered = received + dt.timedelta(days=later)
            if outcome is None or answered > last_day:
                register(personas.bureau, personas.users["clerk"], received=received, **data)
            else:
                replied(personas, received, outcome=outcome, on=answered, **data)
        for offset, kind, result, later in cases:
            filed = START + dt.timedelta(days=offset)
            decided = filed + dt.timedelta(days=later)
            if result is None or decided > last_day:
                make_case(personas, kind=kind, filed=filed)
            else:
                make_case(personas, kind=kind, filed=filed, decided=decided, result=result)
        reports = {year: build(personas.bureau, year) for year in (2024, 2025, 2026)}
        for year, built in reports.items():
            assert [f for f in built.findings if f.severity == "error"] == [], year
            assert [f.rule for f in built.findings] == [], year
        for year in (2025, 2026):
            now, before = reports[year].report, reports[year - 1].report
            for column in COLUMNS:
                assert now.value(f"t3.carried_over.{column}") == before.value(f"t3.carry_forward.{column}")
            pending = sum(before.value(f"t4.{b}.pending") for b in BLOCKS)  # type: ignore[misc]
            assert carried_in(personas.bureau, year).count() == pending
        transaction.set_rollback(True)
