from django.db import migrations

from ogi.web.season import guards


class Migration(migrations.Migration):

    dependencies = [
        ('season', '0001_initial'),
    ]

    operations = [
        guards.GUARDS.operation(),
    ]
