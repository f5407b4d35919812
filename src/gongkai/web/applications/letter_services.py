"""Services of the letters: their facts, the 文号, the files at send, the agency's letter settings and
the remedy policy. Like :mod:`.services`, the only code that changes these rows; every change is
audited in the same transaction.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.errors import GongkaiError
from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.models import Role
from gongkai.web.tasks.engine import after_commit

from .letter_models import (
    LetterNumberCounter,
    LetterSettings,
    RemedyClausePolicy,
    validate_number_pattern,
    validate_seal,
)
from .letters import LetterContext, LetterKind, gaps, refusal, render_docx, sha256_hex
from .letters.remedy import DEFAULT_RULES, RemedyKind, RemedyRule, remedy_kind
from .models import Application, FeeNotice, Letter, ProvisionForm


class LetterServiceError(GongkaiError):
    """A letter request refused (incomplete letter, bad settings); Chinese message."""


# ---- facts of a letter -----------------------------------------------------------------------------


def review_body(agency: Any) -> str:
    """Where reconsideration is applied for: the county department's people's government
    (行政复议法 2023 第二十四条) — the parent government when there is one, else
    ``settings.GONGKAI_DEFAULT_REVIEW_BODY`` (environment variable of the same name, [M])."""
    parent = agency.parent
    if parent is not None and parent.kind == "government":
        return str(parent.name)
    return str(getattr(settings, "GONGKAI_DEFAULT_REVIEW_BODY", "本级人民政府"))


def remedy_rule(outcome_row: str) -> RemedyRule:
    """The system administrator's policy for the outcome's kind (the seeded default when absent)."""
    kind = remedy_kind(outcome_row) if outcome_row else RemedyKind.OTHER
    row = RemedyClausePolicy.objects.filter(kind=kind.value).first()
    if row is None:
        return DEFAULT_RULES[kind]
    return RemedyRule(
        kind=kind,
        review_first=row.review_first,
        review_body=row.review_body,
        review_days=row.review_days,
        suit_after_review_days=row.suit_after_review_days,
        direct_suit_months=row.direct_suit_months,
    )


def letter_settings(agency: Any) -> LetterSettings:
    """The agency's settings (an unsaved default when the admin has set none)."""
    found = LetterSettings.objects.filter(agency=agency).first()
    return found if found is not None else LetterSettings(agency=agency)


def _yuan(amount: Decimal) -> Decimal | int:
    """Whole yuan print without decimals (109号 amounts are whole yuan)."""
    return int(amount) if amount == amount.to_integral_value() else amount


def fee_rows(app: Application, notice: FeeNotice) -> tuple[tuple[str, str, str, str], ...]:
    """The fee table: 计收方式, 数量, 单价/档次, 金额 per band, and the total (109号 arts. 3–5)."""
    from . import services

    try:
        fee = services.fee_for(app, notice.method, notice.quantity)
    except GongkaiError:
        return ()
    unit = fee.method.unit
    rows = [
        (fee.method.label, f"{line.quantity}{unit}", line.band.label(unit), f"{line.yuan:,}")
        for line in fee.lines
    ]
    rows.append(("合计", fee.subject, "", f"{fee.yuan:,}"))
    return tuple(rows)


