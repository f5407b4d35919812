"""Demo step: a year (2025) of applications to the county's education bureau, and the current year.

Every channel, every applicant column and every table 三 outcome row occurs; some 2025 applications
are still open on 31 December and carried into 2026; 2026 has open cases, some due soon and some
overdue, for the clock lists. Everything goes through :mod:`.services` (so the audit log, letters and
due dates are real) and is deterministic (a seeded random generator). Running it twice adds nothing.

The histories are lawful (domain.md §12.1): every consequence comes after its notice was sent through
the services — 视为放弃 after the sent 补正告知书's period, an extension approved by the 负责人 and
notified by a sent 延期答复告知书, consultation pauses from the sent 征求意见书, 逾期未缴费 after the sent
收费通知书, and disclosure over a third party's objection only after the 条例第三十二条 notice to it
(tests/web/applications/test_demo.py walks every case with :func:`.notices.history_problems`).

Routing between agencies (D47): the county's 政府办 (qx-office) is a 统一受理 portal; one application it
received waits for the education bureau's 签收 (the bureau clerk's 待签收 queue), one was 退回 by the
bureau and is back at the office.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.security.submission import new_key

from . import letter_services, services
from .models import Application, Channel, DeliveryMethod, ProvisionForm

SEED = 2025
KEY_PREFIX = "demo-"  # + a secrets-made key: demo keys are as unguessable as any other

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "勇",
    "艳",
    "杰",
    "军",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "桂英",
)
_ORGS = {
    "com": ("青溪县恒达建材有限公司", "青溪县明远商贸有限公司", "青溪县绿源农业科技有限公司"),
    "res": ("青溪县农业科学研究所", "某大学公共管理学院课题组"),
    "npo": ("青溪县助学公益协会", "青溪县环保志愿者协会"),
    "law": ("青溪县正义律师事务所", "青溪县明法律师事务所"),
    "oth": ("青溪县城关镇和平社区居民委员会", "青溪县个体劳动者协会"),
}
_TOPICS = (
    "{y}年青溪县义务教育阶段学校招生划片方案",
    "{y}年青溪县教育局部门预算及“三公”经费支出情况",
    "青溪县第二中学新校区建设项目的立项批复文件",
    "{y}年青溪县教师招聘考试的报名人数及录用名单",
    "青溪县民办幼儿园年检结果",
    "青溪县学生营养改善计划专项资金使用情况",
    "青溪县教育局关于校外培训机构的行政处罚决定书",
    "城关镇中心小学校舍维修工程招标及合同文件",
    "{y}年青溪县中考加分人员名单及依据",
    "青溪县教育局内部会议纪要",
)
_CHANNELS = [Channel.ONLINE, Channel.LETTER, Channel.IN_PERSON, Channel.FAX, Channel.EMAIL, Channel.OTHER]
_OUTCOMES = [
    o
    for o in FORMAT_2021.table3_outcome_rows
    if o not in ("other_no_correction", "other_no_fee", "other_other")
]


def _applicant(rng: random.Random, category: str) -> dict[str, Any]:
    if category == "np":
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        return {
            "applicant_type": "natural_person",
            "applicant_category": "np",
            "applicant_name": name,
            "applicant_id_type": "居民身份证",
            "applicant_id_number": f"36{rng.randrange(10**15, 10**16)}",
            "applicant_phone": f"139{rng.randrange(10**7, 10**8)}",
            "applicant_address": f"青溪县城关镇{rng.choice('东西南北')}街{rng.randint(1, 99)}号",
        }
    return {
        "applicant_type": "organisation",
        "applicant_category": category,
        "applicant_name": rng.choice(_ORGS[category]),
        "applicant_id_type": "统一社会信用代码",
        # "同一申请人" is identified by the credit code, never by name (109号第四条).
        "applicant_id_number": f"91361100MA{rng.randrange(10**7, 10**8)}",
        "applicant_phone": f"0999-{rng.randrange(6000000, 7000000)}",
        "applicant_address": "青溪县人民路88号",
    }


def _plans(rng: random.Random) -> list[dict[str, Any]]:
    """What happens to each application: deterministic, covering every outcome, channel and column."""
    plans: list[dict[str, Any]] = []
    categories = ["np", "com", "res", "npo", "law", "oth"]
    # Every outcome row at least once, then a realistic mix (予以公开 most often).
    outcomes = (
        [o for o in _OUTCOMES if o != "unable_still_unclear"]  # that one needs a supplement first
        + ["granted"] * 30
        + ["partial"] * 8
        + ["unable_not_held"] * 8
        + ["nohandle_repeat"] * 3
    )
    plans += [{"path": "reply", "outcome": outcome} for outcome in outcomes]
    plans += [{"path": "abandon"} for _ in range(4)]  # （六）1
    plans += [{"path": "fee_lapsed"} for _ in range(2)]  # （六）2
    plans += [{"path": "fee_paid", "outcome": "granted"} for _ in range(2)]
    plans += [{"path": "withdraw"} for _ in range(4)]  # （六）3
    plans += [{"path": "still_unclear", "outcome": "unable_still_unclear"} for _ in range(2)]
    rng.shuffle(plans)
    for i, plan in enumerate(plans):
        plan["channel"] = _CHANNELS[i % len(_CHANNELS)]
        plan["category"] = "np" if i % 3 else categories[(i // 3) % len(categories)]
        plan["received"] = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(0, 320))
        plan["extend"] = rng.random() < 0.12
        plan["consult"] = plan.get("outcome") in ("denied_third_party", "partial") or rng.random() < 0.05
    # Received in the last weeks of 2025 and still open on 31 December: carried forward to 2026.
    for k in range(6):
        plans.append(
            {
                "path": "carry",
                "outcome": "granted" if k % 2 else "partial",
                "channel": _CHANNELS[k % len(_CHANNELS)],
                "category": categories[k % len(categories)],
                "received": dt.date(2025, 12, 15) + dt.timedelta(days=k * 2),
                "extend": k == 0,
                "consult": k == 1,
            }
        )
    return plans


def _office(context: Any) -> tuple[Any, Any, Any]:
    return context.agencies["qx-education"], context.users["clerk"], context.users["reviewer"]


def _approver(context: Any) -> Any:
    return context.users["approver"]


def _register(context: Any, rng: random.Random, plan: dict[str, Any], key: str) -> Application:
    agency, clerk, _ = _office(context)
    data = {
        **_applicant(rng, plan["category"]),
        "description": rng.choice(_TOPICS).format(y=plan["received"].year - rng.randint(0, 1)),
        "provision_form": rng.choice(ProvisionForm.values),
        "item_count": 1 if rng.random() < 0.9 else rng.randint(2, 4),
        "delivery_method": rng.choice(DeliveryMethod.values),
    }
    if plan["path"].startswith("fee_"):
        data["provision_form"] = ProvisionForm.PAPER  # 109号第五条: 按量计收 only for paper, e-mail, copies
    online = plan["channel"] == Channel.ONLINE
    applicant_user = None
    if online and plan["category"] == "np" and rng.random() < 0.3:
        applicant_user = context.users.get("applicant")
        profile = getattr(applicant_user, "applicant_profile", None)
        if profile is not None:
            data["applicant_name"] = profile.name
    app, _ = services.register(
        agency=agency,
        actor=applicant_user if online else clerk,
        channel=plan["channel"],
        received_on=plan["received"],
        data=data,
        applicant_user=applicant_user,
        idempotency_key=key,
        online=online,
    )
    if not online:
        receipt = app.letters.get(kind="receipt")
        services.send_letter(receipt, clerk, app.version, on=plan["received"])
        app.refresh_from_db()
    return app


def _work(context: Any, rng: random.Random, app: Application, plan: dict[str, Any], *, finish: bool) -> None:
    """Take ``app`` along ``plan``; when ``finish`` is False it stops before the reply (still open)."""
    _, clerk, reviewer = _office(context)
    received = plan["received"]
    path = plan["path"]
    if path in ("abandon", "still_unclear"):
        app = services.request_correction(
            app,
            clerk,
            app.version,
            items="请写明所需信息的具体年份、文件名称或文号。",
            notice_on=_next(received, 3),
        )
        if path == "abandon":
            services.mark_abandoned(
                app, clerk, app.version, on=app.supplement_deadline + dt.timedelta(days=1)
            )
            return
        app = services.record_supplement(
            app, clerk, app.version, received_on=app.correction_requested_on + dt.timedelta(days=5)
        )
        start = app.supplement_received_on
    else:
        app = services.start_review(app, clerk, app.version)
        start = received
    if path == "withdraw":
        services.withdraw(app, clerk, app.version, on=_next(start, 6), note="申请人来电撤回申请")
        return
    if plan.get("consult"):
        kind = "third_party" if rng.random() < 0.8 else "co_producer"
        party = "青溪县恒达建材有限公司" if kind == "third_party" else "青溪县财政局"
        app = services.consult(app, clerk, app.version, kind=kind, party_name=party, sent_on=_next(start, 4))
        if not finish:
            return  # still waiting for the consulted party
        answered = _next(start, 4 + rng.randint(3, 12))
        objects = kind == "third_party" and plan.get("outcome") in ("denied_third_party", "partial")
        app = services.end_consultation(
            app,
            clerk,
            app.version,
            answered_on=answered,
            opinion="不同意公开涉及本单位商业秘密的部分" if objects else "无意见",
            objects=objects,
        )
    if plan.get("extend"):
        app = services.request_extension(
            app, clerk, app.version, reason="申请公开的信息涉及多个年度，需要检索、汇总"
        )
        app = services.recommend_extension(app, reviewer, app.version, opinion="情况属实，建议延期")
        day = min(app.reply_due, _next(start, 15))
        # 条例第三十三条第二款: the 负责人 approves; the extension takes effect once the applicant is told.
        app = services.approve_extension(app, _approver(context), app.version, on=day)
        notice = app.letters.get(kind="extension")
        services.send_letter(notice, clerk, app.version, on=day, delivery_method="post")
        app.refresh_from_db()
    if not finish:
        return
    outcome = plan.get("outcome", "granted")
    decided = _next(start, 12 + rng.randint(0, 6))
    if app.effective_due:
        decided = min(decided, app.effective_due)
    inputs = _decision_inputs(outcome, rng)
    if outcome in ("granted", "partial") and app.consultations.filter(objects_to_disclosure=True).exists():
        # 条例第三十二条: disclosing over the third party's objection needs the public-interest reasons.
        inputs["public_interest_reasons"] = "该信息涉及公共利益，不公开可能对公共利益造成重大影响。"
        inputs["decision_text"] = (
            "申请所涉建材采购合同的价格条款和履约情况。"  # what is disclosed, told to the party
        )
    app = services.decide(app, clerk, app.version, outcome=outcome, on=decided, **inputs)
    disclosure = app.letters.filter(kind="third_party_disclosure", sent_at__isnull=True).first()
    if disclosure is not None:  # 条例第三十二条: tell the objecting third party before disclosing
        services.send_letter(disclosure, clerk, app.version, on=decided, delivery_method="post")
        app.refresh_from_db()
    if path in ("fee_paid", "fee_lapsed"):
        app = services.issue_fee_notice(
            app, clerk, app.version, method="per_volume", quantity=rng.randint(60, 180), issued_on=decided
        )
        if path == "fee_lapsed":
            services.fee_lapsed(app, clerk, app.version, on=app.fee_notice.payment_due + dt.timedelta(days=1))
            return
        app = services.record_payment(app, clerk, app.version, paid_on=_next(decided, 5))
        decided = app.fee_notice.paid_on
    reply = app.letters.filter(kind="reply").order_by("-pk").first()
    services.send_letter(reply, clerk, app.version, on=decided)
    app.refresh_from_db()
    if rng.random() < 0.7:
        services.close(app, clerk, app.version)


DEMO_LETTER_SETTINGS = {
    "letterhead": "青溪县教育局",
    "number_pattern": "青教公开〔{year}〕{seq}号",
    "payee": "青溪县财政局非税收入汇缴结算户",
    "bank": "青溪县农村信用合作联社营业部",
    "account": "6200 0000 0000 0000",  # a made-up demo account
    "payment_url": "",
    "payment_note": "",
}

#: Reasons the demo gives for refusals (条例 arts. 36(3), 37 require them; decisions.py checks).
_REASONS = {
    "denied_state_secret": "该文件经定密程序确定为秘密级国家秘密，保密期限未满。",
    "denied_law_prohibited": "《中华人民共和国未成年人保护法》禁止公开涉及未成年人个人信息的内容。",
    "denied_security": "该信息为学校安全防范部署细节，公开后可能危及校园公共安全。",
    "denied_third_party": "该信息包含第三方企业的报价和成本构成，属于商业秘密，第三方不同意公开。",
    "denied_internal": "该信息为本机关内部人事考勤安排，属于内部事务信息。",
    "denied_process": "该信息为局务会讨论记录，属于过程性信息。",
    "denied_enforcement_file": "该信息为民办学校行政处罚案卷中的调查询问笔录，属于行政执法案卷信息。",
    "denied_admin_query": "请依照《不动产登记暂行条例》第二十七条向青溪县不动产登记中心申请查询。",
}


def _decision_inputs(outcome: str, rng: random.Random) -> dict[str, Any]:
    if outcome == "partial":
        return {
            "withheld_parts": "附件中供应商的报价明细和联系人信息",
            "decision_reasons": "该部分涉及第三方商业秘密和个人隐私，公开会损害第三方合法权益（条例第十五条）。",
        }
    if outcome in _REASONS:
        return {"decision_reasons": _REASONS[outcome]}
    if outcome == "unable_not_held" and rng.random() < 0.5:
        return {
            "answer_item": "art36_5",
            "decision_reasons": "学校建设用地审批由自然资源部门负责，该信息由其制作并保存。",
            "responsible_agency": "青溪县自然资源局",
            "responsible_contact": "青溪县人民路12号，电话 0000-7654321",
        }
    return {}


def _next(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def load(context: Any) -> None:
    """The demo step (``settings.GONGKAI_DEMO_STEPS``)."""
    if Application.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists():
        context.say("依申请公开：演示数据已存在，未重复添加")
        return
    rng = random.Random(SEED)
    plans = _plans(rng)
    agency = _office(context)[0]
    admin = context.users.get("agency_admin")
    if admin is not None:  # the 公文 settings of the demo bureau (letterhead, 文号, how to pay fees)
        letter_services.update_settings(agency, admin, DEMO_LETTER_SETTINGS)
    # LibreOffice takes seconds per letter: the demo's ~170 letters are archived as DOCX only.
    with letter_services.without_pdf():
        for plan in sorted(plans, key=lambda p: p["received"]):
            app = _register(context, rng, plan, f"{KEY_PREFIX}{new_key()}")
            # The carried cases are worked until mid-December only; they stay open into 2026.
            _work(context, rng, app, plan, finish=plan["path"] != "carry")
        # The current year: some done, some open — due soon or overdue — for the clock lists.
        current = _current_year(context, rng)
        routed = _routing(context)
    from .stats import table3

    cells = table3(agency, 2025)
    context.say(
        f"依申请公开：{agency.name} 2025年新收{cells['t3.new_received.tot']}件、办结{cells['t3.total.tot']}件、"
        f"结转2026年{cells['t3.carry_forward.tot']}件；{context.today.year}年另有{current}件"
    )
    if routed:
        context.say(f"转办：{routed}")


def _current_year(context: Any, rng: random.Random) -> int:
    today = context.today
    if today.year < 2026:
        return 0
    count = 0
    offsets = (5, 12, 18, 24, 26, 27, 29, 33, 40, 60, 90, 120)
    for n, back in enumerate(offsets):
        received = today - dt.timedelta(days=back)
        if received.year != today.year:
            continue
        plan = {
            "path": "reply" if back >= 60 else "open",
            "outcome": rng.choice(_OUTCOMES[:6]),
            "channel": _CHANNELS[n % len(_CHANNELS)],
            "category": "np" if n % 2 else "com",
            "received": received,
            "extend": back == 40,
            "consult": False,
        }
        app = _register(context, rng, plan, f"{KEY_PREFIX}{new_key()}")
        if plan["path"] == "reply":
            _work(context, rng, app, plan, finish=True)
        elif back > 7:
            _work(context, rng, app, plan, finish=False)
        count += 1
    return count


#: The 政府办's clerk of the demo (a 统一受理 portal needs someone to register and route).
OFFICE_CLERK = ("zhengwu", "demo-zhengwu-2026", "吴经办（县政府办）")


def _routing(context: Any) -> str:
    """qx-office becomes the county's 统一受理 portal: one case pending 签收 at the bureau, one 退回."""
    from gongkai.web.accounts.models import Membership, User
    from gongkai.web.accounts.roles import Role
    from gongkai.web.demo import DemoAccount

    today = context.today
    office, bureau = context.agencies.get("qx-office"), context.agencies.get("qx-education")
    if office is None or bureau is None or today.year < 2026:
        return ""
    username, password, display = OFFICE_CLERK
    clerk = User.objects.filter(username=username).first() or User.objects.create_user(
        username=username, password=password, display_name=display, email=f"{username}@example.org"
    )
    Membership.objects.get_or_create(user=clerk, agency=office, role=Role.CLERK)
    context.accounts.append(DemoAccount(Role.CLERK.label, username, password, office.name))
    services.set_unified_intake(office, None, area=office.parent, note="青溪县依申请公开统一受理（演示）")
    bureau_clerk = context.users["clerk"]
    cases = []
    for back, topic in (
        (3, "青溪县第三中学扩建项目的环境影响评价文件"),
        (10, "城关镇和平街旧城改造项目的征收补偿方案"),
    ):
        received = today - dt.timedelta(days=back)
        app, _ = services.register(
            agency=office,
            actor=clerk,
            channel=Channel.LETTER,
            received_on=received,
            data={**_applicant(random.Random(back), "np"), "description": topic},
            idempotency_key=f"{KEY_PREFIX}{new_key()}",
        )
        services.send_letter(app.letters.get(kind="receipt"), clerk, app.version, on=received)
        app.refresh_from_db()
        app = services.route(
            app, clerk, app.version, to_agency=bureau, reason="涉及学校建设项目，属县教育局职责", on=received
        )
        cases.append(app)
    # The older one: the bureau sends it back (the 征收补偿方案 is not its information).
    services.send_back(
        cases[1],
        bureau_clerk,
        cases[1].version,
        reason="征收补偿方案由县住房和城乡建设局制作，不属于本局职责",
        on=today - dt.timedelta(days=9),
    )
    return f"{office.name}为统一受理机关；{cases[0].tracking_number}待{bureau.name}签收，{cases[1].tracking_number}已退回"
