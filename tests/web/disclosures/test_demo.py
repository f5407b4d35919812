"""The demo: the real Putian sample in 县政府办 (qx-office), the five columns, search by body word and 文号."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from gongkai.web.demo import load_demo
from gongkai.web.disclosures.models import AnnualReport, Item

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_register(settings) -> None:
    assert "gongkai.web.disclosures.demo.load" in settings.GONGKAI_DEMO_STEPS
    out = io.StringIO()
    load_demo(out)
    assert "莆田市政府网站真实样本 119 条" in out.getvalue()
    assert (
        Item.objects.public().filter(agency__code="qx-office", source_id__startswith="ptgov-").count() == 119
    )
    # the register's two real reports (the supervision step adds the county's generated 2024–2025 ones)
    assert AnnualReport.objects.filter(name__startswith="putian-").count() == 2
    client = Client()
    home = client.get("/").content.decode()
    for column in (
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "依申请公开",
    ):
        assert column in home
    content = client.get("/zfxxgk/content/?agency=青溪县人民政府办公室").content.decode()
    assert "共 121 条" in content
    assert "防治慢性病" in client.get("/search/", {"q": "防治效果"}).content.decode()
    assert "翁金坤" in client.get("/search/", {"q": "莆政人〔2015〕4号"}).content.decode()
    load_demo(io.StringIO())  # idempotent
    assert Item.objects.filter(agency__code="qx-office").count() == 121