def letter_context(
    app: Application, on: dt.date | None = None, *, kind: LetterKind | None = None
) -> LetterContext:
    from gongkai.errors import CalendarNotLoadedError
    from gongkai.law import deadlines, provisional_calendar

    from . import services
    from .models import ConsultationKind

    consultation = app.consultations.order_by("-sent_on", "-pk").first()
    if kind is LetterKind.THIRD_PARTY_DISCLOSURE:  # 条例第三十二条: addressed to the objecting third party
        consultation = (
            app.consultations.filter(kind=ConsultationKind.THIRD_PARTY, objects_to_disclosure=True)
            .order_by("-pk")
            .first()
        ) or consultation
    consultation_due = consultation.reply_due if consultation else None
    if consultation is not None and consultation_due is None:
        # The draft states the date as if the letter were received today; the stored deadline is
        # recomputed from the party's receipt when the letter is sent (条例第三十二条).
        try:
            consultation_due = deadlines.consultation_reply_due(
                on or services.today(),
                provisional_calendar(services.work_calendar(), on or services.today()),
                deadlines.ConsultationKind(consultation.kind),
                policy=services.clock_policy(),
            ).due
        except (CalendarNotLoadedError, deadlines.ClockError):
            consultation_due = None
    notice = FeeNotice.objects.filter(application=app).first()
    agency = app.agency
    contact = "；".join(
        x for x in (agency.office_address, f"电话 {agency.office_phone}" if agency.office_phone else "") if x
    )
    provision = {
        ProvisionForm.PAPER: "以纸质文本形式随本答复书向您提供",
        ProvisionForm.ELECTRONIC: "以电子文本形式向您提供",
        ProvisionForm.INSPECT: "请您于工作时间到本机关查阅、抄录",
    }.get(app.provision_form, "")
    policy = services.clock_policy()
    return LetterContext(
        agency_name=agency.name,
        applicant_name=app.applicant_name,
        tracking_number=app.tracking_number,
        received=app.received_on,
        description=app.description,
        today=on or services.today(),
        office_contact=contact,
        reply_due=app.reply_due,
        correction_items=app.correction_items,
        supplement_deadline=app.supplement_deadline,
        extended_due=app.extended_due,
        provisional_years=services.provisional_years(
            app.reply_due,
            app.extended_due,
            app.supplement_deadline,
            consultation_due,
            notice.payment_due if notice else None,
        ),
        extension_reason=app.extension_reason,
        third_party_name=consultation.party_name if consultation else "",
        consultation_due=consultation_due,
        consultation_answered=consultation.answered_on if consultation else None,
        fee_amount=_yuan(notice.amount) if notice else None,
        fee_explanation="\n".join(notice.explanation) if notice else "",
        fee_rows=fee_rows(app, notice) if notice else (),
        payment_deadline=notice.payment_due if notice else None,
        payment_workdays=getattr(policy, "fee_payment_workdays", 20),
        payment_instructions=letter_settings(agency).payment_instructions(),
        outcome=app.outcome,
        decision_text=app.decision_text,
        answer_item=app.answer_item,
        decision_reasons=app.decision_reasons,
        withheld_parts=app.withheld_parts,
        responsible_agency=app.responsible_agency,
        responsible_contact=app.responsible_contact,
        responsible_unidentified=app.responsible_unidentified,
        public_interest_reasons=app.public_interest_reasons,
        provision=provision,
        review_body=review_body(agency),
        remedy=remedy_rule(app.outcome) if app.outcome else None,
    )


# ---- 文号 and files at send --------------------------------------------------------------------------


def allocate_number(agency: Any, year: int) -> str:
    """The next 文号 of ``agency`` in ``year`` (row lock on the counter: unique and sequential)."""
    counter, _ = LetterNumberCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    pattern = letter_settings(agency).number_pattern or "{short}公开〔{year}〕{seq}号"
    return pattern.format(short=agency.short_name or agency.name, year=year, seq=counter.last)


def next_number(agency: Any, year: int) -> str:
    """The 文号 the next letter sent in ``year`` will get (for previews; nothing is allocated)."""
    counter = LetterNumberCounter.objects.filter(agency=agency, year=year).first()
    pattern = letter_settings(agency).number_pattern or "{short}公开〔{year}〕{seq}号"
    seq = (counter.last if counter else 0) + 1
    return pattern.format(short=agency.short_name or agency.name, year=year, seq=seq)


def letter_docx(letter: Letter, *, title: str, addressee: str, body: str, on: dt.date, number: str) -> bytes:
    """The 公文 DOCX of ``letter`` with this text — the one function behind sending and previewing."""
    agency = letter.application.agency
    options = letter_settings(agency)
    return render_docx(
        title=title,
        addressee=addressee,
        body=body,
        agency_name=agency.name,
        dated=on,
        number=number,
        letterhead=options.letterhead or agency.name,
        seal_png=bytes(options.seal_png) if options.seal_png else None,
        table=[list(r) for r in letter.table or []],
    )


_NO_PDF: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_letters_no_pdf", default=False)


def pdf_enabled() -> bool:
    """``settings.GONGKAI_LETTER_PDF`` (environment variable, default on), unless :func:`without_pdf`."""
    return bool(getattr(settings, "GONGKAI_LETTER_PDF", True)) and not _NO_PDF.get()


@contextlib.contextmanager
def without_pdf() -> Iterator[None]:
    """Send letters without their PDF inside this block (the demo's bulk year: LibreOffice takes seconds
    per letter); each such letter says so in ``pdf_note``."""
    token = _NO_PDF.set(True)
    try:
        yield
    finally:
        _NO_PDF.reset(token)


