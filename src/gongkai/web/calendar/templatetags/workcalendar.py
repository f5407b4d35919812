"""``{% load workcalendar %}{% provisional_mark some_date %}``: the 暂定 mark after a date whose year has
no imported 国务院办公厅 notice (for dates stored outside the case clock: consultation, 补正, payment)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from ..services import provisional_year

register = template.Library()


@register.simple_tag
def provisional_mark(day: dt.date | None) -> str:
    if not isinstance(day, dt.date) or not provisional_year(day):
        return ""
    return format_html(
        ' <span class="provisional" data-testid="provisional-mark" title="{}">{}</span>',
        gettext("Provisional: next year's holiday notice is not imported yet"),
        gettext("(provisional)"),
    )
