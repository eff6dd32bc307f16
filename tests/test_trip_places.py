"""places.trip_places: a placeless event takes the destination of the visit its participant is on."""
from datetime import date

from events.extraction.places import trip_places
from events.extraction.types import ActorRef, EventCandidate, MentionCandidate, Timex


def _event(kind, earliest, latest, location=None, status="occurred"):
    mention = MentionCandidate(paragraph=0, sentence_index=0, sentence="", sentence_start=0, sentence_end=0,
                               trigger=kind, trigger_start=0, trigger_end=0)
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
