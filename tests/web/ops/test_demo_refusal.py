"""The demo loads only into an empty database or its own; anything else needs --force."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.db import connection

from gongkai.web.accounts.models import User
from gongkai.web.demo import DemoRefusedError, load_demo
from gongkai.web.ops.site import tables_with_data

FIRST_STEPS = [
    "gongkai.web.demo.load_calendar",
    "gongkai.web.demo.load_agencies",
    "gongkai.web.demo.load_people",
]


@pytest.mark.django_db
def test_a_freshly_migrated_database_is_not_in_use() -> None:
    assert tables_with_data(connection, connection.vendor) == []


@pytest.mark.django_db
def test_a_database_with_other_data_is_refused_unless_forced(settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_DEMO_STEPS = FIRST_STEPS
    User.objects.create_user(username="real-clerk", password="x-1234567-y")
    with pytest.raises(DemoRefusedError, match="0 个机关、1 个用户") as refused:
        load_demo(io.StringIO())
    assert "--force" in str(refused.value)
    assert not User.objects.filter(username="jingban").exists()
    load_demo(io.StringIO(), force=True)
    assert User.objects.filter(username="jingban").exists()


@pytest.mark.django_db
def test_the_demos_own_database_is_loaded_again(settings) -> None:  # type: ignore[no-untyped-def]
    settings.GONGKAI_DEMO_STEPS = FIRST_STEPS
    load_demo(io.StringIO())
    User.objects.create_user(username="tried-the-demo", password="x-1234567-y")  # a visitor signed up
    load_demo(io.StringIO())  # its county is there: the demo's own database


def test_the_command_refuses_with_a_chinese_line(tmp_path: Path) -> None:
    from .helpers import gongkai

    made = gongkai(tmp_path, None, "manage", "shell", "-c", _MAKE_USER)
    assert made.returncode == 0, made.stderr
    refused = gongkai(tmp_path, None, "demo")
    assert refused.returncode == 2
    assert "已有不是演示数据创建的数据" in refused.stderr and "Traceback" not in refused.stderr


_MAKE_USER = (
    "from django.core.management import call_command; call_command('migrate', verbosity=0); "
    "from gongkai.web.accounts.models import User; User.objects.create_user(username='real', password='x-1234567-y')"
)
