"""Letters of the application workflow: default texts, completeness, 公文 DOCX and PDF (no ORM).

The clerk starts from a default text (:func:`draft`), edits it in a form, and the DOCX is generated
from the edited text in the layout of GB/T 9704-2012 (:func:`render_docx`, :mod:`.layout`); the PDF
is the same DOCX converted by LibreOffice (:mod:`.pdf`). Once sent, both files and their sha256 are
archived by the ``Letter`` model and never changed. No letter is sent — by hand or automatically —
while it has a gap (:func:`gaps`, :mod:`.complete`).

Letter set (domain.md §7; 条例 arts. 30–39; 国办函〔2020〕109号): 申请接收回执, 补正告知书 (art. 30),
延期答复告知书 (art. 33 ¶2), 第三方征求意见书 (art. 32), 共同制作机关征求意见书 (art. 34),
说明理由告知书 and 延后答复告知书 (art. 35), 告知书（第三方） of disclosure over an objection (art. 32),
收费通知书 (109号), and the 答复书 of each table 三 outcome (art. 36, :mod:`.replies`) closed by the
remedy clause of :mod:`.remedy`. No national template exists (domain.md §7); wording follows local
template sets such as 宿政办函〔2021〕21号.
"""

from __future__ import annotations

import hashlib

from .complete import gaps, refusal, unfilled
from .kinds import (
    ACT,
    LETTER_LABELS,
    MANUAL_KINDS,
    THIRD_PARTY_KINDS,
    LetterContext,
    LetterDraft,
    LetterKind,
    cn_date,
)
from .layout import render_docx
from .replies import ANSWER_ITEMS, PLACEHOLDER
from .texts import FEE_TABLE_HEADER, LetterContextError, draft

__all__ = [
    "ACT",
    "ANSWER_ITEMS",
    "FEE_TABLE_HEADER",
    "LETTER_LABELS",
    "MANUAL_KINDS",
    "PLACEHOLDER",
    "THIRD_PARTY_KINDS",
    "LetterContext",
    "LetterContextError",
    "LetterDraft",
    "LetterKind",
    "cn_date",
    "draft",
    "gaps",
    "refusal",
    "render_docx",
    "sha256_hex",
    "unfilled",
]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
