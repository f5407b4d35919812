"""``gongkai fee``: 信息处理费 under 国办函〔2020〕109号, explained band by band.

gongkai fee --pages 150          # 按量计收: 1,700 元
gongkai fee --applications 35    # 按件计收: the month's total (3,000 元) and the 35th (200 元)
"""

from __future__ import annotations

import argparse
import json

from ..errors import GongkaiError

HELP = "计算政府信息公开信息处理费（国办函〔2020〕109号：按件或按量，超额累进）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # One method per application (109号 art. 3). Checked in run() rather than by an argparse group,
    # so that the user gets the Chinese message, not argparse's English one.
    parser.add_argument("--pages", metavar="页数", help="按量计收：本申请提供信息的页数（第五条）")
    parser.add_argument(
        "--applications",
        metavar="件数",
        help="按件计收：申请人本自然月累计申请件数（第四条）；显示当月合计和第N件的费用",
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def _parse_int(text: str, where: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise GongkaiError(f"“{text}”不是整数", where=where) from None


def run(args: argparse.Namespace) -> int:
    from ..law.fees import monthly_application_fees, per_application_fee, per_volume_fee

    if (args.pages is None) == (args.applications is None):
        raise GongkaiError(
            "请选择一种计收方式：--pages 页数（按量计收）或 --applications 件数（按件计收），二者只能选一"
        )
    if args.pages is not None:
        fees = [per_volume_fee(_parse_int(args.pages, "--pages"))]
    else:
        count = _parse_int(args.applications, "--applications")
        fees = [monthly_application_fees(count)]
        if count >= 1:
            fees.append(per_application_fee(count))
    if args.json:
        payload = [f.to_json() for f in fees]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
        return 0
    print("\n\n".join("\n".join(f.explain()) for f in fees))
    return 0
