"""Statistics: table 三 of the annual report from the agency's records (scope stats:read)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from gongkai.web.applications import stats

from .auth import caller
from .errors import responses
from .models import Scope
from .schemas import Table3Out

router = Router(tags=["统计"])


@router.get("/statistics/table3", response=responses({200: Table3Out}), url_name="statistics_table3")
def statistics_table3(request: HttpRequest, year: int = Query(..., ge=2008, le=2100)) -> dict[str, Any]:
    """本机关某年依申请公开情况（年度报告表三，175 个单元格）及核心规则的检查结果。"""
    who = caller(request, Scope.STATS_READ)
    return {
        "agency": who.agency.name,
        "year": year,
        "cells": stats.table3(who.agency, year),
        "findings": [f.to_json() for f in stats.table3_findings(who.agency, year)],
    }
