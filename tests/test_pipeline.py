"""extract(): events with dates, participants, places, mentions, confidence and reasons.

The articles are written for these tests, retelling real diplomatic events in our own words."""
from datetime import date

import pytest

from events.extraction import EXTRACTOR_VERSION, pipeline
from tests.extracting import extract, names, of_type

VLADIVOSTOK = """Abe and Putin meet in Vladivostok
Japanese Prime Minister Shinzo Abe meets Russian President Vladimir Putin in Vladivostok (photo credit: Reuters)
Japanese Prime Minister Shinzo Abe and Russian President Vladimir Putin held talks in Vladivostok on Thursday.
Abe told Putin that the two countries should sign a peace treaty, and the two men agreed to keep talking.
Abe had visited Sochi in May, when he met Putin at his residence.
The prime minister did not meet Chinese officials during the trip.
Putin will visit Japan in December, the Kremlin said.
If the talks go well, the two leaders could sign a treaty next year.
"""

GOA = """NEW DELHI (Reuters) - Chinese Foreign Minister Wang Yi held talks with his Indian counterpart in Panaji on Friday.
Upon his arrival, Wang had a brief meeting with Indian officials.
The two ministers later signed a memorandum on border trade.
Wang is expected to visit Nepal next week.
"""

KREMLIN = """Putin hosts Netanyahu at the Kremlin
MOSCOW - Israeli Prime Minister Benjamin Netanyahu and Russian President Vladimir Putin held a face-to-face meeting at the Kremlin on Tuesday, a day after Moscow called for new peace talks.
Netanyahu laid a wreath at the Tomb of the Unknown Soldier before the talks.
The two men sat down to talk for three hours, the prime minister's office said.
"""


def by_type(events, etype):
    return [e for e in events if e.type == etype]


@pytest.fixture(scope="module")
def vladivostok(nlp):
    return extract(nlp, VLADIVOSTOK, date(2019, 9, 6))


@pytest.fixture(scope="module")
def goa(nlp):
    return extract(nlp, GOA, date(2022, 5, 7))


@pytest.fixture(scope="module")
def kremlin(nlp):
    return extract(nlp, KREMLIN, date(2019, 4, 5))


def test_the_headline_and_the_caption_are_mentions_of_the_talks(vladivostok):
    talks = by_type(vladivostok, "talks")
    assert len(talks) == 1
    ev = talks[0]
    assert [m.paragraph for m in ev.mentions] == [2, 0, 1]
    assert ev.mentions[0].trigger == "held talks"
    assert not [e for e in vladivostok if e.type == "meeting" and e.date.earliest == date(2019, 9, 5)]


def test_the_event_is_dated_from_its_clause(vladivostok):
    ev = by_type(vladivostok, "talks")[0]
    assert (ev.date.earliest, ev.date.latest) == (date(2019, 9, 5), date(2019, 9, 5))
    assert ev.status == "occurred"
    assert ev.location == "Vladivostok"
    assert [p.name for p in ev.participants] == ["Shinzo Abe", "Vladimir Putin"]
    assert [p.role for p in ev.participants] == ["Japanese Prime Minister", "Russian President"]


def test_an_earlier_visit_keeps_its_own_date_and_place(vladivostok):
    visits = [e for e in by_type(vladivostok, "visit") if e.status == "occurred"]
    assert len(visits) == 1
    assert visits[0].date.value == "2019-05"
    assert visits[0].location == "Sochi"
    assert {p.name for p in visits[0].participants} == {"Shinzo Abe", "Russia"}
    # "when he met Putin": the meeting takes the date of the clause it modifies
    meetings = by_type(vladivostok, "meeting")
    assert [m.date.value for m in meetings] == ["2019-05"]
    assert {p.name for p in meetings[0].participants} == {"Shinzo Abe", "Vladimir Putin"}


def test_negated_and_hypothetical_events_are_left_out(vladivostok):
    assert not by_type(vladivostok, "signing")
    assert all("Chinese" not in (m.sentence) for e in vladivostok for m in e.mentions if m.paragraph == 5 and e.type == "meeting")


def test_a_plan_is_planned_with_its_date(vladivostok):
    planned = [e for e in vladivostok if e.status == "planned"]
    assert len(planned) == 1
    ev = planned[0]
    assert ev.type == "visit"
    assert ev.date.value == "2019-12"
    assert {p.name for p in ev.participants} == {"Vladimir Putin", "Japan"}


