"""The case list of the desk: search, filters, sorting (one query, no N+1).

:class:`CaseFilterForm` reads the query string (the filter keeps its state there, so a list can be
bookmarked, paged and exported as it is); :func:`filter_cases` turns it into a queryset of the
applications the user may read (:mod:`gongkai.web.accounts.scope`), with ``due`` annotated (the
deadline in force: the extended one once an extension is approved, 条例第三十三条第二款).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from gongkai.errors import CalendarNotLoadedError
from gongkai.web.security.forms import CleanInputMixin

from . import services
from . import workflow as wf
from .models import Application, Channel
from .outcomes import outcome_choices
from .tracking import normalise

PAGE_SIZE = 50
DEFAULT_WITHIN = 3

DUE_CHOICES = [
    ("", "全部"),
    ("overdue", "已超期"),
    ("soon", "N 个工作日内到期"),
    ("week", "本周内到期"),
]
SORT_CHOICES = [
    ("-received", "收到日期（新→旧）"),
    ("received", "收到日期（旧→新）"),
    ("due", "答复期限（近→远）"),
    ("-due", "答复期限（远→近）"),
    ("state", "办理状态"),
]
_STATE_ORDER = {s.value: i for i, s in enumerate(wf.State)}


class CaseFilterForm(CleanInputMixin, forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=200, help_text="登记编号、申请人或申请内容")
    state = forms.ChoiceField(label="办理状态", required=False)
    due = forms.ChoiceField(label="期限", required=False, choices=DUE_CHOICES)
    within = forms.IntegerField(label="工作日数", required=False, min_value=1, max_value=60)
    channel = forms.ChoiceField(label="申请方式", required=False)
    outcome = forms.ChoiceField(label="办理结果", required=False)
    assignee = forms.ChoiceField(label="承办人", required=False)
    sort = forms.ChoiceField(label="排序", required=False, choices=SORT_CHOICES)

    def __init__(self, data: Any, *, user: Any, clerks: list[Any] | None = None) -> None:
        super().__init__(data)
        self.user = user
        self.fields["state"].choices = [
            ("open", "办理中"),
            ("all", "全部"),
            *((s.value, s.label) for s in wf.State),
        ]
        self.fields["channel"].choices = [("", "全部"), *Channel.choices]
        self.fields["outcome"].choices = [("", "全部"), *outcome_choices()]
        self.fields["assignee"].choices = [
            ("", "全部"),
            ("me", "我的案件"),
            ("none", "未指派"),
            *((str(u.pk), str(u)) for u in clerks or []),
        ]

    def value(self, name: str, default: Any = "") -> Any:
        """The cleaned value of ``name``; ``default`` when absent or invalid (bad input never fails)."""
        if not self.is_bound:
            return default
        self.is_valid()
        if name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value


def with_due(qs: QuerySet[Application]) -> QuerySet[Application]:
    return qs.annotate(
        due=Case(When(extension_approved_on__isnull=False, then=F("extended_due")), default=F("reply_due"))
    )


def due_window(kind: str, today: dt.date, within: int) -> tuple[dt.date | None, dt.date | None, str]:
    """(from, until, problem) of a due filter: ``soon`` counts working days on the platform calendar."""
    if kind == "overdue":
        return None, today - dt.timedelta(days=1), ""
    if kind == "week":
        return today, today + dt.timedelta(days=6 - today.weekday()), ""
    if kind == "soon":
        try:
            return today, services.work_calendar().add_workdays(today, within), ""
        except CalendarNotLoadedError as exc:
            return today, today + dt.timedelta(days=within), f"{exc}（已按自然日计算）"
    return None, None, ""


def filter_cases(form: CaseFilterForm, *, today: dt.date | None = None) -> tuple[QuerySet[Application], str]:
    """The applications ``form.user`` may read, filtered and sorted; and a problem to show, if any."""
    day = today or services.today()
    qs = with_due(Application.objects.visible_to(form.user)).select_related("agency", "assignee")
    problem = ""
    text = form.value("q").strip()
    if text:
        number = normalise(text)
        qs = qs.filter(
            Q(tracking_number__icontains=number)
            | Q(applicant_name__icontains=text)
            | Q(description__icontains=text)
        )
    state = form.value("state", "open")
    if state == "open":
        qs = qs.filter(state__in=[s.value for s in wf.OPEN_STATES])
    elif state != "all":
        qs = qs.filter(state=state)
    due = form.value("due")
    if due:
        start, until, problem = due_window(due, day, form.value("within", DEFAULT_WITHIN))
        qs = qs.filter(state__in=[s.value for s in wf.OPEN_STATES], due__isnull=False)
        if start is not None:
            qs = qs.filter(due__gte=start)
        if until is not None:
            qs = qs.filter(due__lte=until)
    if channel := form.value("channel"):
        qs = qs.filter(channel=channel)
    if outcome := form.value("outcome"):
        qs = qs.filter(outcome=outcome)
    assignee = form.value("assignee")
    if assignee == "me":
        qs = qs.filter(assignee=form.user)
    elif assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif assignee:
        qs = qs.filter(assignee_id=int(assignee))
    return _sorted(qs, form.value("sort", "-received")), problem


def _sorted(qs: QuerySet[Application], sort: str) -> QuerySet[Application]:
    if sort == "received":
        return qs.order_by("received_on", "pk")
    if sort == "due":
        return qs.order_by(F("due").asc(nulls_last=True), "pk")
    if sort == "-due":
        return qs.order_by(F("due").desc(nulls_last=True), "-pk")
    if sort == "state":
        order = Case(
            *(When(state=value, then=Value(i)) for value, i in _STATE_ORDER.items()),
            output_field=IntegerField(),
        )
        return qs.order_by(order, "-received_on", "-pk")
    return qs.order_by("-received_on", "-pk")
