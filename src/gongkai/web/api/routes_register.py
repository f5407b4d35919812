"""主动公开 register items: draft, edit, submit, review, publish, list and search.

Each write calls :mod:`gongkai.web.disclosures.services` as the token's acting user, so the legal
workflow holds for the API as on the web (条例第十七条): drafting needs 经办人, the 保密审查 and
合法性审查 need 审核人, approval and publication need 负责人 — and publication needs both reviews
passed and the self-audit clean (D39).
"""

from __future__ import annotations

from typing import Any

from django.forms.models import model_to_dict
from django.http import HttpRequest
from ninja import Query, Router
from ninja import Status as Reply

from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.disclosures import search
from gongkai.web.disclosures import services as register
from gongkai.web.disclosures.forms import ItemForm
from gongkai.web.disclosures.models import CatalogueNode, Item, Status, Term, TermKind

from . import services
from .auth import Caller, caller
from .errors import ApiError, responses
from .models import Scope
from .schemas import (
    ItemIn,
    ItemOut,
    ItemPage,
    ItemPatch,
    PublishIn,
    PublishOut,
    ReviewIn,
    SearchOut,
    VocabulariesOut,
)

router = Router(tags=["主动公开"])
PER_PAGE = 50


def item_out(item: Item) -> dict[str, Any]:
    return {
        "id": item.pk,
        "index_number": item.index_number,
        "title": item.title,
        "publisher": item.publisher,
        "doc_number": item.doc_number,
        "written_on": item.written_on,
        "status": item.status,
        "status_label": Status(item.status).label,
        "published_at": item.published_at,
        "keywords": item.keywords,
        "article20_items": list(item.article20_items or []),
    }


def _item(who: Caller, pk: int) -> Item:
    """The agency's own item (another agency's: 404, as on the web)."""
    return Item.objects.visible_to(who.user).get(agency=who.agency, pk=pk)


