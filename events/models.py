"""The timeline's data: articles and their paragraphs, actors, events and the mentions that source them.

Identity (what is the same event, the same actor) and editorial state live here; extraction only
proposes candidates (see events/ingest.py).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from simple_history.models import HistoricalRecords


def normalize_text(text: str) -> str:
    """The text as stored: Unicode NFC, Unix newlines, no trailing blanks on lines, no blank edges."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def content_hash(text: str) -> str:
    """A hash of the article's words that ignores differences of white space and line breaks."""
    words = " ".join(normalize_text(text).split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def paragraph_url(article_id: int, index: int | None) -> str:
    """The article page at paragraph `index` (the page itself for None: a headline given apart from the text)."""
    url = reverse("events:article", args=[article_id])
    return url if index is None else f"{url}#p-{index}"


def alias_key(name: str) -> str:
    """How an alias is matched: case-, accent- and punctuation-insensitive."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


class Article(models.Model):
    title = models.CharField(max_length=500)
    outlet = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published = models.DateField(help_text="Publication date: every relative date in the text is resolved against it.")
    text = models.TextField()
    content_hash = models.CharField(
        max_length=64, unique=True, editable=False,
        help_text="SHA-256 of the text's words; the same article ingested twice is found by it.",
    )
    extractor_version = models.CharField(max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [models.Index(fields=["published"])]

    def __str__(self):
        return f"{self.title} ({self.published:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        self.text = normalize_text(self.text)
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:article", args=[self.pk])


class Paragraph(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="paragraphs")
    index = models.PositiveIntegerField(help_text="0-based position among the article's non-empty lines.")
    text = models.TextField()

    class Meta:
        ordering = ["article", "index"]
        constraints = [models.UniqueConstraint(fields=["article", "index"], name="unique_paragraph_index")]

    def __str__(self):
        return f"¶{self.index + 1} of article #{self.article_id}: {self.text[:60]}"

    def get_absolute_url(self):
        return paragraph_url(self.article_id, self.index)


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person"
        COUNTRY = "country"
        ORGANIZATION = "organization"

    name = models.CharField(max_length=200, unique=True, help_text="Canonical name, without titles.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(max_length=200, blank=True, help_text="Title or office last seen, e.g. 'Prime Minister'.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.add_alias(self.name)

    def add_alias(self, alias: str) -> None:
        key = alias_key(alias)
        if key:
            ActorAlias.objects.get_or_create(key=key, defaults={"actor": self, "alias": alias})


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200, help_text="A name seen for the actor, e.g. 'Netanyahu', 'Bibi'.")
    key = models.CharField(max_length=200, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["alias"]

    def __str__(self):
        return f"{self.alias} → {self.actor}"

    def save(self, *args, **kwargs):
        self.key = alias_key(self.alias)
        super().save(*args, **kwargs)


class EventQuerySet(models.QuerySet):
    def visible(self):
        """What the timeline shows: every event an editor has not rejected."""
        return self.filter(rejected=False)

    def rejected(self):
        return self.filter(rejected=True)

    def lost_source(self):
        return self.filter(lost_source=True)

    def occurred(self):
        return self.filter(status=Event.Status.OCCURRED)

    def planned(self):
        return self.filter(status=Event.Status.PLANNED)

    def involving(self, actor):
        return self.filter(participants=actor)

    def between(self, start: date | None, end: date | None):
        """Events whose interval overlaps [start, end] (either bound may be None)."""
        qs = self
        if start:
            qs = qs.filter(Q(date_latest__isnull=True) | Q(date_latest__gte=start))
        if end:
            qs = qs.filter(Q(date_earliest__isnull=True) | Q(date_earliest__lte=end))
        return qs

    def in_timeline_order(self):
        return self.order_by(models.F("sort_date").asc(nulls_last=True), "id")


class EventManager(models.Manager.from_queryset(EventQuerySet)):
    pass


class VisibleEventManager(EventManager):
    def get_queryset(self):
        return super().get_queryset().filter(rejected=False)


class Event(models.Model):
    class Type(models.TextChoices):
        MEETING = "meeting"
        VISIT = "visit"
        PRESS_CONFERENCE = "press_conference", "Press conference"
        CONFERENCE = "conference"
        SUMMIT = "summit"
        TALKS = "talks"
        PHONE_CALL = "phone_call", "Phone call"
        SIGNING = "signing"
        CEREMONY = "ceremony"

    class Status(models.TextChoices):
        OCCURRED = "occurred"
        PLANNED = "planned"

    class Granularity(models.TextChoices):
        TIME = "time"
        DAY = "day"
        WEEK = "week"
        MONTH = "month"
        QUARTER = "quarter"
        SEASON = "season"
        HALF = "half"
        YEAR = "year"
        DECADE = "decade"
        CENTURY = "century"
        OPEN = "open"

    type = models.CharField(max_length=20, choices=Type.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OCCURRED,
        help_text="Planned: announced, scheduled or proposed, not (yet) reported as having happened.",
    )
    date_earliest = models.DateField(null=True, blank=True, help_text="First day it may have happened; empty: open.")
    date_latest = models.DateField(null=True, blank=True, help_text="Last day it may have happened; empty: open.")
    granularity = models.CharField(max_length=10, choices=Granularity.choices, blank=True)
    timex_value = models.CharField(
        max_length=40, blank=True, verbose_name="TIMEX3 value", help_text="e.g. 2016-06-07, 2016-W23, 2016-06, PAST_REF"
    )
    date_text = models.CharField(max_length=200, blank=True, help_text="The date expression as written in the source.")
    date_approximate = models.BooleanField(
        default=False, help_text="The source hedges the date ('about a week ago', 'nearly 25 years'): shown as 'about'."
    )
    location = models.CharField(max_length=200, blank=True)
    participants = models.ManyToManyField(Actor, related_name="events", blank=True)
    confidence = models.FloatField(default=0.5, help_text="The extractor's confidence, 0 to 1.")
    reasons = models.JSONField(default=list, blank=True, help_text="Why the extractor proposed this event.")
    extractor_version = models.CharField(max_length=20, blank=True)
    verified = models.BooleanField(default=False, help_text="An editor checked this event against its sources.")
    edited = models.BooleanField(
        default=False, help_text="An editor changed this event; re-extraction adds sources but never overwrites it."
    )
    rejected = models.BooleanField(
        default=False,
        help_text="An editor decided this is no event: hidden from the timeline, and re-extraction never makes it again.",
    )
    lost_source = models.BooleanField(
        default=False, editable=False,
        help_text="Every article that sourced it was deleted; kept because an editor verified or edited it.",
    )
    sort_date = models.DateField(null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # `objects`: the events the timeline shows (not rejected). `all_objects`: every event, rejected ones
    # too; the default manager, so the admin, relations, cascades and identity (ingest) see them all.
    history = HistoricalRecords(m2m_fields=[participants], excluded_fields=["sort_date", "updated_at"])
    objects = VisibleEventManager()
    all_objects = EventManager()

    class Meta:
        default_manager_name = "all_objects"
        # Undated events last on every backend (SQLite puts NULL first, PostgreSQL last).
        ordering = [models.F("sort_date").asc(nulls_last=True), "id"]
        indexes = [
            models.Index(fields=["sort_date", "id"], name="event_timeline_order"),
            models.Index(fields=["type", "sort_date", "id"], name="event_type_timeline_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_earliest__isnull=True) | Q(date_latest__isnull=True)
                | Q(date_earliest__lte=models.F("date_latest")),
                name="event_interval_ordered",
            )
        ]

    def __str__(self):
        names = ", ".join(a.name for a in self.participants.all()[:3]) if self.pk else ""
        return f"{self.get_type_display()} — {self.date_label} — {names}".rstrip(" —")

    def save(self, *args, **kwargs):
        self.sort_date = self.date_earliest or self.date_latest
        super().save(*args, **kwargs)

    @property
    def date_label(self) -> str:
        """The date as precisely as it is known: 'Tue 7 Jun 2016', 'Jun 2016', 'before Jun 2006'."""
        label = date_label(self.date_earliest, self.date_latest, self.granularity)
        return f"about {label}" if self.date_approximate and self.date_earliest and self.date_latest else label

    @property
    def is_open(self) -> bool:
        return self.date_earliest is None or self.date_latest is None

    @property
    def protected(self) -> bool:
        """An editor changed, verified or rejected it: extraction may add sources, never change its fields,
        never delete it, and never takes a source away from it."""
        return self.edited or self.verified or self.rejected

    @property
    def keeps_without_sources(self) -> bool:
        """Verified or edited: worth keeping (flagged lost_source) when its last source goes."""
        return self.edited or self.verified


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def _month(d: date) -> str:
    return f"{d:%b %Y}"


def date_label(earliest: date | None, latest: date | None, granularity: str = "") -> str:
    if earliest is None and latest is None:
        return "date unknown"
    if earliest is None:
        return f"before {_day(latest) if granularity in ('day', 'time') else _month(latest)}"
    if latest is None:
        return f"after {_day(earliest) if granularity in ('day', 'time') else _month(earliest)}"
    if earliest == latest:
        return _day(earliest)
    if granularity in ("decade", "century"):
        return f"{earliest.year}–{latest.year}"
    same_year = earliest.year == latest.year
    if earliest.day == 1 and (latest.month, latest.day) == (12, 31) and same_year:
        return str(earliest.year)
    if earliest.day == 1 and same_year and earliest.month == latest.month and _is_month_end(latest):
        return _month(earliest)
    if earliest.day == 1 and _is_month_end(latest):
        return f"{_month(earliest)} – {_month(latest)}"
    if same_year and earliest.month == latest.month:
        return f"{earliest.day}–{latest.day} {latest:%b %Y}"
    if same_year:
        return f"{earliest.day} {earliest:%b} – {latest.day} {latest:%b %Y}"
    return f"{earliest.day} {earliest:%b %Y} – {latest.day} {latest:%b %Y}"


def _is_month_end(d: date) -> bool:
    return (d + timedelta(days=1)).day == 1


class MentionManager(models.Manager):
    pass


class VisibleMentionManager(MentionManager):
    def get_queryset(self):
        return super().get_queryset().filter(event__rejected=False)


class Mention(models.Model):
    """One place an event is reported: the paragraph, sentence, trigger and date expression."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mentions")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="mentions", null=True, blank=True,
        help_text="Empty when the event was found in a title that is not part of the text.",
    )
    sentence_index = models.PositiveIntegerField(default=0, help_text="Sentence number within the paragraph, from 0.")
    sentence = models.TextField(help_text="The sentence the event was found in.")
    sentence_start = models.PositiveIntegerField(default=0)
    sentence_end = models.PositiveIntegerField(default=0)
    trigger = models.CharField(max_length=200, help_text="The words that name the event, e.g. 'held talks'.")
    trigger_start = models.PositiveIntegerField(default=0, help_text="Character offset in the paragraph.")
    trigger_end = models.PositiveIntegerField(default=0)
    date_text = models.CharField(max_length=200, blank=True)
    date_start = models.PositiveIntegerField(null=True, blank=True)
    date_end = models.PositiveIntegerField(null=True, blank=True)
    extractor_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # `objects`: mentions of events the timeline shows; `all_objects` (the default manager): every mention.
    history = HistoricalRecords()
    objects = VisibleMentionManager()
    all_objects = MentionManager()

    class Meta:
        default_manager_name = "all_objects"
        # By ids, not through Article's own ordering: no joins for a plain list of mentions.
        ordering = ["article_id", "paragraph_id", "sentence_index", "trigger_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "article", "paragraph", "sentence_index", "trigger_start"],
                name="unique_mention_position",
            )
        ]

    def __str__(self):
        where = self.paragraph if self.paragraph_id else f"title of {self.article}"
        return f"{self.trigger!r} in {where}"

    def get_absolute_url(self):
        return paragraph_url(self.article_id, self.paragraph.index if self.paragraph_id else None)


