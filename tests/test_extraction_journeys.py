"""Journeys begun by a departure, events introduced as the object of another, organisations the tagger cuts
short: sentences written for these tests."""
from datetime import date

from tests.extracting import extract, names, of_type

WED = date(2018, 6, 13)


def test_a_departure_to_fly_somewhere_begins_the_trip_of_the_one_who_left(nlp):
    text = ("The summit in Oslo ended on Tuesday.\n"
            "The talks followed a tense meeting in Brussels last week, which Chancellor Paul Weber left early to fly "
            "to Norway.")
    (trip,) = [e for e in of_type(extract(nlp, text, WED), "visit") if "Norway" in names(e)]
    assert trip.status == "occurred"
    assert "Paul Weber" in names(trip)  # not the relative pronoun, which is no one
    # a plan to fly is still a plan
    (plan,) = of_type(extract(nlp, "Chancellor Paul Weber has decided to fly to Norway.", WED), "visit")
    assert plan.status == "planned"


def test_an_indefinite_meeting_told_with_its_place_is_an_event_and_not_the_subject_before_it(nlp):
    text = ("President Ana Ruiz and Chancellor Paul Weber met in Oslo on Tuesday.\n"
            "The summit followed a tense Group of Seven meeting in Quebec last week.")
    events = extract(nlp, text, WED)
    (g7,) = [e for e in events if "Group of Seven" in names(e)]
    # the tagger reads "Group of" and "Seven" apart; the lexicon's name is the whole
    assert g7.type == "summit" and g7.location == "Quebec"
    assert (g7.date.earliest, g7.date.latest) == (date(2018, 6, 4), date(2018, 6, 10))
    # "The summit" that followed it is the Oslo meeting, not the one in Quebec
    assert all(m.trigger != "summit" for m in g7.mentions)
    # a meeting someone only considers is not one
    considered = extract(nlp, "The envoy is considering a meeting in Quebec next week.", WED)
    assert of_type(considered, "meeting", "summit") == []
