"""Table 二 第二十条第（一）项 from validity histories (规章 / 行政规范性文件: 本年制发, 本年废止, 现行有效)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.cli import main
from gongkai.web.disclosures import services
from gongkai.web.disclosures.table2 import article20_item1

from .helpers import published_item, term

pytestmark = pytest.mark.django_db


def test_counts_follow_the_history(personas, capsys) -> None:  # type: ignore[no-untyped-def]
    clerk = personas.users["clerk"]
    normative = term("genre", "normative")
    old = published_item(personas.bureau, title="旧文件", genre=normative)
    services.add_validity_event(old, clerk, "issued", dt.date(2023, 5, 1))
    services.add_validity_event(old, clerk, "repealed", dt.date(2025, 6, 1))
    new = published_item(personas.bureau, title="新文件", genre=normative)
    services.add_validity_event(new, clerk, "issued", dt.date(2025, 3, 1))
    services.add_validity_event(new, clerk, "amended", dt.date(2025, 9, 1))
    rule = published_item(personas.bureau, title="规章", genre=term("genre", "rule"))
    services.add_validity_event(rule, clerk, "issued", dt.date(2024, 1, 1))
    notice = published_item(personas.bureau, title="普通通知")  # not counted
    services.add_validity_event(notice, clerk, "issued", dt.date(2025, 1, 1))

    cells = article20_item1(personas.bureau, 2025)
    assert cells["t2.normative_docs.made"] == 1
    assert cells["t2.normative_docs.repealed"] == 1
    assert cells["t2.normative_docs.in_force"] == 1
    assert (cells["t2.regulations.made"], cells["t2.regulations.in_force"]) == (0, 1)
    assert article20_item1(personas.bureau, 2024)["t2.normative_docs.in_force"] == 1
    old.refresh_from_db()
    assert old.validity == "repealed" and old.effective_to == dt.date(2025, 6, 1)

    assert main(["register", "table2", "--agency", personas.bureau.code, "--year", "2025", "--json"]) == 0
    assert '"t2.normative_docs.in_force": 1' in capsys.readouterr().out
