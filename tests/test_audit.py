"""The audit trail (who, when, old and new values, revert), login throttling, and the admin's date rules."""
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from events.admin import EventAdmin
from events.models import Actor, Article, Event, Mention
from tests.factories import make_actor, make_article, make_event, make_mention
from tests.test_admin import _change_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    article = make_article(["Leaders held talks in Vienna on Monday."], title="Talks in Vienna",
                           published=date(2015, 7, 14))
    putin = make_actor("Vladimir Putin", Actor.Kind.PERSON, "President")
    event = make_event(Event.Type.TALKS, date(2015, 7, 13), participants=[putin], location="Vienna")
    make_mention(event, article, 0, "talks")
    return event


def test_an_edit_is_recorded_with_who_and_what_and_can_be_reverted(admin_client, admin_user, sample):
    event = sample
    r = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), _change_data(event, location="Geneva"))
    assert r.status_code == 302
    latest = event.history.first()
    assert (latest.location, latest.history_user, latest.history_type) == ("Geneva", admin_user, "~")
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "location"] == [("location", "Vienna", "Geneva")]

    page = admin_client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "Vienna" in page and "Geneva" in page and admin_user.username in page

    before = latest.prev_record
    revert_url = reverse("admin:events_event_simple_history", args=[event.pk, before.history_id])
    form = admin_client.get(revert_url)
    assert form.status_code == 200 and 'value="Vienna"' in form.content.decode()
    data = _change_data(event, location="Vienna")
    r = admin_client.post(revert_url, data)
    assert r.status_code == 302
    event.refresh_from_db()
    assert event.location == "Vienna"
    assert list(event.history.values_list("location", flat=True)[:2]) == ["Vienna", "Geneva"]


def test_actions_are_recorded_too(admin_client, sample):
    admin_client.post(reverse("admin:events_event_changelist"),
                      {"action": "reject_events", "_selected_action": [sample.pk]})
    admin_client.post(reverse("admin:events_event_changelist"),
                      {"action": "mark_verified", "_selected_action": [sample.pk]})
    states = list(sample.history.values_list("rejected", "verified"))
    assert states[:2] == [(True, True), (True, False)]


@pytest.mark.parametrize("model", [Event, Actor, Article, Mention], ids=lambda m: m.__name__)
def test_every_audited_model_has_a_history_page(admin_client, sample, model):
    obj = model._default_manager.first()
    assert admin_client.get(reverse(f"admin:events_{model._meta.model_name}_history", args=[obj.pk])).status_code == 200


def test_an_actor_rename_is_recorded_and_a_deleted_article_remains_in_the_trail(admin_client, sample):
    actor = Actor.objects.get()
    actor.name = "Vladimir V. Putin"
    actor.save()
    assert list(actor.history.values_list("name", flat=True)[:2]) == ["Vladimir V. Putin", "Vladimir Putin"]
    article = Article.objects.get()
    pk = article.pk
    article.delete()
    assert Article.history.filter(id=pk, history_type="-").exists()


class TestLoginThrottling:
    def _fail(self, client, n):
        for _ in range(n):
            client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "wrong"})

    def test_ten_failures_from_one_address_lock_it_out_with_a_clear_message(self, client, settings):
        User.objects.create_user("editor", password="right-password-1", is_staff=True)
        self._fail(client, 9)
        ok = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "right-password-1"})
        assert ok.status_code == 302  # nine failures: not yet locked; success resets the count
        client.logout()
        self._fail(client, 10)
        locked = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "right-password-1"})
        assert locked.status_code == 429
        assert "Too many failed logins" in locked.content.decode()
        other = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "right-password-1"},
                            REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 302  # another address is not locked out


class TestAdminDateRules:
    def test_a_relative_date_is_resolved_against_the_first_source_not_the_latest(self, admin_client, sample):
        later = make_article(["The talks were reported again."], published=date(2019, 1, 10))
        make_mention(sample, later, 0, "talks")
        data = _change_data(sample, date_earliest="", date_latest="", date_text="a year ago")
        assert admin_client.post(reverse("admin:events_event_change", args=[sample.pk]), data).status_code == 302
        sample.refresh_from_db()
        assert sample.date_earliest.year == 2014 and sample.date_latest.year == 2014

    @pytest.mark.parametrize("status, expected", [("planned", date(2015, 7, 15)), ("occurred", date(2015, 7, 8))])
    def test_a_weekday_reads_forward_for_a_plan_and_back_for_what_happened(self, admin_client, sample, status,
                                                                          expected):
        # the first source was published on Tuesday 14 July 2015
        data = _change_data(sample, date_earliest="", date_latest="", date_text="Wednesday", status=status)
        assert admin_client.post(reverse("admin:events_event_change", args=[sample.pk]), data).status_code == 302
        sample.refresh_from_db()
        assert (sample.date_earliest, sample.date_latest) == (expected, expected)

    def test_a_split_off_a_verified_event_is_unverified_and_both_are_protected(self, sample):
        sample.verified = True
        sample.save()
        article = make_article(["Second report of the Vienna talks."])
        moved = make_mention(sample, article, 0, "Second")
        new = EventAdmin._split(sample, [moved])
        sample.refresh_from_db()
        assert (new.verified, new.edited, sample.verified, sample.edited) == (False, True, True, True)


class TestArticleAdminValidates:
    def _form(self, **overrides):
        from tests.test_admin import _article_form

        return _article_form(**overrides)

    @pytest.mark.parametrize("overrides, message", [
        ({"published": "0001-01-01"}, "before 1900-01-01"),
        ({"text": "Staatsbesuch in Berlin\nDer französische Präsident ist am Dienstag zu einem zweitägigen "
                  "Staatsbesuch in Berlin eingetroffen, wo er mit dem Bundeskanzler über die Ukraine sprach."},
         "does not look like English"),
    ])
    def test_a_new_article_gets_every_rule_of_ingestion(self, admin_client, overrides, message):
        r = admin_client.post(reverse("admin:events_article_add"), self._form(**overrides))
        assert r.status_code == 200 and message in r.content.decode()
        assert Article.objects.count() == 0

    def test_a_new_publication_date_re_dates_the_articles_events(self, admin_client, monkeypatch, sample):
        from events import ingest
        from events.extraction.types import Timex
        from tests.test_ingest import meeting, mention

        def extract(text, published, title):
            day = Timex(0, 9, "on Monday", "DATE", "", published, published, "day")
            return [meeting(mention(0, "talks", 12), date=day, type="talks")]

        monkeypatch.setattr(ingest, "extract_candidates", extract)
        article = Article.objects.get()
        data = {"title": article.title, "outlet": article.outlet, "url": "", "published": "2015-07-21",
                "paragraphs-TOTAL_FORMS": "0", "paragraphs-INITIAL_FORMS": "0",
                "paragraphs-MIN_NUM_FORMS": "0", "paragraphs-MAX_NUM_FORMS": "1000"}
        r = admin_client.post(reverse("admin:events_article_change", args=[article.pk]), data)
        assert r.status_code == 302
        sample.refresh_from_db()
        assert (sample.date_earliest, Event.all_objects.count()) == (date(2015, 7, 21), 1)


def test_an_ingested_event_starts_its_trail_with_one_entry_naming_its_participants(monkeypatch):
    from events import ingest
    from tests.test_ingest import TASS, meeting, mention

    ingest.ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    event = Event.objects.get()
    [entry] = event.history.all()
    assert entry.history_type == "+"
    assert sorted(p.actor.name for p in entry.participants.all()) == ["Benjamin Netanyahu", "Vladimir Putin"]
