"""Every statutory due date of a 政府信息公开 application, computed by one family of functions.

Articles (《中华人民共和国政府信息公开条例》, 国务院令第711号, domain.md §5):

- art. 33 ¶2: reply within 20 working days of receipt; one extension of at most 20 working days,
  approved by the head of the 政府信息公开工作机构 and notified to the applicant;
- art. 33 ¶3: time spent consulting third parties and other agencies is not counted;
- art. 30: a 补正 notice within 7 working days of receipt, once, with a reasonable supplement period;
  the reply period then runs from receipt of the supplemented application;
- art. 32: a consulted third party answers within 15 working days of receiving the letter;
- art. 34: a consulted co-producing agency answers within 15 working days (silence = consent);
- art. 26: proactive publication within 20 working days of the information being formed or changed;
- art. 49: annual reports by 31 January (departments) and 31 March (governments) — calendar dates.

Counting: the start day is not counted; the deadline is the N-th working day after it (by analogy
with 民法典 art. 201; domain.md §8 [M]). Choices the law leaves open are in :class:`ClockPolicy`.

Every result is a :class:`Deadline`: the date, the article, and an explanation listing the days that
were skipped and why (weekends, holidays by name, paused intervals) and the 调休 days that counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from ..errors import GongkaiError
from .calendar import Pause, StepKind, Walk, WorkCalendar, weekday_label
from .provisional import provisional_reason

__all__ = [
    "ANNUAL_REPORT_DEPARTMENT",
    "ANNUAL_REPORT_GOVERNMENT",
    "CONSULTATION_WORKDAYS",
    "DEFAULT_POLICY",
    "EXTENSION_MAX_WORKDAYS",
    "PROACTIVE_PUBLICATION_WORKDAYS",
    "REPLY_WORKDAYS",
    "SUPPLEMENT_NOTICE_WORKDAYS",
    "ApplicationClock",
    "ClockError",
    "ClockPolicy",
    "ConsultationKind",
    "Deadline",
    "annual_report_due",
    "application_clock",
    "consultation_pause",
    "consultation_reply_due",
    "extended_reply_due",
    "fee_notice_pause",
    "fee_payment_due",
    "proactive_publication_due",
    "reply_due",
    "supplement_notice_due",
    "supplement_period_due",
    "workdays_left",
]

#: 条例 art. 33 ¶2: reply within 20 working days of receipt.
REPLY_WORKDAYS = 20
#: 条例 art. 33 ¶2: one extension of at most 20 working days.
EXTENSION_MAX_WORKDAYS = 20
#: 条例 art. 30: the 补正 notice is due within 7 working days of receipt.
SUPPLEMENT_NOTICE_WORKDAYS = 7
#: 条例 arts. 32 and 34: a consulted third party / co-producing agency answers within 15 working days.
CONSULTATION_WORKDAYS = 15
#: 条例 art. 26: proactive information is published within 20 working days of being formed or changed.
PROACTIVE_PUBLICATION_WORKDAYS = 20
#: 条例 art. 49: departments publish last year's annual report by 31 January.
ANNUAL_REPORT_DEPARTMENT = (1, 31)
#: 条例 art. 49: the GI authority of a local government publishes the government's report by 31 March.
ANNUAL_REPORT_GOVERNMENT = (3, 31)

_ART_REPLY = "《政府信息公开条例》第三十三条第二款"
_ART_PAUSE = "第三十三条第三款"


class ClockError(GongkaiError):
    """Inputs to the clock contradict each other (a supplement before receipt, a too long extension)."""


@dataclass(frozen=True)
class ClockPolicy:
    """What the law leaves open (each marked [M] in domain.md); an agency or province may differ.

    - ``supplement_period_workdays``: the 补正 period given to the applicant. 条例 art. 30 only says
      "合理的补正期限"; there is no national figure (domain.md §11 q9). 15 working days is gongkai's
      default, not law; set the agency's own figure.
    - ``fee_notice_pauses_clock``: whether the time from the 收费通知 to payment is excluded from the
      reply period. 国办函〔2020〕109号 beyond art. 5 was not verified (domain.md §6, §11 q3); off by
      default, so that the statutory period is never lengthened on an unverified basis.
    - ``fee_payment_workdays``: the applicant's payment period after the fee notice (recalled as 20
      working days, unverified, domain.md §6).
    - ``makeup_days_count``: whether 调休 weekend working days count as 工作日 (the common reading,
      domain.md §8 and §11 q5).
    """

    supplement_period_workdays: int = 15
    fee_notice_pauses_clock: bool = False
    fee_payment_workdays: int = 20
    makeup_days_count: bool = True

    def __post_init__(self) -> None:
        if self.supplement_period_workdays < 1 or self.fee_payment_workdays < 1:
            raise ClockError("补正期限和缴费期限至少为1个工作日")


DEFAULT_POLICY = ClockPolicy()


@dataclass(frozen=True)
class Deadline:
    """A due date with its legal basis and the day-by-day reasoning behind it."""

    key: str  # stable id: reply, extended_reply, supplement_notice, ...
    label: str  # Chinese name of the deadline, e.g. 答复期限
    basis: str  # the article, e.g. 《政府信息公开条例》第三十三条第二款
    start: date
    start_reason: str  # why the clock starts on ``start`` (Chinese)
    workdays: int  # the number of working days counted after ``start``
    due: date
    walk: Walk | None = None  # None for calendar-date deadlines (art. 49)
    notes: tuple[str, ...] = ()
    #: Years the count went through on a provisional calendar (no notice loaded): the date is 暂定.
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def provisional_reasons(self) -> list[str]:
        return [provisional_reason(y) for y in self.provisional_years]

    @property
    def paused_days(self) -> int:
        """Working days not counted because they fell in a pause."""
        return sum(1 for s in self.walk.steps if s.kind is StepKind.PAUSED) if self.walk else 0

    def explain(self) -> list[str]:
        """The explanation in Chinese, one line per fact, in the order a clerk would check it."""
        mark = "（暂定）" if self.provisional else ""
        lines = [
            f"{self.label}{mark}：{self.due.isoformat()}（{weekday_label(self.due)}）　依据：{self.basis}"
        ]
        if self.walk is None:
            lines.append(f"起算：{self.start_reason}")
        else:
            lines.append(
                f"起算：{self.start.isoformat()} {self.start_reason}（当日不计入），计{self.workdays}个工作日"
            )
            lines.extend(f"　{line}" for line in self.walk.summary())
        lines.extend(f"　注：{note}" for note in self.notes)
        lines.extend(f"　暂定：{reason}" for reason in self.provisional_reasons)
        return lines

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "basis": self.basis,
            "start": self.start.isoformat(),
            "start_reason": self.start_reason,
            "workdays": self.workdays,
            "due": self.due.isoformat(),
            "paused_days": self.paused_days,
            "explanation": self.explain(),
            "steps": [s.to_json() for s in self.walk.steps] if self.walk else [],
            "notes": list(self.notes),
            "provisional": self.provisional,
            "provisional_reasons": self.provisional_reasons,
        }


def _count(
    key: str,
    label: str,
    basis: str,
    calendar: WorkCalendar,
    start: date,
    start_reason: str,
    workdays: int,
    *,
    pauses: Sequence[Pause] = (),
    policy: ClockPolicy = DEFAULT_POLICY,
    notes: tuple[str, ...] = (),
) -> Deadline:
    walk = calendar.walk(start, workdays, pauses=pauses, makeup_days_count=policy.makeup_days_count)
    provisional: tuple[int, ...] = ()
    if calendar.provisional:
        seen = {step.day.year for step in walk.steps}
        provisional = tuple(sorted(y for y in calendar.provisional if y in seen))
    return Deadline(key, label, basis, start, start_reason, workdays, walk.end, walk, notes, provisional)


def _check_order(earlier: date, later: date, message: str) -> None:
    if later < earlier:
        raise ClockError(message)


# -- the reply (art. 33, art. 30) -------------------------------------------------------------------


def reply_due(
    received: date,
    calendar: WorkCalendar,
    *,
    supplement_received: date | None = None,
    pauses: Sequence[Pause] = (),
    policy: ClockPolicy = DEFAULT_POLICY,
) -> Deadline:
    """The reply deadline: 20 working days after receipt (条例 art. 33 ¶2).

    After a 补正 notice the period runs from receipt of the supplemented application instead
    (art. 30). Working days inside ``pauses`` (consultations, art. 33 ¶3) are not counted.
    """
    start, reason, basis = _reply_start(received, supplement_received)
    return _count(
        "reply", "答复期限", basis, calendar, start, reason, REPLY_WORKDAYS, pauses=pauses, policy=policy
    )


def extended_reply_due(
    received: date,
    calendar: WorkCalendar,
    *,
    extension_workdays: int = EXTENSION_MAX_WORKDAYS,
    supplement_received: date | None = None,
    pauses: Sequence[Pause] = (),
    policy: ClockPolicy = DEFAULT_POLICY,
) -> Deadline:
    """The reply deadline after the one extension (art. 33 ¶2: at most 20 more working days).

    The extension needs the approval of the head of the 政府信息公开工作机构 and a notice to the
    applicant before the ordinary deadline; the default is the longest extension allowed.
    """
    if not 1 <= extension_workdays <= EXTENSION_MAX_WORKDAYS:
        raise ClockError(
            f"延长答复期限为{extension_workdays}个工作日，不符合条例第三十三条第二款"
            f"（延长的期限最长不得超过{EXTENSION_MAX_WORKDAYS}个工作日）"
        )
    start, reason, basis = _reply_start(received, supplement_received)
    notes = ("延期须经政府信息公开工作机构负责人同意并告知申请人，且只能延长一次",)
    return _count(
        "extended_reply",
        "延期后答复期限" if extension_workdays < EXTENSION_MAX_WORKDAYS else "最长延期答复期限",
        basis,
        calendar,
        start,
        reason,
        REPLY_WORKDAYS + extension_workdays,
        pauses=pauses,
        policy=policy,
        notes=notes,
    )


def _reply_start(received: date, supplement_received: date | None) -> tuple[date, str, str]:
    if supplement_received is None:
        return received, "收到申请", _ART_REPLY
    _check_order(
        received,
        supplement_received,
        f"收到补正申请的日期 {supplement_received.isoformat()} 早于收到申请的日期 {received.isoformat()}",
    )
    return supplement_received, "收到补正后的申请", f"{_ART_REPLY}、第三十条"


def supplement_notice_due(
    received: date, calendar: WorkCalendar, *, policy: ClockPolicy = DEFAULT_POLICY
) -> Deadline:
    """The last day to send the one 补正 notice: 7 working days after receipt (条例 art. 30)."""
    return _count(
        "supplement_notice",
        "补正告知期限",
        "《政府信息公开条例》第三十条",
        calendar,
        received,
        "收到申请",
        SUPPLEMENT_NOTICE_WORKDAYS,
        policy=policy,
        notes=("应一次性告知需要补正的事项和合理的补正期限",),
    )


def supplement_period_due(
    notice_served: date,
    calendar: WorkCalendar,
    *,
    workdays: int | None = None,
    policy: ClockPolicy = DEFAULT_POLICY,
) -> Deadline:
    """The end of the applicant's 补正 period, counted from service of the notice (条例 art. 30).

    The length is the agency's choice ("合理的补正期限", no national figure): ``workdays`` if given,
    else ``policy.supplement_period_workdays``. Not supplementing in time without good reason means
    the application is deemed abandoned (table 三 （六）1).
    """
    days = policy.supplement_period_workdays if workdays is None else workdays
    if days < 1:
        raise ClockError("补正期限至少为1个工作日")
    return _count(
        "supplement_period",
        "补正期限",
        "《政府信息公开条例》第三十条",
        calendar,
        notice_served,
        "申请人收到补正告知书",
        days,
        policy=policy,
        notes=("补正期限由行政机关合理确定，全国没有统一天数（可配置）",),
    )


# -- consultations (arts. 32, 34, 33 ¶3) ------------------------------------------------------------


class ConsultationKind(StrEnum):
    THIRD_PARTY = "third_party"  # art. 32
    CO_PRODUCER = "co_producer"  # art. 34

    @property
    def label(self) -> str:
        return "征求第三方意见" if self is ConsultationKind.THIRD_PARTY else "征求共同制作机关意见"

    @property
    def article(self) -> str:
        return "第三十二条" if self is ConsultationKind.THIRD_PARTY else "第三十四条"


def consultation_reply_due(
    letter_received: date,
    calendar: WorkCalendar,
    kind: ConsultationKind = ConsultationKind.THIRD_PARTY,
    *,
    policy: ClockPolicy = DEFAULT_POLICY,
) -> Deadline:
    """The consulted party's deadline: 15 working days after it receives the letter (arts. 32, 34)."""
    note = (
        "第三方逾期未提出意见的，由行政机关依照条例规定决定是否公开"
        if kind is ConsultationKind.THIRD_PARTY
        else "被征求意见机关逾期未提出意见的，视为同意公开"
    )
    return _count(
        f"consultation_{kind.value}",
        f"{kind.label}答复期限",
        f"《政府信息公开条例》{kind.article}",
        calendar,
        letter_received,
        "被征求意见方收到征求意见书",
        CONSULTATION_WORKDAYS,
        policy=policy,
        notes=(note,),
    )


