"""Forms of the supervision app (input cleaned by :class:`CleanInputMixin`)."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.report.read import limits
from gongkai.web.security.forms import CleanInputMixin


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(CleanInputMixin, forms.Form):
    files = MultipleFileField(label="ZIP 压缩包或多个年度报告文件")
    published_on = forms.DateField(
        label="公布日期（留空则取报告所署日期）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_files(self) -> Any:
        files = self.cleaned_data["files"]
        total = sum(f.size or 0 for f in files)
        if total > limits.MAX_INPUT_BYTES:
            raise forms.ValidationError(
                f"上传的文件共 {total / (1024 * 1024):.1f} MB，超过上限 {limits.MAX_INPUT_BYTES // (1024 * 1024)} MB。"
            )
        return files


class ConfirmForm(CleanInputMixin, forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    unit = forms.CharField(label="单位", max_length=64)
