from django.db import migrations

from ogi.web.letters import guards


class Migration(migrations.Migration):

    dependencies = [
        ('letters', '0001_initial'),
    ]

    operations = [
        guards.GUARDS.operation(),
    ]
