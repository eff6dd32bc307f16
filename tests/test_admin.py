"""The editors' admin: every page loads, events are added and corrected by hand, verified, split."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from events.models import Actor, ActorAlias, Article, Event, Mention, Paragraph
from tests.factories import make_actor, make_article, make_event, make_mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    article = make_article(
        ["Leaders held talks in Vienna on Monday.", "A treaty signing is planned for next month."],
        title="Talks in Vienna", published=date(2015, 7, 14),
    )
    putin = make_actor("Vladimir Putin", Actor.Kind.PERSON, "President")
    putin.add_alias("Putin")
    event = make_event(Event.Type.TALKS, date(2015, 7, 13), participants=[putin], location="Vienna",
                       confidence=0.7, reasons=["trigger 'held talks'", "date 'on Monday'"], extractor_version="1.0")
    first = make_mention(event, article, 0, "talks")
    second = make_mention(event, article, 1, "signing")
    return {"article": article, "putin": putin, "event": event, "mentions": [first, second]}


def _url(obj_or_model, view, *args):
    meta = obj_or_model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


ALL_MODELS = [Article, Paragraph, Actor, ActorAlias, Event, Mention]


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_changelist_and_change_pages_load(admin_client, sample, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    response = admin_client.get(_url(model, "change", obj.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", [Article, Actor, ActorAlias, Event], ids=lambda m: m.__name__)
def test_add_pages_load(admin_client, model):
    assert admin_client.get(_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", [Paragraph, Mention], ids=lambda m: m.__name__)
def test_sources_are_not_added_by_hand(admin_client, model):
    assert admin_client.get(_url(model, "add")).status_code == 403


def test_changelist_search_and_filters(admin_client, sample):
    url = _url(Event, "changelist")
    response = admin_client.get(url, {"q": "putin"})
    assert response.status_code == 200 and response.context["cl"].result_count == 1
    assert admin_client.get(url, {"q": "nobody"}).context["cl"].result_count == 0
    filtered = admin_client.get(url, {"type__exact": "talks", "status__exact": "occurred", "verified__exact": "0"})
    assert filtered.context["cl"].result_count == 1
    html = admin_client.get(url).content.decode()
    assert "Mon 13 Jul 2015" in html and "Vladimir Putin" in html


@pytest.mark.parametrize("model", [Event, Mention, Article, Actor], ids=lambda m: m.__name__)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(_url(model, "changelist")).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        for i in range(n):
            article = make_article()
            event = make_event(participants=[make_actor(f"Person {model.__name__} {i}"), make_actor("Shared")])
            make_mention(event, article, 0)
            make_mention(event, article, 1)

    add(2)
    few = queries()
    add(10)
    assert queries() == few


def test_staff_user_with_event_permissions_can_work(client, sample):
    user = User.objects.create_user("editor", password="pw-editor-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="events"))
    client.force_login(user)
    assert client.get(_url(Event, "changelist")).status_code == 200
    assert client.get(_url(Event, "change", sample["event"].pk)).status_code == 200
    assert client.get(_url(Event, "add")).status_code == 200


def _event_form(**overrides):
    data = {
        "type": "summit", "status": "planned", "location": "Brussels",
        "date_earliest": "2018-07-11", "date_latest": "2018-07-12", "granularity": "day",
        "date_text": "next week", "timex_value": "", "mentions-TOTAL_FORMS": "0", "mentions-INITIAL_FORMS": "0",
        "mentions-MIN_NUM_FORMS": "0", "mentions-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_add_event_by_hand(admin_client, sample):
    merkel = make_actor("Angela Merkel")
    data = _event_form(participants=[str(sample["putin"].pk), str(merkel.pk)])
    response = admin_client.post(_url(Event, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(location="Brussels")
    assert event.type == "summit" and event.status == "planned"
    assert (event.date_earliest, event.date_latest) == (date(2018, 7, 11), date(2018, 7, 12))
    assert event.sort_date == date(2018, 7, 11)
    assert set(event.participants.values_list("name", flat=True)) == {"Vladimir Putin", "Angela Merkel"}
    assert event.edited is True
    # It shows on the timeline at once.
    assert f'id="event-{event.pk}"' in admin_client.get("/").content.decode()


def test_a_date_expression_alone_is_resolved_on_save(admin_client):
    data = _event_form(date_earliest="", date_latest="", granularity="", date_text="7 juin 2016", status="occurred")
    response = admin_client.post(_url(Event, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(location="Brussels")
    assert (event.date_earliest, event.date_latest, event.granularity) == (date(2016, 6, 7), date(2016, 6, 7), "day")
    assert event.timex_value == "2016-06-07" and event.date_label == "Tue 7 Jun 2016"


def test_a_relative_date_expression_is_resolved_against_the_first_source(admin_client, sample):
    event = sample["event"]
    published = event.mentions.order_by("article__published").first().article.published
    data = _change_data(event, date_earliest="", date_latest="", date_text="over a decade ago")
    response = admin_client.post(_url(Event, "change", event.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.date_earliest is None
    assert event.date_latest == published.replace(year=published.year - 10)
    assert event.date_label.startswith("before")


def test_an_unreadable_date_expression_is_refused_with_a_reason(admin_client):
    data = _event_form(date_earliest="", date_latest="", date_text="sometime soonish maybe")
    response = admin_client.post(_url(Event, "add"), data)
    assert response.status_code == 200 and not Event.objects.exists()
    assert "could not be read" in str(response.context["adminform"].form.errors["date_text"])


def test_add_event_with_reversed_dates_is_refused(admin_client):
    response = admin_client.post(_url(Event, "add"), _event_form(date_earliest="2018-07-12", date_latest="2018-07-01"))
    assert response.status_code == 200
    assert not Event.objects.exists()
    assert response.context["adminform"].form.errors


def _change_data(event, **overrides):
    mentions = list(event.mentions.order_by("pk"))
    data = {
        "type": event.type, "status": event.status, "location": event.location,
        "date_earliest": event.date_earliest.isoformat() if event.date_earliest else "",
        "date_latest": event.date_latest.isoformat() if event.date_latest else "",
        "granularity": event.granularity, "date_text": event.date_text, "timex_value": event.timex_value,
        "participants": [str(p.pk) for p in event.participants.all()],
        "mentions-TOTAL_FORMS": str(len(mentions)), "mentions-INITIAL_FORMS": str(len(mentions)),
        "mentions-MIN_NUM_FORMS": "0", "mentions-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(mentions):
        data[f"mentions-{i}-id"] = str(m.pk)
        data[f"mentions-{i}-event"] = str(event.pk)
    data.update(overrides)
    return data


def test_changing_an_event_marks_it_edited(admin_client, sample):
    event = sample["event"]
    assert event.edited is False
    response = admin_client.post(_url(Event, "change", event.pk), _change_data(event, location="Geneva"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.location == "Geneva"
    assert event.edited is True
    assert event.mentions.count() == 2  # the sources stay attached


def test_change_page_shows_sources_read_only_with_paragraph_links(admin_client, sample):
    event, article = sample["event"], sample["article"]
    html = admin_client.get(_url(Event, "change", event.pk)).content.decode()
    assert f'href="/articles/{article.pk}/#p-0"' in html and f'href="/articles/{article.pk}/#p-1"' in html
    assert "Leaders held talks in Vienna on Monday." in html
    assert "trigger &#x27;held talks&#x27;" in html  # reasons, read-only
    assert 'name="confidence"' not in html and 'name="reasons"' not in html
    assert 'name="extractor_version"' not in html
    assert 'name="mentions-0-split_off"' in html


def test_verify_action(admin_client, sample):
    other = make_event(Event.Type.VISIT, date(2016, 1, 1))
    untouched = make_event(Event.Type.CEREMONY, date(2016, 2, 1))
    response = admin_client.post(
        _url(Event, "changelist"),
        {"action": "mark_verified", "_selected_action": [sample["event"].pk, other.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "2 event(s) marked as verified." in response.content.decode()
    assert set(Event.objects.filter(verified=True).values_list("pk", flat=True)) == {sample["event"].pk, other.pk}
    untouched.refresh_from_db()
    assert untouched.verified is False


def test_unverify_action_and_the_timeline_link(admin_client, sample):
    event = sample["event"]
    Event.objects.filter(pk=event.pk).update(verified=True)
    response = admin_client.post(
        _url(Event, "changelist"), {"action": "mark_unverified", "_selected_action": [event.pk]}, follow=True
    )
    assert "1 event(s) marked as not verified." in response.content.decode()
    event.refresh_from_db()
    assert event.verified is False
    html = admin_client.get(_url(Event, "change", event.pk)).content.decode()
    assert f'href="/?after=2015-07-13_{event.pk - 1}#event-{event.pk}"' in html


def test_merge_action_joins_events_and_their_sources(admin_client, sample):
    target = sample["event"]
    other_article = make_article(["The talks in Vienna ended late."])
    duplicate = make_event(Event.Type.MEETING, date(2015, 7, 13), participants=[make_actor("John Kerry")])
    moved = make_mention(duplicate, other_article, 0, "talks")
    same_words = make_mention(duplicate, sample["article"], 0, "talks")  # already sources the target
    Event.objects.filter(pk=target.pk).update(verified=True)
    response = admin_client.post(
        _url(Event, "changelist"),
        {"action": "merge_events", "_selected_action": [duplicate.pk, target.pk]},
        follow=True,
    )
    assert "Merged 1 event(s)" in response.content.decode()
    target.refresh_from_db()
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    assert not Mention.objects.filter(pk=same_words.pk).exists()
    assert set(target.mentions.all()) == {*sample["mentions"], moved}
    assert set(target.participants.values_list("name", flat=True)) == {"Vladimir Putin", "John Kerry"}
    assert target.edited and not target.verified
    assert target.type == Event.Type.TALKS  # the oldest event's own fields are kept


def test_merge_action_needs_two_events(admin_client, sample):
    response = admin_client.post(
        _url(Event, "changelist"), {"action": "merge_events", "_selected_action": [sample["event"].pk]}, follow=True
    )
    assert "Select at least two events to merge." in response.content.decode()
    assert Event.objects.count() == 1


def test_split_moves_ticked_sources_to_a_new_event(admin_client, sample):
    event = sample["event"]
    first, second = sample["mentions"]
    data = _change_data(event)
    index = [m.pk for m in event.mentions.order_by("pk")].index(second.pk)
    data[f"mentions-{index}-split_off"] = "on"
    response = admin_client.post(_url(Event, "change", event.pk), data, follow=True)
    assert response.status_code == 200
    assert "Moved 1 source(s) to a new event" in response.content.decode()
    new_event = Event.objects.exclude(pk=event.pk).get()
    assert list(new_event.mentions.all()) == [second]
    assert list(event.mentions.all()) == [first]
    assert new_event.edited and not new_event.verified
    assert list(new_event.participants.all()) == [sample["putin"]]
    assert (new_event.type, new_event.date_earliest) == (event.type, event.date_earliest)


def test_split_keeps_the_approximate_date(admin_client, sample):
    event = sample["event"]
    data = _change_data(event, date_approximate="on")
    index = [m.pk for m in event.mentions.order_by("pk")].index(sample["mentions"][1].pk)
    data[f"mentions-{index}-split_off"] = "on"
    assert admin_client.post(_url(Event, "change", event.pk), data).status_code == 302
    new_event = Event.objects.exclude(pk=event.pk).get()
    assert new_event.date_approximate is True
    assert new_event.date_label == "about Mon 13 Jul 2015"


def test_the_approximate_flag_can_be_set_and_cleared(admin_client, sample):
    event = sample["event"]
    html = admin_client.get(_url(Event, "change", event.pk)).content.decode()
    assert 'name="date_approximate"' in html
    assert admin_client.post(_url(Event, "change", event.pk), _change_data(event, date_approximate="on")).status_code == 302
    event.refresh_from_db()
    assert event.date_approximate is True and event.date_label.startswith("about ")
    assert admin_client.post(_url(Event, "change", event.pk), _change_data(event)).status_code == 302
    event.refresh_from_db()
    assert event.date_approximate is False and not event.date_label.startswith("about")


def test_split_refuses_to_move_every_source(admin_client, sample):
    event = sample["event"]
    data = _change_data(event, **{"mentions-0-split_off": "on", "mentions-1-split_off": "on"})
    response = admin_client.post(_url(Event, "change", event.pk), data)
    assert response.status_code == 200
    assert "leave at least one unticked" in response.content.decode()
    assert Event.objects.count() == 1 and event.mentions.count() == 2


def test_moving_a_mention_to_another_event_marks_both_edited(admin_client, sample):
    target = make_event(Event.Type.SIGNING, date(2015, 8, 1))
    mention = sample["mentions"][1]
    response = admin_client.post(_url(Mention, "change", mention.pk), {"event": target.pk})
    assert response.status_code == 302
    mention.refresh_from_db()
    assert mention.event == target
    assert set(Event.objects.filter(edited=True).values_list("pk", flat=True)) == {target.pk, sample["event"].pk}


def test_actor_admin_edits_aliases_inline(admin_client, sample):
    putin = sample["putin"]
    aliases = list(putin.aliases.order_by("pk"))
    data = {"name": "Vladimir Putin", "kind": "person", "role": "President",
            "aliases-TOTAL_FORMS": str(len(aliases) + 1), "aliases-INITIAL_FORMS": str(len(aliases)),
            "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000"}
    for i, a in enumerate(aliases):
        data.update({f"aliases-{i}-id": str(a.pk), f"aliases-{i}-actor": str(putin.pk), f"aliases-{i}-alias": a.alias})
    data[f"aliases-{len(aliases)}-alias"] = "V. V. Putin"
    response = admin_client.post(_url(Actor, "change", putin.pk), data)
    assert response.status_code == 302
    assert putin.aliases.filter(key="v v putin").exists()
    assert "Putin" in admin_client.get(_url(Actor, "changelist")).content.decode()


def _actor_data(actor, new_alias=None, **overrides):
    aliases = list(actor.aliases.order_by("pk"))
    data = {"name": actor.name, "kind": actor.kind, "role": actor.role,
            "aliases-TOTAL_FORMS": str(len(aliases) + 1), "aliases-INITIAL_FORMS": str(len(aliases)),
            "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000"}
    for i, a in enumerate(aliases):
        data.update({f"aliases-{i}-id": str(a.pk), f"aliases-{i}-actor": str(actor.pk), f"aliases-{i}-alias": a.alias})
    if new_alias is not None:
        data[f"aliases-{len(aliases)}-alias"] = new_alias
    data.update(overrides)
    return data


def test_an_alias_held_by_another_actor_is_a_form_error_naming_it(admin_client, sample):
    merkel = make_actor("Angela Merkel")
    response = admin_client.post(_url(Actor, "change", merkel.pk), _actor_data(merkel, "PUTIN!"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vladimir Putin" in html and "an alias can belong to one actor only" in html
    assert not merkel.aliases.filter(key="putin").exists()
    assert ActorAlias.objects.get(key="putin").actor == sample["putin"]


def test_an_alias_the_actor_already_has_or_typed_twice_is_a_form_error(admin_client, sample):
    putin = sample["putin"]
    response = admin_client.post(_url(Actor, "change", putin.pk), _actor_data(putin, "putin"))
    assert response.status_code == 200 and "of this actor" in response.content.decode()
    data = _actor_data(putin, "Vova", **{"aliases-TOTAL_FORMS": str(putin.aliases.count() + 2)})
    data[f"aliases-{putin.aliases.count() + 1}-alias"] = "VOVA"
    response = admin_client.post(_url(Actor, "change", putin.pk), data)
    assert response.status_code == 200 and "is the same alias as" in response.content.decode()
    assert not putin.aliases.filter(key="vova").exists()


def test_the_alias_admin_refuses_a_taken_alias(admin_client, sample):
    merkel = make_actor("Angela Merkel")
    response = admin_client.post(_url(ActorAlias, "add"), {"alias": "Vladimir  Putin", "actor": merkel.pk})
    assert response.status_code == 200
    assert "Vladimir Putin" in str(response.context["adminform"].form.errors["alias"])


def test_moving_a_mention_onto_an_event_with_the_same_source_is_refused(admin_client, sample):
    mention = sample["mentions"][0]
    other = make_event(Event.Type.MEETING, date(2015, 7, 13))
    twin = make_mention(other, sample["article"], 0, "talks")  # the same words, already sourcing `other`
    assert (twin.sentence_index, twin.trigger_start) == (mention.sentence_index, mention.trigger_start)
    response = admin_client.post(_url(Mention, "change", mention.pk), {"event": other.pk})
    assert response.status_code == 200
    assert "already has this source" in str(response.context["adminform"].form.errors["event"])
    mention.refresh_from_db()
    assert mention.event == sample["event"]
    assert not Event.objects.filter(edited=True).exists()


def test_actor_autocomplete_for_participants(admin_client, sample):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "vlad", "app_label": "events", "model_name": "event", "field_name": "participants"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Vladimir Putin"]


def test_article_admin_shows_paragraphs_read_only_and_links_to_the_page(admin_client, sample):
    article = sample["article"]
    html = admin_client.get(_url(Article, "change", article.pk)).content.decode()
    assert f'href="/articles/{article.pk}/"' in html
    assert "Leaders held talks in Vienna on Monday." in html
    assert 'name="paragraphs-0-text"' not in html and 'name="text"' not in html
    assert f'href="/articles/{article.pk}/#p-1"' in html


def _article_form(**overrides):
    data = {
        "title": "Ministers meet in Oslo", "outlet": "Desk", "url": "", "published": "2019-03-04",
        "text": "Ministers meet in Oslo\n\nThe foreign ministers met in Oslo on Monday.\nThey agreed to meet again.",
        "paragraphs-TOTAL_FORMS": "0", "paragraphs-INITIAL_FORMS": "0",
        "paragraphs-MIN_NUM_FORMS": "0", "paragraphs-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_an_article_added_by_hand_gets_its_paragraphs(admin_client):
    response = admin_client.post(_url(Article, "add"), _article_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="Ministers meet in Oslo")
    assert list(article.paragraphs.values_list("index", "text")) == [
        (0, "Ministers meet in Oslo"), (1, "The foreign ministers met in Oslo on Monday."),
        (2, "They agreed to meet again."),
    ]
    html = admin_client.get(reverse("events:article", args=[article.pk])).content.decode()
    assert 'id="p-2"' in html
    html = admin_client.get(_url(Article, "change", article.pk)).content.decode()
    assert f'href="/articles/{article.pk}/#p-2"' in html and 'name="text"' not in html
    # Saving it again changes nothing.
    data = _article_form(title="Ministers meet in Oslo (updated)")
    del data["text"]
    data.update({"paragraphs-TOTAL_FORMS": "3", "paragraphs-INITIAL_FORMS": "3"})
    for p in article.paragraphs.all():
        data.update({f"paragraphs-{p.index}-id": str(p.pk), f"paragraphs-{p.index}-article": str(article.pk)})
    assert admin_client.post(_url(Article, "change", article.pk), data).status_code == 302
    assert article.paragraphs.count() == 3


def test_an_article_whose_text_is_stored_already_is_refused_naming_the_first(admin_client, sample):
    first = sample["article"]
    # The same words with other white space: the same content hash.
    text = "  " + first.text.replace("\n", "\n\n").replace(" in ", "   in ") + "\n"
    response = admin_client.post(_url(Article, "add"), _article_form(title="Copy", text=text))
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["text"])
    assert f"article #{first.pk}" in errors and "Talks in Vienna" in errors
    assert Article.objects.count() == 1 and not Article.objects.filter(title="Copy").exists()


# --- the demo loader (its --with-admin flag makes the local editor account) ---------------------------


def _manifest(tmp_path, entries):
    import json

    path = tmp_path / "articles.json"
    path.write_text(json.dumps({"articles": entries}), encoding="utf-8")
    return path


def test_load_demo_reports_refused_articles_and_creates_the_admin_only_when_asked(tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    manifest = _manifest(tmp_path, [{"file": "empty.txt", "title": "Empty", "published": "2018-06-13"}])
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 article"):
        call_command("load_demo", manifest=str(manifest), stdout=out, stderr=err)
    assert "Empty: refused: The article text is empty." in err.getvalue()
    assert not User.objects.filter(username="admin").exists()

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("load_demo", manifest=str(manifest), with_admin=True, stdout=out, stderr=StringIO())
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")
    assert "Created superuser admin / admin for the local demo" in out.getvalue()

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("load_demo", manifest=str(manifest), with_admin=True, stdout=out, stderr=StringIO())
    assert "already exists; its password was left unchanged" in out.getvalue()


def test_load_demo_reports_a_bad_date_and_lets_other_errors_through(tmp_path, monkeypatch):
    from io import StringIO

    from django.core.management import CommandError, call_command

    import events.ingest

    (tmp_path / "a.txt").write_text("Leaders met in Oslo on Monday.", encoding="utf-8")
    manifest = _manifest(tmp_path, [{"file": "a.txt", "title": "Oslo", "published": "2018-02-30"}])
    err = StringIO()
    with pytest.raises(CommandError, match="1 article"):
        call_command("load_demo", manifest=str(manifest), stdout=StringIO(), stderr=err)
    assert "Oslo: bad entry:" in err.getvalue()

    # A ValueError (or anything else) from the pipeline is a bug: it is raised, not reported as a bad entry.
    def broken(*args, **kwargs):
        raise ValueError("a bug in the extractor")

    monkeypatch.setattr(events.ingest, "ingest_article", broken)
    manifest = _manifest(tmp_path, [{"file": "a.txt", "title": "Oslo", "published": "2018-02-12"}])
    err = StringIO()
    with pytest.raises(ValueError, match="a bug in the extractor"):
        call_command("load_demo", manifest=str(manifest), stdout=StringIO(), stderr=err)
    assert "bad entry" not in err.getvalue()


@pytest.mark.parametrize(
    "content, message",
    [("{not json", "not valid JSON"), ('{"articles": []}', "expected a list"), ('[{"file": "a.txt"}]', "needs at least")],
)
def test_load_demo_refuses_a_broken_manifest(tmp_path, content, message):
    from django.core.management import CommandError, call_command

    path = tmp_path / "articles.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("load_demo", manifest=str(path))


def test_demo_manifest_lists_existing_articles_with_dates():
    from events.management.commands.load_demo import DEFAULT_MANIFEST, read_manifest

    entries = read_manifest(DEFAULT_MANIFEST)
    assert 4 <= len(entries) <= 6
    for entry in entries:
        text = (DEFAULT_MANIFEST.parent / entry["file"]).read_text(encoding="utf-8")
        lines = [line for line in text.split("\n") if line.strip()]
        assert lines[0] == entry["title"]  # the first line is the headline
        assert 150 <= len(text.split()) <= 400
        assert date.fromisoformat(entry["published"]) < date(2026, 1, 1)


def test_load_demo_ingests_every_article_once():
    """The real pipeline end to end."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Article.objects.count() == 5
    assert Event.objects.exists() and Mention.objects.exists()
    counts = (Event.objects.count(), Mention.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue().count("already loaded, unchanged") == 5
    assert (Event.objects.count(), Mention.objects.count()) == counts
