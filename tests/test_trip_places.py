"""places.trip_places: a placeless event takes the destination of the visit its participant is on."""
from datetime import date

from events.extraction.places import trip_places
from events.extraction.types import ActorRef, EventCandidate, MentionCandidate, Timex


def _event(kind, earliest, latest, location=None, status="occurred", sentence="", trigger=None):
    at = sentence.find(trigger) if trigger else 0
    mention = MentionCandidate(paragraph=0, sentence_index=0, sentence=sentence, sentence_start=0,
                               sentence_end=len(sentence), trigger=trigger or kind, trigger_start=max(at, 0),
                               trigger_end=max(at, 0) + len(trigger or ""))
    return EventCandidate(type=kind, status=status, location=location, mentions=[mention],
                          date=Timex(start=-1, end=-1, text="", earliest=earliest, latest=latest),
                          participants=[ActorRef("Ana Ruiz")])


def test_the_tightest_dated_visit_gives_its_place_and_an_open_visit_is_no_error():
    meeting = _event("meeting", date(2021, 5, 13), date(2021, 5, 13))
    tour = _event("visit", date(2021, 5, 10), date(2021, 5, 20), "Africa")
    leg = _event("visit", date(2021, 5, 12), date(2021, 5, 14), "Senegal")
    before = _event("visit", None, date(2021, 5, 14), "Mali")  # "visited Mali before ...": open start
    trip_places([meeting, tour, before, leg])
    assert meeting.location == "Senegal"


def test_a_trip_the_sentence_tells_after_before_is_not_where_the_event_is():
    text = "The minister was also to meet Haddad before heading to Tyre for the night."
    sun = date(2021, 5, 16)
    meeting = _event("meeting", sun, sun, status="planned", sentence=text, trigger="meet")
    visit = _event("visit", date(2021, 5, 15), sun, "Beirut")
    tyre = _event("visit", sun, sun, "Tyre", status="planned", sentence=text, trigger="heading")
    trip_places([meeting, visit, tyre])
    assert meeting.location == "Beirut"
    # without "before", the tighter trip of that day is where it is
    text = text.replace("before heading", "and then heading")
    meeting = _event("meeting", sun, sun, status="planned", sentence=text, trigger="meet")
    tyre = _event("visit", sun, sun, "Tyre", status="planned", sentence=text, trigger="heading")
    trip_places([meeting, visit, tyre])
    assert meeting.location == "Tyre"


def test_a_briefing_of_one_states_officials_who_do_not_travel_is_in_its_capital():
    from events.extraction.places import home_briefings

    day = date(2021, 5, 13)
    briefing = _event("press_conference", day, day)
    briefing.participants = [ActorRef("Lena Brandt", role="Norwegian Foreign Ministry spokeswoman")]
    # a traveller's news conference is wherever her trip is, not at home; two states' officials, no one home
    abroad = _event("press_conference", day, day)
    abroad.participants = [ActorRef("Ana Ruiz", role="Chilean Foreign Minister")]
    joint = _event("press_conference", day, day)
    joint.participants = [ActorRef("Lena Brandt", role="Norwegian Foreign Minister"),
                          ActorRef("Ana Ruiz", role="Chilean Foreign Minister")]
    trip = _event("visit", date(2021, 5, 12), date(2021, 5, 14))  # Ana Ruiz, placed nowhere the text says
    home_briefings([briefing, abroad, joint, trip])
    assert (briefing.location, abroad.location, joint.location) == ("Oslo", None, None)


def test_an_encounter_with_a_states_official_is_on_the_leg_to_that_state():
    # two legs the dates cannot tell apart: the talks with the Ghanaian minister are on the Ghana leg
    day = date(2021, 5, 13)
    talks = _event("talks", day, day)
    talks.participants = [ActorRef("Ana Ruiz", role="Chilean Foreign Minister"),
                          ActorRef("Kwame Mensah", role="Ghanaian Foreign Minister")]
    togo = _event("visit", day, day, "Togo")
    ghana = _event("visit", day, day, "Ghana")
    trip_places([talks, togo, ghana])
    assert talks.location == "Ghana"
