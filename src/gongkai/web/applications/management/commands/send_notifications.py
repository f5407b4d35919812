"""``gongkai manage send_notifications``: send the e-mails of the outbox that are due (retries too).

Safe to run at any time and from several processes at once: each mail is claimed with a
compare-and-set update before it is sent (see :mod:`gongkai.web.applications.outbox`). ``gongkai
remind`` runs it as well.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.web.applications.outbox import deliver


class Command(BaseCommand):
    help = "发送待发的通知邮件（含失败后的重试）；可重复运行，多个进程同时运行也不会重复发送。"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(deliver().summary())
