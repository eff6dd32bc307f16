"""Small builders for tests: articles with paragraphs, actors, events and their mentions, straight through the ORM."""
from __future__ import annotations

import itertools
from datetime import date

from events.models import Actor, Article, Event, Mention, Paragraph

_seq = itertools.count(1)


def make_article(paragraphs=None, *, title=None, published=date(2018, 6, 13), outlet="Test Wire", url="") -> Article:
    """An article whose text is its paragraphs, one per line, with a Paragraph row for each."""
    n = next(_seq)
    paragraphs = paragraphs or [f"Paragraph one of article {n}.", f"Paragraph two of article {n}."]
    article = Article.objects.create(
        title=title or f"Article {n}", outlet=outlet, url=url, published=published, text="\n".join(paragraphs)
    )
    Paragraph.objects.bulk_create(
        [Paragraph(article=article, index=i, text=text) for i, text in enumerate(paragraphs)]
    )
    return article


def make_actor(name: str, kind: str = Actor.Kind.PERSON, role: str = "") -> Actor:
    actor, _ = Actor.objects.get_or_create(name=name, defaults={"kind": kind, "role": role})
    return actor


def make_event(
    type: str = Event.Type.MEETING,
    earliest: date | None = date(2018, 6, 12),
    latest: date | None | bool = True,
    *,
    participants=(),
    status: str = Event.Status.OCCURRED,
    granularity: str = "",
    location: str = "",
    date_text: str = "",
    **fields,
) -> Event:
    """An event; `latest=True` (the default) means the same day as `earliest`."""
    if latest is True:
        latest = earliest
    if not granularity:
        granularity = "day" if earliest and earliest == latest else ("open" if not (earliest and latest) else "month")
    event = Event.objects.create(
        type=type, status=status, date_earliest=earliest, date_latest=latest, granularity=granularity,
        location=location, date_text=date_text, **fields,
    )
    actors = [p if isinstance(p, Actor) else make_actor(p) for p in participants]
    if actors:
        event.participants.set(actors)
    return event


def make_mention(event: Event, article: Article, paragraph_index: int | None = 0, trigger: str | None = None) -> Mention:
    """A mention of `event` in the article's paragraph; the trigger is found in its text (first word by default)."""
    if paragraph_index is None:
        text, paragraph = article.title, None
    else:
        paragraph = article.paragraphs.get(index=paragraph_index)
        text = paragraph.text
    trigger = trigger or text.split()[0]
    start = text.index(trigger)
    index = Mention.objects.filter(event=event, article=article, paragraph=paragraph).count()
    return Mention.objects.create(
        event=event, article=article, paragraph=paragraph,
        sentence_index=index, sentence=text, sentence_start=0, sentence_end=len(text),
        trigger=trigger, trigger_start=start, trigger_end=start + len(trigger),
    )
