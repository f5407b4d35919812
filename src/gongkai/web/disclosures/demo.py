"""Demo step: the real Putian sample (data/putian-disclosures.jsonl) in 青溪县人民政府办公室 (qx-office).

The items are real public information of 莆田市人民政府 (data/SOURCE.md), loaded as they were
published so that the 专栏 and search have real content from the first run; and one 规范性文件 with
its 政策解读 written for the demo county, to show the link and table 二 第二十条第（一）项.
Idempotent: re-running updates the same items by their source id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from . import services
from .importer import run_import, sample_path
from .models import CatalogueNode, Item, Term

OFFICE = "qx-office"


def load(context: Any) -> None:
    agency = context.agencies[OFFICE]
    for code in context.agencies:
        if code.startswith("qx") and context.agencies[code].is_current():
            services.ensure_catalogue(context.agencies[code])
    report = run_import(sample_path(), OFFICE)
    context.say(f"主动公开：莆田市政府网站真实样本 {report.created + report.updated} 条已载入 {agency.name}")
    _demo_policy(agency)
    _annual_reports(context)


def _annual_reports(context: Any) -> None:
    """Two real published reports of 莆田 (data/SOURCE.md), read by the core, in the 年报 column."""
    from .annual import upload
    from .models import AnnualReport

    for code, name in ((OFFICE, "putian-szfbgs-2019.txt"), ("qx-development", "putian-kjj-2025.txt")):
        agency = context.agencies[code]
        if not AnnualReport.objects.filter(agency=agency, name=name).exists():
            upload(agency, None, name, (sample_path().parent / name).read_bytes())


def _demo_policy(agency: Any) -> None:
    if Item.objects.filter(agency=agency, source_id="demo-policy-1").exists():
        return
    terms = {(t.kind, t.code): t for t in Term.objects.all()}
    column = CatalogueNode.objects.get(agency=agency, slug="fgwj")
    now = timezone.now()
    policy = Item.objects.create(
        agency=agency,
        index_number=services.next_index_number(agency, 2026, "fgwj"),
        title="青溪县人民政府办公室关于进一步做好政务公开工作的通知",
        publisher=agency.name,
        written_on=dt.date(2026, 3, 2),
        published_at=now - dt.timedelta(days=200),
        doc_number="青政办〔2026〕3号",
        topic=terms[("topic", "zhengwu")],
        genre=terms[("genre", "normative")],
        catalogue=column,
        body="<p>各乡镇人民政府、街道办事处，县直各部门：</p><p>为深入贯彻《中华人民共和国政府信息公开条例》，"
        "现就进一步做好政务公开工作通知如下：一、严格落实公开属性源头认定；二、规范政府信息公开专栏；"
        "三、同步做好政策解读。（演示数据）</p>",
        article20_items=[1],
        status="published",
        source_id="demo-policy-1",
    )
    Item.objects.create(
        agency=agency,
        index_number=services.next_index_number(agency, 2026, "zcjd"),
        title="《青溪县人民政府办公室关于进一步做好政务公开工作的通知》政策解读",
        publisher=agency.name,
        written_on=dt.date(2026, 3, 2),
        published_at=now - dt.timedelta(days=200),
        topic=terms[("topic", "zhengwu")],
        genre=terms[("genre", "interpretation")],
        catalogue=CatalogueNode.objects.get(agency=agency, slug="zcjd"),
        body="<p>一、起草背景。二、主要内容：源头认定、专栏规范、同步解读。（演示数据）</p>",
        article20_items=[1],
        interprets=policy,
        status="published",
        source_id="demo-policy-1-jd",
    )
    policy.validity_events.create(kind="issued", date=dt.date(2026, 3, 2))
    from . import search

    for item in Item.objects.filter(source_id__startswith="demo-policy-1"):
        search.index_item(item)
