"""The timeline and article pages: order, grouping, labels, filters, htmx fragments, keyset pages, query counts."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from events.views import decode_cursor, encode_cursor
from tests.factories import make_actor, make_article, make_event, make_mention

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
URL = reverse("events:timeline")


def event_ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'id="event-(\d+)"', html)]


@pytest.fixture
def small_page(settings):
    settings.TIMELINE_PAGE_SIZE = 3
    return 3


@pytest.fixture
def world():
    """Five events over three years, two sources for the summit, one planned, one open-ended."""
    article = make_article(
        [
            "The two leaders held a summit in Singapore on Tuesday.",
            "Officials said talks would continue next month.",
            "The treaty was signed before June 2006.",
        ],
        title="Leaders meet in Singapore",
        published=date(2018, 6, 13),
        outlet="Demo Wire",
    )
    other = make_article(["A summit took place in Singapore."], title="Second report", published=date(2018, 6, 14))
    trump, kim = make_actor("Donald Trump"), make_actor("Kim Jong-un")
    putin = make_actor("Vladimir Putin")
    summit = make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=[trump, kim], location="Singapore",
                        date_text="on Tuesday")
    make_mention(summit, article, 0, "summit")
    make_mention(summit, other, 0, "summit")
    talks = make_event(Event.Type.TALKS, date(2018, 7, 1), date(2018, 7, 31), participants=[trump, kim],
                       status=Event.Status.PLANNED, granularity="month")
    make_mention(talks, article, 1, "talks")
    signing = make_event(Event.Type.SIGNING, None, date(2006, 5, 31), participants=[putin], granularity="month")
    make_mention(signing, article, 2, "signed")
    call = make_event(Event.Type.PHONE_CALL, date(2016, 12, 2), participants=[trump], location="")
    visit = make_event(Event.Type.VISIT, date(2018, 6, 14), participants=[putin], location="Helsinki", verified=True)
    undated = make_event(Event.Type.CEREMONY, None, None, participants=[kim])
    return {
        "article": article, "other": other, "summit": summit, "talks": talks, "signing": signing,
        "call": call, "visit": visit, "undated": undated, "trump": trump, "kim": kim, "putin": putin,
    }


# --- order, grouping, labels ------------------------------------------------------------------------


def test_timeline_lists_events_in_date_order_with_undated_last(client, world):
    html = client.get(URL).content.decode()
    w = world
    expected = [w["signing"], w["call"], w["summit"], w["visit"], w["talks"], w["undated"]]
    assert event_ids(html) == [e.pk for e in expected]


def test_timeline_groups_by_year_and_month(client, world):
    html = client.get(URL).content.decode()
    years = re.findall(r'<h2 class="year-heading">([^<]+)</h2>', html)
    months = re.findall(r'<h3 class="month-heading">([^<]+)</h3>', html)
    assert years == ["2006", "2016", "2018", "Date unknown"]
    assert months == ["May 2006", "December 2016", "June 2018", "July 2018"]
    # The June 2018 group holds both June events, under one heading.
    june = html.split("June 2018</h3>")[1].split("July 2018</h3>")[0]
    assert event_ids(june) == [world["summit"].pk, world["visit"].pk]


def test_timeline_shows_date_labels_and_markers(client, world):
    html = client.get(URL).content.decode()
    assert '<time class="date-label" datetime="2018-06-12">Tue 12 Jun 2018</time>' in html
    assert "Jul 2018" in html and "≈ month" in html  # approximate: a month, not a day
    assert "before May 2006" in html and "open start" in html  # open interval
    assert "date unknown" in html and "undated" in html
    assert "Planned" in html and "status-planned" in html


def test_timeline_shows_participants_location_status_and_every_source(client, world):
    html = client.get(URL).content.decode()
    summit_html = html.split(f'id="event-{world["summit"].pk}"')[1].split('id="event-')[0]
    assert "Donald Trump" in summit_html and "Kim Jong-un" in summit_html
    assert "Singapore" in summit_html
    assert "Occurred" in summit_html
    assert "2 sources in 2 articles" in summit_html
    assert f'href="/articles/{world["article"].pk}/#p-0"' in summit_html
    assert f'href="/articles/{world["other"].pk}/#p-0"' in summit_html
    assert '<mark class="trigger">summit</mark>' in summit_html
    assert "“on Tuesday”" in summit_html


def test_full_page_has_form_and_htmx_script(client, world):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert '<form id="filter-form" method="get"' in html
    assert 'hx-get="/"' in html and 'hx-target="#results"' in html
    # The URL to push comes from the server (HX-Push-Url, the cleaned query), not from the form.
    form_tag = re.search(r'<form id="filter-form"[^>]*>', html).group(0)
    assert "hx-push-url" not in form_tag
    assert re.search(r'hx-trigger="[^"]*change[^"]*submit', html)
    assert 'type="submit"' in html
    assert re.search(r"<script[^>]+htmx", html)
    assert "HX-Request" in response["Vary"]


def test_htmx_request_returns_only_the_results_fragment(client, world):
    response = client.get(URL, {"type": "summit"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert html.strip().startswith('<section id="results"')
    assert event_ids(html) == [world["summit"].pk]


def test_the_count_is_in_a_live_region_outside_the_swapped_results(client, world):
    html = client.get(URL).content.decode()
    live = re.search(r'<p id="results-summary" class="summary" role="status">(.*?)</p>', html, re.S)
    assert live and "6 events." in live.group(1)
    assert html.index('id="results-summary"') < html.index('<section id="results"')
    assert html.count('id="results-summary"') == 1
    # An htmx response replaces #results and updates the live region's content out of band.
    fragment = client.get(URL, {"type": "summit"}, **HTMX).content.decode()
    assert fragment.strip().startswith('<section id="results"') and 'role="status"' not in fragment
    oob = re.search(r'<div id="results-summary" hx-swap-oob="innerHTML">(.*?)</div>', fragment, re.S)
    assert oob and "1 event matches these filters." in oob.group(1)
    # A page appended by "Load more" leaves the count alone.
    assert "hx-swap-oob" not in client.get(URL, {"after": "2018-06-12_1"}, **HTMX).content.decode()


def test_filter_errors_are_shown_once_and_with_the_htmx_results(client, world):
    params = {"date_from": "not a date", "participant": "999999"}
    for extra in ({}, HTMX):
        html = client.get(URL, params, **extra).content.decode()
        assert html.count('class="form-errors"') == 1 and "field-error" not in html
        errors = html.split('class="form-errors"')[1].split("</div>")[0]
        assert '<li id="id_date_from_error">From: “not a date” is not a date this page can read; write it day first,' in errors
        assert "Participant: Select a valid choice." in errors
    # The invalid field points at its message (Django adds aria-describedby="<id>_error").
    assert 'aria-describedby="id_date_from_error"' in client.get(URL, params).content.decode()


def test_heading_levels_never_skip(client, world, small_page):
    def levels(html):
        return [int(n) for n in re.findall(r"<h([1-6])\b", html)]

    # Every page, the first and later ones: h1, h2 (filters, events), then years (h2), months (h3), events (h4).
    html = client.get(URL, {"after": "2018-06-14_0"}).content.decode()  # the page with the undated event
    assert world["undated"].pk in event_ids(html)
    for page in (client.get(URL).content.decode(), html):
        found = levels(page)
        assert found[0] == 1
        assert all(b <= a + 1 for a, b in zip(found, found[1:], strict=False)), found
    assert re.search(r'<h3 class="visually-hidden">Events without a known date</h3>\s*<ol', html)
    assert all(tag == "h4" for tag in re.findall(r'<(h\d) class="event-title"', html))


def test_htmx_history_restore_gets_the_full_page(client, world):
    html = client.get(URL, **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true").content.decode()
    assert "<html" in html and "<form" in html


# --- filters ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain-get", "htmx"])
def test_filter_by_type(client, world, htmx):
    extra = HTMX if htmx else {}
    html = client.get(URL, {"type": ["summit", "phone_call"]}, **extra).content.decode()
    assert event_ids(html) == [world["call"].pk, world["summit"].pk]
    assert ("<html" in html) is not htmx


def test_plain_get_form_keeps_the_chosen_filters_checked(client, world):
    html = client.get(URL, {"type": "summit", "status": "occurred"}).content.decode()
    assert re.search(r'<input type="checkbox" name="type" value="summit"[^>]*checked', html)
    assert '<option value="occurred" selected>' in html
    assert "1 event matches these filters." in html


def test_filter_by_participant(client, world):
    html = client.get(URL, {"participant": world["putin"].pk}).content.decode()
    assert event_ids(html) == [world["signing"].pk, world["visit"].pk]


def test_participant_names_link_to_their_actor_page(client, world):
    html = client.get(URL).content.decode()
    assert f'<a class="actor" href="/actors/{world["kim"].pk}/"' in html


def test_filter_by_status(client, world):
    assert event_ids(client.get(URL, {"status": "planned"}).content.decode()) == [world["talks"].pk]
    occurred = event_ids(client.get(URL, {"status": "occurred"}).content.decode())
    assert world["talks"].pk not in occurred and len(occurred) == 5


def test_filter_by_date_range_overlaps_intervals(client, world):
    html = client.get(URL, {"date_from": "2018-06-13", "date_to": "2018-07-05"}).content.decode()
    # The visit (14 Jun) and the July talks overlap; the undated ceremony is open at both ends.
    assert event_ids(html) == [world["visit"].pk, world["talks"].pk, world["undated"].pk]
    html = client.get(URL, {"date_to": "2010-01-01"}).content.decode()
    assert event_ids(html) == [world["signing"].pk, world["undated"].pk]


def test_filter_verified_only(client, world):
    assert event_ids(client.get(URL, {"verified": "on"}).content.decode()) == [world["visit"].pk]


def test_text_search_over_names_aliases_and_location(client, world):
    assert event_ids(client.get(URL, {"q": "helsinki"}).content.decode()) == [world["visit"].pk]
    assert event_ids(client.get(URL, {"q": "jong"}).content.decode()) == [
        world["summit"].pk, world["talks"].pk, world["undated"].pk,
    ]
    world["trump"].add_alias("The Donald")
    assert event_ids(client.get(URL, {"q": "the donald"}).content.decode()) == [
        world["call"].pk, world["summit"].pk, world["talks"].pk,
    ]


def test_text_search_ignores_accents_and_case(client, world):
    niinisto = make_actor("Sauli Niinistö")
    visit = make_event(Event.Type.VISIT, date(2018, 7, 16), participants=[niinisto, world["trump"]])
    for q in ["niinisto", "Niinistö", "NIINISTÖ", "sauli niinisto", "  Niinistö  "]:
        assert event_ids(client.get(URL, {"q": q}, **HTMX).content.decode()) == [visit.pk], q
    # Aliases match the same way, and punctuation does not matter.
    world["kim"].add_alias("Kim Jŏng-ŭn")
    assert world["undated"].pk in event_ids(client.get(URL, {"q": "jong un"}, **HTMX).content.decode())
    assert event_ids(client.get(URL, {"q": "?!"}, **HTMX).content.decode()) == []


def test_participant_filter_offers_only_actors_with_events_once_each_by_name(client, world):
    make_actor("Zz Nobody Without Events")
    html = client.get(URL).content.decode()
    select = re.search(r'<select name="participant"[^>]*>(.*?)</select>', html, re.S).group(1)
    names = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
    assert names == ["Donald Trump", "Kim Jong-un", "Vladimir Putin"]  # Trump has three events, listed once
    assert "Anyone" in select


def test_the_quoted_sentence_is_escaped_on_the_timeline(client):
    article = make_article(['<script>alert("x")</script> The leaders held <b>talks</b>.'])
    event = make_event(Event.Type.TALKS, participants=["<i>Nobody</i>"])
    make_mention(event, article, 0, "talks")
    html = client.get(URL).content.decode()
    assert '<script>alert("x")</script>' not in html and "<b>" not in html and "<i>Nobody" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '&lt;b&gt;<mark class="trigger">talks</mark>&lt;/b&gt;' in html


def test_invalid_filter_values_are_reported_not_fatal(client, world):
    response = client.get(URL, {"date_from": "not a date", "participant": "999999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "could not be read" in html
    assert len(event_ids(html)) == 6


def test_no_results_message(client, world):
    html = client.get(URL, {"q": "atlantis"}).content.decode()
    assert "No events match these filters." in html


# --- keyset pagination -----------------------------------------------------------------------------


def test_cursor_round_trip():
    assert decode_cursor(encode_cursor(date(2018, 6, 12), 7)) == (date(2018, 6, 12), 7)
    assert decode_cursor(encode_cursor(None, 7)) == (None, 7)
    # '²' and '٣' are digits to str.isdigit() but not to int(): they must not get that far.
    for bad in ["", "x", "2018-13-01_4", "2018-01-01_x", "none_", "none_²", "2018-06-12_1²", "none_٣"]:
        assert decode_cursor(bad) is None


@pytest.mark.parametrize("after", ["none_²", "2018-06-12_²", "none_٣"])
def test_a_cursor_with_non_ascii_digits_is_ignored_not_an_error(client, world, after):
    for extra in ({}, HTMX):
        response = client.get(URL, {"after": after}, **extra)
        assert response.status_code == 200
        assert len(event_ids(response.content.decode())) == 6  # read as the first page


def _walk(client, params=None):
    """Follow the 'Load more' links through htmx, as the browser does; return the event ids in order."""
    html = client.get(URL, params or {}).content.decode()
    seen = event_ids(html)
    pages = 1
    while (m := re.search(r'<a class="button button-secondary" href="([^"]+)"\s+hx-get="([^"]+)"', html)):
        href, hx_get = m.group(1), m.group(2)
        assert href == hx_get
        html = client.get(href.replace("&amp;", "&"), **HTMX).content.decode()
        assert "<html" not in html and '<section id="results"' not in html
        seen += event_ids(html)
        pages += 1
        assert pages < 50
    return seen, pages


def test_load_more_walks_every_event_once_in_order(client, small_page):
    same_day = date(2020, 3, 3)
    events = [make_event(earliest=same_day) for _ in range(4)]  # ties on sort_date, broken by id
    events += [make_event(earliest=date(2019, 1, d)) for d in (5, 1, 9)]
    events += [make_event(earliest=None, latest=None) for _ in range(2)]  # undated, last
    events += [make_event(earliest=None, latest=date(2021, 1, 1))]  # sorts by its latest day
    expected = [e.pk for e in Event.objects.in_timeline_order()]
    seen, pages = _walk(client)
    assert seen == expected
    assert len(seen) == len(set(seen)) == 10
    assert pages == 4


def test_load_more_keeps_the_filters(client, small_page):
    for d in range(1, 8):
        make_event(Event.Type.SUMMIT if d % 2 else Event.Type.VISIT, date(2019, 5, d))
    seen, _ = _walk(client, {"type": "summit"})
    assert seen == list(Event.objects.filter(type="summit").in_timeline_order().values_list("pk", flat=True))


def test_load_more_continues_month_headings_without_repeating_them(client, small_page):
    for d in range(1, 6):
        make_event(earliest=date(2019, 5, d))
    first = client.get(URL).content.decode()
    assert first.count("May 2019</h3>") == 1
    nxt = re.search(r'hx-get="([^"]+)"', first.split('id="load-more"')[1]).group(1).replace("&amp;", "&")
    appended = client.get(nxt, **HTMX).content.decode()
    assert "May 2019</h3>" not in appended and "2019</h2>" not in appended
    assert len(event_ids(appended)) == 2
    assert "End of the timeline." in appended
    # Without htmx the same link is a page of its own: it shows its headings and a way back.
    standalone = client.get(nxt).content.decode()
    assert "May 2019</h3>" in standalone and "Back to the start" in standalone


def _populate(n: int, article, actors):
    for i in range(n):
        event = make_event(Event.Type.MEETING, date(2000 + i % 20, 1 + i % 12, 1 + i % 28), participants=actors)
        make_mention(event, article, i % 2)


def _queries_for(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_events(client, small_page, django_assert_max_num_queries):
    article = make_article()
    actors = [make_actor("A One"), make_actor("B Two")]
    _populate(4, article, actors)
    few = _queries_for(client, URL)
    few_htmx = _queries_for(client, URL + "?type=meeting", **HTMX)
    _populate(60, article, actors)
    many = _queries_for(client, URL)
    many_htmx = _queries_for(client, URL + "?type=meeting", **HTMX)
    assert few == many and few_htmx == many_htmx
    html = client.get(URL).content.decode()
    nxt = re.search(r'hx-get="([^"]+)"', html.split('id="load-more"')[1]).group(1).replace("&amp;", "&")
    with django_assert_max_num_queries(many):
        client.get(nxt, **HTMX)


def test_query_count_does_not_grow_with_sources_or_participants_per_event(client, small_page):
    def page_with(n_sources: int) -> int:
        Event.objects.all().delete()
        for i in range(3):
            event = make_event(earliest=date(2019, 1, 1 + i),
                               participants=[make_actor(f"Actor {j}") for j in range(n_sources)])
            for _ in range(n_sources):
                make_mention(event, make_article(), 1)
        return _queries_for(client, URL)

    one = page_with(1)
    # events (dated, then undated), participants, mentions (with articles and paragraphs), the count of each
    # segment, actor choices
    assert one <= 7
    assert page_with(6) == one


# --- article page ----------------------------------------------------------------------------------


def test_article_page_has_paragraph_anchors_and_metadata(client, world):
    article = world["article"]
    response = client.get(reverse("events:article", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Leaders meet in Singapore</h1>" in html
    assert "Demo Wire" in html and "Wednesday 13 June 2018" in html
    for i in range(3):
        assert f'id="p-{i}"' in html
    assert html.index('id="p-0"') < html.index('id="p-1"') < html.index('id="p-2"')


def test_article_page_marks_triggers_and_links_back_to_the_timeline(client, world):
    article, summit = world["article"], world["summit"]
    html = client.get(reverse("events:article", args=[article.pk])).content.decode()
    assert '<mark class="trigger">summit</mark>' in html
    assert '<mark class="trigger">signed</mark>' in html
    link = f"/?after={summit.sort_date.isoformat()}_{summit.pk - 1}#event-{summit.pk}"
    assert f'href="{link}"' in html
    assert "3 events found in this article" in html
    # The link opens a timeline page that starts with that event.
    assert event_ids(client.get(link.split("#")[0]).content.decode())[0] == summit.pk


def test_article_text_is_escaped(client):
    article = make_article(["<script>alert(1)</script> held talks."])
    event = make_event(Event.Type.TALKS)
    make_mention(event, article, 0, "talks")
    html = client.get(reverse("events:article", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_missing_article_is_404(client):
    response = client.get(reverse("events:article", args=[987654]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_article_query_count_is_bounded(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("events:article", args=[world["article"].pk]))


def test_plain_form_with_empty_fields_redirects_to_a_short_url(client, world):
    response = client.get(URL, {"q": "", "type": "summit", "participant": "", "date_from": ""})
    assert response.status_code == 302 and response["Location"] == "/?type=summit"
    assert client.get(URL, {"q": " "}).headers["Location"] == "/"


def test_htmx_filter_response_pushes_the_short_url(client, world):
    response = client.get(URL, {"q": "", "type": "summit", "status": ""}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "/?type=summit"
    assert "HX-Push-Url" not in client.get(URL, {"after": "2018-06-12_1"}, **HTMX)


def test_empty_timeline_says_how_to_get_events(client):
    html = client.get(URL).content.decode()
    assert "0 events." in html and "No events match." in html and "load_demo" in html


def test_article_headline_line_is_styled_as_headline(client):
    article = make_article(["Leaders meet in Vienna", "They met on Monday."], title="Leaders meet in Vienna")
    html = client.get(reverse("events:article", args=[article.pk])).content.decode()
    assert 'id="p-0" class="paragraph is-headline"' in html
    assert 'id="p-1" class="paragraph"' in html


def test_each_event_has_a_permalink_and_editors_get_an_edit_link(client, admin_client, world):
    summit = world["summit"]
    html = client.get(URL).content.decode()
    permalink = f"/?after=2018-06-12_{summit.pk - 1}#event-{summit.pk}"
    assert f'href="{permalink}"' in html
    assert "/admin/events/event/" not in html
    html = admin_client.get(URL).content.decode()
    assert f'href="/admin/events/event/{summit.pk}/change/"' in html


def test_a_source_in_a_headline_given_apart_from_the_text(client):
    article = make_article(["The two sides met in Geneva."], title="Ministers hold talks in Geneva")
    event = make_event(Event.Type.TALKS, date(2018, 1, 5), participants=["Sergei Lavrov"])
    make_mention(event, article, None, "talks")
    html = client.get(URL).content.decode()
    assert re.search(rf'<a class="source-link" href="/articles/{article.pk}/"[^>]*>headline</a>', html)
    html = client.get(reverse("events:article", args=[article.pk])).content.decode()
    assert "from the headline: “talks”" in html


def test_load_more_link_carries_only_the_filters_in_use(client, small_page):
    for d in range(1, 6):
        make_event(Event.Type.SUMMIT, date(2019, 5, d))
    html = client.get(URL, {"q": "", "type": "summit", "status": ""}, **HTMX).content.decode()
    href = re.search(r'id="load-more".*?href="([^"]+)"', html, re.S).group(1).replace("&amp;", "&")
    assert re.fullmatch(r"/\?type=summit&after=2019-05-03_\d+", href)