# ------------------------------------------------------------------------- an article deleted


def settle_sourceless(event_ids) -> tuple[int, int]:
    """Events among `event_ids` left without any mention: deleted, unless an editor verified or edited them,
    in which case they are kept and flagged `lost_source`. Returns (deleted, flagged)."""
    orphans = Event.all_objects.filter(pk__in=list(event_ids), mentions__isnull=True)
    flagged = orphans.filter(Q(edited=True) | Q(verified=True)).update(lost_source=True)
    deleted = 0
    for event in orphans.filter(edited=False, verified=False):
        event.delete()  # one by one, so the audit trail records each deletion
        deleted += 1
    return deleted, flagged


@receiver(pre_delete, sender=Article)
def _note_sourced_events(sender, instance, **kwargs):
    instance._sourced_event_ids = set(Mention.all_objects.filter(article=instance).values_list("event_id", flat=True))


@receiver(post_delete, sender=Article)
def _settle_sourced_events(sender, instance, **kwargs):
    settle_sourceless(getattr(instance, "_sourced_event_ids", ()))


# The ingest queue's job rows live in their own module (they are no part of the timeline's data).
# The chart's counts per month, kept in step with the events by signals (events/models_chart.py).
# Each actor's events with their sort date, for the actor's page and the participant filter (events/models_actors.py),
# and each actor's chart counts per month, for the chart of the participant filter (events/models_actor_chart.py).
from events.models_actor_chart import ActorChartCount  # noqa: E402, F401
from events.models_actors import ActorTimeline  # noqa: E402, F401
from events.models_chart import ChartCount  # noqa: E402, F401
from events.models_jobs import IngestJob  # noqa: E402, F401

# Each event's terms as the search index reads them, and the chart's counts per term, for the chart of a one-word
# search (events/models_term_chart.py).
from events.models_term_chart import EventTerm, TermChartCount  # noqa: E402, F401
