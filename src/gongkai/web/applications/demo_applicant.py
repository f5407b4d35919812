"""Demo step: what the demo applicant (``shenqing``) sees of the applicant's features.

Two online applications of the demo applicant to the education bureau: one waiting for their 补正
(the 补正告知书 sent, a message from the office), one replied with a disclosed file. Everything goes
through the services, so the notifications, outbox mails and audit events are real. Idempotent.
"""

from __future__ import annotations

import hashlib
from typing import Any

from . import applicant_services, services
from .attachments import CheckedFile
from .models import Application, Channel

KEY_PREFIX = "demo-applicant-"
_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% gongkai demo\n%%EOF\n"

_DATA = {
    "applicant_type": "natural_person",
    "applicant_category": "np",
    "provision_form": "electronic",
    "delivery_method": "online",
}


def _register(context: Any, key: str, description: str) -> Application:
    user = context.users["applicant"]
    profile = getattr(user, "applicant_profile", None)
    app, _ = services.register(
        agency=context.agencies["qx-education"],
        actor=user,
        channel=Channel.ONLINE,
        received_on=services.today(),
        data={
            **_DATA,
            "applicant_name": getattr(profile, "name", "") or "申请人",
            "description": description,
        },
        applicant_user=user,
        idempotency_key=f"{KEY_PREFIX}{key}",
        online=True,
    )
    return app


def _send(app: Application, kind: str, clerk: Any) -> Application:
    app.refresh_from_db()
    services.send_letter(app.letters.get(kind=kind), clerk, app.version)
    app.refresh_from_db()
    return app


def load(context: Any) -> None:
    """The demo step (``settings.GONGKAI_DEMO_STEPS``)."""
    if Application.objects.filter(idempotency_key__startswith=KEY_PREFIX).exists():
        context.say("申请人功能：演示数据已存在，未重复添加")
        return
    if "applicant" not in context.users or "qx-education" not in context.agencies:
        return
    clerk = context.users["clerk"]
    waiting = _register(context, "correction", "县教育局关于学区划分调整的文件")
    # With ``notice_on`` the 补正告知书 is drafted and sent at once (条例第三十条: the period runs from it).
    waiting = services.request_correction(
        waiting, clerk, waiting.version, items="请写明所需文件的年份或文号。", notice_on=services.today()
    )
    applicant_services.post_message(waiting, clerk, "您好，补正时写明年份即可，也可以上传相关材料的照片。")
    replied = _register(context, "replied", "2025年县教育局部门预算公开表")
    replied = services.start_review(replied, clerk, replied.version)
    replied = services.decide(replied, clerk, replied.version, outcome="granted")
    plan = CheckedFile(
        "2025年县教育局部门预算.pdf", "application/pdf", _PDF, hashlib.sha256(_PDF).hexdigest()
    )
    applicant_services.attach_disclosed(replied, clerk, [plan])
    _send(replied, "reply", clerk)
    context.say(
        f"申请人功能：申请人 {context.users['applicant'].get_username()} 有一件待补正的申请"
        f"（{waiting.tracking_number}）和一件已答复并附公开文件的申请（{replied.tracking_number}）"
    )
