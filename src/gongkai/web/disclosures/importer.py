"""Import existing disclosure items: JSON Lines, CSV with a column mapping, saved HTML pages.

All-or-nothing: every row is validated first; if any is rejected, each rejection is reported as
``FILE:LINE: field: reason`` (Chinese) and nothing is imported. Re-importing updates items by
their source id (``id`` of the JSONL sample) without duplicates. Imported items were already
published by their agency: they enter the register as published, with a version and an audit event.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from gongkai.web import audit
from gongkai.web.agencies.models import Agency

from . import search
from .models import Attachment, CatalogueNode, Item, Status, Term
from .services import _version, ensure_catalogue, next_index_number
from .text import plain_to_html, sanitise

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: Columns of the sample's sites mapped onto the default catalogue (slug); others become new columns.
COLUMN_TO_CATALOGUE = {
    "人事任免": "rsxx",
    "机构设置": "jgzn",
    "三公经费": "czyjs",
    "财政预决算": "czyjs",
    "规划成果": "ghjh",
    "规划计划信息": "ghjh",
    "规划解读": "zcjd",
    "市政府及市政府办公室文件解读": "zcjd",
    "双随机抽查": "jdjc",
    "重点项目统计": "tjxx",
    "拟审批公示": "xzxk",
    "规范性文件清理": "fgwj",
    "资金政策公开": "msbz",
    "聚焦乡村": "msbz",
    "其他": "qt",
}
#: Catalogue slug → 主题分类 code inferred at import (the sample carries no 主题分类).
CATALOGUE_TO_TOPIC = {
    "rsxx": "laodong", "jgzn": "zhengwu", "czyjs": "caizheng", "ghjh": "guomin", "zcjd": "zhengwu",
    "jdjc": "shichang", "tjxx": "guomin", "xzxk": "chengxiang", "fgwj": "zhengwu", "msbz": "minzheng", "qt": "qita",
}  # fmt: skip

#: CSV/HTML header → field (Chinese labels as government sites print them, and the JSONL names).
HEADER_ALIASES = {
    "标题": "title", "名称": "title", "发布日期": "published", "发布时间": "published", "成文日期": "written",
    "文号": "doc_number", "发文字号": "doc_number", "发布机构": "publisher", "公开主体": "publisher",
    "索引号": "index_number", "栏目": "column", "正文": "body", "来源编号": "id", "原始链接": "url",
    "主题分类": "topic", "体裁": "genre", "关键词": "keywords", "有效性": "validity", "机关": "agency",
}  # fmt: skip

FIELDS = ("id", "title", "published", "published_time", "written", "doc_number", "publisher", "index_number",
          "column", "body", "url", "topic", "genre", "keywords", "validity", "agency", "attachments",
          "attachment_links", "interprets_title")  # fmt: skip


@dataclass
class Rejection:
    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"


@dataclass
class Row:
    line: int
    data: dict[str, Any]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejections


class ImportRefused(Exception):
    def __init__(self, rejections: list[Rejection]) -> None:
        self.rejections = rejections
        super().__init__("\n".join(str(r) for r in rejections))


# -- reading ----------------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            [
                Rejection(
                    name, line, "编码", "文件不是 UTF-8 编码（可能是 GBK/GB18030），请转换为 UTF-8 后再导入"
                )
            ]
        ) from None


def read_jsonl(text: str, name: str) -> list[Row]:
    rows: list[Row] = []
    rejections: list[Rejection] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            rejections.append(Rejection(name, number, "JSON", f"不是有效的 JSON（第 {exc.colno} 列）"))
            continue
        if not isinstance(data, dict):
            rejections.append(Rejection(name, number, "JSON", "每行应为一个 JSON 对象"))
            continue
        rows.append(Row(number, data))
    if rejections:
        raise ImportRefused(rejections)
    return rows


def read_csv(text: str, name: str, mapping: dict[str, str] | None = None) -> list[Row]:
    """CSV with a header row; ``mapping`` maps column headers to fields (else the aliases apply)."""
    reader = csv.DictReader(io.StringIO(text))
    names = {**HEADER_ALIASES, **{f: f for f in FIELDS}, **(mapping or {})}
    rows = []
    for record in reader:
        data = {names[k.strip()]: (v or "").strip() for k, v in record.items() if k and k.strip() in names}
        rows.append(Row(reader.line_num, data))
    return rows


def read_html(text: str, name: str) -> list[Row]:
    """A saved article page of a government site: title, the metadata table, the body."""
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(text)
    data: dict[str, Any] = {"id": "html-" + Path(name).stem}
    meta_title = doc.xpath("//meta[@name='ArticleTitle']/@content")
    heading = doc.xpath("//h1")
    data["title"] = (
        meta_title[0]
        if meta_title
        else heading[0].text_content()
        if heading
        else doc.findtext(".//title") or ""
    ).strip()
    cells = [c.text_content().strip() for c in doc.xpath("//td|//th|//li|//span|//div[not(*)]")]
    for i, cell in enumerate(cells):
        label = re.sub(r"[\s:：]", "", cell)
        if label in HEADER_ALIASES and i + 1 < len(cells) and HEADER_ALIASES[label] not in data:
            data[HEADER_ALIASES[label]] = cells[i + 1]
        else:
            m = re.match(r"^(索引号|发布机构|成文日期|发布日期|发文字号|文号|主题分类)[:：]\s*(.+)$", cell)
            if m and HEADER_ALIASES[m[1]] not in data:
                data[HEADER_ALIASES[m[1]]] = m[2].strip()
    bodies = doc.xpath(
        "//*[contains(@class,'TRS_Editor') or contains(@id,'zoom') or contains(@class,'article-content') or @id='content']"
    )
    if bodies:
        data["body_html"] = lxml_html.tostring(bodies[0], encoding="unicode")
    line = text[: text.find("<title")].count("\n") + 1 if "<title" in text else 1
    return [Row(line, data)]


def read_file(path: Path, mapping: dict[str, str] | None = None) -> list[Row]:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused([Rejection(name, 0, "文件", f"无法读取：{exc.strerror or exc}")]) from None
    text = _decode(data, name)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return read_jsonl(text, name)
    if suffix == ".csv":
        return read_csv(text, name, mapping)
    if suffix in (".html", ".htm"):
        return read_html(text, name)
    raise ImportRefused([Rejection(name, 0, "文件", "不支持的文件类型（应为 .jsonl、.csv 或 .html）")])


# -- validating ---------------------------------------------------------------------------------


def _parse_date(value: str) -> dt.date:
    value = value.strip().replace("/", "-").replace(".", "-")
    m = re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", value)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    return dt.date.fromisoformat(value[:10])


def _parse_time(date_text: str, time_text: str | None) -> dt.datetime:
    day = _parse_date(date_text)
    hour = minute = 0
    if time_text:
        m = re.search(r"(\d{1,2}):(\d{2})", time_text)
        if m:
            hour, minute = int(m[1]), int(m[2])
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@dataclass
class Planned:
    row: Row
    agency: Agency
    values: dict[str, Any]


def validate(rows: list[Row], name: str, agency: Agency | None, agency_code: str) -> list[Planned]:
    rejections: list[Rejection] = []
    planned: list[Planned] = []
    seen_ids: dict[str, int] = {}
    seen_index: dict[str, int] = {}
    agencies = {a.code: a for a in Agency.objects.all()}
    for row in rows:
        d = row.data
        errors: list[tuple[str, str]] = []
        code = str(d.get("agency") or agency_code)
        target = agencies.get(code)
        if target is None:
            errors.append(("agency", f"机关代码“{code}”不存在"))
        title = str(d.get("title") or "").strip()
        if not title:
            errors.append(("title", "缺少标题"))
        elif len(title) > 300:
            errors.append(("title", "标题超过 300 字"))
        published_at = None
        if not d.get("published"):
            errors.append(("published", "缺少发布日期"))
        else:
            try:
                published_at = _parse_time(str(d["published"]), d.get("published_time"))
            except ValueError:
                errors.append(("published", f"日期“{d['published']}”无效（应为 YYYY-MM-DD）"))
        written = None
        if d.get("written"):
            try:
                written = _parse_date(str(d["written"]))
            except ValueError:
                errors.append(("written", f"成文日期“{d['written']}”无效（应为 YYYY-MM-DD）"))
        source_id = str(d.get("id") or "").strip()
        if source_id:
            if source_id in seen_ids:
                errors.append(("id", f"来源编号“{source_id}”与第 {seen_ids[source_id]} 行重复"))
            seen_ids.setdefault(source_id, row.line)
        index_number = str(d.get("index_number") or "").strip()
        if index_number:
            if index_number in seen_index:
                errors.append(
                    ("index_number", f"索引号“{index_number}”与第 {seen_index[index_number]} 行重复")
                )
            seen_index.setdefault(index_number, row.line)
            clash = (
                Item.objects.filter(index_number=index_number).exclude(source_id=source_id or "\x00").first()
            )
            if clash is not None:
                errors.append(("index_number", f"索引号“{index_number}”已被“{clash.title}”使用"))
        if errors:
            rejections += [Rejection(name, row.line, f, reason) for f, reason in errors]
            continue
        assert target is not None and published_at is not None
        planned.append(
            Planned(
                row,
                target,
                {
                    "title": title,
                    "published_at": published_at,
                    "written_on": written,
                    "source_id": source_id,
                    "index_number": index_number,
                },
            )
        )
    if rejections:
        raise ImportRefused(rejections)
    return planned


# -- writing -----------------------------------------------------------------------------------------


def _genre(title: str, column: str, interprets: str | None) -> str:
    if interprets or "解读" in column or "解读" in title:
        return "interpretation"
    for ending, code in (("通知", "notice"), ("公告", "announcement"), ("通告", "public_notice"),
                         ("意见", "opinion"), ("决定", "decision"), ("批复", "reply"), ("报告", "report"),
                         ("规划", "plan"), ("表", "table")):  # fmt: skip
        if title.endswith(ending):
            return code
    return "other"


def _apply_row(plan: Planned, terms: dict[tuple[str, str], Term], actor: Any) -> tuple[Item, bool]:
    d, agency = plan.row.data, plan.agency
    column = str(d.get("column") or "其他")
    nodes = {n.slug: n for n in ensure_catalogue(agency)}
    slug = COLUMN_TO_CATALOGUE.get(column)
    node = nodes.get(slug) if slug else CatalogueNode.objects.filter(agency=agency, name=column).first()
    if node is None:
        from .services import catalogue_node

        node = catalogue_node(agency, column)
    item = (
        Item.objects.filter(agency=agency, source_id=plan.values["source_id"]).first()
        if plan.values["source_id"]
        else None
    )
    created = item is None
    if item is None:
        item = Item(agency=agency, source_id=plan.values["source_id"])
    body = sanitise(d["body_html"]) if d.get("body_html") else plain_to_html(str(d.get("body") or ""))
    item.title = plan.values["title"]
    item.publisher = str(d.get("publisher") or agency.name)[:200]
    item.published_at = plan.values["published_at"]
    item.written_on = plan.values["written_on"]
    item.doc_number = str(d.get("doc_number") or "")[:100]
    item.source_url = str(d.get("url") or "")[:500]
    item.catalogue = node
    item.article20_items = list(node.article20_items)
    item.topic = terms.get(("topic", CATALOGUE_TO_TOPIC.get(node.slug, "qita")))
    item.genre = terms.get(
        ("genre", str(d.get("genre") or "") or _genre(item.title, column, d.get("interprets_title")))
    )
    item.keywords = str(d.get("keywords") or "")[:200]
    item.body = body
    item.status = Status.PUBLISHED
    if plan.values["index_number"]:
        item.index_number = plan.values["index_number"]
    elif not item.index_number:
        item.index_number = next_index_number(agency, item.published_at.year, node.slug)
    before = None if created else audit.snapshot(Item.objects.get(pk=item.pk))
    item.save()
    links = {
        str(link.get("url", "")).rsplit("/", 1)[-1]: link.get("url", "")
        for link in d.get("attachment_links") or []
    }
    for attachment_name in d.get("attachments") or []:
        Attachment.objects.get_or_create(
            item=item,
            name=str(attachment_name)[:200],
            defaults={"source_url": str(links.get(attachment_name, ""))[:500]},
        )
    _version(item, actor, "导入")
    audit.record(actor, "disclosure.import", item, before=before, after={"source_id": item.source_id})
    return item, created


def run_import(path: Path, agency_code: str, *, dry_run: bool = False, actor: Any = None,
               mapping: dict[str, str] | None = None) -> ImportReport:  # fmt: skip
    """Import ``path`` into ``agency_code``'s register; raises :class:`ImportRefused` listing every rejection."""
    agency = Agency.objects.filter(code=agency_code).first()
    rows = read_file(path, mapping)
    planned = validate(rows, path.name, agency, agency_code)
    report = ImportReport(dry_run=dry_run)
    if dry_run:
        existing = set(
            Item.objects.filter(
                source_id__in=[p.values["source_id"] for p in planned if p.values["source_id"]]
            ).values_list("agency_id", "source_id")
        )
        for plan in planned:
            if (plan.agency.pk, plan.values["source_id"]) in existing:
                report.updated += 1
            else:
                report.created += 1
        return report
    terms = {(t.kind, t.code): t for t in Term.objects.all()}
    with transaction.atomic():
        imported: list[Item] = []
        for plan in planned:
            item, created = _apply_row(plan, terms, actor)
            imported.append(item)
            report.created += created
            report.updated += not created
        _link_interpretations(planned, imported)
        for item in imported:
            search.index_item(item)
    return report


def _link_interpretations(planned: list[Planned], items: list[Item]) -> None:
    """A 解读 names the policy it explains (``interprets_title``): link it when that policy is in the register."""
    for plan, item in zip(planned, items, strict=True):
        title = plan.row.data.get("interprets_title")
        if title and item.interprets_id is None:
            policy = Item.objects.filter(agency=item.agency, title=title).exclude(pk=item.pk).first()
            if policy is not None:
                item.interprets = policy
                item.save(update_fields=["interprets"])


def sample_path() -> Path:
    """The real Putian sample shipped with the package (data/SOURCE.md)."""
    return Path(__file__).parent / "data" / "putian-disclosures.jsonl"


def now_year() -> int:
    return timezone.localdate().year