def consultation_pause(
    sent: date,
    calendar: WorkCalendar,
    kind: ConsultationKind = ConsultationKind.THIRD_PARTY,
    *,
    answered: date | None = None,
    letter_received: date | None = None,
    policy: ClockPolicy = DEFAULT_POLICY,
) -> Pause:
    """The interval not counted in the reply period for a consultation (条例 art. 33 ¶3).

    It runs from the day after the letter is sent (the sending day is the agency's own working time)
    through the day the answer arrives. Without an answer, it ends when the consulted party's 15
    working days (counted from ``letter_received``, or ``sent`` when unknown) run out.
    """
    if answered is None:
        answered = consultation_reply_due(letter_received or sent, calendar, kind, policy=policy).due
    _check_order(
        sent, answered, f"收到意见的日期 {answered.isoformat()} 早于发出征求意见书的日期 {sent.isoformat()}"
    )
    first = sent + timedelta(days=1)
    if answered < first:  # answered on the day it was sent: nothing to pause
        first = answered
    return Pause(first, answered, f"{kind.label}期间不计入（条例{kind.article}、{_ART_PAUSE}）")


# -- fees (国办函〔2020〕109号) ------------------------------------------------------------------------


def fee_payment_due(
    notice_served: date, calendar: WorkCalendar, *, policy: ClockPolicy = DEFAULT_POLICY
) -> Deadline:
    """The applicant's payment deadline after a 收费通知 ([M]: ``policy.fee_payment_workdays``).

    Non-payment in time means the application is no longer handled (table 三 （六）2).
    """
    return _count(
        "fee_payment",
        "缴费期限",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        calendar,
        notice_served,
        "申请人收到收费通知",
        policy.fee_payment_workdays,
        policy=policy,
        notes=("缴费期限天数未经核实，可配置（见 docs/law.md）",),
    )


