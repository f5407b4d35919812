"""The ``gongkai`` command.

Each subcommand lives in its own module under :mod:`gongkai.commands` with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``. Modules import their heavy dependencies (and
Django, for the platform commands) inside ``run`` so that the core commands start fast and work
without Django configured.

Exit status: 0 fine; 1 a report has errors (``check``); 2 unusable input or usage error;
3 an internal error (a bug: reported in one Chinese line, with the traceback only under
``GONGKAI_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
import typing
from collections.abc import Sequence
from types import ModuleType

from .errors import GongkaiError

#: (name, module) in the order shown by ``gongkai --help``. A module that is not installed yet is
#: skipped, so the list can name commands that later work adds.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("check", "gongkai.commands.check"),
    ("parse", "gongkai.commands.parse"),
    ("render", "gongkai.commands.render"),
    ("compare", "gongkai.commands.compare"),
    ("batch", "gongkai.commands.batch"),
    ("deadline", "gongkai.commands.deadline"),
    ("fee", "gongkai.commands.fee"),
    ("serve", "gongkai.commands.serve"),
    ("worker", "gongkai.commands.worker"),
    ("demo", "gongkai.commands.demo"),
    ("stats", "gongkai.commands.stats"),
    ("supervise", "gongkai.commands.supervise"),
    ("remind", "gongkai.commands.remind"),
    ("register", "gongkai.commands.register"),
    ("report", "gongkai.commands.report"),
    ("manage", "gongkai.commands.manage"),
    ("backup", "gongkai.commands.backup"),
    ("restore", "gongkai.commands.restore"),
    ("check-deploy", "gongkai.commands.check_deploy"),
)


def _load(module_name: str) -> ModuleType | None:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise


_USAGE_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    ("the following arguments are required: ", "缺少必需的参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("expected one argument", "需要一个参数值"),
    ("invalid choice: ", "无效的选项："),
    ("choose from ", "可选："),
    ("invalid int value: ", "不是有效的整数："),
    ("invalid float value: ", "不是有效的数字："),
    ("argument ", "参数 "),
    ("not allowed with argument ", "不能与此参数同时使用："),
    ("ambiguous option: ", "有歧义的选项："),
    ("could match ", "可能是 "),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese: one line plus the usage, exit status 2."""

    def error(self, message: str) -> typing.NoReturn:
        for english, chinese in _USAGE_TRANSLATIONS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 用法错误：{message}\n（使用 -h 查看帮助）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="gongkai",
        description="gongkai（公开）：政府信息公开工作年度报告的检查、解析、生成，以及依申请公开办理平台。",
    )
    parser._positionals.title = "命令"
    parser._optionals.title = "选项"
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    for name, module_name in COMMANDS:
        module = _load(module_name)
        if module is None:
            continue
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .report.read.pdf import quiet_library_logs

    quiet_library_logs()
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "_run", None)
    if run is None:
        parser.print_help()
        return 2
    try:
        return int(run(args))
    except GongkaiError as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("gongkai: 已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("GONGKAI_DEBUG"):
            traceback.print_exc()
        print(
            f"gongkai: 内部错误（{type(exc).__name__}）：{exc}。这是 gongkai 的缺陷，请连同输入文件一并报告；"
            "设置 GONGKAI_DEBUG=1 可查看详细信息。",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
