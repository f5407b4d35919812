"""Give every existing agency a short code derived from its slug (the rule of agencies/short_codes.py,
copied here so that later changes of the module do not change what this migration did)."""

import re

from django.db import migrations


def _derive(code):
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", code.upper()) if p]
    if not parts:
        return "AG"
    base = (parts[0][:4] + "".join(p[:4] for p in parts[1:]))[:8]
    if not base[0].isalpha():
        base = ("A" + base)[:8]
    return base.ljust(2, "X")


def fill(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    taken = set(
        Agency.objects.exclude(short_code=None).exclude(short_code="").values_list("short_code", flat=True)
    )
    for agency in Agency.objects.filter(short_code__isnull=True).order_by("pk"):
        base = candidate = _derive(agency.code)
        n = 2
        while candidate in taken:
            candidate = base[: 12 - len(str(n))] + str(n)
            n += 1
        taken.add(candidate)
        agency.short_code = candidate
        agency.save(update_fields=["short_code"])


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_desk_short_code")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
