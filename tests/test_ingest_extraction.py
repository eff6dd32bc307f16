"""Ingestion through the real extractor: the seed article, and one meeting reported by two outlets."""
from datetime import date

import pytest
from django.core.management import call_command

from events.ingest import ingest_article, reextract_article
from events.models import Actor, Article, Event, Mention

pytestmark = pytest.mark.django_db

# Two reports of Shinzo Abe's meeting with Narendra Modi in Tokyo on Monday 29 October 2018,
# written for this test in the style of two different outlets.
WIRE = (
    "Modi and Abe hold summit talks in Tokyo\n"
    "TOKYO (Wire) - Japanese Prime Minister Shinzo Abe and Indian Prime Minister Narendra Modi held talks "
    "in Tokyo on Monday and agreed to deepen security cooperation.\n"
    "The two leaders also discussed a high-speed rail project, officials said."
)
DAILY = (
    "India and Japan sign currency swap deal\n"
    "Narendra Modi met Shinzo Abe at the prime minister's office in Tokyo on Monday, a day after the two "
    "leaders dined at Abe's holiday home near Mount Fuji.\n"
    "Abe said the relationship had never been stronger."
)


def test_one_meeting_reported_by_two_outlets_is_one_event_with_two_sources(nlp):
    ingest_article(WIRE, date(2018, 10, 30), outlet="Wire")
    ingest_article(DAILY, date(2018, 10, 30), outlet="Daily")
    modi = Actor.objects.get(aliases__key="narendra modi")
    abe = Actor.objects.get(aliases__key="shinzo abe")
    meetings = Event.objects.filter(type__in=["meeting", "talks"], participants=modi).filter(participants=abe)
    meetings = meetings.filter(date_earliest=date(2018, 10, 29), date_latest=date(2018, 10, 29)).distinct()
    assert meetings.count() == 1
    event = meetings.get()
    assert set(event.mentions.values_list("article__outlet", flat=True)) == {"Wire", "Daily"}
    # "Modi" and "Abe" later in the texts are the same actors, not new ones
    assert Actor.objects.filter(name__icontains="Modi").count() == 1
    assert Actor.objects.filter(name__icontains="Abe").count() == 1


def test_reextraction_keeps_an_editors_correction(nlp):
    article = ingest_article(WIRE, date(2018, 10, 30)).article
    event = Event.objects.filter(mentions__article=article).first()
    assert event is not None
    event.location, event.edited = "Kantei, Tokyo", True
    event.save()
    reextract_article(article)
    event.refresh_from_db()
    assert event.location == "Kantei, Tokyo"
    assert event.mentions.exists()


def test_ingesting_the_seed_twice_stores_it_once(shared_dir, capsys):
    seed = shared_dir / "corpus" / "seed" / "seed.txt"
    call_command("ingest", str(seed), "--published", "2016-06-07", "--outlet", "The Jerusalem Post")
    first = capsys.readouterr().out
    counts = (Article.objects.count(), Event.objects.count(), Mention.objects.count(), Actor.objects.count())
    call_command("ingest", str(seed), "--published", "2016-06-07")
    assert "already ingested" in capsys.readouterr().out
    assert (Article.objects.count(), Event.objects.count(), Mention.objects.count(),
            Actor.objects.count()) == counts
    assert "Ingested article" in first

    article = Article.objects.get()
    assert article.title.startswith("Netanyahu and Putin meet")
    kremlin = Event.objects.get(type="meeting", date_earliest=date(2016, 6, 7), participants__name="Vladimir Putin")
    assert kremlin.date_label == "Tue 7 Jun 2016"
    assert {"Benjamin Netanyahu", "Vladimir Putin"} <= set(kremlin.participants.values_list("name", flat=True))
    # the headline, the captions and the paragraph are sources of one event
    assert kremlin.mentions.count() >= 2
    decade = Event.objects.get(type="conference", date_earliest__isnull=True)
    assert decade.date_latest == date(2006, 6, 7) and decade.date_label == "before Jun 2006"
    planned = Event.objects.get(type="meeting", date_earliest=date(2016, 6, 8))
    assert planned.status == "planned"
