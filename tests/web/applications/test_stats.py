"""Table 三 from the records: 175 cells, checked by the core's rules, balanced over random histories."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.applications import services
from gongkai.web.applications.stats import table3, table3_findings

from .helpers import decision_inputs, register

pytestmark = pytest.mark.django_db

#: Outcomes chosen by a decision; （四）3 needs a supplement first (the "unclear" path), （六） rows come
#: from their own actions (abandon, withdraw).
OUTCOMES = [
    o
    for o in FORMAT_2021.table3_outcome_rows
    if o not in ("other_no_correction", "other_no_fee", "other_other", "unable_still_unclear")
]
CATEGORIES = ["np", "com", "res", "npo", "law", "oth"]


def _data(category: str) -> dict[str, str]:
    kind = "natural_person" if category == "np" else "organisation"
    return {"applicant_type": kind, "applicant_category": category}


def _reply(app, clerk, outcome: str, on: dt.date):
    app = services.start_review(app, clerk, app.version)
    app = services.decide(app, clerk, app.version, outcome=outcome, on=on, **decision_inputs(outcome))
    letter = app.letters.get(kind="reply")
    services.send_letter(letter, clerk, app.version, on=on)
    app.refresh_from_db()
    return app


history = st.tuples(
    st.integers(0, 700),  # received: days after 2024-12-01
    st.sampled_from(CATEGORIES),
    st.sampled_from(["open", "reply", "withdraw", "abandon", "unclear"]),
    st.sampled_from(OUTCOMES),
    st.integers(1, 60),  # days until concluded
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(history, min_size=1, max_size=6))
def test_balance_over_random_histories(personas, histories) -> None:
    """new + carried over == handled + carried forward, per column, in 2025 and 2026 — and the core's
    table 三 rules find nothing."""
    clerk = personas.users["clerk"]
    with transaction.atomic():
        for offset, category, path, outcome, later in histories:
            received = dt.date(2024, 12, 1) + dt.timedelta(days=offset)
            app = register(personas.bureau, clerk, received=received, **_data(category))
            end = min(received + dt.timedelta(days=later), services.today())
            if path == "reply":
                _reply(app, clerk, outcome, end)
            elif path == "withdraw":
                services.withdraw(app, clerk, app.version, on=end)
            elif path == "unclear":
                app = services.request_correction(app, clerk, app.version, items="请补正", notice_on=received)
                app = services.record_supplement(app, clerk, app.version, received_on=received)
                app = services.decide(app, clerk, app.version, outcome="unable_still_unclear", on=end)
                services.send_letter(app.letters.get(kind="reply"), clerk, app.version, on=end)
            elif path == "abandon":
                app = services.request_correction(app, clerk, app.version, items="请补正", notice_on=received)
                lapsed = app.supplement_deadline + dt.timedelta(days=1)
                if lapsed <= services.today():
                    services.mark_abandoned(app, clerk, app.version, on=lapsed)
        for year in (2025, 2026):
            cells = table3(personas.bureau, year)
            assert len(cells) == 175
            for (new, carried), (total, forward) in FORMAT_2021.balance():
                assert cells[new] + cells[carried] == cells[total] + cells[forward]
            assert table3_findings(personas.bureau, year) == []
        assert (
            table3(personas.bureau, 2025)["t3.carry_forward.tot"]
            == table3(personas.bureau, 2026)["t3.carried_over.tot"]
        )
        transaction.set_rollback(True)


def test_worked_year(personas) -> None:
    clerk = personas.users["clerk"]
    carried = register(personas.bureau, clerk, received=dt.date(2024, 12, 30))  # open on 31 Dec 2024
    _reply(carried, clerk, "granted", dt.date(2025, 1, 10))
    partial = register(personas.bureau, clerk, received=dt.date(2025, 3, 3), **_data("law"))
    _reply(partial, clerk, "partial", dt.date(2025, 3, 20))
    register(personas.bureau, clerk, received=dt.date(2025, 12, 29), **_data("com"))  # carried into 2026
    register(personas.other, personas.users["other_agency_clerk"], received=dt.date(2025, 5, 5))
    cells = table3(personas.bureau, 2025)
    assert cells["t3.new_received.tot"] == 2 and cells["t3.carried_over.np"] == 1
    assert cells["t3.granted.np"] == 1 and cells["t3.partial.law"] == 1
    assert cells["t3.total.tot"] == 2 and cells["t3.carry_forward.com"] == 1
    assert table3(personas.bureau, 2026)["t3.carried_over.com"] == 1


def test_cli_json(personas, capsys) -> None:
    from gongkai.cli import main

    clerk = personas.users["clerk"]
    register(personas.bureau, clerk, received=dt.date(2025, 6, 2))
    assert main(["stats", "applications", "--agency", "xc-education", "--year", "2025", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["agency"] == "xc-education" and payload["cells"]["t3.new_received.np"] == 1
    assert set(payload["cells"]) == {s.id for s in FORMAT_2021.table_cells("t3")}
    assert main(["stats", "applications", "--year", "2025", "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert {r["agency"] for r in every} == {"xc-county", "xc-education", "xc-qiaotou", "hs-county"}
    assert main(["stats", "applications", "--year", "2025"]) == 0
    assert "一、本年新收政府信息公开申请数量" in capsys.readouterr().out
    assert main(["stats", "applications", "--agency", "nowhere", "--year", "2025"]) == 2
    assert "找不到" in capsys.readouterr().err
