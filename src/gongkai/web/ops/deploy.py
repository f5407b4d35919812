"""``gongkai check-deploy``: is this installation ready for production? (docs/deploy.md#check-deploy)

Django's own deployment checks (``manage.py check --deploy``) plus gongkai's: the secret key, the
host names, HTTPS behind the reverse proxy, e-mail, the working-day calendar of this year and the
next, pending migrations, the database, and backups. Each result is one Chinese line with its
level: OK, 警告 (works, but should be fixed) or 错误 (not fit for production).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

OK, WARNING, ERROR = "OK", "警告", "错误"
_RANK = {OK: 0, WARNING: 1, ERROR: 2}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@dataclass(frozen=True)
class Result:
    level: str
    message: str

    def __str__(self) -> str:
        return f"[{self.level}] {self.message}"


def exit_status(results: list[Result]) -> int:
    """0 when every check passed, 1 when the worst is a warning, 2 when any is an error."""
    return max((_RANK[r.level] for r in results), default=0)


def check_django() -> Iterator[Result]:
    from django.core import checks

    # security.W004 (HSTS) is said in Chinese by check_https.
    messages = [m for m in checks.run_checks(include_deployment_checks=True) if m.id != "security.W004"]
    for message in messages:
        level = ERROR if message.level >= checks.ERROR else WARNING
        yield Result(level, f"Django 检查 {message.id}：{message.msg}")
    if not messages:
        yield Result(OK, "Django 部署检查（check --deploy）无问题")


def check_debug() -> Iterator[Result]:
    from django.conf import settings

    if settings.DEBUG:
        yield Result(ERROR, "GONGKAI_DEBUG 已开启：生产环境会泄露内部信息，请关闭")
    else:
        yield Result(OK, "调试模式已关闭")


def check_secret_key() -> Iterator[Result]:
    from django.conf import settings

    key = settings.SECRET_KEY
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure"):
        yield Result(
            ERROR, "密钥太弱（至少 50 个字符、不少于 5 种字符，且不得是 django-insecure 开头的示例密钥）"
        )
        return
    if os.environ.get("GONGKAI_SECRET_KEY"):
        yield Result(OK, "密钥来自环境变量 GONGKAI_SECRET_KEY")
        return
    path = Path(settings.DATA_DIR) / "secret_key"
    if path.exists() and stat.S_IMODE(path.stat().st_mode) & 0o077:
        yield Result(ERROR, f"密钥文件 {path} 可被其他用户读取；请执行 chmod 600")
    else:
        yield Result(OK, f"密钥保存在 {path}（仅所有者可读；不在备份中，请另行妥善保管）")


def check_hosts() -> Iterator[Result]:
    from django.conf import settings

    hosts = set(settings.ALLOWED_HOSTS)
    if "*" in hosts:
        yield Result(ERROR, "GONGKAI_ALLOWED_HOSTS 含 *：任何主机名都会被接受，请列出本平台的域名")
    elif hosts <= LOOPBACK_HOSTS:
        yield Result(
            ERROR, "GONGKAI_ALLOWED_HOSTS 只有本机地址：请设为对外服务的域名（如 gongkai.example.gov.cn）"
        )
    else:
        yield Result(OK, f"允许的主机名：{', '.join(sorted(hosts - LOOPBACK_HOSTS))}")


def check_https() -> Iterator[Result]:
    from django.conf import settings

    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        yield Result(ERROR, "未声明 HTTPS 反向代理：请在 HTTPS 代理之后运行并设置 GONGKAI_BEHIND_TLS_PROXY=1")
    else:
        yield Result(OK, "运行在 HTTPS 反向代理之后（GONGKAI_BEHIND_TLS_PROXY）")
    if not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
        yield Result(ERROR, "Cookie 未标记 Secure：请勿设置 GONGKAI_SECURE_COOKIES=0")
    if not getattr(settings, "SECURE_HSTS_SECONDS", 0):
        yield Result(
            WARNING, "未启用 HSTS：确认所有域名都有 HTTPS 后设置 GONGKAI_HSTS_SECONDS（如 31536000）"
        )
    if not str(settings.GONGKAI_SITE_URL).startswith("https://"):
        yield Result(WARNING, "GONGKAI_SITE_URL 未设为 https:// 地址：通知邮件中的链接将缺失或不安全")


def check_email() -> Iterator[Result]:
    from django.conf import settings

    if not settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        yield Result(
            WARNING, "邮件未经 SMTP 发出（GONGKAI_EMAIL_BACKEND 不是 smtp）：申请人收不到通知和密码重置邮件"
        )
    else:
        yield Result(OK, f"邮件经 SMTP 服务器 {settings.EMAIL_HOST}:{settings.EMAIL_PORT} 发出")
    if settings.DEFAULT_FROM_EMAIL.rstrip(">").endswith("@localhost"):
        yield Result(WARNING, "GONGKAI_DEFAULT_FROM_EMAIL 仍是默认的 gongkai@localhost")


def check_database(today: dt.date) -> Iterator[Result]:
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        yield Result(
            ERROR, f"无法连接数据库：{str(exc).strip().splitlines()[0] if str(exc).strip() else exc}"
        )
        return
    if pending:
        yield Result(ERROR, f"有 {len(pending)} 个数据库迁移未应用：请运行 gongkai manage migrate")
    else:
        yield Result(OK, "数据库结构是最新的")
    if connection.vendor == "sqlite":
        yield Result(WARNING, "使用 SQLite：多个 Web 进程与后台任务并发时建议改用 PostgreSQL（DATABASE_URL）")
    yield from check_calendar(today)


def check_calendar(today: dt.date) -> Iterator[Result]:
    from gongkai.web.calendar.services import work_calendar

    years = work_calendar().years
    if today.year not in years:
        yield Result(
            ERROR, f"工作日历缺少 {today.year} 年：期限将按暂定日历计算；请导入国务院办公厅的节假日安排"
        )
    if today.year + 1 in years:
        yield Result(OK, f"工作日历已载入 {today.year + 1} 年")
    else:
        # From December, cases received now are due in January: next year's notice is needed.
        level = ERROR if today.month == 12 else WARNING
        yield Result(
            level,
            f"工作日历尚未载入 {today.year + 1} 年（国务院办公厅通常在每年 10–11 月公布）：跨年的期限将标为暂定；"
            "公布后运行 gongkai manage import_calendar 文件",
        )


def check_backups(now: dt.datetime) -> Iterator[Result]:
    from django.conf import settings

    from .backup import NAME_PREFIX

    directory = settings.GONGKAI_BACKUP_DIR
    if not directory:
        yield Result(
            ERROR, "未配置备份：请设置 GONGKAI_BACKUP_DIR 并定时运行 gongkai backup（见 docs/deploy.md）"
        )
        return
    path = Path(directory)
    if not path.is_dir():
        yield Result(ERROR, f"备份目录 {path} 不存在")
        return
    archives = sorted(path.glob(f"{NAME_PREFIX}*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not archives:
        yield Result(ERROR, f"备份目录 {path} 中还没有备份：请运行 gongkai backup 并安排每日定时任务")
        return
    newest = archives[-1]
    age = now - dt.datetime.fromtimestamp(newest.stat().st_mtime, tz=dt.UTC)
    limit = settings.GONGKAI_BACKUP_MAX_AGE_DAYS
    if age > dt.timedelta(days=limit):
        yield Result(
            ERROR, f"最新的备份 {newest.name} 已有 {age.days} 天（超过 {limit} 天）：定时备份可能已停止"
        )
    else:
        hours = int(age.total_seconds() // 3600)
        yield Result(OK, f"最新的备份 {newest.name}（{hours} 小时前），共 {len(archives)} 份")


def run_checks(now: dt.datetime | None = None) -> list[Result]:
    from django.utils import timezone

    now = now or dt.datetime.now(dt.UTC)
    today = timezone.localtime(now).date()
    groups: list[Callable[[], Iterator[Result]]] = [
        check_django,
        check_debug,
        check_secret_key,
        check_hosts,
        check_https,
        check_email,
        lambda: check_database(today),
        lambda: check_backups(now),
    ]
    return [result for group in groups for result in group()]
