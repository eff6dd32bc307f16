from datetime import date

import pytest
from django.db import IntegrityError

from events.extraction import types as xt
from events.models import Actor, ActorAlias, Article, Event, alias_key, content_hash, date_label, normalize_text


class TestDateLabel:
    """The label says exactly as much as is known, computed on unsaved events (no database)."""

    @pytest.mark.parametrize(
        "earliest, latest, granularity, label",
        [
            (date(2016, 6, 7), date(2016, 6, 7), "day", "Tue 7 Jun 2016"),
            (None, date(2006, 6, 7), "open", "before Jun 2006"),
            (date(2016, 6, 7), None, "open", "after Jun 2016"),
            (None, None, "", "date unknown"),
            (date(2013, 5, 1), date(2013, 5, 31), "month", "May 2013"),
            (date(1991, 1, 1), date(1991, 12, 31), "year", "1991"),
            (date(2013, 4, 1), date(2013, 4, 7), "week", "1–7 Apr 2013"),
            (date(2013, 9, 30), date(2013, 10, 6), "week", "30 Sep – 6 Oct 2013"),
            (date(2013, 4, 1), date(2013, 6, 30), "quarter", "Apr 2013 – Jun 2013"),
            (date(1990, 1, 1), date(1999, 12, 31), "decade", "1990–1999"),
            (date(2015, 12, 28), date(2016, 1, 3), "week", "28 Dec 2015 – 3 Jan 2016"),
        ],
    )
    def test_it_labels_intervals(self, earliest, latest, granularity, label):
        assert date_label(earliest, latest, granularity) == label
        event = Event(date_earliest=earliest, date_latest=latest, granularity=granularity)
        assert event.date_label == label

    def test_it_knows_an_open_interval(self):
        assert Event(date_latest=date(2006, 6, 7)).is_open
        assert not Event(date_earliest=date(2006, 6, 7), date_latest=date(2006, 6, 7)).is_open


def test_event_types_match_the_extractor():
    assert {c for c, _ in Event.Type.choices} == set(xt.EVENT_TYPES)
    assert {c for c, _ in Event.Status.choices} == set(xt.STATUSES)
    assert {c for c, _ in Actor.Kind.choices} == set(xt.ACTOR_KINDS)
    assert {c for c, _ in Event.Granularity.choices} == set(xt.GRANULARITIES)


def test_content_hash_ignores_white_space_but_not_words():
    assert content_hash("Putin met Netanyahu.\nThey talked.") == content_hash("Putin  met Netanyahu.\r\n\nThey talked.  ")
    assert content_hash("Putin met Netanyahu.") != content_hash("Putin met Lavrov.")


def test_normalize_text_unifies_line_ends_and_trims():
    assert normalize_text("\r\nA line  \r\nB\rC\n\n") == "A line\nB\nC"


def test_alias_key_ignores_case_accents_and_punctuation():
    assert alias_key("Sergueï  Lavrov") == alias_key("SERGUEI lavrov") == "serguei lavrov"
    assert alias_key("al-Malki") == "al malki"


@pytest.mark.django_db
class TestStoredModels:
    def test_article_save_normalizes_and_hashes(self):
        a = Article.objects.create(title="T", published=date(2016, 6, 7), text="One\r\nTwo  \n")
        assert a.text == "One\nTwo"
        assert a.content_hash == content_hash("One Two")
        assert a.get_absolute_url() == f"/articles/{a.pk}/"

    def test_the_same_text_cannot_be_stored_twice(self):
        Article.objects.create(title="T", published=date(2016, 6, 7), text="Same words")
        with pytest.raises(IntegrityError):
            Article.objects.create(title="U", published=date(2016, 6, 8), text="Same  words\n")

    def test_an_actor_is_its_own_alias_and_gains_more(self):
        putin = Actor.objects.create(name="Vladimir Putin", kind="person", role="President")
        putin.add_alias("Putin")
        putin.add_alias("putin")  # same key: not a second alias
        assert sorted(putin.aliases.values_list("alias", flat=True)) == ["Putin", "Vladimir Putin"]
        assert ActorAlias.objects.get(key="putin").actor == putin

    def test_event_sort_date_and_queryset_vocabulary(self):
        netanyahu = Actor.objects.create(name="Benjamin Netanyahu")
        old = Event.objects.create(type="conference", status="planned", date_latest=date(2006, 6, 7))
        met = Event.objects.create(type="meeting", date_earliest=date(2016, 6, 7), date_latest=date(2016, 6, 7))
        plan = Event.objects.create(type="meeting", status="planned", date_earliest=date(2016, 6, 8),
                                    date_latest=date(2016, 6, 8))
        met.participants.add(netanyahu)
        assert old.sort_date == date(2006, 6, 7)
        assert list(Event.objects.in_timeline_order()) == [old, met, plan]
        assert list(Event.objects.occurred()) == [met]
        assert set(Event.objects.planned()) == {old, plan}
        assert list(Event.objects.involving(netanyahu)) == [met]
        assert set(Event.objects.between(date(2016, 6, 8), None)) == {plan}
        assert set(Event.objects.between(None, date(2010, 1, 1))) == {old}
        assert "Benjamin Netanyahu" in str(met) and "Tue 7 Jun 2016" in str(met)

    def test_an_interval_cannot_end_before_it_starts(self):
        with pytest.raises(IntegrityError):
            Event.objects.create(type="meeting", date_earliest=date(2016, 6, 8), date_latest=date(2016, 6, 7))
