"""From article text to stored events: validate, store, extract, merge, and never lose an editor's work.

    result = ingest_article(text, date(2016, 6, 7), title="...", outlet="...")

- The same article twice (same words, whatever the white space) changes nothing: it is found by its
  content hash and returned as it is.
- Bad input raises IngestError with a message for a person, before anything is written; the article,
  its paragraphs, events and mentions are written in one transaction.
- A candidate that describes an event already stored (compatible type, overlapping dates, shared
  participants) becomes a new mention of that event instead of a second event.
- Re-extraction (`reextract_article`) updates what the extractor made and adds sources to what an
  editor changed or verified, but never overwrites such an event.
"""
from __future__ import annotations

import logging
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save

from events.extraction import EXTRACTOR_VERSION
from events.extraction.types import ActorRef, EventCandidate, MentionCandidate
from events.models import Actor, ActorAlias, Article, Event, Mention, Paragraph, alias_key, content_hash
from events.validation import (  # noqa: F401  (re-exported: every way in validates through events.validation)
    IngestError,
    decode_bytes,
    html_to_text,
    looks_english,
    split_paragraphs,
    validate,
    validate_published,
    validate_url,
)

log = logging.getLogger(__name__)

# Types that may describe the same happening when two sources word it differently.
MERGEABLE_TYPES = [{"meeting", "talks"}, {"conference", "summit"}, {"signing", "ceremony"}]
# The PostgreSQL advisory lock that serialises "find the matching event, else create it" across processes.
MERGE_LOCK_KEY = zlib.crc32(b"events.ingest.merge")


@dataclass
class IngestResult:
    article: Article
    created: bool
    events_created: int = 0
    events_merged: int = 0
    mentions_created: int = 0
    # Metadata given this time that differs from the stored article: {field: (stored, given)}.
    differences: dict = field(default_factory=dict)
    metadata_updated: bool = False

    def add(self, created: bool, mentions: int) -> None:
        self.events_created += created
        self.events_merged += not created
        self.mentions_created += mentions

    def summary(self) -> str:
        a = self.article
        if self.metadata_updated:
            changed = "; ".join(f"{k} {_show(old)} → {_show(new)}" for k, (old, new) in self.differences.items())
            return (
                f"Article #{a.pk} {a.title!r} was already ingested; updated its metadata ({changed}) and "
                f"re-read its events: {self.events_created} new, {self.events_merged} refreshed or merged, "
                f"{self.mentions_created} new mentions. Editors' corrections were kept."
            )
        if not self.created:
            if self.differences:
                diff = "; ".join(
                    f"{k}: stored {_show(old)}, given {_show(new)}" for k, (old, new) in self.differences.items()
                )
                return (
                    f"Article #{a.pk} {a.title!r} was already ingested with other metadata ({diff}). "
                    "Nothing changed; run again with --update-metadata to apply the new values "
                    "(a new publication date re-dates the article's events, keeping editors' work)."
                )
            return f"Article #{a.pk} {a.title!r} was already ingested; nothing changed."
        return (
            f"Ingested article #{a.pk} {a.title!r} (published {a.published:%Y-%m-%d}): "
            f"{a.paragraphs.count()} paragraphs, {self.events_created} new events, "
            f"{self.events_merged} merged into known events, {self.mentions_created} mentions."
        )


def _show(value) -> str:
    return f"{value:%Y-%m-%d}" if isinstance(value, date) else repr(value)


