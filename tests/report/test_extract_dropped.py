"""Rows printed one cell per line with their blank cells dropped (extract/dropped.py).

The excerpts are the tables of real reports (莆田市应急管理局 2022 and 2024, saved from the web page
by an archiver): every non-empty cell on a line of its own, nothing for an empty one.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.extract import extract
from gongkai.report.model import Report
from gongkai.report.read import read_layout

T2_HEAD = """二、主动公开政府信息情况
第二十条第（一）项
信息内容
本年制发件数
本年废止件数
现行有效件数
规章
0
行政规范性文件
0
{normative}
第二十条第（五）项
信息内容
本年处理决定数量
行政许可
338
第二十条第（六）项
信息内容
本年处理决定数量
行政处罚
22
行政强制
0
第二十条第（八）项
信息内容
本年收费金额（单位：万元）
行政事业性收费
79.1575
"""

T3 = """三、收到和处理政府信息公开申请情况
申请人情况
自
然
人
法人或其他组织
总计
商业
企业
科研
机构
社会公益组织
法律服务机构
其他
一、本年新收政府信息公开申请数量
4
1
0
5
二、上年结转政府信息公开申请数量
0
三、本年度办理结果
（一）予以公开
1
0
1
（二）部分公开
（区分处理的，只计这一情形，不计其他情形）
0
（三）不予公开
1.属于国家秘密
0
2.其他法律行政法规禁止公开
0
3.危及“三安全一稳定”
0
4.保护第三方合法权益
0
5.属于三类内部事务信息
0
6.属于四类过程性信息
0
7.属于行政执法案卷
0
8.属于行政查询事项
0
（四）无法提供
1.本机关不掌握相关政府信息
3
1
0
4
2.没有现成信息需要另行制作
0
3.补正后申请内容仍不明确
0
（五）不予处理
1.信访举报投诉类申请
0
2.重复申请
0
3.要求提供公开出版物
0
4.无正当理由大量反复申请
0
5.要求行政机关确认或重新出具已获取信息
0
（六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
0
3.其他
0
（七）总计
4
1
0
5
四、结转下年度继续办理
0
四、政府信息公开行政复议、行政诉讼情况
行政复议
行政诉讼
结果维持
结果纠正
其他结果
尚未审结
总计
未经复议直接起诉
复议后起诉
结果维持
结果纠正
其他结果
尚未审结
总计
结果维持
结果纠正
其他结果
尚未审结
总计
0
五、存在的主要问题及改进情况
"""


def read(normative: str) -> Report:
    text = "莆田市应急管理局2024年度政府信息公开工作年度报告\n" + T2_HEAD.format(normative=normative) + T3
    return extract(read_layout(text.encode("utf-8"), "t.txt"))


def test_numbers_on_separate_lines_are_never_fused_into_one() -> None:
    # "0" and "22" on two lines for three cells: not the run "022" split 0 | 2 | 2 (the old reading)
    report = read("22")
    for col in ("made", "repealed", "in_force"):
        assert f"t2.normative_docs.{col}" not in report.cells
    finding = next(f for f in report.read_findings if "t2.normative_docs.made" in f.cells)
    assert finding.rule == "READ-UNREADABLE-CELL"
    assert "空白单元格" in finding.message


def test_single_cell_rows_and_lone_zeros() -> None:
    report = read("17")
    assert report.cells["t2.licensing.decisions"].value == 338
    assert report.cells["t2.penalty.decisions"].value == 22
    assert report.cells["t2.admin_fees.amount_wan_yuan"].value == Decimal("79.1575")
    # a lone 0 is a row of zeros: 规章, the table-三 rows with nothing, table 四
    assert all(report.cells[f"t2.regulations.{c}"].value == 0 for c in ("made", "repealed", "in_force"))
    assert all(report.cells[f"t3.carried_over.{c}"].value == 0 for c in ("np", "com", "oth", "tot"))
    assert report.cells["t4.review.total"].value == 0
    assert report.cells["t4.after_review.maintain"].value == 0


def test_total_read_and_placement_left_open() -> None:
    report = read("17")
    # 4 / 1 / 0 / 5: the last number is the 总计 (4 + 1 + 0); the 0 comes after the 1, so 其他 is 0;
    # which columns hold the 4 and the 1 is not printed (every shift satisfies the same equations)
    assert report.cells["t3.new_received.tot"].value == 5
    assert report.cells["t3.new_received.oth"].value == 0
    assert report.cells["t3.granted.tot"].value == 1
    assert report.cells["t3.unable_not_held.tot"].value == 4
    for col in ("np", "com", "res", "npo", "law"):
        assert f"t3.new_received.{col}" not in report.cells
    finding = next(f for f in report.read_findings if "t3.new_received.np" in f.cells)
    assert finding.rule == "READ-AMBIGUOUS-SPLIT"
    assert "t3.new_received.tot" not in finding.cells


def test_a_full_row_one_per_line_is_read_in_order() -> None:
    # every cell printed: 自然人 4, 商业企业 1, 科研机构 0, 公益 0, 法律 0, 其他 0, 总计 5
    text = T3.replace("数量\n4\n1\n0\n5\n二、", "数量\n4\n1\n0\n0\n0\n0\n5\n二、")
    report = extract(read_layout(("报告\n" + T2_HEAD.format(normative="17") + text).encode("utf-8"), "t.txt"))
    assert [
        report.cells[f"t3.new_received.{c}"].value for c in ("np", "com", "res", "npo", "law", "oth", "tot")
    ] == [
        4,
        1,
        0,
        0,
        0,
        0,
        5,
    ]


def test_a_lone_non_zero_number_is_still_split_as_a_fused_run() -> None:
    # table 四 fused on the line below its headings: "200020000000000" is fifteen cells, not one
    text = T3.replace("总计\n0\n五、", "总计\n200020000000000\n五、")
    report = extract(read_layout(("报告\n" + T2_HEAD.format(normative="17") + text).encode("utf-8"), "t.txt"))
    assert report.cells["t4.review.maintain"].value == 2
    assert report.cells["t4.review.total"].value == 2
    assert report.cells["t4.after_review.total"].value == 0
