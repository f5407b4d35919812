"""``gongkai check-deploy``: Django's deployment checks plus gongkai's (docs/deploy.md#check-deploy).

Exit status: 0 all passed, 1 warnings only, 2 at least one error.
"""

from __future__ import annotations

import argparse

HELP = "检查本安装是否适合生产环境（密钥、主机名、HTTPS、邮件、日历、备份等）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from gongkai.web.ops.deploy import ERROR, WARNING, exit_status, run_checks

    results = run_checks()
    for result in results:
        print(result)
    errors = sum(r.level == ERROR for r in results)
    warnings = sum(r.level == WARNING for r in results)
    print(f"共 {len(results)} 项：{errors} 项错误，{warnings} 项警告")
    return exit_status(results)
