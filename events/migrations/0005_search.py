"""Full-text search indexes (see events/search.py): FTS5 tables with triggers on SQLite, GIN on PostgreSQL."""
from django.db import migrations


def forwards(apps, schema_editor):
    from events.search_index import create_indexes

    create_indexes(schema_editor)


def backwards(apps, schema_editor):
    from events.search_index import drop_indexes

    drop_indexes(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_editorial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
