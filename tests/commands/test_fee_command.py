"""``gongkai fee``: output, options and exit codes."""

from __future__ import annotations

import json

import pytest

from gongkai.cli import main


def test_pages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fee", "--pages", "150"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("信息处理费（按量计收）：150页，共1,700元\n")
    assert "第101–200页：20元/页 × 50页 = 1,000元" in out


def test_applications(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fee", "--applications", "35"]) == 0
    out = capsys.readouterr().out
    assert "一个自然月内累计35件申请，共3,000元" in out
    assert "本自然月第35件申请，共200元" in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fee", "--pages", "150", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["yuan"] == 1700
    assert data["method"] == "per_volume"
    assert main(["fee", "--applications", "35", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["yuan"] for d in data] == [3000, 200]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--pages", "-3"), "页数不能小于0"),
        (("--pages", "many"), "不是整数"),
        (("--applications", "0.5"), "不是整数"),
    ],
)
def test_bad_input(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str) -> None:
    assert main(["fee", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err


@pytest.mark.parametrize("argv", [(), ("--pages", "10", "--applications", "3")])
def test_exactly_one_method(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    assert main(["fee", *argv]) == 2
    assert "二者只能选一" in capsys.readouterr().err
