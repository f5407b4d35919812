"""``gongkai serve [--demo] [--host H] [--port P]``: migrate, optionally load the demo, and serve.

The server is waitress (a production WSGI server, also on Windows) with whitenoise serving the
static files collected into the data directory (docs/decisions.md D3, D12). Never ``runserver``.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import sys
from typing import Any

from gongkai.errors import GongkaiError

HELP = "启动平台（默认 http://127.0.0.1:8000/）；--demo 同时载入演示数据"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，仅本机可访问）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.add_argument("--demo", action="store_true", help="载入演示数据（可重复运行，不会重复创建）")
    parser.add_argument(
        "--force-demo", action="store_true", help="与 --demo 同用：数据库已有非演示数据时仍然载入"
    )
    parser.add_argument("--threads", type=int, default=8, help="工作线程数（默认 8）")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="进程内运行的后台任务线程数（默认 1，即 GONGKAI_SERVE_WORKERS；0 表示另行运行 gongkai worker）",
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_port_free(host: str, port: int) -> None:
    """Fail fast, before migrating, when the address is taken (waitress would fail later anyway)."""
    if not 0 < port < 65536:
        raise GongkaiError(f"端口 {port} 无效（应为 1–65535）")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise GongkaiError(
                f"无法在 {host}:{port} 上启动：{'端口已被占用' if exc.errno in (98, 48, 10048) else exc.strerror}；"
                "请用 --port 指定其他端口，或先停止占用该端口的程序"
            ) from None


def _start_workers(requested: int | None) -> list[Any]:
    """The background-task worker threads of this process (database backend only; decision D41)."""
    from django.conf import settings

    count = settings.GONGKAI_SERVE_WORKERS if requested is None else requested
    if count < 0:
        raise GongkaiError(f"--workers {count} 无效（应为 0 或正整数）")
    if count == 0 or settings.GONGKAI_TASKS_BACKEND != "database":
        if settings.GONGKAI_TASKS_BACKEND == "redis":
            print("后台任务：Redis 队列，请另行运行 gongkai worker。", flush=True)
        return []
    from gongkai.web.tasks.worker import start_in_thread

    print(f"后台任务：进程内 {count} 个工作线程（数据库队列）。", flush=True)
    return start_in_thread(count)


def run(args: argparse.Namespace) -> int:
    _check_port_free(args.host, args.port)
    if _is_loopback(args.host):
        # Plain HTTP on this machine: cookies marked Secure would not be sent back (decision D13).
        os.environ.setdefault("GONGKAI_SECURE_COOKIES", "0")
    if args.demo:
        # The demo prints the notification mails on the console (docs/applications.md#the-applicant).
        os.environ.setdefault("GONGKAI_EMAIL_BACKEND", "console")
    os.environ.setdefault("GONGKAI_SITE_URL", f"http://{args.host}:{args.port}")

    from gongkai.web import bootstrap

    bootstrap.setup()
    bootstrap.migrate(sys.stdout)
    bootstrap.collect_static()
    if args.demo:
        from gongkai.web.demo import load_demo

        load_demo(sys.stdout, force=args.force_demo)

    from django.conf import settings
    from waitress import create_server

    from gongkai.web.wsgi import application

    proxy: dict[str, object] = {}
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind the HTTPS reverse proxy (GONGKAI_BEHIND_TLS_PROXY): believe its forwarded headers,
        # and only its own (waitress drops them from anyone else).
        proxy = {
            "trusted_proxy": os.environ.get("GONGKAI_TRUSTED_PROXY", "127.0.0.1"),
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"},
        }
    try:
        server = create_server(
            application,
            host=args.host,
            port=args.port,
            threads=max(1, args.threads),
            ident="gongkai",
            max_request_body_size=settings.GONGKAI_MAX_UPLOAD_BYTES + 1024 * 1024,
            clear_untrusted_proxy_headers=True,
            # idle or half-sent connections neither hold a thread nor, up to this many, block new
            # visitors; they are closed after the timeout (docs/platform.md, "Connections")
            connection_limit=settings.GONGKAI_SERVE_CONNECTION_LIMIT,
            channel_timeout=settings.GONGKAI_SERVE_CHANNEL_TIMEOUT,
            **proxy,
        )
    except OSError as exc:
        raise GongkaiError(f"无法在 {args.host}:{args.port} 上启动：{exc.strerror or exc}") from None
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"gongkai 已启动：http://{shown_host}:{args.port}/ （数据目录 {settings.DATA_DIR}；按 Ctrl+C 停止）",
        flush=True,
    )
    if not _is_loopback(args.host):
        print(
            "提示：对外服务请置于 HTTPS 反向代理之后，并设置 GONGKAI_ALLOWED_HOSTS 与 GONGKAI_BEHIND_TLS_PROXY=1。",
            flush=True,
        )
    workers = _start_workers(args.workers)
    try:
        server.run()
    except KeyboardInterrupt:
        print("gongkai 已停止。", flush=True)
    finally:
        for worker in workers:
            worker.stop()
        server.close()
    return 0
