"""Full-text search over what an event was read from: evidence sentences, article titles and places.

SQLite: FTS5 tables kept in step with their tables by triggers (porter stemming, accents folded).
PostgreSQL: GIN indexes on to_tsvector('english', ...) of the same columns.
Both are created by migration 0005_search (see events/search_index.py).

A query is split into words; an event matches when every word is found in one of its sentences, the
title of one of its articles, its location or one of its participants' names and aliases (the last
word is a prefix, so the list narrows as one types). Each word is one indexed look-up, run first: when it
matches at most ID_LIST_MAX events their ids are given to the page's queries as a list (read by primary
key, then sorted), so a search costs what its matches cost, not what the table holds; a word matching
more is left as a subquery, and the timeline's index then finds a page of such common matches in few rows.
"""
from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from events.models import ActorAlias, Event, alias_key

MAX_WORDS = 8
# A word matching at most this many events is looked up first, its ids passed to the page as a list.
ID_LIST_MAX = 2000



# Function words that PostgreSQL's English configuration drops from a query: not searched in the text on
# either backend (so both find the same events); they still match participants' names.
STOP_WORDS = frozenset("""
a an the and or but if then else of at by for with about against between into through during before after
above below to from up down in out on off over under again further once here there when where why how all any both
each few more most other some such no nor not only own same so than too very s t can will just don should now i me
my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its
itself they them their theirs themselves what which who whom this that these those am is are was were be been being
have has had having do does did doing until while because as
""".split())


def words(value: str) -> list[str]:
    """The words of a query, accents and case kept (the indexes fold them), at most MAX_WORDS."""
    return re.findall(r"\w+", value or "")[:MAX_WORDS]


def _sqlite_match(word: str, prefix: bool) -> str:
    # A double-quoted FTS5 string is a phrase of plain tokens: no operator in the user's text is obeyed.
    return f'"{word}"' + ("*" if prefix else "")


def _pg_tsquery(word: str, prefix: bool) -> str:
    # One lexeme, quoted so that to_tsquery reads it literally; ':*' for a prefix.
    return "'" + word.replace("'", "") + "'" + (":*" if prefix else "")


def _event_ids_for_word(word: str, prefix: bool):
    """SQL (text, params) selecting the ids of events whose sentence, article title or location has `word`."""
    if connection.vendor == "postgresql":
        q = _pg_tsquery(word, prefix)
        sql = (
            "SELECT m.event_id FROM events_mention m WHERE to_tsvector('english', m.sentence) @@ to_tsquery('english', %s)"
            " UNION SELECT m.event_id FROM events_mention m JOIN events_article a ON a.id = m.article_id"
            " WHERE to_tsvector('english', a.title) @@ to_tsquery('english', %s)"
            " UNION SELECT e.id FROM events_event e WHERE to_tsvector('simple', e.location) @@ to_tsquery('simple', %s)"
        )
        return sql, [q, q, q]
    if connection.vendor == "sqlite":
        q = _sqlite_match(word, prefix)
        sql = (
            "SELECT m.event_id FROM events_mention m WHERE m.id IN"
            " (SELECT rowid FROM events_mention_fts WHERE events_mention_fts MATCH %s)"
            " UNION SELECT m.event_id FROM events_mention m WHERE m.article_id IN"
            " (SELECT rowid FROM events_article_fts WHERE events_article_fts MATCH %s)"
            " UNION SELECT rowid FROM events_event_fts WHERE events_event_fts MATCH %s"
        )
        return sql, [q, q, q]
    raise NotImplementedError(f"text search is not implemented for {connection.vendor}")


def matching(queryset, value: str):
    """`queryset` narrowed to the events that match every word of `value` (see the module's docstring)."""
    return narrow(queryset, value)[0]


def narrow(queryset, value: str):
    """(`queryset` narrowed as `matching` does, whether the matches are bounded): bounded when some word's
    matches were given as a list of at most ID_LIST_MAX ids (or nothing was searched), so that the narrowed
    events are at most that many whatever the table holds; not bounded when every word matches more."""
    found = words(value)
    if not found:
        return (queryset.none() if (value or "").strip() else queryset), True
    bounded = False
    content = [w for w in found if w.lower() not in STOP_WORDS]
    # Function words are dropped, as PostgreSQL drops them; a query of nothing else is matched against names.
    searched = content or found
    for i, word in enumerate(searched):
        prefix = i == len(searched) - 1
        key = alias_key(word)
        parts: list[tuple[str, list]] = []
        if content:
            parts.append(_event_ids_for_word(word, prefix))
        if key:
            parts.append(_event_ids_for_name(key))
        if not parts:
            continue  # nothing of this word can be searched (as before: it does not narrow the list)
        # One IN over a UNION, not an OR of two INs: with an OR, PostgreSQL tested every event of the
        # timeline's index against both lists (hashed subplans).
        sql = " UNION ".join(part_sql for part_sql, _params in parts)
        params = [p for _sql, part_params in parts for p in part_params]
        ids = _matched_ids(sql, params)
        bounded = bounded or isinstance(ids, list)
        queryset = queryset.filter(pk__in=ids)
    return queryset, bounded


def _matched_ids(sql: str, params: list):
    """The matching event ids as a list when there are at most ID_LIST_MAX of them (one query, read from the
    search indexes), so that the page fetches those rows by primary key and sorts only them; otherwise the
    subquery itself. Given the subquery, PostgreSQL joins it to a scan of every event (it cannot know that
    the words match few), which made a rare word's search cost grow with the table."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT event_id FROM ({sql}) AS matched LIMIT %s", [*params, ID_LIST_MAX + 1])
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) <= ID_LIST_MAX:
        return ids
    # Many matches: the timeline's index finds a page of them after few rows.
    return RawSQL(sql, params)


def _event_ids_for_name(key: str):
    """SQL (text, params) selecting the ids of events with a participant one of whose aliases contains `key`."""
    through = connection.ops.quote_name(Event.participants.through._meta.db_table)
    aliases = connection.ops.quote_name(ActorAlias._meta.db_table)
    # An alias key is lower-case letters, digits and spaces (alias_key): nothing in it is a LIKE wildcard.
    return (f"SELECT p.event_id FROM {through} p WHERE p.actor_id IN"
            f" (SELECT al.actor_id FROM {aliases} al WHERE al.key LIKE %s)", [f"%{key}%"])
