"""The general catalogue at a million volumes: its order as one index (the category's shelf order copied onto
each volume), and on PostgreSQL a trigram index under the title search (pg_trgm, a trusted contrib extension the
database owner may create)."""
from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TITLE_INDEX = "archives_volume_title_trgm"


def copy_category_order(apps, schema_editor):
    Category = apps.get_model("archives", "Category")
    Volume = apps.get_model("archives", "Volume")
    for category in Category.objects.exclude(order=0).only("pk", "order"):
        Volume.objects.filter(category_id=category.pk).update(category_order=category.order)


def title_index(apps, schema_editor):
    # Django's title__icontains reads UPPER(title::text) LIKE UPPER('%…%'): the index is on that expression.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TITLE_INDEX} ON archives_volume "
                              "USING gin (UPPER(title::text) gin_trgm_ops)")


def drop_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('archives', '0004_documents'),
        ('core', '0006_login_address_throttle'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        TrigramExtension(),  # PostgreSQL only; nothing on SQLite
        migrations.AlterModelOptions(
            name='volume',
            options={'ordering': ['category_order', 'category', 'year', 'seq'], 'verbose_name': 'archive volume', 'verbose_name_plural': 'archive volumes'},
        ),
        migrations.AddField(
            model_name='volume',
            name='category_order',
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name='volume',
            index=models.Index(fields=['project', 'category_order', 'category', 'year', 'seq'], name='archives_vol_catalogue_order'),
        ),
        migrations.RunPython(copy_category_order, migrations.RunPython.noop),
        migrations.RunPython(title_index, drop_title_index),
    ]
