"""Fixtures of the renderer tests: reports built from the real numbers of corpus reports."""

from __future__ import annotations

import pytest
from render_fixtures import xichou, yinchuan, zuoling

from gongkai.report.model import Report


@pytest.fixture
def xichou_2023() -> Report:
    return xichou()


@pytest.fixture
def yinchuan_2020() -> Report:
    return yinchuan()


@pytest.fixture
def zuoling_2021() -> Report:
    return zuoling()
