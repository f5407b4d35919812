"""The part of an agency its own administrator maintains: the disclosure office's contacts."""

from __future__ import annotations

from django import forms

from gongkai.web.security.forms import CleanInputMixin

from .models import Agency


class DisclosureOfficeForm(CleanInputMixin, forms.ModelForm):  # type: ignore[type-arg]
    website = forms.URLField(label="网站", required=False, assume_scheme="https")

    class Meta:
        model = Agency
        fields = (
            "short_name",
            "office_name",
            "office_address",
            "office_postcode",
            "office_phone",
            "office_fax",
            "office_email",
            "office_hours",
            "website",
        )
