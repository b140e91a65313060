from django.db import migrations

from ogi.web.reports import guards


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_final_report'),
    ]

    operations = [
        guards.GUARDS.operation(),
    ]
