"""export_timeline / import_timeline: a round trip is exact, a second import duplicates nothing, a bad file
changes nothing."""
import json
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from events import ingest
from events.ingest import ingest_article
from events.models import Actor, Article, Event, Mention
from tests.test_admin import _change_data
from tests.test_ingest import NETANYAHU, PUTIN, REUTERS, TASS, meeting, mention

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_extractor(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the extractor was called")

    monkeypatch.setattr(ingest, "extract_candidates", refuse)


@pytest.fixture
def timeline(admin_client):
    ingest_article(TASS, date(2016, 6, 7), outlet="TASS", candidates=[
        meeting(mention(1)), meeting(mention(2, "spoke", 20), type="phone_call", participants=(PUTIN,))])
    ingest_article(REUTERS, date(2016, 6, 7), url="https://example.org/r", candidates=[meeting(mention(1))])
    talks = Event.objects.get(type="meeting")
    admin_client.post(reverse("admin:events_event_change", args=[talks.pk]), _change_data(talks, location="Moscow"))
    Event.objects.filter(type="phone_call").update(rejected=True)
    Event.objects.create(type="visit", location="Sochi", verified=True, date_earliest=date(2016, 5, 1),
                         date_latest=date(2016, 5, 31), granularity="month")
    Actor.objects.get(name="Benjamin Netanyahu").add_alias("Bibi")


def empty_the_database():
    for model in (Article, Event, Actor):
        model.all_objects.all().delete() if model is Event else model.objects.all().delete()
    for model in (Event, Actor, Article, Mention):
        model.history.all().delete()
    User.objects.all().delete()


def test_export_then_import_into_an_empty_database_exports_the_same_file(timeline, tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    call_command("export_timeline", str(first))
    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert records[0] == {"format": "diplomatic-events-timeline", "version": 1}
    events = {r["type"]: r for r in records if r.get("record") == "event"}
    assert (events["meeting"]["edited"], events["meeting"]["location"]) == (True, "Moscow")
    assert len(events["meeting"]["mentions"]) == 2 and events["phone_call"]["rejected"] is True
    assert [h["user"] for h in events["meeting"]["history"]][-1] == "admin"
    assert "Bibi" in next(r for r in records if r.get("name") == "Benjamin Netanyahu")["aliases"]

    empty_the_database()
    call_command("import_timeline", str(first))
    call_command("export_timeline", str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    meeting_ev = Event.objects.get(type="meeting")
    assert meeting_ev.history.first().history_user.username == "admin"
    assert not User.objects.get(username="admin").is_active  # named in the trail, cannot log in


def test_importing_into_a_database_that_has_it_duplicates_nothing(timeline, tmp_path, capsys):
    path = tmp_path / "t.jsonl"
    call_command("export_timeline", str(path))
    before = (Article.objects.count(), Event.all_objects.count(), Mention.all_objects.count(), Actor.objects.count())
    call_command("import_timeline", str(path))
    assert "0 new actors, 0 new articles, 0 new events, 0 new mentions" in capsys.readouterr().out
    assert (Article.objects.count(), Event.all_objects.count(), Mention.all_objects.count(),
            Actor.objects.count()) == before


def test_a_partial_database_gains_only_what_it_lacks(timeline, tmp_path):
    path = tmp_path / "t.jsonl"
    call_command("export_timeline", str(path))
    Article.objects.get(url="https://example.org/r").delete()  # the meeting loses one of its two sources
    call_command("import_timeline", str(path))
    assert Article.objects.count() == 2 and Event.objects.filter(type="meeting").count() == 1
    assert Event.objects.get(type="meeting").mentions.count() == 2


@pytest.mark.parametrize("content, message", [
    ("", "empty"),
    ('{"format": "diplomatic-events-timeline", "version": 99}\n', "version 99"),
    ("not json\n", "not JSON"),
    ('{"format": "diplomatic-events-timeline", "version": 1}\n{"record": "event", "type": "visit"}\n', "malformed"),
])
def test_a_bad_file_is_refused_and_changes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_timeline", str(path))
    assert Event.all_objects.count() == 0


def test_a_bad_record_after_good_ones_rolls_the_whole_import_back(timeline, tmp_path):
    path = tmp_path / "t.jsonl"
    call_command("export_timeline", str(path))
    empty_the_database()
    path.write_text(path.read_text(encoding="utf-8") + '{"record": "event"}\n', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_timeline", str(path))
    assert (Article.objects.count(), Event.all_objects.count(), Actor.objects.count()) == (0, 0, 0)


def test_participants_are_restored(timeline, tmp_path):
    path = tmp_path / "t.jsonl"
    call_command("export_timeline", str(path))
    empty_the_database()
    call_command("import_timeline", str(path))
    names = set(Event.objects.get(type="meeting").participants.values_list("name", flat=True))
    assert names == {NETANYAHU.name, PUTIN.name}
