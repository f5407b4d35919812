"""The command shell: usage errors in Chinese with exit status 2, internal errors without tracebacks."""

from __future__ import annotations

import pytest

from gongkai import cli


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "gongkai" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["no-such-command"], "无效的选项"),
        (["deadline"], "缺少必需的参数"),
        (["check", "--no-such-flag", "x.txt"], "无法识别的参数"),
    ],
)
def test_usage_errors_are_chinese(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_an_internal_error_is_one_chinese_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(args: object) -> int:
        raise RuntimeError("simulated bug")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    args = parser.parse_args(["fee", "--pages", "1"])
    monkeypatch.setattr(parser, "parse_args", lambda argv=None: args)
    args._run = boom
    monkeypatch.delenv("GONGKAI_DEBUG", raising=False)
    assert cli.main(["fee", "--pages", "1"]) == 3
    err = capsys.readouterr().err
    assert "内部错误" in err and "RuntimeError" in err
    assert "Traceback" not in err
