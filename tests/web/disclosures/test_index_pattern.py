"""Per-agency 索引号 patterns: data, validated, unique, used when an item is created."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.web.audit.models import AuditEvent
from gongkai.web.disclosures import services
from gongkai.web.disclosures.index_numbers import set_pattern, validate_pattern

from .helpers import item_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "pattern",
    [
        "{org}-{cat}-{year}-{seq:05d}",
        "{org}/{year}-{seq:04d}",
        "XCJY-{cat}-{year}-{seq}",
        "新教{year}{seq:03d}",
    ],
)
def test_valid_patterns(pattern: str) -> None:
    validate_pattern(pattern)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("", "不能为空"),
        ("{org}-{year}", "以流水号 {seq} 结尾"),
        ("{org}-{seq}-{year}", "以流水号 {seq} 结尾"),
        ("{org}-{year}-{seq}号", "以流水号 {seq} 结尾"),
        ("{org}-{year}-{seq}-{seq}", "只出现一次"),
        ("{org}-{cat}-{seq:05d}", "必须包含年份"),
        ("{name}-{year}-{seq}", "未知的占位符"),
        ("{org}-{year}-{seq:5}", "写法不正确"),
        ("{org!r}-{year}-{seq}", "写法不正确"),
        ("{org} {year}-{seq}", "不允许的字符"),
        ("{org-{year}-{seq}", "花括号"),
    ],
)
def test_invalid_patterns_get_chinese_messages(pattern: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_pattern(pattern)
    assert message in exc.value.messages[0]


def test_the_agency_pattern_is_used_at_creation_and_numbers_stay_unique(personas) -> None:  # type: ignore[no-untyped-def]
    admin = personas.users["agency_admin"]
    year = timezone.localdate().year
    first = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
    set_pattern(admin, personas.bureau, "XCJY-{cat}-{year}-{seq:04d}")
    second = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
    third = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
    assert second.index_number == f"XCJY-FGWJ-{year}-0001" and third.index_number == f"XCJY-FGWJ-{year}-0002"
    first.refresh_from_db()
    assert not first.index_number.startswith("XCJY")  # existing numbers stay
    # another agency with an overlapping pattern never reuses a number (unique across the register)
    set_pattern(admin, personas.bureau, "{org}-{cat}-{year}-{seq:04d}", org_code="XCJY")
    fourth = services.create_item(personas.bureau, personas.users["clerk"], item_data(personas.bureau))
    assert fourth.index_number == f"XCJY-FGWJ-{year}-0003"
    assert AuditEvent.objects.filter(verb="disclosure.index_pattern").count() == 2


def test_only_the_agency_administrator_sets_it(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        set_pattern(personas.users["clerk"], personas.bureau, "{org}-{year}-{seq}")
    with pytest.raises(ValidationError):
        set_pattern(personas.users["agency_admin"], personas.bureau, "{org}-{year}-{seq}", org_code="有 空格")


def test_page_previews_and_saves(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("agency_admin")
    url = f"/register/{personas.bureau.code}/index-pattern/"
    assert 'data-testid="index-preview"' in client.get(url).content.decode()
    bad = client.post(url, {"pattern": "{org}-{year}"})
    assert bad.status_code == 400 and "以流水号 {seq} 结尾" in bad.content.decode()
    assert client.post(url, {"pattern": "QX-{year}-{seq:03d}"}).status_code == 302
    year = timezone.localdate().year
    assert f"QX-{year}-001" in client.get(url).content.decode()
