"""The full-text indexes behind events/search.py, created by migration 0005_search (no model imports here).

SQLite: one external-content FTS5 table per searched column, kept in step by triggers (porter stemming,
accents folded). PostgreSQL: a GIN index on to_tsvector(config, column).
"""
from __future__ import annotations

# (FTS table, content table, indexed column, PostgreSQL text search configuration)
FTS_SOURCES = [
    ("events_mention_fts", "events_mention", "sentence", "english"),
    ("events_article_fts", "events_article", "title", "english"),
    ("events_event_fts", "events_event", "location", "simple"),
]
_TOKENIZE = "porter unicode61 remove_diacritics 2"

# Partial indexes in timeline order for the segments of a page (events/views/paging.py): the events that
# are not a single known day, those with an open end and those with an open start. Their conditions are
# written the same way in the queries that use them. And an index on the length of closed intervals, so
# the longest one is found without a scan (it bounds how far before a From date a page has to look).
TIMELINE_INDEXES = [
    "CREATE INDEX IF NOT EXISTS event_interval_order ON events_event (sort_date, id)"
    " WHERE (date_earliest IS NULL OR date_latest IS NULL OR date_earliest <> date_latest)",
    "CREATE INDEX IF NOT EXISTS event_open_end_order ON events_event (sort_date, id) WHERE date_latest IS NULL",
    "CREATE INDEX IF NOT EXISTS event_open_start_order ON events_event (sort_date, id) WHERE date_earliest IS NULL",
]
SPAN_SQL = {
    "sqlite": "(julianday(date_latest) - julianday(date_earliest))",
    "postgresql": "(date_latest - date_earliest)",
}
TIMELINE_INDEX_NAMES = ["event_interval_order", "event_open_end_order", "event_open_start_order", "event_span"]


def _timeline_indexes(vendor: str) -> list[str]:
    return [*TIMELINE_INDEXES, f"CREATE INDEX IF NOT EXISTS event_span ON events_event (({SPAN_SQL[vendor]}))"]


def _sqlite_statements(fts: str, table: str, column: str) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({column}, content='{table}', content_rowid='id',"
        f" tokenize='{_TOKENIZE}')",
        *_sqlite_triggers(fts, table, column),
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _sqlite_triggers(fts: str, table: str, column: str) -> list[str]:
    delete = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN {delete} {insert} END",
    ]


def create_indexes(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in _timeline_indexes(vendor):
        schema_editor.execute(sql)
    for fts, table, column, config in FTS_SOURCES:
        if vendor == "sqlite":
            for sql in _sqlite_statements(fts, table, column):
                schema_editor.execute(sql)
        elif vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_fts ON {table} USING gin (to_tsvector('{config}', {column}))"
            )


def drop_indexes(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for name in TIMELINE_INDEX_NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for fts, table, column, _config in FTS_SOURCES:
        if vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_fts")


def ensure_sqlite_fts(using: str = "default", **_kwargs) -> None:
    """Put back FTS triggers and the interval index that a table rebuild dropped (SQLite's ALTER TABLE is a
    copy of the table), then re-index.

    Connected to post_migrate: a later migration that adds a column to events_event copies the table and
    drops its triggers with the old one; without this the search would silently stop seeing new events.
    """
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as c:
        names = {row[0] for row in c.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index')")}
        if "events_event_fts" in names and not all(n in names for n in TIMELINE_INDEX_NAMES):
            for sql in _timeline_indexes("sqlite"):
                c.execute(sql)
        for fts, table, column, _config in FTS_SOURCES:
            if fts not in names or table not in names:
                continue  # before migration 0004 (or after it was unapplied)
            if all(f"{fts}_{s}" in names for s in ("ai", "ad", "au")):
                continue
            for sql in _sqlite_triggers(fts, table, column):
                c.execute(sql)
            c.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
