"""Request and response bodies of the API (the OpenAPI schema is generated from these)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

Severity = Literal["error", "warning", "info"]
ChannelKey = Literal["online", "letter", "in_person", "fax", "email", "other"]
ApplicantTypeKey = Literal["natural_person", "organisation"]
CategoryKey = Literal["np", "com", "res", "npo", "law", "oth"]
RenderTarget = Literal["html", "docx", "xlsx", "pdf", "md"]
#: A year the 条例 applies to (in force since 2008) up to the contract's bound.
Year = Field(..., ge=2008, le=2100, description="年度")


class FindingOut(Schema):
    rule: str
    severity: Severity
    message: str
    cells: list[str] = Field(default_factory=list)
    expected: Any = None
    actual: Any = None
    location: dict[str, Any] | None = None


# ---- reports ------------------------------------------------------------------------------------------


class CheckOut(Schema):
    name: str = Field(description="上传文件名")
    errors: int
    warnings: int
    findings: list[FindingOut]
    report: dict[str, Any] = Field(description="报告的 JSON 文档（gongkai parse --json 的格式）")


class RenderIn(Schema):
    report: dict[str, Any] = Field(description="报告的 JSON 文档（gongkai parse --json 的格式）")
    to: RenderTarget = "html"


# ---- applications -------------------------------------------------------------------------------------


class ApplicationIn(Schema):
    """An application received elsewhere (条例第二十九条的内容); validated as the staff intake form."""

    channel: ChannelKey
    received_on: dt.date = Field(description="收到申请日期（条例第三十一条），不晚于今天")
    applicant_type: ApplicantTypeKey
    applicant_category: CategoryKey = Field(description="年度报告表三的列：自然人为 np")
    applicant_name: str = Field(min_length=1, max_length=200)
    applicant_id_type: str = Field("", max_length=50)
    applicant_id_number: str = Field("", max_length=50)
    applicant_phone: str = Field("", max_length=50)
    applicant_email: str = Field("", max_length=254)
    applicant_address: str = Field("", max_length=300)
    description: str = Field(min_length=1, max_length=10000, description="所需政府信息的名称或内容描述")
    document_number: str = Field("", max_length=100)
    item_count: int = Field(1, ge=1, le=100)
    provision_form: Literal["paper", "electronic", "inspect"] = Field("paper", description="信息提供形式")
    delivery_method: Literal["post", "email", "pickup", "online"] = Field("post", description="获取信息方式")


class ApplicationOut(Schema):
    tracking_number: str
    state: str
    state_label: str
    channel: str
    received_on: dt.date
    reply_due: dt.date | None
    extended_due: dt.date | None
    outcome: str
    outcome_label: str
    concluded_on: dt.date | None
    description: str
    version: int


class ApplicationPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ApplicationOut]


# ---- statistics ---------------------------------------------------------------------------------------


class Table3Out(Schema):
    agency: str
    year: int
    cells: dict[str, int] = Field(description="表三全部单元格（2021 格式编号）")
    findings: list[FindingOut] = Field(description="核心规则对表三的检查结果（平衡、合计）")


# ---- register -----------------------------------------------------------------------------------------


class ItemIn(Schema):
    """A 主动公开 item's metadata and body (validated as the web form: ItemForm)."""

    title: str = Field(min_length=1, max_length=300)
    publisher: str = Field("", max_length=200)
    written_on: dt.date | None = None
    doc_number: str = Field("", max_length=100)
    catalogue: int | None = Field(None, description="公开目录栏目的编号")
    topic: int | None = None
    genre: int | None = None
    disclosure_mode: str = Field("proactive", max_length=16)
    validity: str = Field("effective", max_length=16)
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    keywords: str = Field("", max_length=200)
    body: str = Field("", max_length=1_000_000, description="正文 HTML（保存前安全过滤）")
    article20_items: list[int] = Field([], description="对应条例第二十条的事项（1–15）")
    interprets: int | None = None


class ItemPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=300)
    publisher: str | None = Field(None, max_length=200)
    written_on: dt.date | None = None
    doc_number: str | None = Field(None, max_length=100)
    keywords: str | None = Field(None, max_length=200)
    body: str | None = Field(None, max_length=1_000_000)
    validity: str | None = Field(None, max_length=16)
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    article20_items: list[int] | None = None


class ItemOut(Schema):
    id: int
    index_number: str
    title: str
    publisher: str
    doc_number: str
    written_on: dt.date | None
    status: str
    status_label: str
    published_at: dt.datetime | None
    keywords: str
    article20_items: list[int]


class ItemPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ItemOut]


class Choice(Schema):
    id: int
    code: str
    label: str


class VocabulariesOut(Schema):
    catalogue: list[Choice] = Field(description="本机关公开目录的栏目（catalogue 字段的取值）")
    topics: list[Choice] = Field(description="主题分类（topic 字段的取值）")
    genres: list[Choice] = Field(description="体裁（genre 字段的取值）")


class ReviewIn(Schema):
    kind: Literal["secrecy", "legality"] = Field(description="保密审查 / 合法性审查（条例第十七条）")
    conclusion: Literal["passed", "rejected"]
    note: str = Field("", max_length=500)
    reviewed_on: dt.date | None = None


class PublishIn(Schema):
    at: dt.datetime | None = Field(None, description="定时发布时间；留空立即发布")
    acknowledge_warnings: bool = False


class PublishOut(Schema):
    item: ItemOut
    warnings: list[str]


class SearchHit(Schema):
    id: int
    title: str
    index_number: str
    doc_number: str
    published: str | None
    exact: bool


class SearchOut(Schema):
    query: str
    total: int
    total_capped: bool = Field(False, description="为真时结果多于 total 条（计数到 10000 条为止）")
    page: int
    pages: int
    results: list[SearchHit]


# ---- annual reports -----------------------------------------------------------------------------------


class AnnualDraftOut(Schema):
    year: int
    status: str
    status_label: str
    document: dict[str, Any] = Field(description="由记录生成的报告 JSON 文档（含检查结果）")
    blocking: list[str] = Field(description="发布前仍需处理的问题（错误、未说明的警告、占位文字）")


class AnnualPublishedOut(Schema):
    year: int
    version: int
    sha256: str
    published_at: dt.datetime
    note: str
    document: dict[str, Any]
