# The streams of issue 9 each added a 0002 migration in parallel; this joins them.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_applicant_notifications"),
        ("applications", "0002_cal_clock_provisional"),
        ("applications", "0002_desk_assignee_notes"),
        ("applications", "0002_law_notices"),
        ("applications", "0002_sec_submission_key"),
        ("applications", "0003_letters_remedy_defaults"),
    ]

    operations = []
