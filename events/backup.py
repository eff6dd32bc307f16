"""The whole timeline as one JSON Lines file, and back: `export_timeline FILE`, `import_timeline FILE`.

Line 1 names the format and its version; then one line per actor (with aliases), per article (with its
text and paragraphs) and per event (with its fields, participants, editorial state, every mention and
its audit trail). Nothing refers to a database id: articles are known by their content hash, actors by
name, events by their mentions (or, for an event typed by hand without a source, by its fields). So an
export imported into an empty database exports to the same file, and an import into a database that
already holds some of it adds only what is missing.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from events.models import Actor, ActorAlias, Article, Event, Mention, Paragraph, alias_key

FORMAT = "diplomatic-events-timeline"
VERSION = 1
EVENT_FIELDS = [
    "type", "status", "date_earliest", "date_latest", "granularity", "timex_value", "date_text",
    "date_approximate", "location", "confidence", "reasons", "extractor_version", "verified", "edited",
    "rejected", "lost_source", "created_at",
]
DATE_FIELDS = {"date_earliest", "date_latest"}
MENTION_FIELDS = [
    "sentence_index", "sentence", "sentence_start", "sentence_end", "trigger", "trigger_start", "trigger_end",
    "date_text", "date_start", "date_end", "extractor_version",
]
ARTICLE_FIELDS = ["title", "outlet", "url", "published", "extractor_version", "created_at"]


class BackupError(ValueError):
    """The file is not a timeline export this version can read; the message says where and why."""


def _value(v):
    return v.isoformat() if isinstance(v, (date, datetime)) else v


def _line(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


# ----------------------------------------------------------------------------------------- export


def export_lines() -> Iterator[str]:
    yield _line({"format": FORMAT, "version": VERSION})
    for actor in Actor.objects.prefetch_related("aliases").order_by("name"):
        yield _line({"record": "actor", "name": actor.name, "actor_kind": actor.kind, "role": actor.role,
                     "aliases": sorted(a.alias for a in actor.aliases.all() if a.alias != actor.name)})
    for article in Article.objects.prefetch_related("paragraphs").order_by("published", "content_hash"):
        rec = {"record": "article", "hash": article.content_hash, "text": article.text,
               "paragraphs": [p.text for p in sorted(article.paragraphs.all(), key=lambda p: p.index)]}
        rec.update({f: _value(getattr(article, f)) for f in ARTICLE_FIELDS})
        yield _line(rec)
    events = Event.all_objects.order_by("pk").prefetch_related("participants")
    mentions = Mention.all_objects.select_related("article", "paragraph")
    trail: dict[int, list] = {}
    for h in Event.history.select_related("history_user").order_by("history_date", "history_id"):
        trail.setdefault(h.id, []).append(h)
    for event in events:
        rec = {"record": "event", **{f: _value(getattr(event, f)) for f in EVENT_FIELDS}}
        rec["participants"] = sorted(a.name for a in event.participants.all())
        rec["mentions"] = sorted((_mention(m) for m in mentions.filter(event=event)), key=_mention_key)
        rec["history"] = [_history(h) for h in trail.get(event.pk, [])]
        yield _line(rec)


def _mention(m: Mention) -> dict:
    rec = {f: getattr(m, f) for f in MENTION_FIELDS}
    rec["article"] = m.article.content_hash
    rec["paragraph"] = m.paragraph.index if m.paragraph_id else None
    return rec


def _mention_key(m: dict):
    return (m["article"], -1 if m["paragraph"] is None else m["paragraph"], m["sentence_index"], m["trigger_start"])


def _history(h) -> dict:
    return {
        "date": h.history_date.isoformat(), "type": h.history_type, "reason": h.history_change_reason,
        "user": getattr(h.history_user, "username", None) if h.history_user_id else None,
        "fields": {f: _value(getattr(h, f)) for f in EVENT_FIELDS},
    }


def export_timeline(path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for line in export_lines():
            out.write(line + "\n")
            n += 1
    return n - 1


# ----------------------------------------------------------------------------------------- import


def read_records(lines: Iterable[str]) -> list[dict]:
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise BackupError(f"line {number}: not JSON ({e.msg})") from None
        if not isinstance(rec, dict):
            raise BackupError(f"line {number}: not a JSON object")
        if not records:
            if rec.get("format") != FORMAT:
                raise BackupError("line 1: not a timeline export (no format header)")
            if rec.get("version") != VERSION:
                raise BackupError(f"line 1: format version {rec.get('version')!r}; this program reads {VERSION}")
        elif rec.get("record") not in {"actor", "article", "event"}:
            raise BackupError(f"line {number}: unknown record {rec.get('record')!r}")
        records.append(rec)
    if not records:
        raise BackupError("the file is empty")
    return records[1:]


def import_timeline(lines: Iterable[str]) -> dict:
    """Add what the file holds and the database lacks, in one transaction; returns counts of what was added."""
    records = read_records(lines)
    counts = {"actors": 0, "articles": 0, "events": 0, "mentions": 0}
    try:
        with transaction.atomic():
            actors = {r["name"]: _import_actor(r, counts) for r in records if r["record"] == "actor"}
            articles = {r["hash"]: _import_article(r, counts) for r in records if r["record"] == "article"}
            for r in records:
                if r["record"] == "event":
                    _import_event(r, actors, articles, counts)
    except (KeyError, TypeError, ValueError) as e:
        if isinstance(e, BackupError):
            raise
        raise BackupError(f"a record is incomplete or malformed ({type(e).__name__}: {e}); nothing was imported") from None
    return counts


def _import_actor(r: dict, counts: dict) -> Actor:
    found = ActorAlias.objects.select_related("actor").filter(key=alias_key(r["name"])).first()
    actor = found.actor if found else None
    if actor is None:
        actor = Actor.objects.create(name=r["name"], kind=r["actor_kind"], role=r["role"])
        counts["actors"] += 1
    for alias in r["aliases"]:
        actor.add_alias(alias)
    return actor


def _import_article(r: dict, counts: dict) -> Article:
    article = Article.objects.filter(content_hash=r["hash"]).first()
    if article is not None:
        return article
    fields = {f: r[f] for f in ARTICLE_FIELDS if f != "created_at"}
    article = Article(text=r["text"], **{**fields, "published": date.fromisoformat(r["published"])})
    article.save()
    if article.content_hash != r["hash"]:
        raise BackupError(f"article {r['title']!r}: its text does not match its content hash")
    Article.objects.filter(pk=article.pk).update(created_at=r["created_at"])
    Paragraph.objects.bulk_create([Paragraph(article=article, index=i, text=t) for i, t in enumerate(r["paragraphs"])])
    counts["articles"] += 1
    return article


def _import_event(r: dict, actors: dict, articles: dict, counts: dict) -> None:
    paragraphs = {}
    for m in r["mentions"]:
        if m["paragraph"] is not None:
            key = (m["article"], m["paragraph"])
            paragraphs[key] = paragraphs.get(key) or Paragraph.objects.get(article=articles[m["article"]],
                                                                            index=m["paragraph"])
    event = _existing_event(r, articles, paragraphs)
    created = event is None
    if created:
        event = Event(**_event_fields(r))
        event.skip_history_when_saving = True  # its own trail comes from the file
        event.save()
        event.participants.set([actors[name] for name in r["participants"]])
        del event.skip_history_when_saving
        Event.all_objects.filter(pk=event.pk).update(created_at=r["created_at"])
        _import_history(event, r["history"])
        counts["events"] += 1
    for m in r["mentions"]:
        _, made = Mention.all_objects.get_or_create(
            event=event, article=articles[m["article"]],
            paragraph=paragraphs.get((m["article"], m["paragraph"])) if m["paragraph"] is not None else None,
            sentence_index=m["sentence_index"], trigger_start=m["trigger_start"],
            defaults={f: m[f] for f in MENTION_FIELDS if f not in ("sentence_index", "trigger_start")},
        )
        counts["mentions"] += made


def _event_fields(r: dict) -> dict:
    fields = {f: r[f] for f in EVENT_FIELDS if f != "created_at"}
    for f in DATE_FIELDS:
        fields[f] = date.fromisoformat(fields[f]) if fields[f] else None
    return fields


def _existing_event(r: dict, articles: dict, paragraphs: dict) -> Event | None:
    """The stored event the record describes: the one holding any of its mentions, or for an event without
    sources one with the same fields and participants."""
    for m in r["mentions"]:
        found = Mention.all_objects.filter(
            article=articles[m["article"]],
            paragraph=paragraphs.get((m["article"], m["paragraph"])) if m["paragraph"] is not None else None,
            sentence_index=m["sentence_index"], trigger_start=m["trigger_start"],
        ).select_related("event").first()
        if found:
            return found.event
    if r["mentions"]:
        return None
    same = {k: v for k, v in _event_fields(r).items() if k not in ("confidence", "reasons", "lost_source")}
    for event in Event.all_objects.filter(mentions__isnull=True, **same).prefetch_related("participants"):
        if sorted(a.name for a in event.participants.all()) == r["participants"]:
            return event
    return None


def _user(username: str):
    """The account that made a change; one missing here is made inactive, without a password, so the trail
    still names who did it (and nobody can log in as them)."""
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _import_history(event: Event, history: list[dict]) -> None:
    users = {name: _user(name) for name in {h["user"] for h in history} if name}
    model = Event.history.model
    rows = []
    for h in history:
        fields = {**_event_fields(h["fields"]), "created_at": h["fields"]["created_at"]}
        rows.append(model(id=event.pk, history_date=h["date"], history_type=h["type"],
                          history_change_reason=h["reason"], history_user=users.get(h["user"]), **fields))
    model.objects.bulk_create(rows)