def lock_merging() -> None:
    """Serialise cross-article merging until the end of the current transaction.

    On PostgreSQL a transaction-scoped advisory lock: two ingests of reports of one meeting cannot both
    find no stored event and both create one. On SQLite the write lock taken at BEGIN IMMEDIATE does it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MERGE_LOCK_KEY])


# ----------------------------------------------------------------------------------------- actors


def resolve_actor(ref: ActorRef) -> Actor:
    """The stored Actor for a reference: by its name among known aliases, else a new one.

    The reference's own aliases are looked up only when they are full names: a surname seen in one
    article ("Kim") must not turn Kim Dae-jung into Kim Jong Un. They are still recorded, so that a
    later article that names only "Kim" finds the actor who first claimed it.
    """
    name_key = alias_key(ref.name)
    found = ActorAlias.objects.select_related("actor").filter(key=name_key).first() if name_key else None
    if found is None:
        full = [k for k in (alias_key(a) for a in ref.aliases) if " " in k and k != name_key]
        found = ActorAlias.objects.select_related("actor").filter(key__in=full).order_by("pk").first()
    if found:
        actor = found.actor
        if ref.role and not actor.role:
            actor.role = ref.role[:200]
            actor.save(update_fields=["role"])
    else:
        actor, _ = Actor.objects.get_or_create(name=ref.name[:200], defaults={"kind": ref.kind, "role": ref.role[:200]})
    for alias in (ref.name, *ref.aliases):
        actor.add_alias(alias[:200])
    return actor


# ----------------------------------------------------------------------------------------- events


def _types_mergeable(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in MERGEABLE_TYPES)


def find_same_event(cand: EventCandidate, actors: Sequence[Actor]) -> Event | None:
    """A stored event that the candidate describes too: mergeable type, overlapping dates, shared participants.

    With two or more participants on both sides, two must be shared: Netanyahu meeting Putin and
    Netanyahu meeting Soini on the same day are different meetings. When several events fit equally
    well ("Netanyahu met ..." on a day he met both), none is chosen: a second event is easier for an
    editor to merge than a wrong merge is to notice.
    """
    actors = list(dict.fromkeys(actors))  # "Putin" and "Vladimir Putin" are one participant
    d = cand.date
    if not actors or d is None or (d.earliest is None and d.latest is None):
        return None
    types = {t for g in MERGEABLE_TYPES if cand.type in g for t in g} | {cand.type}
    size = Event.participants.through.objects.filter(event=OuterRef("pk")).values("event")
    size = size.annotate(n=Count("actor")).values("n")
    qs = (
        # Event.objects: rejected events are out of reach; a new article is new evidence for the editors.
        Event.objects.filter(type__in=types)
        .exclude(date_earliest__isnull=True, date_latest__isnull=True)
        .between(d.earliest, d.latest)
        # Filtering on participants__in makes this count the number of *shared* participants.
        .filter(participants__in=actors)
        .annotate(shared=Count("participants", distinct=True), size=Coalesce(Subquery(size), 0))
    )
    fits = [e for e in qs.order_by("-shared", "id")[:20] if e.shared >= min(2, len(actors), e.size)]
    if not fits or (len(fits) > 1 and fits[1].shared == fits[0].shared):
        return None
    return fits[0]


def _narrower(cand_e, cand_l, ev_e, ev_l) -> bool:
    """The candidate's interval lies inside the event's and is strictly narrower."""
    def width(first, last):
        return (last - first).days if first and last else 10**6

    inside = (ev_e is None or (cand_e is not None and cand_e >= ev_e)) and (
        ev_l is None or (cand_l is not None and cand_l <= ev_l)
    )
    return inside and width(cand_e, cand_l) < width(ev_e, ev_l)


def _apply_candidate(
    event: Event, cand: EventCandidate, actors: Sequence[Actor], *, fresh: bool, replace: bool = False
) -> None:
    """Write the candidate's fields onto an event the extractor owns (never onto a protected one)."""
    d = cand.date
    if fresh or (d and _narrower(d.earliest, d.latest, event.date_earliest, event.date_latest)):
        event.date_earliest = d.earliest if d else None
        event.date_latest = d.latest if d else None
        event.granularity = (d.granularity if d else "") or ""
        event.timex_value = (d.value if d else "")[:40]
        event.date_text = (d.text if d else "")[:200]
        event.date_approximate = bool(d and d.approximate)
    if fresh:
        event.type, event.status = cand.type, cand.status
    elif cand.status == Event.Status.OCCURRED:
        event.status = Event.Status.OCCURRED  # a later report that it happened outranks the plan
    if cand.location and (fresh or not event.location):
        event.location = cand.location[:200]
    event.confidence = cand.confidence if fresh else max(event.confidence, cand.confidence)
    event.reasons = list(cand.reasons) if fresh else event.reasons
    event.extractor_version = cand.extractor_version or EXTRACTOR_VERSION
    save_recorded(event, actors, replace=replace)


