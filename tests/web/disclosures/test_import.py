"""`gongkai register import`: JSON Lines, CSV with a mapping, saved HTML; all-or-nothing; re-import by source id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.web.disclosures.importer import ImportRefused, run_import, sample_path
from gongkai.web.disclosures.models import Item

pytestmark = pytest.mark.django_db(transaction=False)

GOOD = {"id": "t-1", "title": "关于印发某某办法的通知", "published": "2024-05-06", "published_time": "2024-05-06 09:30",
        "doc_number": "莆政办〔2024〕1号", "publisher": "市府办", "index_number": None, "column": "其他", "body": "第一条 为了……"}  # fmt: skip


def _jsonl(tmp_path: Path, rows: list[dict], name: str = "items.jsonl") -> Path:  # type: ignore[type-arg]
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_the_real_sample_imports_and_reimports_without_duplicates(personas) -> None:  # type: ignore[no-untyped-def]
    first = run_import(sample_path(), personas.bureau.code)
    assert (first.created, first.updated) == (119, 0)
    index_numbers = dict(Item.objects.values_list("source_id", "index_number"))
    again = run_import(sample_path(), personas.bureau.code)
    assert (again.created, again.updated) == (0, 119)
    assert (
        Item.objects.count() == 119
        and dict(Item.objects.values_list("source_id", "index_number")) == index_numbers
    )
    item = Item.objects.get(source_id="ptgov-180833")
    assert item.doc_number == "莆政人〔2015〕4号" and item.is_public and item.catalogue.name == "机构职能"


def test_rejections_name_file_line_and_field_and_nothing_is_imported(personas, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = [
        GOOD,
        {**GOOD, "id": "t-2", "published": "2024-13-40"},  # bad date
        {**GOOD, "id": "t-3", "index_number": "X-1"},
        {**GOOD, "id": "t-4", "index_number": "X-1"},  # duplicate 索引号
        {**GOOD, "id": "t-5", "agency": "no-such-agency"},  # unknown agency
    ]
    path = _jsonl(tmp_path, rows)
    assert main(["register", "import", str(path), "--agency", personas.bureau.code]) == 2
    err = capsys.readouterr().err
    assert "items.jsonl:2: published: 日期“2024-13-40”无效" in err
    assert "items.jsonl:4: index_number: 索引号“X-1”与第 3 行重复" in err
    assert "items.jsonl:5: agency: 机关代码“no-such-agency”不存在" in err
    assert Item.objects.count() == 0


def test_a_wrong_encoding_is_refused(personas, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("gbk"))
    assert main(["register", "import", str(path), "--agency", personas.bureau.code]) == 2
    assert "gbk.jsonl:1: 编码: 文件不是 UTF-8 编码" in capsys.readouterr().err
    assert Item.objects.count() == 0


def test_an_index_number_already_used_is_refused(personas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run_import(_jsonl(tmp_path, [{**GOOD, "index_number": "X-9"}]), personas.bureau.code)
    with pytest.raises(ImportRefused, match="X-9"):
        run_import(
            _jsonl(tmp_path, [{**GOOD, "id": "other", "index_number": "X-9"}], "b.jsonl"),
            personas.bureau.code,
        )


def test_dry_run_imports_nothing(personas, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _jsonl(tmp_path, [GOOD])
    assert main(["register", "import", str(path), "--agency", personas.bureau.code, "--dry-run"]) == 0
    assert "新增 1 条" in capsys.readouterr().out and Item.objects.count() == 0


def test_csv_with_a_column_mapping(personas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "items.csv"
    path.write_text(
        "编号,题名,日期,文号,正文\nc-1,关于某事的通知,2024-01-02,莆政办〔2024〕2号,正文内容\n",
        encoding="utf-8",
    )
    report = run_import(
        path, personas.bureau.code, mapping={"编号": "id", "题名": "title", "日期": "published"}
    )
    assert report.created == 1 and Item.objects.get(source_id="c-1").doc_number == "莆政办〔2024〕2号"


def test_a_saved_html_page(personas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = """<html><head><title>站点</title><meta name="ArticleTitle" content="关于做好防汛工作的通知"></head><body>
    <table><tr><td>索引号：</td><td>FJ-001-2024-00003</td><td>发布日期：</td><td>2024-06-01</td></tr>
    <tr><td>文号：</td><td>莆政办〔2024〕9号</td></tr></table>
    <div class="TRS_Editor"><p>各县区：</p><p>入汛以来……</p><script>x()</script></div></body></html>"""
    path = tmp_path / "t20240601_123.html"
    path.write_text(page, encoding="utf-8")
    run_import(path, personas.bureau.code)
    item = Item.objects.get(source_id="html-t20240601_123")
    assert (item.title, item.index_number, item.doc_number) == (
        "关于做好防汛工作的通知",
        "FJ-001-2024-00003",
        "莆政办〔2024〕9号",
    )
    assert "入汛以来" in item.body and "script" not in item.body
