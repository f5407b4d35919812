"""The 政府信息公开指南 generated from the agency's own data (条例第二十二条: 指南 covers 机构,
地址, 办公时间, 联系方式, 申请渠道, 收费, 救济), unless the agency has written its own (a Page)."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.web.agencies.models import Agency

from .models import Page, PageKind


@dataclass
class GuideSection:
    heading: str
    paragraphs: list[str]


def generated_guide(agency: Agency) -> list[GuideSection]:
    office = agency.office_name or f"{agency.name}政府信息公开工作机构"
    contact = [
        f"办公地址：{agency.office_address or '（未填写）'}"
        + (f"，邮政编码 {agency.office_postcode}" if agency.office_postcode else ""),
        f"办公时间：{agency.office_hours or '（未填写）'}",
        f"联系电话：{agency.office_phone or '（未填写）'}"
        + (f"；传真：{agency.office_fax}" if agency.office_fax else ""),
    ]
    if agency.office_email:
        contact.append(f"电子邮箱：{agency.office_email}")
    return [
        GuideSection(
            "一、主动公开",
            [
                f"{agency.name}依照《中华人民共和国政府信息公开条例》第十九条、第二十条主动公开政府信息，"
                "通过本网站“政府信息公开专栏”“法定主动公开内容”栏目公开，公开目录按主题、体裁和栏目分类，提供检索、查阅和下载。",
                "属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开（条例第二十六条）。",
            ],
        ),
        GuideSection("二、政府信息公开工作机构", [f"{office}负责本机关政府信息公开的日常工作。", *contact]),
        GuideSection(
            "三、依申请公开",
            [
                "公民、法人或者其他组织可以向本机关申请获取相关政府信息（条例第二十七条）。申请应当采用包括信件、数据电文在内的书面形式；"
                "采用书面形式确有困难的，可以口头提出，由工作机构代为填写申请（条例第二十九条）。",
                "申请渠道：在线申请（本平台“依申请公开”栏目）；信函申请（寄至上述地址，请在信封注明“政府信息公开申请”）；当面申请（办公时间内到上述地址）。",
                "本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，"
                "经工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日（条例第三十三条）。",
            ],
        ),
        GuideSection(
            "四、收费",
            [
                "行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
                "可以依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费（条例第四十二条）。",
            ],
        ),
        GuideSection(
            "五、监督和救济",
            [
                f"公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向{agency.parent.name if agency.parent else '上一级行政机关'}"
                "或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。",
            ],
        ),
    ]


def edited_guide(agency: Agency) -> Page | None:
    return Page.objects.filter(agency=agency, kind=PageKind.GUIDE).order_by("-updated_at").first()