def save_recorded(event: Event, actors: Sequence[Actor] = (), *, replace: bool = False) -> None:
    """Save an event and add (or, with `replace`, set) its participants as ONE entry of its audit trail,
    participants included, instead of one for the save and another for each change of participants."""
    created = event.pk is None
    event.skip_history_when_saving = True
    try:
        event.save()
        if replace:
            event.participants.set(actors)
        elif actors:
            event.participants.add(*actors)
    finally:
        del event.skip_history_when_saving
    # the receivers of a save (django-simple-history's among them) run once, now that all is written
    post_save.send(sender=Event, instance=event, created=created, update_fields=None, raw=False,
                   using=event._state.db)


def _same_position(m: MentionCandidate) -> Q:
    where = Q(paragraph__isnull=True) if m.paragraph is None else Q(paragraph__index=m.paragraph)
    return where & Q(sentence_index=m.sentence_index, trigger_start=m.trigger_start)


def _store_mentions(
    event: Event, article: Article, paragraphs: dict[int, Paragraph], mentions: Iterable[MentionCandidate]
) -> int:
    made = 0
    for m in mentions:
        _, created = Mention.all_objects.get_or_create(
            event=event,
            article=article,
            paragraph=paragraphs.get(m.paragraph) if m.paragraph is not None else None,
            sentence_index=m.sentence_index,
            trigger_start=m.trigger_start,
            defaults=dict(
                sentence=m.sentence, sentence_start=m.sentence_start, sentence_end=m.sentence_end,
                trigger=m.trigger[:200], trigger_end=m.trigger_end, date_text=(m.date_text or "")[:200],
                date_start=m.date_start, date_end=m.date_end, extractor_version=EXTRACTOR_VERSION,
            ),
        )
        made += created
    if made and event.lost_source:
        event.lost_source = False
        Event.all_objects.filter(pk=event.pk).update(lost_source=False)
    return made


def store_candidate(
    article: Article, paragraphs: dict[int, Paragraph], cand: EventCandidate
) -> tuple[Event, bool, int]:
    """Store one candidate as a new event or as new mentions of a known one: (event, created, mentions made)."""
    actors = [resolve_actor(p) for p in cand.participants]
    event = find_same_event(cand, actors)
    created = event is None
    if created:
        event = Event()
        _apply_candidate(event, cand, actors, fresh=True)
    elif not event.protected:
        _apply_candidate(event, cand, actors, fresh=False)
    return event, created, _store_mentions(event, article, paragraphs, cand.mentions)


# ----------------------------------------------------------------------------------------- articles


def extract_candidates(text: str, published: date, title: str | None) -> list[EventCandidate]:
    from events.extraction import nlp as nlp_module
    from events.extraction import pipeline

    return pipeline.extract(text, published, title=title, nlp=nlp_module.load(settings.SPACY_MODEL))


def metadata_differences(article: Article, published: date, title: str | None, url: str, outlet: str) -> dict:
    """{field: (stored, given)} for each piece of metadata given that differs from the stored article.
    A title, URL or outlet not given (empty) is no difference."""
    diff = {}
    if published != article.published:
        diff["published"] = (article.published, published)
    for name, given in (("title", title), ("url", url), ("outlet", outlet)):
        if given and given != getattr(article, name):
            diff[name] = (getattr(article, name), given)
    return diff


