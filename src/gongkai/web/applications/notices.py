"""Notices that cause legal consequences: when they were sent, how, and when they reached the addressee.

domain.md §12.1: a legal consequence needs its notice delivered —

* 视为放弃 after the 补正 period needs the sent 补正告知书 (条例第三十条);
* an extension needs the sent 延期答复告知书 (条例第三十三条第二款 "告知申请人");
* the consultation pause needs the sent 征求意见书 (条例第三十二条、第三十四条 "书面征求");
* 逾期未缴费 needs the sent 收费通知书 (国办函〔2020〕109号).

A sent letter records its delivery method and sending day (``Letter.sent_on``) and, once known, the
day its addressee received it (``Letter.received_on``). Until that is recorded, a posted letter is
assumed to arrive ``GONGKAI_POST_DELIVERY_DAYS`` calendar days after sending ([M], default 3);
any other method the day it was sent. Periods that run "from receipt" (the supplement period, the
third party's 15 working days, the payment period) count from that day.

:data:`GUARDS` are the preconditions of the workflow actions: :func:`services._act` checks them on
the locked row for every action, so no view (or other caller) can bypass them; the action table
(:mod:`.actions`) shows them. Each refusal is a Chinese message citing its article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from . import workflow as wf
from .letters import LETTER_LABELS, LetterKind
from .models import Application, Letter, NoticeMethod


def post_delivery_days() -> int:
    """Calendar days a posted letter is assumed to take until its receipt is recorded ([M], setting)."""
    return int(getattr(settings, "GONGKAI_POST_DELIVERY_DAYS", 3))


@dataclass(frozen=True)
class Receipt:
    day: dt.date
    recorded: bool
    basis: str  # Chinese


def receipt_of(letter: Letter) -> Receipt | None:
    """When the addressee received ``letter`` (recorded, or estimated); None while it is not sent."""
    if letter.sent_on is None:
        return None
    if letter.received_on is not None:
        return Receipt(letter.received_on, True, "已登记收件人收到日期")
    if letter.delivery_method == NoticeMethod.POST:
        days = post_delivery_days()
        return Receipt(
            letter.sent_on + dt.timedelta(days=days), False, f"邮寄送达，登记收到日期前按发出后{days}日估算"
        )
    method = NoticeMethod(letter.delivery_method).label if letter.delivery_method else "直接送达"
    return Receipt(letter.sent_on, False, f"{method}，以发出之日为收到之日")


def sent_letter(app: Application, kind: LetterKind) -> Letter | None:
    """The latest sent letter of ``kind`` of ``app``."""
    return app.letters.filter(kind=kind.value, sent_on__isnull=False).order_by("-sent_on", "-pk").first()


def unsent_letter(app: Application, kind: LetterKind) -> Letter | None:
    return app.letters.filter(kind=kind.value, sent_at__isnull=True).order_by("-pk").first()


def _label(kind: LetterKind) -> str:
    return f"《{LETTER_LABELS[kind]}》"


def not_sent_message(kind: LetterKind, consequence: str, article: str) -> str:
    return f"{_label(kind)}尚未发出（发出时须登记送达方式和日期），{consequence}（{article}）。"


# ---- the guards of the action table ---------------------------------------------------------------

Check = Callable[[Application], "str | None"]


@dataclass(frozen=True)
class Guard:
    """A precondition of an action: ``check`` returns the Chinese refusal, or None when it holds."""

    description: str  # Chinese, shown in docs and on the case page
    check: Check


def _routing(name: str) -> Check:
    def check(app: Application) -> str | None:
        from . import routing_rules

        result: str | None = getattr(routing_rules, name)(app)
        return result

    return check


def _once_correction(app: Application) -> str | None:
    if app.correction_requested_on is not None or app.letters.filter(kind=LetterKind.CORRECTION).exists():
        return (
            "本申请已告知过补正。条例第三十条要求一次性告知需要补正的全部事项，同一申请不能第二次要求补正。"
        )
    return None


def _needs(kind: LetterKind, consequence: str, article: str) -> Check:
    def check(app: Application) -> str | None:
        if sent_letter(app, kind) is None:
            return not_sent_message(kind, consequence, article)
        return None

    return check


def _consultation_letter_sent(app: Application) -> str | None:
    pending = app.consultations.filter(answered_on__isnull=True).order_by("-pk").first()
    if pending is not None and pending.sent_on is None:
        kind = LetterKind.CONSULTATION if pending.kind == "third_party" else LetterKind.COPRODUCER
        return not_sent_message(kind, "不能登记征求意见结果", "条例第三十二条、第三十四条：书面征求意见")
    return None


def disclosure_notice_sent(app: Application) -> str | None:
    pending = unsent_letter(app, LetterKind.THIRD_PARTY_DISCLOSURE)
    if pending is not None:
        return not_sent_message(
            LetterKind.THIRD_PARTY_DISCLOSURE,
            "第三方不同意公开而决定公开的，须先书面告知第三方公开的内容和理由，才能发送答复",
            "条例第三十二条",
        )
    return None


GUARDS: dict[wf.Action, tuple[Guard, ...]] = {
    # Routing between agencies (D47; routing_rules.py).
    wf.Action.ROUTE: (
        Guard("本机关为统一受理机关（可向下属机关分送）", _routing("portal")),
        Guard("申请尚未告知补正、征求意见、延期或作出决定", _routing("untouched")),
    ),
    wf.Action.TRANSFER: (Guard("申请尚未告知补正、征求意见、延期或作出决定", _routing("untouched")),),
    wf.Action.REQUEST_CORRECTION: (
        Guard("同一申请只能告知补正一次（条例第三十条：一次性告知）", _once_correction),
    ),
    wf.Action.RECORD_SUPPLEMENT: (
        Guard(
            "补正告知书已发出",
            _needs(LetterKind.CORRECTION, "不能登记补正材料", "条例第三十条"),
        ),
    ),
    wf.Action.MARK_ABANDONED: (
        Guard(
            "补正告知书已发出，且补正期限（自申请人收到之日起算）已届满",
            _needs(LetterKind.CORRECTION, "不能视为放弃申请", "条例第三十条"),
        ),
    ),
    wf.Action.END_CONSULTATION: (Guard("征求意见书已发出", _consultation_letter_sent),),
    wf.Action.RECORD_PAYMENT: (
        Guard(
            "收费通知书已发出",
            _needs(LetterKind.FEE, "不能登记缴费", "国办函〔2020〕109号"),
        ),
    ),
    wf.Action.FEE_LAPSED: (
        Guard(
            "收费通知书已发出，且缴费期限（自申请人收到次日起算）已届满",
            _needs(LetterKind.FEE, "不能按逾期未缴费处理", "国办函〔2020〕109号"),
        ),
    ),
    wf.Action.SEND_REPLY: (
        Guard("第三方不同意公开而决定公开的，已向第三方发出告知书（条例第三十二条）", disclosure_notice_sent),
    ),
}


def refusals(app: Application, action: wf.Action) -> list[str]:
    """The refusals of the guards of ``action`` on ``app`` (empty when all hold)."""
    return [msg for g in GUARDS.get(action, ()) if (msg := g.check(app)) is not None]


# ---- the lawfulness of a history (used by the demo test and the property test) --------------------


def history_problems(app: Application) -> list[str]:
    """Consequences in ``app``'s record that ran ahead of their notice (empty for a lawful history)."""
    problems: list[str] = []

    def before(kind: LetterKind, day: dt.date | None, what: str) -> None:
        letter = sent_letter(app, kind)
        if letter is None:
            problems.append(f"{app.tracking_number}：{what}，但{_label(kind)}未发出")
        elif day is not None and letter.sent_on is not None and letter.sent_on > day:
            problems.append(
                f"{app.tracking_number}：{what}（{day}）早于{_label(kind)}发出（{letter.sent_on}）"
            )

    if app.outcome == "other_no_correction":
        before(LetterKind.CORRECTION, app.concluded_on, "视为放弃")
        if app.supplement_deadline and app.concluded_on and app.concluded_on <= app.supplement_deadline:
            problems.append(f"{app.tracking_number}：补正期限（{app.supplement_deadline}）届满前视为放弃")
    if app.supplement_received_on is not None:
        before(LetterKind.CORRECTION, app.supplement_received_on, "登记补正")
    if app.letters.filter(kind=LetterKind.CORRECTION).count() > 1:
        problems.append(f"{app.tracking_number}：补正告知书不止一份（条例第三十条）")
    if app.extension_notified_on is not None:
        before(LetterKind.EXTENSION, app.extension_notified_on, "延期生效")
        if app.reply_due and app.extension_notified_on > app.reply_due:
            problems.append(f"{app.tracking_number}：延期告知晚于原答复期限")
    notice = getattr(app, "fee_notice", None)
    if notice is not None and notice.lapsed_on is not None:
        before(LetterKind.FEE, notice.lapsed_on, "逾期未缴费")
        if notice.payment_due is None or notice.lapsed_on <= notice.payment_due:
            problems.append(f"{app.tracking_number}：缴费期限届满前按逾期未缴费处理")
    for c in app.consultations.all():
        if c.answered_on is not None and c.sent_on is None:
            problems.append(f"{app.tracking_number}：征求意见书未发出即登记了征求意见结果")
        if c.sent_on and c.letter_id and c.letter and c.letter.sent_on != c.sent_on:
            problems.append(f"{app.tracking_number}：征求意见起算日与征求意见书发出日不一致")
        if c.opinion == NO_OPINION and c.reply_due and c.answered_on and c.answered_on <= c.reply_due:
            problems.append(
                f"{app.tracking_number}：第三方答复期限（{c.reply_due}）届满前按逾期未提出意见结束"
            )
    return problems


#: The opinion recorded when the consulted party did not answer within its 15 working days.
NO_OPINION = "逾期未提出意见"