@pytest.mark.xfail(strict=True, reason=(
    "the gazetteer of events/extraction does not know Panaji: geonames lists the city as Panjim, Panaji being "
    "one of its alternate names, so the talks get no location (reported to the lead; not in this test's owner's files)"))
def test_the_dateline_is_not_where_the_event_happened(goa):
    talks = by_type(goa, "talks")[0]
    # where the talks were held (the text says Panaji), not the dateline's New Delhi
    assert talks.location in {"Panaji", "Panjim"}


def test_the_dateline_is_not_part_of_the_first_sentence(goa):
    talks = by_type(goa, "talks")[0]
    assert all("NEW DELHI" not in m.sentence for e in goa for m in e.mentions)
    assert talks.mentions[0].sentence.startswith("Chinese Foreign Minister Wang Yi held talks")
    # the one place the text gives that the gazetteer knows is where the visit goes
    assert by_type(goa, "visit")[0].location == "Nepal"


def test_the_dateline_places_only_the_placeless_events_of_the_story_days(nlp):
    # the story's day (or the day beside it) told with no place is where the story was filed; a meeting
    # of another month is not, and the dateline's place is no participant
    text = ("BRUSSELS (AP) - NATO foreign ministers held talks with their Ukrainian counterpart on Tuesday.\n"
            "NATO foreign ministers also held talks with their Georgian counterpart in January.\n")
    events = extract(nlp, text, date(2023, 4, 5))
    by_day = {e.date.earliest: e for e in events if e.type == "talks"}
    assert len(events) == 2 and set(by_day) == {date(2023, 1, 1), date(2023, 4, 4)}
    assert by_day[date(2023, 4, 4)].location == "Brussels" and by_day[date(2023, 1, 1)].location is None
    assert {p.name for p in by_day[date(2023, 4, 4)].participants} == {"NATO", "Ukraine"}


def test_a_counterpart_is_resolved_to_his_country(goa):
    talks = by_type(goa, "talks")[0]
    assert {p.name for p in talks.participants} == {"Wang Yi", "India"}


def test_an_episode_anchored_on_an_undated_arrival_stays_open(goa):
    meeting = by_type(goa, "meeting")[0]
    assert meeting.date.earliest is None and meeting.date.latest == date(2022, 5, 7)
    assert meeting.date.value == "PAST_REF"
    assert any("anchor 'arrival'" in r for r in meeting.reasons)


def test_later_follows_the_event_before_and_the_two_ministers_are_its_participants(goa):
    signing = by_type(goa, "signing")[0]
    assert signing.date.earliest == date(2022, 5, 6)
    assert {p.name for p in signing.participants} == {"Wang Yi", "India"}


def test_a_planned_visit_names_the_country_visited(goa):
    visit = by_type(goa, "visit")[0]
    assert visit.status == "planned"
    assert (visit.date.earliest, visit.date.latest) == (date(2022, 5, 9), date(2022, 5, 15))
    assert visit.location == "Nepal"


def test_a_venue_is_shown_with_its_city_and_the_two_men_merge_into_the_meeting(kremlin):
    meetings = [e for e in kremlin if e.type in ("meeting", "talks")]
    assert len(meetings) == 1
    ev = meetings[0]
    assert ev.location == "Kremlin, Moscow"
    assert ev.date.earliest == date(2019, 4, 2)
    assert [m.paragraph for m in ev.mentions] == [1, 0, 3]
    assert {p.name for p in ev.participants} == {"Benjamin Netanyahu", "Vladimir Putin"}


def test_a_capital_calling_for_talks_is_not_an_event(kremlin):
    assert all("called for" not in m.trigger for e in kremlin for m in e.mentions)
    assert len(kremlin) == 2


def test_a_duration_never_dates_an_event(kremlin):
    ev = [e for e in kremlin if e.type in ("meeting", "talks")][0]
    # "sat down to talk for three hours": the talking is a mention with no date of its own, not one dated
    # "three hours"; the meeting is dated by its Tuesday
    assert [(m.trigger, m.date_text) for m in ev.mentions] == [
        ("held a face-to-face meeting", "Tuesday"), ("hosts", None), ("talk", None)]
    assert (ev.date.earliest, ev.date.latest) == (date(2019, 4, 2), date(2019, 4, 2))


def test_an_event_before_another_ends_when_that_one_is_held(kremlin):
    wreath = by_type(kremlin, "ceremony")[0]
    assert (wreath.date.earliest, wreath.date.latest) == (date(2019, 4, 2), date(2019, 4, 2))
    assert wreath.date.mod == "BEFORE"
    assert any("date from anchor 'talks'" in r for r in wreath.reasons)
    assert wreath.location == "Tomb of the Unknown Soldier"


