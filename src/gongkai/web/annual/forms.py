"""Forms of the annual desk (input cleaned by :class:`CleanInputMixin`)."""

from __future__ import annotations

from django import forms
from django.conf import settings

from gongkai.web.security.forms import CleanInputMixin


class HistoryUploadForm(CleanInputMixin, forms.Form):
    """An earlier year's published report, any medium the core reads (bounded size)."""

    file = forms.FileField(label="已发布的年度报告文件（PDF、Word、Excel、网页、图片或文本）")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        limit = settings.GONGKAI_CHECK_MAX_MB
        if upload.size is not None and upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(f"文件“{upload.name}”超过 {limit} MB，无法读取。")
        return upload


class HistoryConfirmForm(CleanInputMixin, forms.Form):
    """The preview's signed document, confirmed to be stored as that year's history."""

    document = forms.CharField(widget=forms.HiddenInput)
    file_name = forms.CharField(widget=forms.HiddenInput, max_length=200)