def send_files(letter: Letter, user: Any, on: dt.date, method: str = "") -> Letter:
    """Check completeness, allocate the 文号, write the 公文 DOCX and its PDF, mark sent; audited.

    Runs inside the caller's transaction. Every send — by the clerk or automatic (the online
    receipt) — passes the same completeness check (:func:`gongkai.web.applications.letters.gaps`).
    """
    missing = gaps(title=letter.title, addressee=letter.addressee, body=letter.body)
    if missing:
        raise LetterServiceError(refusal(missing))
    agency = letter.application.agency
    letter.number = allocate_number(agency, on.year)
    data = letter_docx(
        letter, title=letter.title, addressee=letter.addressee, body=letter.body, on=on, number=letter.number
    )
    letter.docx = data
    letter.sha256 = sha256_hex(data)
    letter.pdf, letter.pdf_sha256, letter.pdf_note = None, "", ""
    if pdf_enabled():
        # The PDF is made by a background task after the commit (LibreOffice takes seconds).
        from .letter_tasks import PENDING, render_letter_pdf

        letter.pdf_note = PENDING
        after_commit(render_letter_pdf, letter.pk)
    else:
        letter.pdf_note = "发送时未生成 PDF 版本（GONGKAI_LETTER_PDF=0 或演示数据），DOCX 文书已存档。"
    letter.sent_at = timezone.now()
    letter.sent_on = on  # a consequence takes effect only once its notice is sent (recorded)
    letter.delivery_method = method or letter.delivery_method
    letter.save()
    audit.record(
        user,
        "letter.send",
        letter,
        after={
            "kind": letter.kind,
            "number": letter.number,
            "sha256": letter.sha256,
            "pdf_sha256": letter.pdf_sha256,
            "sent_on": on.isoformat(),
            "method": letter.delivery_method,
        },
    )
    return letter


def download_name(letter: Letter, extension: str) -> str:
    """青溪县教育局-政府信息公开申请答复书-QX-EDUCATION-2026-000013.docx"""
    app = letter.application
    safe = "".join(c for c in f"{app.agency.name}-{letter.title}" if c not in '\\/:*?"<>|\r\n')
    return f"{safe}-{app.tracking_number}.{extension}"


# ---- letters the clerk starts, settings, policy --------------------------------------------------


def create_letter(app: Application, user: Any, version: int, kind: LetterKind) -> Letter:
    """Start a draft of a letter no action creates by itself (art. 35 letters); version-checked."""
    from . import services
    from .letters import MANUAL_KINDS

    if kind not in MANUAL_KINDS:
        raise LetterServiceError("该类文书由相应办理操作自动生成。")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=app.pk)
        scope.require(user, locked.agency, services.OFFICE_ROLES)
        if locked.version != version:
            raise services.StaleVersionError(f"申请 {locked.tracking_number} 已被他人修改，请刷新后重试。")
        if locked.concluded_on is not None:
            raise LetterServiceError("申请已办结，不能再起草该文书。")
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
        letter = services._new_letter(locked, kind, user)
    return letter


SETTINGS_FIELDS = ("letterhead", "number_pattern", "payee", "bank", "account", "payment_url", "payment_note")


def update_settings(agency: Any, user: Any, data: dict[str, Any], *, seal: bytes | None = None,
                    remove_seal: bool = False) -> LetterSettings:  # fmt: skip
    """The agency admin changes the letterhead, 文号 pattern, seal or payment details; audited."""
    if not scope.has_role(user, agency, (Role.AGENCY_ADMIN,)):
        raise PermissionDenied("只有本机关的机构管理员可以修改文书设置。")
    try:
        validate_number_pattern(data.get("number_pattern") or "")
        if seal is not None:
            validate_seal(seal)
    except ValidationError as exc:
        raise LetterServiceError("；".join(exc.messages)) from None
    with transaction.atomic():
        row, _ = LetterSettings.objects.select_for_update().get_or_create(agency=agency)
        before = {f: getattr(row, f) for f in SETTINGS_FIELDS} | {"seal_sha256": row.seal_sha256}
        for field in SETTINGS_FIELDS:
            if field in data:
                setattr(row, field, (data[field] or "").strip())
        if seal is not None:
            row.seal_png, row.seal_sha256 = seal, sha256_hex(seal)
        elif remove_seal:
            row.seal_png, row.seal_sha256 = None, ""
        row.full_clean()
        row.save()
        after = {f: getattr(row, f) for f in SETTINGS_FIELDS} | {"seal_sha256": row.seal_sha256}
        audit.record(user, "letter_settings.edit", row, before=before, after=after)
    return row


REMEDY_FIELDS = (
    "review_first",
    "review_body",
    "review_days",
    "suit_after_review_days",
    "direct_suit_months",
    "source",
)


def save_remedy_policy(row: RemedyClausePolicy, user: Any) -> RemedyClausePolicy:
    """The system administrator changes a remedy policy row (from the admin); validated, audited."""
    if not getattr(user, "is_superuser", False):
        raise PermissionDenied("只有系统管理员可以修改救济途径告知政策。")
    row.full_clean()
    with transaction.atomic():
        old = RemedyClausePolicy.objects.filter(pk=row.pk).first() if row.pk else None
        before = {f: getattr(old, f) for f in REMEDY_FIELDS} if old else None
        row.save()
        audit.record(
            user, "remedy_policy.edit", row, before=before, after={f: getattr(row, f) for f in REMEDY_FIELDS}
        )
    return row
