"""The one place where submitted text is cleaned: every form of gongkai.web uses :class:`CleanInputMixin`.

The mixin replaces the bound data by a copy whose text values went through
:func:`gongkai.web.security.text.clean_text` before any field sees them, so no field, validator,
service or letter ever receives a control character (``tests/web/security/test_control_chars.py``
posts them into every text field of every form; ``test_every_form_is_clean`` fails for a form of
gongkai.web that does not use the mixin). Uploaded file names are cleaned by the upload check.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from .text import clean_text


def clean_data(data: Any) -> Any:
    """A copy of submitted form data with every text value cleaned (QueryDict or mapping)."""
    if data is None:
        return data
    if isinstance(data, QueryDict):
        cleaned = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            cleaned.setlist(clean_text(key), [clean_text(v) if isinstance(v, str) else v for v in values])
        cleaned._mutable = False
        return cleaned
    if hasattr(data, "items"):
        return {
            clean_text(k) if isinstance(k, str) else k: (
                clean_text(v)
                if isinstance(v, str)
                else [clean_text(x) if isinstance(x, str) else x for x in v]
                if isinstance(v, list)
                else v
            )
            for k, v in data.items()
        }
    return data


class CleanInputMixin:
    """Clean the bound data of a form before validation (put it first among the bases)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form: Any = self
        if form.is_bound:
            form.data = clean_data(form.data)


class CleanForm(CleanInputMixin, forms.Form):
    """``forms.Form`` with cleaned input."""


class CleanModelForm(CleanInputMixin, forms.ModelForm):  # type: ignore[type-arg]
    """``forms.ModelForm`` with cleaned input."""
