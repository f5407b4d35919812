"""``gongkai manage reorganise_agencies --kind merged --from A,B --to C --date 2019-03-01 --basis "…"``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.web.agencies.models import Agency, SuccessionKind
from gongkai.web.agencies.services import reorganise


class Command(BaseCommand):
    help = "登记机构改革（合并、分设、更名、职责划转）：原机关撤销，承继机关设立，沿革可查"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", required=True, choices=[k.value for k in SuccessionKind], help="变更类型"
        )
        parser.add_argument("--from", dest="old", required=True, help="原机关代码，以逗号分隔")
        parser.add_argument("--to", dest="new", required=True, help="承继机关代码，以逗号分隔")
        parser.add_argument("--date", required=True, help="生效日期 YYYY-MM-DD")
        parser.add_argument("--basis", default="", help="依据文件")
        parser.add_argument("--by", required=True, help="登记人（系统管理员的用户名）")

    def _agencies(self, codes: str) -> list[Agency]:
        wanted = [c.strip() for c in codes.split(",") if c.strip()]
        found = {a.code: a for a in Agency.objects.filter(code__in=wanted)}
        missing = [c for c in wanted if c not in found]
        if missing:
            raise CommandError(f"没有这些机关代码：{'、'.join(missing)}", returncode=2)
        return [found[c] for c in wanted]

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            date = dt.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(f"日期“{options['date']}”无法识别，应写作 YYYY-MM-DD", returncode=2) from None
        actor = get_user_model().objects.filter(username=options["by"], is_superuser=True).first()
        if actor is None:
            raise CommandError(f"{options['by']} 不是系统管理员", returncode=2)
        try:
            links = reorganise(
                actor,
                kind=options["kind"],
                predecessors=self._agencies(options["old"]),
                successors=self._agencies(options["new"]),
                date=date,
                basis=options["basis"],
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages), returncode=2) from None
        for link in links:
            self.stdout.write(f"已登记：{link}")
