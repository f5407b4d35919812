"""The demo step: a full year of applications, every channel/column/outcome, carried cases, idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application, Channel
from gongkai.web.applications.notices import history_problems
from gongkai.web.applications.stats import table3, table3_findings
from gongkai.web.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_year(settings) -> None:
    assert "gongkai.web.applications.demo.load" in settings.GONGKAI_DEMO_STEPS
    out = io.StringIO()
    load_demo(out, today=dt.date(2026, 11, 20))
    bureau = Agency.objects.get(code="qx-education")
    apps = Application.objects.filter(agency=bureau)
    assert set(apps.values_list("channel", flat=True)) == set(Channel.values)
    assert set(apps.values_list("applicant_category", flat=True)) == {"np", "com", "res", "npo", "law", "oth"}
    cells = table3(bureau, 2025)
    for row in FORMAT_2021.table3_outcome_rows:
        assert cells[f"t3.{row}.tot"] > 0, row
    assert cells["t3.carry_forward.tot"] > 0
    assert table3(bureau, 2026)["t3.carried_over.tot"] == cells["t3.carry_forward.tot"]
    assert table3_findings(bureau, 2025) == [] and table3_findings(bureau, 2026) == []
    assert "依申请公开" in out.getvalue()
    _assert_lawful(apps)
    count = apps.count()
    load_demo(io.StringIO(), today=dt.date(2026, 11, 20))
    assert Application.objects.filter(agency=bureau).count() == count


def _assert_lawful(apps) -> None:
    """domain.md §12.1: no consequence in the demo without its notice sent before it."""
    problems = [p for app in apps for p in history_problems(app)]
    assert problems == []
    abandoned = apps.filter(outcome="other_no_correction")
    assert abandoned.exists()
    for app in abandoned:  # 条例第三十条
        notice = app.letters.get(kind="correction")
        assert notice.sent_on and notice.delivery_method and notice.sent_on < app.concluded_on
        assert app.supplement_deadline < app.concluded_on
    extended = apps.filter(extension_approved_on__isnull=False)
    assert extended.exists()
    for app in extended:  # 条例第三十三条第二款
        notice = app.letters.get(kind="extension")
        assert notice.sent_on == app.extension_notified_on <= app.reply_due
    lapsed = apps.filter(outcome="other_no_fee")
    assert lapsed.exists()
    for app in lapsed:  # 国办函〔2020〕109号
        notice = app.letters.get(kind="fee")
        assert notice.sent_on == app.fee_notice.issued_on and app.fee_notice.payment_due < app.concluded_on
    for app in apps.filter(consultations__isnull=False).distinct():  # 条例第三十二条、第三十四条
        for c in app.consultations.all():
            assert c.letter is not None and c.letter.sent_on == c.sent_on
    disclosed = apps.filter(consultations__objects_to_disclosure=True, outcome__in=["granted", "partial"])
    assert disclosed.exists()
    for app in disclosed.distinct():  # 条例第三十二条: the third party is told before the reply
        notice = app.letters.get(kind="third_party_disclosure")
        reply = app.letters.get(kind="reply")
        assert notice.sent_on and (not reply.sent_on or notice.sent_on <= reply.sent_on)
