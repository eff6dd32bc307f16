from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Diplomatic events"

    def ready(self):
        from events import checks  # noqa: F401  (registers the deployment checks)
        from events.search_index import ensure_sqlite_fts

        # SQLite rebuilds a table to alter it, which drops the search triggers on it: put them back.
        post_migrate.connect(ensure_sqlite_fts, sender=self, dispatch_uid="events.ensure_sqlite_fts")