def ingest_article(
    text: str,
    published,
    title: str | None = None,
    url: str = "",
    outlet: str = "",
    candidates: list[EventCandidate] | None = None,
    update_metadata: bool = False,
) -> IngestResult:
    """Store an article with its paragraphs and events; the same article twice changes nothing.

    Given again with other metadata, the result lists the `differences`; with `update_metadata` they
    are applied, and a new publication date re-dates the article's events (see `update_article_metadata`).
    """
    explicit_title = (title or "").strip() or None
    text, published, title = validate(text, published, title, url)
    url, outlet = url.strip(), outlet.strip()[:200]
    existing = Article.objects.filter(content_hash=content_hash(text)).first()
    if existing:
        return _ingested_again(existing, published, explicit_title, url, outlet, update_metadata)
    if candidates is None:
        # The slow part runs before the transaction, so writers hold the database for milliseconds.
        candidates = extract_candidates(text, published, title)
    try:
        with transaction.atomic():
            lock_merging()
            article = Article.objects.create(
                title=title, outlet=outlet, url=url, published=published, text=text,
                extractor_version=EXTRACTOR_VERSION,
            )
            result = IngestResult(article, created=True)
            _store_all(article, candidates, result)
    except IntegrityError:
        # Another process stored the same article between our look-up and our insert.
        existing = Article.objects.filter(content_hash=content_hash(text)).first()
        if existing is None:
            raise
        return _ingested_again(existing, published, explicit_title, url, outlet, update_metadata)
    return result


def _ingested_again(article, published, title, url, outlet, update_metadata) -> IngestResult:
    diff = metadata_differences(article, published, title, url, outlet)
    if not diff or not update_metadata:
        return IngestResult(article, created=False, differences=diff)
    return update_article_metadata(article, {k: new for k, (_, new) in diff.items()})


def update_article_metadata(article: Article, changes: dict) -> IngestResult:
    """Apply new metadata (published, title, url, outlet) to a stored article. A new publication date or
    title changes what the text says, so the article is re-extracted against it: its events are re-dated,
    while an edited, verified or rejected event keeps every field (and gains sources only)."""
    before = {k: getattr(article, k) for k in changes}
    published = validate_published(changes.get("published", article.published))
    validate_url(changes.get("url", ""))
    for name, value in changes.items():
        setattr(article, name, published if name == "published" else value)
    rereads = bool({"published", "title"} & set(changes))
    candidates = extract_candidates(article.text, article.published, article.title) if rereads else None
    with transaction.atomic():
        article.save(update_fields=list(changes))
        result = _reextract(article, candidates) if rereads else IngestResult(article, created=False)
    result.differences = {k: (before[k], getattr(article, k)) for k in changes}
    result.metadata_updated = True
    return result


def store_paragraphs(article: Article) -> dict[int, Paragraph]:
    """The article's paragraphs by index, made from its text when it has none yet (an article typed in
    the admin, say)."""
    paragraphs = {p.index: p for p in article.paragraphs.all()}
    if not paragraphs:
        made = Paragraph.objects.bulk_create(
            [Paragraph(article=article, index=i, text=t) for i, t in enumerate(split_paragraphs(article.text))]
        )
        paragraphs = {p.index: p for p in made}
    return paragraphs


def _store_all(article: Article, candidates: Iterable[EventCandidate], result: IngestResult) -> None:
    paragraphs = store_paragraphs(article)
    for cand in candidates:
        _, created, mentions = store_candidate(article, paragraphs, cand)
        result.add(created, mentions)


# ----------------------------------------------------------------------------------------- re-extraction


def reextract_article(article: Article, candidates: list[EventCandidate] | None = None) -> IngestResult:
    """Run extraction again over a stored article, keeping every editorial decision.

    Each mention the new run finds at a place an earlier run stored (the same paragraph, the trigger's
    words overlapping, whatever the extractor version) stays with the event it is attached to now: a
    split, a merge or a source an editor moved is not undone. New mentions join the candidate's event.
    Events the extractor made are refreshed; an edited, verified or rejected one keeps every field, is
    never deleted and never loses a source, so a rejected event is never made again. Mentions of
    unprotected events that the new run no longer finds are removed, and such an event left without a
    source is deleted.
    """
    if candidates is None:
        # Outside the transaction: the parse is slow, and a write lock held through it blocks everyone.
        candidates = extract_candidates(article.text, article.published, article.title)
    with transaction.atomic():
        return _reextract(article, candidates)