def fee_notice_pause(
    notice_sent: date,
    calendar: WorkCalendar,
    *,
    paid: date | None = None,
    policy: ClockPolicy = DEFAULT_POLICY,
) -> Pause | None:
    """The fee-notice interval to leave out of the reply period, or None when the policy counts it.

    Off by default (``policy.fee_notice_pauses_clock``): whether 109号 pauses the clock is unverified.
    """
    if not policy.fee_notice_pauses_clock:
        return None
    end = paid if paid is not None else fee_payment_due(notice_sent, calendar, policy=policy).due
    _check_order(
        notice_sent, end, f"缴费日期 {end.isoformat()} 早于发出收费通知的日期 {notice_sent.isoformat()}"
    )
    first = min(notice_sent + timedelta(days=1), end)
    return Pause(first, end, "收费通知至缴费期间不计入（国办函〔2020〕109号，按本机关设置）")


# -- proactive disclosure and annual reports --------------------------------------------------------


def proactive_publication_due(
    formed: date, calendar: WorkCalendar, *, policy: ClockPolicy = DEFAULT_POLICY
) -> Deadline:
    """Publication of proactive information: 20 working days after it is formed or changed (art. 26)."""
    return _count(
        "proactive_publication",
        "主动公开期限",
        "《政府信息公开条例》第二十六条",
        calendar,
        formed,
        "政府信息形成或者变更",
        PROACTIVE_PUBLICATION_WORKDAYS,
        policy=policy,
        notes=("法律、法规对公开期限另有规定的，从其规定",),
    )


