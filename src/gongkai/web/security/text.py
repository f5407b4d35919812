"""Control characters out of every text that enters the platform.

A vertical tab (``\\x0b``) or a NUL typed or pasted into a form used to reach the database and then
the letter writer, where lxml refuses it (XML 1.0 has no such characters) — a 500 and a letter that
could not be sent. :func:`clean_text` is applied to every submitted value by
:class:`gongkai.web.security.forms.CleanInputMixin`; :func:`xml_safe` is the letter writer's second
line of defence for text that was stored before.
"""

from __future__ import annotations

import re

#: C0 controls except TAB and LF, DEL, C1 controls, and the XML non-characters U+FFFE/U+FFFF;
#: lone surrogates cannot be encoded in UTF-8 and are dropped too.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: What XML 1.0 forbids (C0 except TAB, LF, CR; surrogates; U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """``value`` with line ends normalised to ``\\n`` and every other control character removed.

    TAB and LF are kept (multi-line descriptions, letter bodies); CR LF and lone CR become LF.
    """
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value)


def xml_safe(value: str) -> str:
    """``value`` without the characters an XML document (DOCX) cannot hold."""
    return _NOT_XML.sub("", value or "")