def test_an_undated_event_takes_the_date_of_the_lead(nlp):
    text = ("Xi Jinping's state visit to the United States culminated in Washington on Friday.\n"
            "Xi held formal talks with Obama and attended a state dinner.\n")
    events = extract(nlp, text, date(2015, 9, 27))
    talks = by_type(events, "talks")[0]
    assert talks.date.earliest == talks.date.latest == date(2015, 9, 25)
    assert any("date from lead event" in r for r in talks.reasons)
    assert by_type(events, "ceremony")[0].date.earliest == date(2015, 9, 25)


def test_offsets_point_into_the_paragraph(kremlin):
    lines = [ln for ln in KREMLIN.split("\n") if ln.strip()]
    for ev in kremlin:
        for m in ev.mentions:
            para = lines[m.paragraph]
            assert para[m.trigger_start:m.trigger_end] == m.trigger
            assert para[m.sentence_start:m.sentence_end] == m.sentence
            if m.date_text is not None:
                assert para[m.date_start:m.date_end] == m.date_text
    first = [e for e in kremlin if e.type in ("meeting", "talks")][0].mentions[0]
    assert first.date_text == "Tuesday"


def test_confidence_and_reasons_are_visible(kremlin):
    ev = [e for e in kremlin if e.type in ("meeting", "talks")][0]
    assert 0.8 <= ev.confidence <= 1
    text = " | ".join(ev.reasons)
    assert "trigger 'held a face-to-face meeting'" in text
    assert "date from clause: 'Tuesday'" in text
    assert "participants: Benjamin Netanyahu (Israeli Prime Minister), Vladimir Putin (Russian President)" in text
    wreath = by_type(kremlin, "ceremony")[0]
    assert wreath.confidence < ev.confidence


def test_every_event_carries_the_extractor_version(kremlin):
    assert {e.extractor_version for e in kremlin} == {EXTRACTOR_VERSION}


def test_a_title_given_apart_has_no_paragraph(nlp):
    body = KREMLIN.split("\n", 1)[1]
    events = extract(nlp, body, date(2019, 4, 5), title="Putin hosts Netanyahu at the Kremlin")
    ev = [e for e in events if e.type in ("meeting", "talks")][0]
    assert None in [m.paragraph for m in ev.mentions]
    assert ev.mentions[0].paragraph == 0


def test_extract_many_keeps_the_order_of_its_items(nlp):
    items = [(GOA, date(2022, 5, 7), None), (KREMLIN, date(2019, 4, 5), None), ("Nothing happened today.", date(2020, 1, 1), None)]
    out = list(pipeline.extract_many(items, nlp=nlp, batch_size=2))
    assert len(out) == 3
    assert by_type(out[0], "talks") and by_type(out[1], "ceremony") and out[2] == []


def test_the_json_has_the_interface_keys(kremlin):
    j = kremlin[0].to_json()
    assert {"type", "status", "date", "participants", "location", "paragraph", "evidence", "trigger"} <= set(j)
    assert {"text", "value", "earliest", "latest", "granularity"} <= set(j["date"])
    assert j["mentions"][0]["trigger_span"] and j["extractor_version"] == EXTRACTOR_VERSION


def test_extract_many_frees_each_docs_span_indexes(nlp):
    """`extract --jsonl` runs over many articles: each Doc's indexes (user_data) are freed once it is done."""
    seen = []

    class Recording:
        def pipe(self, texts, batch_size=16):
            for doc in nlp.pipe(texts, batch_size=batch_size):
                seen.append(doc)
                yield doc

    items = [(GOA, date(2022, 5, 7), None), (KREMLIN, date(2019, 4, 5), None)]
    out = list(pipeline.extract_many(items, nlp=Recording(), batch_size=1))
    assert by_type(out[0], "talks") and by_type(out[1], "ceremony")
    assert len(seen) == 2 and all(doc.user_data == {} for doc in seen)