def annual_report_due(report_year: int, *, government: bool = False) -> Deadline:
    """Publication of the annual report on ``report_year`` (条例 art. 49; a calendar date).

    Departments: 31 January of the next year; a local government's own report: 31 March.
    Townships and streets are not named in art. 49 (local notices set their dates).
    """
    month, day = ANNUAL_REPORT_GOVERNMENT if government else ANNUAL_REPORT_DEPARTMENT
    due = date(report_year + 1, month, day)
    who = "县级以上地方人民政府" if government else "县级以上人民政府部门"
    return Deadline(
        key="annual_report",
        label=f"{report_year}年度报告公布期限",
        basis="《政府信息公开条例》第四十九条",
        start=date(report_year + 1, 1, 1),
        start_reason=f"{who}应于{report_year + 1}年{month}月{day}日前公布上一年度报告（日历日，不按工作日顺延）",
        workdays=0,
        due=due,
    )


def workdays_left(
    due: date, today: date, calendar: WorkCalendar, *, policy: ClockPolicy = DEFAULT_POLICY
) -> int:
    """Working days from ``today`` (exclusive) to ``due`` (inclusive), for due-soon and overdue lists.

    Positive: that many working days remain. A case is overdue exactly when ``today > due``; the
    result is then minus the working days since ``due`` (0 on, say, the Saturday after a Friday due
    date — so test ``today > due`` for "overdue", not the sign).
    """
    return calendar.workdays_between(today, due, makeup_days_count=policy.makeup_days_count)


