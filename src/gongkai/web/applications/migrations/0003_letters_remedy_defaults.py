"""Seed the remedy clause policy: one row per outcome kind (editable by the system administrator).

Values are written out here (a migration must not depend on code that may change later); they equal
``letters.remedy.DEFAULT_RULES``. Sources: 《行政复议法》（2023年修订，2024年1月1日施行）第二十条（60日）、
第二十三条第一款第（四）项（"申请政府信息公开，行政机关不予公开" → 应当先申请行政复议）；《行政诉讼法》
第四十五条（15日）、第四十六条（6个月）. Why 部分公开、无法提供、不予处理 default to 复议前置: docs/decisions.md.
"""

from django.db import migrations

ART23 = "《行政复议法》（2023年修订）第二十三条第一款第（四）项：申请政府信息公开，行政机关不予公开的，应当先申请行政复议。"
CAUTIOUS = (
    "是否属于第二十三条所称“不予公开”尚无定论（domain.md §12.1 [M]）。默认按复议前置告知：申请人按此先申请复议，"
    "复议后仍可起诉，不会因此丧失救济；若告知可直接起诉而法院认定应复议前置，起诉将被驳回且复议期限可能已过。"
)
ROWS = [
    ("granted", False, "予以公开不属于第二十三条第一款第（四）项；申请人可选择复议或直接起诉。"),
    ("partial", True, f"{ART23}部分公开对未公开部分即为不予公开。{CAUTIOUS}"),
    ("denied", True, ART23),
    ("unable", True, CAUTIOUS),
    ("nohandle", True, CAUTIOUS),
    ("other", False, "视为放弃、撤回等其他处理：不属于不予公开；申请人可选择复议或直接起诉。"),
]


def seed(apps, schema_editor):
    Policy = apps.get_model("applications", "RemedyClausePolicy")
    for kind, first, source in ROWS:
        Policy.objects.get_or_create(
            kind=kind,
            defaults={
                "review_first": first,
                "review_days": 60,
                "suit_after_review_days": 15,
                "direct_suit_months": 6,
                "source": source,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("applications", "RemedyClausePolicy").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_letters_decisions")]
    operations = [migrations.RunPython(seed, unseed)]
