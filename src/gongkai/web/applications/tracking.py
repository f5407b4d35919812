"""Tracking numbers people can read out: ``<short code>-<year>-<sequence>``, e.g. ``QXJY-2026-0013``.

The short code is the agency's 编号简码 (:mod:`gongkai.web.agencies.short_codes`), the year that of
receipt, the sequence four digits or more from the per-agency, per-year counter. Numbers issued
before the short codes (``XC-EDUCATION-2026-000001``) stay valid: lookup compares the normalised
text, whatever its form.

Lookup (:func:`normalise`, :func:`find`) is tolerant of what people type or paste: full-width
characters (NFKC: ``ＱＸＪＹ－２０２６`` → ``QXJY-2026``), spaces anywhere, other dashes, and case.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db.models import QuerySet

_DASHES = re.compile(r"[\u2010-\u2015\u2212\u30fc\uff70\u2e3a\u2e3b_]")
_SPACE = re.compile(r"\s+")


def format_number(agency: Any, year: int, sequence: int) -> str:
    prefix = agency.short_code or agency.code.upper()
    return f"{prefix}-{year}-{sequence:04d}"


def normalise(text: str) -> str:
    """What a person typed, as stored: NFKC, no spaces, ASCII dashes, upper case."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _DASHES.sub("-", _SPACE.sub("", text))
    return text.upper()


def find(queryset: QuerySet[Any], text: str) -> Any:
    """The application of ``queryset`` with the tracking number ``text`` (normalised), or ``None``."""
    number = normalise(text)
    if not number:
        return None
    return queryset.filter(tracking_number__iexact=number).first()