def _reextract(article: Article, candidates: list[EventCandidate]) -> IngestResult:
    lock_merging()
    paragraphs = store_paragraphs(article)
    stored = list(Mention.all_objects.filter(article=article).select_related("event", "paragraph"))
    touched_events = {m.event_id for m in stored}
    result = IngestResult(article, created=False)
    claimed: set[int] = set()
    for cand in candidates:
        matched = {i: _matches(stored, m) for i, m in enumerate(cand.mentions)}
        events = _events_of([s for found in matched.values() for s in found])
        if not events:
            _, created, made = store_candidate(article, paragraphs, cand)
            result.add(created, made)
            continue
        primary = _primary(events, matched)
        if not primary.protected:
            actors = [resolve_actor(p) for p in cand.participants]
            # Only an event no other article vouches for is rewritten; a merged one is refined.
            only_here = not Mention.all_objects.filter(event=primary).exclude(article=article).exists()
            _apply_candidate(primary, cand, actors, fresh=only_here, replace=only_here)
        for i, found in matched.items():
            claimed |= {s.pk for s in found}
            for s in found:
                if not s.event.protected:
                    _refresh_mention(s, cand.mentions[i])
        new = [m for i, m in enumerate(cand.mentions) if not matched[i]]
        result.add(False, _store_mentions(primary, article, paragraphs, new))
    gone = [m.pk for m in stored if m.pk not in claimed and not m.event.protected]
    Mention.all_objects.filter(pk__in=gone).delete()
    for event in Event.all_objects.filter(
        pk__in=touched_events, edited=False, verified=False, rejected=False, mentions__isnull=True
    ):
        event.delete()
    article.extractor_version = EXTRACTOR_VERSION
    article.save(update_fields=["extractor_version"])
    return result


def _same_place(stored: Mention, m: MentionCandidate) -> bool:
    """The same words of the article: the same paragraph (or the title, with the same sentence) and
    overlapping trigger spans, or the same sentence and trigger word when the spans moved."""
    if stored.paragraph_id is None:
        if m.paragraph is not None or stored.sentence.strip() != (m.sentence or "").strip():
            return False
    elif m.paragraph is None or stored.paragraph.index != m.paragraph:
        return False
    if stored.trigger_start < m.trigger_end and m.trigger_start < stored.trigger_end:
        return True
    return stored.sentence.strip() == (m.sentence or "").strip() and stored.trigger.lower() == m.trigger.lower()


def _matches(stored: list[Mention], m: MentionCandidate) -> list[Mention]:
    return [s for s in stored if _same_place(s, m)]


def _events_of(mentions: list[Mention]) -> list[Event]:
    return list({s.event_id: s.event for s in mentions}.values())


def _primary(events: list[Event], matched: dict[int, list[Mention]]) -> Event:
    """The event a candidate's new mentions join: one not rejected before a rejected one, an editor's
    before the extractor's, then the one holding most of its mentions."""
    held = {e.pk: sum(any(s.event_id == e.pk for s in found) for found in matched.values()) for e in events}
    return min(events, key=lambda e: (e.rejected, not (e.edited or e.verified), -held[e.pk], e.pk))


def _refresh_mention(stored: Mention, m: MentionCandidate) -> None:
    """What a newer extractor says about the words an unprotected event's mention points at."""
    fields = dict(
        sentence=m.sentence, sentence_start=m.sentence_start, sentence_end=m.sentence_end,
        sentence_index=m.sentence_index, trigger=m.trigger[:200], trigger_start=m.trigger_start,
        trigger_end=m.trigger_end, date_text=(m.date_text or "")[:200], date_start=m.date_start,
        date_end=m.date_end, extractor_version=EXTRACTOR_VERSION,
    )
    if all(getattr(stored, k) == v for k, v in fields.items()):
        return
    clash = Mention.all_objects.filter(
        event_id=stored.event_id, article_id=stored.article_id, paragraph_id=stored.paragraph_id,
        sentence_index=m.sentence_index, trigger_start=m.trigger_start,
    ).exclude(pk=stored.pk)
    if clash.exists():
        return
    for k, v in fields.items():
        setattr(stored, k, v)
    stored.save(update_fields=list(fields))
