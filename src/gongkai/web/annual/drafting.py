"""The section texts drafted from the year's facts — by templates, never a language model.

Every figure in a drafted text is read from :class:`~.figures.YearFacts`, the object the tables are
built from, so text and tables agree by construction (rule X2, domain.md §4.2). The agency edits the
drafts (:attr:`AnnualReport.sections`); :func:`drafts` gives the text to start from.

* 一、总体情况 — 主动公开 by column, 政策解读, 依申请公开 totals and their change, 复议 and 诉讼
  (条例第五十条; 2021 format §2.2);
* 五、存在的主要问题及改进情况 — the agency's own words (an empty frame to fill; last year's is shown beside);
* 六、其他需要报告的事项 — 信息处理费: notices issued (count, amount) and the amount collected, as the 2021
  format asks (国办函〔2020〕109号; domain.md §2.2 [M for the exact wording]).
"""

from __future__ import annotations

from decimal import Decimal

from .figures import YearFacts


def _yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01')):,}元"


def _t4_sentence(facts: YearFacts) -> str:
    c = facts.cells
    review = c["t4.review.total"]
    suits = c["t4.direct.total"] + c["t4.after_review.total"]
    if not review and not suits:
        return "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    parts = []
    if review:
        parts.append(
            f"被申请行政复议{review}件，其中结果维持{c['t4.review.maintain']}件、结果纠正{c['t4.review.correct']}件、"
            f"其他结果{c['t4.review.other']}件、尚未审结{c['t4.review.pending']}件"
        )
    if suits:
        maintain = c["t4.direct.maintain"] + c["t4.after_review.maintain"]
        correct = c["t4.direct.correct"] + c["t4.after_review.correct"]
        other = c["t4.direct.other"] + c["t4.after_review.other"]
        pending = c["t4.direct.pending"] + c["t4.after_review.pending"]
        parts.append(
            f"被提起行政诉讼{suits}件（未经复议直接起诉{c['t4.direct.total']}件、复议后起诉{c['t4.after_review.total']}件），"
            f"其中结果维持{maintain}件、结果纠正{correct}件、其他结果{other}件、尚未审结{pending}件"
        )
    return "本年度因政府信息公开工作" + "；".join(parts) + "。"


def overview(facts: YearFacts) -> str:
    c = facts.cells
    name, year = facts.agency.name, facts.year
    lines = [
        f"{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，现将本机关{year}年政府信息公开工作情况报告如下。"
    ]
    if facts.published_total:
        columns = "、".join(f"“{col}”{n}条" for col, n in facts.published_by_column)
        lines.append(
            f"（一）主动公开情况。全年在政府信息公开专栏主动公开政府信息{facts.published_total}条，其中{columns}。"
        )
    else:
        lines.append("（一）主动公开情况。全年未在政府信息公开专栏登记发布主动公开信息。")
    lines.append(f"发布政策解读{facts.interpretations}条。")
    new, carried = c["t3.new_received.tot"], c["t3.carried_over.tot"]
    sentence = f"（二）依申请公开情况。全年新收政府信息公开申请{new}件"
    previous = facts.previous_new_received
    if previous:
        change = new - previous
        trend = "增加" if change > 0 else "减少" if change < 0 else "持平"
        sentence += f"，较上年{previous}件{trend}" + (f"{abs(change)}件" if change else "")
    sentence += (
        f"；上年结转{carried}件；本年办结{c['t3.total.tot']}件，其中予以公开{c['t3.granted.tot']}件、"
        f"部分公开{c['t3.partial.tot']}件；结转下年度继续办理{c['t3.carry_forward.tot']}件。"
    )
    lines.append(sentence)
    lines.append("（三）行政复议和行政诉讼情况。" + _t4_sentence(facts))
    return "\n".join(lines)


def problems_frame(facts: YearFacts) -> str:
    return (
        f"（一）{facts.year - 1}年度存在问题的整改情况。（请填写）\n"
        f"（二）{facts.year}年度存在的主要问题。（请填写）\n"
        f"（三）{facts.year + 1}年度改进措施。（请填写）"
    )


def other_matters(facts: YearFacts) -> str:
    if facts.fee_notices or facts.fee_collected:
        fee = (
            f"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）发出收费通知{facts.fee_notices}件，"
            f"总金额{_yuan(facts.fee_notice_amount)}，实际收取{_yuan(facts.fee_collected)}。"
        )
    else:
        fee = "本年度发出信息处理费收费通知0件，总金额0.00元，实际收取0.00元，未收取政府信息公开信息处理费。"
    return fee


def drafts(facts: YearFacts) -> dict[str, str]:
    """The drafted texts of the three written sections (keys as in the core's format)."""
    return {
        "s1_overview": overview(facts),
        "s5_problems": problems_frame(facts),
        "s6_other": other_matters(facts),
    }


#: Placeholder text that must not be published as is.
PLACEHOLDER = "（请填写）"
