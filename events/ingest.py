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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.extraction import EXTRACTOR_VERSION
from events.extraction.types import ActorRef, EventCandidate, MentionCandidate
from events.models import Actor, ActorAlias, Article, Event, Mention, Paragraph, alias_key, content_hash, normalize_text

log = logging.getLogger(__name__)

URL_MAX = Article._meta.get_field("url").max_length
ENGLISH_STOPWORD_SHARE = 0.2

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

    def add(self, created: bool, mentions: int) -> None:
        self.events_created += created
        self.events_merged += not created
        self.mentions_created += mentions

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


def looks_english(text: str) -> bool:
    """English news has a third or more of its words from the stop-word list (0.31 at the least across
    the TimeBank, seed and dev articles); French, German or Spanish copy has under a tenth. Texts too
    short to tell pass."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 25:
        return True
    return sum(w in STOP_WORDS for w in words) / len(words) >= ENGLISH_STOPWORD_SHARE


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
    if not looks_english(text):
        raise IngestError("The article does not look like English text; the extractor reads English only.")
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published)
        except ValueError:
            raise IngestError(f"Publication date {published!r} is not a date in the form YYYY-MM-DD.") from None
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise IngestError("A publication date is required.")
    if published > timezone.localdate() + timedelta(days=1):
        raise IngestError(f"Publication date {published} is in the future.")
    if len(url) > URL_MAX:
        raise IngestError(f"The URL has {len(url):,} characters; the limit is {URL_MAX:,}.")
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


def reextract_article(article: Article, candidates: list[EventCandidate] | None = None) -> IngestResult:
    """Run extraction again over a stored article.

    Events the extractor made are refreshed from the new candidates; an edited or verified event keeps
    every field and only gains sources. Mentions in this article that the new run no longer finds are
    removed from unprotected events, and an unprotected event left without any source is deleted.
    Verified or edited events are never deleted.
    """
    if candidates is None:
        # Outside the transaction: the parse is slow, and a write lock held through it blocks everyone.
        candidates = extract_candidates(article.text, article.published, article.title)
    with transaction.atomic():
        return _reextract(article, candidates)


def _reextract(article: Article, candidates: list[EventCandidate]) -> IngestResult:
    paragraphs = store_paragraphs(article)
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
                # Only an event no other article vouches for is rewritten; a merged one is refined.
                only_here = not event.mentions.exclude(article=article).exists()
                _apply_candidate(event, cand, actors, fresh=only_here)
                if only_here:
                    event.participants.set(actors)
            created, made = False, _store_mentions(event, article, paragraphs, cand.mentions)
        else:
            event, created, made = store_candidate(article, paragraphs, cand)
        result.add(created, made)
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
