"""Every editorial decision (reject, split, merge, verify, edit) survives re-extraction, also by a newer
extractor that words its triggers differently; deleting an article takes its sourceless events with it
unless an editor vouched for them."""
from dataclasses import replace
from datetime import date

import pytest

from events import ingest
from events.admin import EventAdmin
from events.ingest import ingest_article, reextract_article
from events.models import Article, Event, Mention
from tests.test_ingest import NETANYAHU, PUTIN, REUTERS, TASS, meeting, mention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_extractor")]


@pytest.fixture
def no_extractor(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the extractor was called")

    monkeypatch.setattr(ingest, "extract_candidates", refuse)

HEADLINE = "Putin and Netanyahu meet at the Kremlin"
BODY = TASS.split("\n")[1]


def headline():
    return mention(None, "meet", 20, sentence=HEADLINE)


def body():
    return mention(1, "received", 31, sentence=BODY)


def newer(m, trigger, start):
    """The same words as a newer extractor reports them: another trigger span over them, another version."""
    return replace(m, trigger=trigger, trigger_start=start, trigger_end=start + len(trigger))


def newer_meeting(*mentions, **kw):
    cand = meeting(*mentions, **kw)
    cand.extractor_version = "9.9.9"
    return cand


def positions_on_more_than_one_event():
    seen = {}
    for m in Mention.all_objects.all():
        seen.setdefault((m.article_id, m.paragraph_id, m.sentence, m.trigger_start), set()).add(m.event_id)
    return [k for k, events in seen.items() if len(events) > 1]


class TestReject:
    def test_a_rejected_event_stays_rejected_and_is_never_made_again(self, client):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())]).article
        event = Event.objects.get()
        event.rejected = True
        event.save()
        assert list(Event.objects.all()) == [] and list(Event.objects.visible()) == []
        for cand in (meeting(body()), newer_meeting(newer(body(), "received Israeli Prime Minister", 31))):
            reextract_article(a, candidates=[cand])
            assert list(Event.all_objects.values_list("pk", "rejected")) == [(event.pk, True)]
            assert Event.objects.count() == 0
        # the extractor no longer finds it: the decision (and its sources) stays for a later version
        reextract_article(a, candidates=[])
        assert Event.all_objects.get().mentions.count() == 1

    def test_the_timeline_and_the_article_page_leave_it_out(self, client):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())]).article
        pk = Event.all_objects.get().pk
        assert f'id="event-{pk}"' in client.get("/").content.decode()
        assert "#event-" in client.get(f"/articles/{a.pk}/").content.decode()
        Event.all_objects.update(rejected=True)
        assert f'id="event-{pk}"' not in client.get("/").content.decode()
        assert "#event-" not in client.get(f"/articles/{a.pk}/").content.decode()
        assert Mention.objects.filter(article=a).count() == 0 and Mention.all_objects.filter(article=a).count() == 1

    def test_a_new_article_about_it_does_not_join_the_rejected_event(self):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())])
        Event.all_objects.update(rejected=True)
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1))])
        assert Event.objects.count() == 1 and Event.all_objects.count() == 2

    def test_the_admin_action_rejects_and_lists_them_under_a_filter(self, admin_client):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())])
        event = Event.all_objects.get()
        r = admin_client.post("/admin/events/event/", {"action": "reject_events", "_selected_action": [event.pk]})
        assert r.status_code == 302
        event.refresh_from_db()
        assert event.rejected
        listed = admin_client.get("/admin/events/event/?rejected__exact=1").content.decode()
        assert f"/admin/events/event/{event.pk}/change/" in listed
        assert f"/admin/events/event/{event.pk}/change/" not in admin_client.get(
            "/admin/events/event/?rejected__exact=0").content.decode()