def _form_data(values: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            data[key] = ""
        elif isinstance(value, list):
            data[key] = [str(v) for v in value]
        else:
            data[key] = value
    return data


def _validated(who: Caller, values: dict[str, Any], instance: Item | None = None) -> dict[str, Any]:
    """``values`` checked by the web's ItemForm (the same rules, the same cleaning)."""
    form = ItemForm(_form_data(values), instance=instance, agency=who.agency)
    if not form.is_valid():
        detail = {field: [str(e) for e in errors] for field, errors in form.errors.items()}
        raise ApiError(422, "validation_error", "信息内容未通过校验。", detail)
    return dict(form.cleaned_data)


@router.get("/register/items", response=responses({200: ItemPage}), url_name="register_list")
def register_list(
    request: HttpRequest,
    status: str = Query(
        "", max_length=16, description="draft / in_review / approved / published / withdrawn"
    ),
    page: int = Query(1, ge=1, le=10000),
) -> dict[str, Any]:
    """本机关的主动公开信息（含草稿），最新的在前。"""
    who = caller(request, Scope.REGISTER_READ)
    qs = Item.objects.visible_to(who.user).filter(agency=who.agency)
    if status:
        qs = qs.filter(status=status)
    count = qs.count()
    rows = qs.order_by("-updated_at", "-pk")[(page - 1) * PER_PAGE : page * PER_PAGE]
    return {
        "count": count,
        "page": page,
        "pages": max(1, -(-count // PER_PAGE)),
        "results": [item_out(i) for i in rows],
    }


@router.get(
    "/register/vocabularies", response=responses({200: VocabulariesOut}), url_name="register_vocabularies"
)
def register_vocabularies(request: HttpRequest) -> dict[str, Any]:
    """公开目录栏目、主题分类与体裁的编号（起草时 catalogue、topic、genre 的取值）。"""
    who = caller(request, Scope.REGISTER_READ)
    nodes = CatalogueNode.objects.visible_to(who.user).filter(agency=who.agency).order_by("position", "pk")

    def terms(kind: str) -> list[dict[str, Any]]:
        rows = Term.objects.filter(kind=kind).order_by("position", "pk")
        return [{"id": t.pk, "code": t.code, "label": t.label} for t in rows]

    return {
        "catalogue": [{"id": n.pk, "code": n.slug, "label": n.name} for n in nodes],
        "topics": terms(TermKind.TOPIC),
        "genres": terms(TermKind.GENRE),
    }


@router.get("/register/items/{item_id}", response=responses({200: ItemOut}), url_name="register_detail")
def register_detail(request: HttpRequest, item_id: int) -> dict[str, Any]:
    who = caller(request, Scope.REGISTER_READ)
    return item_out(_item(who, item_id))


@router.post("/register/items", response=responses({201: ItemOut}, 409), url_name="register_create")
def register_create(request: HttpRequest, payload: ItemIn) -> Reply[dict[str, Any]]:
    """起草一条主动公开信息（需经办人角色）；索引号按本机关的规则生成。"""
    who = caller(request, Scope.REGISTER_WRITE)
    scope.require(who.user, who.agency, (Role.CLERK,))  # the web's guard of the draft page
    register.ensure_catalogue(who.agency, actor=who.user)  # as the web's draft page: the usual columns
    data = _validated(who, payload.model_dump())
    item = services.write(
        who.token, "disclosure_create", lambda: register.create_item(who.agency, who.user, data)
    )
    return Reply(201, item_out(item))


@router.patch(
    "/register/items/{item_id}", response=responses({200: ItemOut}, 409), url_name="register_update"
)
def register_update(request: HttpRequest, item_id: int, payload: ItemPatch) -> dict[str, Any]:
    """修改草稿（只改所给的字段）；已发布的信息只能在网页上更正。"""
    who = caller(request, Scope.REGISTER_WRITE)
    item = _item(who, item_id)
    current = model_to_dict(item, fields=ItemForm.Meta.fields)
    changes = payload.model_dump(exclude_unset=True)
    data = _validated(who, {**current, **changes}, instance=Item.objects.get(pk=item.pk))
    updated = services.write(
        who.token, "disclosure_update", lambda: register.update_item(item, who.user, data)
    )
    return item_out(updated)


@router.post(
    "/register/items/{item_id}/submit", response=responses({200: ItemOut}, 409), url_name="register_submit"
)
def register_submit(request: HttpRequest, item_id: int) -> dict[str, Any]:
    """把草稿送审（保密审查与合法性审查）。"""
    who = caller(request, Scope.REGISTER_WRITE)
    item = _item(who, item_id)
    return item_out(services.write(who.token, "disclosure_submit", lambda: register.submit(item, who.user)))


@router.post(
    "/register/items/{item_id}/reviews", response=responses({200: ItemOut}, 409), url_name="register_review"
)
def register_review(request: HttpRequest, item_id: int, payload: ReviewIn) -> dict[str, Any]:
    """记录保密审查或合法性审查的结论（需审核人角色；条例第十七条）。"""
    who = caller(request, Scope.REGISTER_PUBLISH)
    item = _item(who, item_id)
    services.write(
        who.token,
        "disclosure_review",
        lambda: register.record_review(
            item,
            who.user,
            payload.kind,
            payload.conclusion,
            note=payload.note,
            reviewed_on=payload.reviewed_on,
        ),
        subject=lambda review: item,
    )
    item.refresh_from_db()
    return item_out(item)


@router.post(
    "/register/items/{item_id}/publish",
    response=responses({200: PublishOut}, 409),
    url_name="register_publish",
)
def register_publish(request: HttpRequest, item_id: int, payload: PublishIn) -> dict[str, Any]:
    """批准并发布（需负责人角色、两项审查均已通过、自查无错误；有提示时须 acknowledge_warnings）。"""
    who = caller(request, Scope.REGISTER_PUBLISH)
    item = _item(who, item_id)
    findings = services.write(
        who.token,
        "disclosure_publish",
        lambda: register.approve_and_publish(
            item, who.user, at=payload.at, acknowledge_warnings=payload.acknowledge_warnings
        ),
        subject=lambda findings: item,
    )
    item.refresh_from_db()
    return {"item": item_out(item), "warnings": [f.message for f in findings]}


@router.get("/register/search", response=responses({200: SearchOut}), url_name="register_search")
def register_search(
    request: HttpRequest,
    q: str = Query("", max_length=200, description="检索词、文号或索引号"),
    page: int = Query(1, ge=1, le=100),
) -> dict[str, Any]:
    """检索本机关已公开的信息（与公众检索相同的排序与精确匹配）。"""
    who = caller(request, Scope.REGISTER_READ)
    result = search.search(q, agency_ids=[who.agency.pk], page=page, with_facets=False)
    doc = result.to_json()
    return {
        "query": doc["query"],
        "total": doc["total"],
        "total_capped": doc["total_capped"],
        "page": doc["page"],
        "pages": doc["pages"],
        "results": [
            {k: r[k] for k in ("id", "title", "index_number", "doc_number", "published", "exact")}
            for r in doc["results"]
        ],
    }
