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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from events.extraction import EXTRACTOR_VERSION
from events.extraction.types import ActorRef, EventCandidate, MentionCandidate
from events.models import Actor, ActorAlias, Article, Event, Mention, Paragraph, alias_key, content_hash, normalize_text

log = logging.getLogger(__name__)

# Types that may describe the same happening when two sources word it differently.
MERGEABLE_TYPES = [{"meeting", "talks"}, {"conference", "summit"}, {"signing", "ceremony"}]


class IngestError(ValueError):
    """The input cannot be ingested; the message says why, for the person who gave it."""


@dataclass
class IngestResult:
    article: Article
    created: bool
    events_created: int = 0
    events_merged: int = 0
    mentions_created: int = 0

    def summary(self) -> str:
        a = self.article
        if not self.created:
            return f"Article #{a.pk} {a.title!r} was already ingested; nothing changed."
        return (
            f"Ingested article #{a.pk} {a.title!r} (published {a.published:%Y-%m-%d}): "
            f"{a.paragraphs.count()} paragraphs, {self.events_created} new events, "
            f"{self.events_merged} merged into known events, {self.mentions_created} mentions."
        )


# ----------------------------------------------------------------------------------------- input


def split_paragraphs(text: str) -> list[str]:
    """Each non-empty line is a paragraph (the index is its position in this list)."""
    return [line for line in text.split("\n") if line.strip()]


def validate(text: str, published, title: str | None, url: str) -> tuple[str, date, str]:
    """The normalized text, publication date and title, or IngestError."""
    if not isinstance(text, str):
        raise IngestError("The article text must be a string.")
    if "\x00" in text:
        raise IngestError("The article text contains NUL bytes: is it a binary file?")
    text = normalize_text(text)
    if not text.strip():
        raise IngestError("The article text is empty.")
    limit = settings.MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise IngestError(f"The article has {len(text):,} characters; the limit is {limit:,} (MAX_ARTICLE_CHARS).")
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published)
        except ValueError:
            raise IngestError(f"Publication date {published!r} is not a date in the form YYYY-MM-DD.") from None
    if not isinstance(published, date):
        raise IngestError("A publication date is required.")
    if published > date.today() + timedelta(days=1):
        raise IngestError(f"Publication date {published} is in the future.")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise IngestError(f"{url!r} is not an http(s) URL.") from None
    title = (title or "").strip() or split_paragraphs(text)[0].strip()
    return text, published, title[:500]


