"""The demo: a fictional county (青溪县) with its departments, townships and one user per role.

:func:`load_demo` runs the steps listed in ``settings.GONGKAI_DEMO_STEPS`` in order; each step is a
function ``load(context: DemoContext) -> None`` and must be idempotent (running the demo twice
changes nothing the second time). Later work appends its own steps (e.g. a year of applications).

Steps find what earlier steps made in the context: ``context.agencies[code]`` (codes below) and
``context.users[persona]`` (persona names as in the tests: ``clerk``, ``reviewer``, ``approver``,
``agency_admin``, ``supervisor``, ``applicant``, ``sysadmin``).

The county, its people and its contacts are invented; any likeness to a real agency is accidental.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from gongkai.errors import GongkaiError
from gongkai.web.accounts.models import ApplicantProfile, Membership, Role, User
from gongkai.web.agencies.models import Agency, AgencySuccession, Kind, Level, SuccessionKind

#: The county government: supervisors sit in its 政务公开办; the staff personas in its education bureau.
COUNTY = "qx-county"
BUREAU = "qx-education"


@dataclass
class DemoAccount:
    label: str
    username: str
    password: str
    agency: str


@dataclass
class DemoContext:
    stdout: TextIO
    today: dt.date
    agencies: dict[str, Agency] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.stdout.write(line + "\n")


# (code, name, short name, kind, level, parent code, valid_from, valid_to)
_AGENCIES: tuple[tuple[str, str, str, str, str, str | None, str | None, str | None], ...] = (
    (COUNTY, "青溪县人民政府", "青溪县政府", Kind.GOVERNMENT, Level.COUNTY, None, None, None),
    ("qx-office", "青溪县人民政府办公室", "县政府办", Kind.DEPARTMENT, Level.COUNTY, COUNTY, None, None),
    ("qx-development", "青溪县发展和改革局", "县发改局", Kind.DEPARTMENT, Level.COUNTY, COUNTY, None, None),
    (BUREAU, "青溪县教育局", "县教育局", Kind.DEPARTMENT, Level.COUNTY, COUNTY, None, None),
    ("qx-finance", "青溪县财政局", "县财政局", Kind.DEPARTMENT, Level.COUNTY, COUNTY, None, None),
    (
        "qx-natural-resources",
        "青溪县自然资源局",
        "县自然资源局",
        Kind.DEPARTMENT,
        Level.COUNTY,
        COUNTY,
        "2019-03-01",
        None,
    ),
    ("qx-housing", "青溪县住房和城乡建设局", "县住建局", Kind.DEPARTMENT, Level.COUNTY, COUNTY, None, None),
    ("qx-health", "青溪县卫生健康局", "县卫健局", Kind.DEPARTMENT, Level.COUNTY, COUNTY, "2019-03-01", None),
    (
        "qx-market",
        "青溪县市场监督管理局",
        "县市场监管局",
        Kind.DEPARTMENT,
        Level.COUNTY,
        COUNTY,
        "2019-03-01",
        None,
    ),
    (
        "qx-culture-tourism",
        "青溪县文化和旅游局",
        "县文旅局",
        Kind.DEPARTMENT,
        Level.COUNTY,
        COUNTY,
        "2019-03-01",
        None,
    ),
    # Before the 2019 机构改革: merged into 文化和旅游局; kept for the history of their records.
    (
        "qx-culture-old",
        "青溪县文化广电新闻出版局",
        "县文广新局",
        Kind.DEPARTMENT,
        Level.COUNTY,
        COUNTY,
        None,
        "2019-03-01",
    ),
    ("qx-tourism-old", "青溪县旅游局", "县旅游局", Kind.DEPARTMENT, Level.COUNTY, COUNTY, None, "2019-03-01"),
    ("qx-chengguan", "青溪县城关镇人民政府", "城关镇", Kind.TOWNSHIP, Level.TOWNSHIP, COUNTY, None, None),
    ("qx-qiaotou", "青溪县桥头镇人民政府", "桥头镇", Kind.TOWNSHIP, Level.TOWNSHIP, COUNTY, None, None),
    ("qx-shimen", "青溪县石门乡人民政府", "石门乡", Kind.TOWNSHIP, Level.TOWNSHIP, COUNTY, None, None),
    (
        "qx-dongcheng",
        "青溪县东城街道办事处",
        "东城街道",
        Kind.SUBDISTRICT,
        Level.TOWNSHIP,
        COUNTY,
        None,
        None,
    ),
    # An unrelated county, to show isolation.
    ("bs-county", "白沙县人民政府", "白沙县政府", Kind.GOVERNMENT, Level.COUNTY, None, None, None),
)

_SUCCESSIONS = (
    ("qx-culture-old", "qx-culture-tourism", SuccessionKind.MERGED),
    ("qx-tourism-old", "qx-culture-tourism", SuccessionKind.MERGED),
)

# (persona, username, password, display name, agency code or None, role or None)
_PEOPLE: tuple[tuple[str, str, str, str, str | None, str | None], ...] = (
    ("clerk", "jingban", "demo-jingban-2026", "李经办", BUREAU, Role.CLERK),
    ("reviewer", "shenhe", "demo-shenhe-2026", "王审核", BUREAU, Role.REVIEWER),
    ("approver", "fuze", "demo-fuze-2026", "赵负责", BUREAU, Role.APPROVER),
    ("agency_admin", "jigou", "demo-jigou-2026", "钱管理", BUREAU, Role.AGENCY_ADMIN),
    ("supervisor", "jiandu", "demo-jiandu-2026", "孙监督（县政务公开办）", COUNTY, Role.SUPERVISOR),
    ("other_agency_clerk", "baisha", "demo-baisha-2026", "周经办（白沙县）", "bs-county", Role.CLERK),
    ("applicant", "shenqing", "demo-shenqing-2026", "张三", None, None),
    ("sysadmin", "admin", "demo-admin-2026", "系统管理员", None, None),
)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_calendar(context: DemoContext) -> None:
    """Make sure the national calendar is in the table (a fresh database is seeded by migrate)."""
    from gongkai.web.calendar.services import incomplete_years, seed_bundled, work_calendar

    added = seed_bundled()
    calendar = work_calendar()
    years = sorted(calendar.years)
    span = f"{years[0]}–{years[-1]}年" if years else "无"
    context.say(f"工作日历：已载入 {span}" + (f"（新增 {added} 天）" if added else ""))
    if incomplete_years():
        context.say(f"注意：以下年份的节假日安排不完整，视为未载入：{incomplete_years()}")


def load_agencies(context: DemoContext) -> None:
    for code, name, short, kind, level, parent, valid_from, valid_to in _AGENCIES:
        agency, _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "level": level,
                "parent": context.agencies.get(parent) if parent else None,
                "valid_from": _date(valid_from),
                "valid_to": _date(valid_to),
                "office_name": f"{name}政府信息公开工作机构"
                if kind != Kind.GOVERNMENT
                else f"{name}办公室（政务公开办）",
                "office_address": f"青溪县人民路{len(context.agencies) + 1}号"
                if code.startswith("qx")
                else "白沙县中山路1号",
                "office_postcode": "999001",
                "office_phone": f"0999-{6600000 + len(context.agencies) * 11}",
                "office_hours": "工作日 8:30–12:00，14:30–17:30",
            },
        )
        context.agencies[code] = agency
    for old, new, kind in _SUCCESSIONS:
        AgencySuccession.objects.get_or_create(
            predecessor=context.agencies[old],
            successor=context.agencies[new],
            defaults={"kind": kind, "date": dt.date(2019, 3, 1), "basis": "青溪县机构改革方案（示例）"},
        )
    current = Agency.objects.filter(code__in=context.agencies).current().count()
    context.say(f"机关：{len(context.agencies)} 个（现存 {current} 个，含机构改革前的历史机关）")


def load_people(context: DemoContext) -> None:
    for persona, username, password, display, agency_code, role in _PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            if persona == "sysadmin":
                user = User.objects.create_superuser(
                    username=username, password=password, email="admin@example.org"
                )
                user.display_name = display
                user.save(update_fields=["display_name"])
            else:
                user = User.objects.create_user(
                    username=username,
                    password=password,
                    display_name=display,
                    email=f"{username}@example.org",
                )
        if agency_code and role:
            Membership.objects.get_or_create(user=user, agency=context.agencies[agency_code], role=role)
        if persona == "applicant":
            ApplicantProfile.objects.get_or_create(
                user=user,
                defaults={
                    "applicant_type": "natural_person",
                    "category": "np",
                    "name": display,
                    "address": "青溪县城关镇和平街8号",
                    "phone": "13800000000",
                },
            )
        context.users[persona] = user
        label = Role(role).label if role else ("系统管理员" if persona == "sysadmin" else "申请人")
        where = context.agencies[agency_code].name if agency_code else "—"
        context.accounts.append(DemoAccount(label, username, password, where))


class DemoRefusedError(GongkaiError):
    """The database holds data the demo did not make."""


def check_own_database(*, force: bool = False) -> None:
    """Refuse a database that is not the demo's own: one with agencies or users while the demo's
    county (its marker) is absent. ``force`` loads it all the same."""
    if force or Agency.objects.filter(code=COUNTY, name=_AGENCIES[0][1]).exists():
        return
    agencies, users = Agency.objects.count(), User.objects.count()
    if agencies or users:
        from gongkai.web.bootstrap import describe_database

        raise DemoRefusedError(
            f"{describe_database()}已有不是演示数据创建的数据（{agencies} 个机关、{users} 个用户）；"
            "演示数据只载入空数据库或演示自己的数据库，以免与真实数据混在一起。确需载入请加 --force"
        )


def load_demo(stdout: TextIO, *, today: dt.date | None = None, force: bool = False) -> DemoContext:
    """Run every step of ``settings.GONGKAI_DEMO_STEPS`` in one transaction; print the demo accounts.

    Refuses a database that is not the demo's own unless ``force`` (:func:`check_own_database`).
    """
    from django.utils import timezone

    check_own_database(force=force)
    context = DemoContext(stdout=stdout, today=today or timezone.localdate())
    steps: list[Callable[[DemoContext], Any]] = [import_string(path) for path in settings.GONGKAI_DEMO_STEPS]
    with transaction.atomic():
        for step in steps:
            step(context)
    print_accounts(context)
    return context


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def print_accounts(context: DemoContext) -> None:
    context.say("演示账号（仅供演示，请勿用于生产环境）：")
    for account in context.accounts:
        context.say(
            f"  {_pad(account.label, 10)}  用户名 {_pad(account.username, 10)}  "
            f"密码 {_pad(account.password, 20)}  {account.agency}"
        )
