"""What a decision must say besides its outcome row (条例 arts. 32, 36, 37), checked before it is made.

- 不予公开 (table 三 （三）) must give its reasons (art. 36(3) "并说明理由"); 行政查询事项 (art. 36(7)) says
  under which law and where to obtain it.
- 部分公开 (art. 37) says what was withheld and why.
- （四）1 本机关不掌握 is two different answers, kept apart by ``answer_item``: art. 36(4) the information
  does not exist; art. 36(5) it is not this agency's to disclose — with reasons, and the responsible
  agency's name and contact where identifiable (or the explicit statement that it cannot be identified).
- 予以公开 of information already proactively disclosed (art. 36(1)) says how and where to get it.
- Disclosure over a third party's objection (art. 32) states why non-disclosure would seriously affect
  the public interest; the third party is told in writing (letter ``third_party_disclosure``).

:func:`validate` returns field → Chinese message; the decide form (``forms.DecideForm.clean``) and the
decide service (``services.decide``) both call it, so the rule holds whoever calls the service.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .letters.replies import ART36_1, ART36_4, ART36_5, ROW_ITEMS

#: The decision inputs stored on ``Application`` (besides ``outcome`` and ``decision_text``).
FIELDS = (
    "answer_item",
    "decision_reasons",
    "withheld_parts",
    "responsible_agency",
    "responsible_contact",
    "responsible_unidentified",
    "public_interest_reasons",
)
DISCLOSING = ("granted", "partial")


def normalise(outcome: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs that apply to ``outcome``, stripped; the others blank (so no stale reason is printed)."""
    data: dict[str, Any] = {f: (inputs.get(f) or "") for f in FIELDS}
    for key, value in data.items():
        if isinstance(value, str):
            data[key] = value.strip()
    data["responsible_unidentified"] = bool(inputs.get("responsible_unidentified"))
    items = ROW_ITEMS.get(outcome)
    if items is None:
        data["answer_item"] = ""
    elif not data["answer_item"]:
        data["answer_item"] = items[0]
    if not (outcome == "unable_not_held" and data["answer_item"] == ART36_5):
        data["responsible_agency"] = data["responsible_contact"] = ""
        data["responsible_unidentified"] = False
    if outcome != "partial":
        data["withheld_parts"] = ""
    if outcome not in DISCLOSING:
        data["public_interest_reasons"] = ""
    return data


def validate(
    outcome: str, decision_text: str, inputs: Mapping[str, Any], *, third_party_objected: bool = False
) -> dict[str, str]:
    """Field → Chinese message for every missing or contradictory decision input (empty: valid)."""
    raw = {f: inputs.get(f) for f in FIELDS}
    data = normalise(outcome, inputs)
    errors: dict[str, str] = {}
    items = ROW_ITEMS.get(outcome, ())
    if raw.get("answer_item") and raw["answer_item"] not in items:
        errors["answer_item"] = "所选答复依据项不适用于该办理结果。"
    if outcome == "granted" and data["answer_item"] == ART36_1 and not decision_text.strip():
        errors["decision_text"] = (
            "已主动公开的，请在决定说明中写明获取该政府信息的方式和途径（条例第三十六条第（一）项）。"
        )
    if outcome == "partial":
        if not data["withheld_parts"]:
            errors["withheld_parts"] = "部分公开的，请写明不予公开的内容（条例第三十七条）。"
        if not data["decision_reasons"]:
            errors["decision_reasons"] = (
                "部分公开的，请写明不予公开部分的理由（条例第三十七条、第三十六条第（三）项）。"
            )
    if outcome == "denied_admin_query" and not data["decision_reasons"]:
        errors["decision_reasons"] = "请写明应依照的法律、行政法规及办理途径（条例第三十六条第（七）项）。"
    elif outcome.startswith("denied_") and not data["decision_reasons"]:
        errors["decision_reasons"] = "不予公开的，请写明理由（条例第三十六条第（三）项）。"
    if outcome == "unable_not_held":
        if data["answer_item"] == ART36_5:
            if not data["decision_reasons"]:
                errors["decision_reasons"] = "请说明不属于本机关负责公开的理由（条例第三十六条第（五）项）。"
            if data["responsible_unidentified"]:
                if raw.get("responsible_agency"):
                    errors["responsible_agency"] = "已勾选“无法确定负责公开的机关”，不应再填写机关名称。"
            else:
                if not data["responsible_agency"]:
                    errors["responsible_agency"] = (
                        "请填写负责公开该信息的机关名称（条例第三十六条第（五）项）；确实无法确定的，请勾选“无法确定负责公开的机关”。"
                    )
                if not data["responsible_contact"]:
                    errors["responsible_contact"] = (
                        "请填写负责公开该信息的机关的联系方式（条例第三十六条第（五）项）。"
                    )
        elif data["answer_item"] == ART36_4 and (
            raw.get("responsible_agency") or raw.get("responsible_contact")
        ):
            errors["responsible_agency"] = (
                "“信息不存在”（第三十六条第（四）项）不告知负责机关；信息由其他机关负责公开的，请选择第三十六条第（五）项。"
            )
    if third_party_objected and outcome in DISCLOSING and not data["public_interest_reasons"]:
        errors["public_interest_reasons"] = (
            "第三方不同意公开而决定公开的，请写明不公开会对公共利益造成重大影响的理由（条例第三十二条），"
            "该理由将书面告知第三方。"
        )
    return errors


def message(errors: Mapping[str, str]) -> str:
    return "；".join(m.rstrip("。") for m in dict.fromkeys(errors.values())) + "。"


def third_party_objected(app: Any) -> bool:
    """A third party consulted under art. 32 objected to disclosure (latest answer counts)."""
    from .models import ConsultationKind

    latest = app.consultations.filter(kind=ConsultationKind.THIRD_PARTY).order_by("-sent_on", "-pk").first()
    return bool(latest and latest.objects_to_disclosure)


def needs_third_party_notice(app: Any) -> bool:
    """Disclosure (in whole or part) over a third party's objection: art. 32's written notice is due."""
    return app.outcome in DISCLOSING and third_party_objected(app)