# -- everything at once -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationClock:
    """All deadlines of one application, from the one set of facts."""

    received: date
    supplement_notice: Deadline
    reply: Deadline
    extended_reply: Deadline
    supplement_received: date | None = None
    pauses: tuple[Pause, ...] = ()
    calendar_fingerprint: str = ""
    extra: tuple[Deadline, ...] = field(default_factory=tuple)
    #: The calendar the dates were counted on (with its provisional years, if any).
    calendar: WorkCalendar | None = field(default=None, compare=False, repr=False)

    def deadlines(self) -> tuple[Deadline, ...]:
        return (self.supplement_notice, self.reply, self.extended_reply, *self.extra)

    @property
    def provisional_years(self) -> tuple[int, ...]:
        """Years any of the dates went through without a loaded notice (those dates are 暂定)."""
        return tuple(sorted({y for d in self.deadlines() for y in d.provisional_years}))

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def provisional_reasons(self) -> list[str]:
        return [provisional_reason(y) for y in self.provisional_years]

    def to_json(self) -> dict[str, object]:
        return {
            "received": self.received.isoformat(),
            "supplement_received": self.supplement_received.isoformat() if self.supplement_received else None,
            "pauses": [
                {"first": p.first.isoformat(), "last": p.last.isoformat(), "reason": p.reason}
                for p in self.pauses
            ],
            "calendar_fingerprint": self.calendar_fingerprint,
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
            "provisional_reasons": self.provisional_reasons,
            "deadlines": {d.key: d.to_json() for d in self.deadlines()},
        }


def application_clock(
    received: date,
    calendar: WorkCalendar,
    *,
    supplement_received: date | None = None,
    pauses: Sequence[Pause] = (),
    extension_workdays: int = EXTENSION_MAX_WORKDAYS,
    policy: ClockPolicy = DEFAULT_POLICY,
) -> ApplicationClock:
    """The 补正 notice limit, the reply deadline and the (latest) extended deadline of an application.

    ``received`` is the date of receipt under art. 31; ``supplement_received`` restarts the reply
    period (art. 30); ``pauses`` are the intervals not counted (arts. 32–34, and the fee notice when
    the policy says so). Raises :class:`CalendarNotLoadedError` when a needed year is not loaded.
    """
    for pause in pauses:
        if pause.last < received:
            raise ClockError(
                f"不计入期间 {pause.first.isoformat()} 至 {pause.last.isoformat()} 在收到申请（{received.isoformat()}）之前"
            )
    return ApplicationClock(
        received=received,
        supplement_notice=supplement_notice_due(received, calendar, policy=policy),
        reply=reply_due(
            received, calendar, supplement_received=supplement_received, pauses=pauses, policy=policy
        ),
        extended_reply=extended_reply_due(
            received,
            calendar,
            extension_workdays=extension_workdays,
            supplement_received=supplement_received,
            pauses=pauses,
            policy=policy,
        ),
        supplement_received=supplement_received,
        pauses=tuple(pauses),
        calendar_fingerprint=calendar.fingerprint,
        calendar=calendar,
    )
