"""When a unit's annual report is due (条例第四十九条).

条例第四十九条: 县级以上人民政府**部门**公布上一年度报告的期限是每年1月31日前；县级以上地方人民政府的
政府信息公开工作主管部门公布本级**政府**的年度报告的期限是每年3月31日前 (domain.md §5 [V]).
Townships (乡镇) and subdistricts (街道) are not named in art. 49: local notices set their dates
(domain.md §5, e.g. 怀化). That date is therefore a setting, ``GONGKAI_REPORT_DUE_OTHER`` (default
``03-31``, the government date, [M]); the two statutory dates are settings too
(``GONGKAI_REPORT_DUE_DEPARTMENT``, ``GONGKAI_REPORT_DUE_GOVERNMENT``) so a revision of the 条例 is a
configuration change.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from gongkai.web.agencies.models import Kind


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def due_date(kind: str, year: int) -> dt.date:
    """The last day to publish the report of ``year`` for an agency of ``kind`` (in ``year + 1``)."""
    if kind == Kind.DEPARTMENT:
        text = settings.GONGKAI_REPORT_DUE_DEPARTMENT  # 条例第四十九条: 部门 1月31日前
    elif kind == Kind.GOVERNMENT:
        text = settings.GONGKAI_REPORT_DUE_GOVERNMENT  # 条例第四十九条: 本级政府 3月31日前
    else:
        text = settings.GONGKAI_REPORT_DUE_OTHER  # not in art. 49: local notices [M]
    month, day = _month_day(text)
    return dt.date(year + 1, month, day)