def html_to_text(html: str) -> str:
    """The main text of an HTML page, one paragraph a line (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise IngestError("No article text could be found in that HTML.")
    return text


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
        actor = Actor.objects.create(name=ref.name[:200], kind=ref.kind, role=ref.role[:200])
    for alias in (ref.name, *ref.aliases):
        actor.add_alias(alias[:200])
    return actor


# ----------------------------------------------------------------------------------------- events


def _types_mergeable(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in MERGEABLE_TYPES)


def _overlapping(qs, earliest: date | None, latest: date | None):
    """Events whose dates overlap the interval; an event open at both ends never matches."""
    if earliest is None and latest is None:
        return qs.none()
    qs = qs.exclude(date_earliest__isnull=True, date_latest__isnull=True)
    if latest is not None:
        qs = qs.filter(Q(date_earliest__isnull=True) | Q(date_earliest__lte=latest))
    if earliest is not None:
        qs = qs.filter(Q(date_latest__isnull=True) | Q(date_latest__gte=earliest))
    return qs


def find_same_event(cand: EventCandidate, actors: Sequence[Actor]) -> Event | None:
    """A stored event that the candidate describes too: mergeable type, overlapping dates, shared participants.

    With two or more participants on both sides, two must be shared: Netanyahu meeting Putin and
    Netanyahu meeting Soini on the same day are different meetings.
    """
    if not actors or cand.date is None:
        return None
    types = {t for g in MERGEABLE_TYPES if cand.type in g for t in g} | {cand.type}
    qs = _overlapping(Event.objects.filter(type__in=types), cand.date.earliest, cand.date.latest)
    # Filtering on participants__in makes the count below the number of *shared* participants.
    qs = qs.filter(participants__in=actors).annotate(shared=Count("participants", distinct=True))
    for event in qs.order_by("-shared", "id")[:20]:
        if event.shared >= min(2, len(actors), event.participants.count()):
            return event
    return None


def _narrower(cand_e, cand_l, ev_e, ev_l) -> bool:
    """The candidate's interval lies inside the event's and is strictly narrower."""
    def width(first, last):
        return (last - first).days if first and last else 10**6

    inside = (ev_e is None or (cand_e is not None and cand_e >= ev_e)) and (
        ev_l is None or (cand_l is not None and cand_l <= ev_l)
    )
    return inside and width(cand_e, cand_l) < width(ev_e, ev_l)


def _apply_candidate(event: Event, cand: EventCandidate, actors: Sequence[Actor], *, fresh: bool) -> None:
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
    event.save()
    event.participants.add(*actors)


def _same_position(m: MentionCandidate) -> Q:
    where = Q(paragraph__isnull=True) if m.paragraph is None else Q(paragraph__index=m.paragraph)
    return where & Q(sentence_index=m.sentence_index, trigger_start=m.trigger_start)


def _store_mentions(
    event: Event, article: Article, paragraphs: dict[int, Paragraph], mentions: Iterable[MentionCandidate]
) -> int:
    made = 0
    for m in mentions:
        _, created = Mention.objects.get_or_create(
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


def ingest_article(
    text: str,
    published,
    title: str | None = None,
    url: str = "",
    outlet: str = "",
    candidates: list[EventCandidate] | None = None,
) -> IngestResult:
    """Store an article with its paragraphs and events; the same article twice changes nothing."""
    text, published, title = validate(text, published, title, url)
    existing = Article.objects.filter(content_hash=content_hash(text)).first()
    if existing:
        return IngestResult(existing, created=False)
    if candidates is None:
        # The slow part runs before the transaction, so writers hold the database for milliseconds.
        candidates = extract_candidates(text, published, title)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title, outlet=outlet[:200], url=url, published=published, text=text,
                extractor_version=EXTRACTOR_VERSION,
            )
            result = IngestResult(article, created=True)
            _store_all(article, candidates, result)
    except IntegrityError:
        # Another process stored the same article between our look-up and our insert.
        existing = Article.objects.filter(content_hash=content_hash(text)).first()
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return result


def _store_all(article: Article, candidates: Iterable[EventCandidate], result: IngestResult) -> None:
    paragraphs = {
        p.index: p
        for p in Paragraph.objects.bulk_create(
            [Paragraph(article=article, index=i, text=t) for i, t in enumerate(split_paragraphs(article.text))]
        )
    }
    if not all(p.pk for p in paragraphs.values()):  # backends that do not return primary keys
        paragraphs = {p.index: p for p in article.paragraphs.all()}
    for cand in candidates:
        _, created, mentions = store_candidate(article, paragraphs, cand)
        result.events_created += created
        result.events_merged += not created
        result.mentions_created += mentions


@transaction.atomic
def reextract_article(article: Article, candidates: list[EventCandidate] | None = None) -> IngestResult:
    """Run extraction again over a stored article.

    Events the extractor made are refreshed from the new candidates; an edited or verified event keeps
    every field and only gains sources. Mentions in this article that the new run no longer finds are
    removed from unprotected events, and an unprotected event left without any source is deleted.
    Verified or edited events are never deleted.
    """
    if candidates is None:
        candidates = extract_candidates(article.text, article.published, article.title)
    paragraphs = {p.index: p for p in article.paragraphs.all()}
    old_mentions = set(
        Mention.objects.filter(article=article, event__edited=False, event__verified=False).values_list("pk", flat=True)
    )
    touched_events = set(Mention.objects.filter(article=article).values_list("event_id", flat=True))
    result = IngestResult(article, created=False)
    kept = set()
    for cand in candidates:
        event = _event_at_same_place(article, cand)
        if event is not None:
            actors = [resolve_actor(p) for p in cand.participants]
            if not event.protected:
                _apply_candidate(event, cand, actors, fresh=True)
                if not event.mentions.exclude(article=article).exists():
                    event.participants.set(actors)  # no other source vouches for the old participants
            made = _store_mentions(event, article, paragraphs, cand.mentions)
            result.events_merged += 1
        else:
            event, created, made = store_candidate(article, paragraphs, cand)
            result.events_created += created
            result.events_merged += not created
        result.mentions_created += made
        kept |= _mention_ids(event, article, cand.mentions)
    Mention.objects.filter(pk__in=old_mentions - kept).delete()
    Event.objects.filter(pk__in=touched_events, edited=False, verified=False, mentions__isnull=True).delete()
    article.extractor_version = EXTRACTOR_VERSION
    article.save(update_fields=["extractor_version"])
    return result


def _event_at_same_place(article: Article, cand: EventCandidate) -> Event | None:
    """The event that an earlier run stored for the same trigger in the same sentence of this article."""
    for m in cand.mentions:
        found = Mention.objects.filter(_same_position(m), article=article).select_related("event").first()
        if found:
            return found.event
    return None


def _mention_ids(event: Event, article: Article, mentions: Iterable[MentionCandidate]) -> set[int]:
    ids = set()
    for m in mentions:
        ids |= set(Mention.objects.filter(_same_position(m), event=event, article=article).values_list("pk", flat=True))
    return ids