def test_a_capital_named_by_its_state_is_the_states_capital_whatever_its_spelling(nlp):
    # "Vietnam's capital Hanio" (a misspelt name the gazetteer does not know), "the Malian capital", "the
    # capital of Chile": the state's capital, for the event and for the clause "where" hangs on it
    text = ("Finland is expected to sign an accord with Thailand on its entry into the club on Sunday in "
            "Vietnam's capital Hanio, where the regional summit is held on Nov. 18-19.\n"
            "The Norwegian foreign minister held talks with his Ghanaian counterpart in the Malian capital on Monday.\n"
            "The Danish foreign minister met his Peruvian counterpart in the capital of Chile on Tuesday.\n")
    events = extract(nlp, text, date(2023, 11, 15))
    assert {e.type: e.location for e in events} == {"signing": "Hanoi", "summit": "Hanoi", "talks": "Bamako",
                                                    "meeting": "Santiago"}
    # "capital" as a noun of its own is no city
    text = "The Danish foreign minister met his Peruvian counterpart on Tuesday in Iranian capital markets.\n"
    assert of_type(extract(nlp, text, date(2023, 11, 15)), "meeting")[0].location is None


def test_a_visit_to_a_country_goes_to_the_city_its_own_mention_gives_as_destination(nlp):
    # the headline says where the visit to Vietnam arrives; a city named later in a sentence of the visit,
    # not as where it goes, leaves the country as the destination
    title = "Chilean President Ortega arrives in Hanoi"
    text = ("Chilean President Marcelo Ortega arrived here on Saturday for a three-day visit to Vietnam at the "
            "invitation of his Vietnamese counterpart.\n")
    visit = of_type(extract(nlp, text, date(2023, 11, 18), title=title), "visit")[0]
    assert visit.location == "Hanoi"
    text = ("Chilean President Marcelo Ortega will visit Laos next week, the first Chilean leader to visit it since "
            "Vientiane joined the trade bloc.\n")
    visit = of_type(extract(nlp, text, date(2023, 11, 18)), "visit")[0]
    assert visit.location == "Laos"


def test_a_trip_still_to_come_does_not_keep_the_dateline_from_what_has_happened(nlp):
    # the legs the minister will travel after today are no place of the meeting he has had: it is where the
    # story was filed
    text = ("LIMA, March 2 (AP) - Japanese Foreign Minister Taro Kono has met his Peruvian counterpart, Nestor "
            "Popolizio, and they agreed to expand trade.\n"
            "Kono will leave Peru on Friday afternoon to continue a tour to Bolivia, Chile and Ecuador.\n")
    events = extract(nlp, text, date(2018, 3, 2))
    assert of_type(events, "meeting")[0].location == "Lima"
    assert {e.location for e in of_type(events, "visit")} == {"Bolivia", "Chile", "Ecuador"}


def test_without_a_dateline_here_is_where_the_visit_came(nlp):
    # no dateline, but the visit "arrived here": the next day's talks, which no dated trip covers, are there
    text = ("Kenyan Prime Minister Daniel Mwangi arrived here on Tuesday for an official visit to Malta, officials said.\n"
            "Mwangi will hold talks with President George Vella on Wednesday.\n")
    talks = of_type(extract(nlp, text, date(2023, 5, 16)), "talks")[0]
    assert talks.date.earliest == date(2023, 5, 17) and talks.location == "Malta"


def test_a_visit_to_a_country_goes_to_the_city_the_article_sends_its_visitor_to(nlp):
    # the visitor is sent to one city of the country elsewhere in the article: her visit goes there; a city
    # that someone else travels to says nothing of her trip
    text = ("Chilean Foreign Minister Marta Ibarra will travel to Ghana on Monday for talks on cocoa trade.\n"
            "Before leaving for the port city of Kumasi, Ibarra met the Peruvian ambassador in Santiago.\n")
    visit = of_type(extract(nlp, text, date(2023, 5, 14)), "visit")[0]
    assert visit.location == "Kumasi"
    text = ("Chilean Foreign Minister Marta Ibarra will travel to Ghana on Monday for talks on cocoa trade.\n"
            "Following Ortega's one-day visit to Kumasi, the Peruvian trade minister will arrive on Tuesday.\n")
    visit = [e for e in of_type(extract(nlp, text, date(2023, 5, 14)), "visit") if "Marta Ibarra" in names(e)][0]
    assert visit.location == "Ghana"


def test_an_event_told_at_its_participants_arrival_is_where_the_visit_goes(nlp):
    text = ("Chilean President Marcelo Ortega began a state visit to Canberra on Monday.\n"
            "Upon his arrival, he had a two-hour informal meeting with his Australian counterpart Anthony Albanese.\n")
    meeting = of_type(extract(nlp, text, date(2023, 5, 16)), "meeting")[0]
    assert meeting.location == "Canberra"