class TestSplitAndMerge:
    @pytest.mark.parametrize("version", ["same", "newer"])
    def test_a_split_headline_stays_split(self, version):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(headline(), body())]).article
        old = Event.objects.get()
        split = EventAdmin._split(old, [Mention.objects.get(paragraph__isnull=True)])
        assert (split.edited, split.verified) == (True, False)
        if version == "same":
            cand = meeting(headline(), body())
        else:
            cand = newer_meeting(newer(headline(), "meet at the Kremlin", 20), newer(body(), "received Israeli", 31))
        reextract_article(a, candidates=[cand])
        reextract_article(a, candidates=[cand])
        assert positions_on_more_than_one_event() == []
        assert list(split.mentions.values_list("paragraph", flat=True)) == [None]
        assert [m.paragraph.index for m in old.mentions.all()] == [1]

    def test_an_event_split_off_a_verified_one_is_not_born_verified(self):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(headline(), body())])
        old = Event.objects.get()
        old.verified = True
        old.save()
        split = EventAdmin._split(old, [Mention.objects.get(paragraph__isnull=True)])
        split.refresh_from_db()
        assert (split.verified, split.edited) == (False, True)

    def test_merged_events_stay_one(self):
        talks = meeting(mention(2, "spoke", 20, sentence="The two leaders also spoke about Syria."),
                        type="phone_call", participants=(PUTIN,))
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body()), talks]).article
        first, second = Event.objects.order_by("pk")
        EventAdmin._merge(first, [second])
        reextract_article(a, candidates=[newer_meeting(newer(body(), "received", 31)), talks])
        assert list(Event.all_objects.values_list("pk", flat=True)) == [first.pk]
        assert first.mentions.count() == 2


class TestVerifyAndEdit:
    def test_a_verified_event_found_under_another_trigger_keeps_its_fields_and_gains_no_twin(self):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())]).article
        Event.objects.update(verified=True)
        reextract_article(a, candidates=[newer_meeting(newer(body(), "received Israeli", 31), type="talks", date=None)])
        event = Event.objects.get()
        assert (event.type, event.date_earliest, event.mentions.count()) == ("meeting", date(2016, 6, 7), 1)

    def test_an_edited_event_keeps_its_correction_under_a_newer_extractor(self):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())]).article
        event = Event.objects.get()
        event.location, event.edited = "Novo-Ogaryovo", True
        event.save()
        reextract_article(a, candidates=[newer_meeting(newer(body(), "received Israeli", 31))])
        reextract_article(a, candidates=[])
        event.refresh_from_db()
        assert (event.location, Event.all_objects.count(), event.mentions.count()) == ("Novo-Ogaryovo", 1, 1)

    def test_an_unedited_mention_takes_the_newer_extractors_trigger(self):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())]).article
        reextract_article(a, candidates=[newer_meeting(newer(body(), "received Israeli", 31))])
        assert Mention.objects.get().trigger == "received Israeli" and Event.objects.count() == 1


class TestDeletingAnArticle:
    def test_events_that_lose_their_last_source_go_unless_an_editor_vouched_for_them(self):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[
            meeting(body()), meeting(mention(2, "spoke", 20), type="phone_call", participants=(PUTIN,)),
            meeting(headline(), type="press_conference", participants=(NETANYAHU,)),
        ]).article
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1))])  # joins the meeting
        meeting_ev = Event.objects.get(type="meeting")
        Event.objects.filter(type="phone_call").update(verified=True)
        Event.objects.filter(type="press_conference").update(edited=True)
        Event.objects.create(type="visit")  # no source ever: typed by an editor, not touched
        a.delete()
        kept = dict(Event.all_objects.values_list("type", "lost_source"))
        assert kept == {"meeting": False, "phone_call": True, "press_conference": True, "visit": False}
        assert meeting_ev.mentions.count() == 1

    def test_the_admin_lists_lost_sources_and_a_new_source_clears_the_flag(self, admin_client):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())]).article
        event = Event.objects.get()
        event.verified = True
        event.save()
        r = admin_client.post("/admin/events/article/", {"action": "delete_selected", "_selected_action": [a.pk],
                                                         "post": "yes"})
        assert r.status_code == 302 and Article.objects.count() == 0
        assert f"/admin/events/event/{event.pk}/change/" in admin_client.get(
            "/admin/events/event/?lost_source__exact=1").content.decode()
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1))])
        event.refresh_from_db()
        assert not event.lost_source and event.mentions.count() == 1

    def test_deleting_an_events_last_source_in_the_admin_settles_the_event(self, admin_client):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(body())])
        m = Mention.objects.get()
        admin_client.post(f"/admin/events/mention/{m.pk}/delete/", {"post": "yes"})
        assert Event.all_objects.count() == 0
