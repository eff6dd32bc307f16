"""Dates that the narrative gives an event with no date of its own (attach.Attacher, pipeline's narrative step)."""
from datetime import date

from tests.extracting import extract, names, of_type

FRI = date(2021, 5, 14)  # a Friday


def test_a_news_conference_of_a_spokesman_whose_report_before_is_dated_is_on_that_day(nlp):
    text = ("The two countries will sign a fisheries accord next month, foreign ministry spokeswoman Anna Berg "
            "said on Wednesday.\n"
            "Berg told a regular news briefing that the talks had gone well.")
    (pc,) = of_type(extract(nlp, text, FRI), "press_conference")
    assert (pc.date.earliest, pc.date.latest) == (date(2021, 5, 12), date(2021, 5, 12))


def test_a_news_conference_of_another_source_keeps_the_story_day(nlp):
    text = ("The two countries will sign a fisheries accord next month, foreign ministry spokeswoman Anna Berg "
            "said on Wednesday.\n"
            "The trade minister, Lars Holm, told a news briefing that the talks had gone well.")
    (pc,) = of_type(extract(nlp, text, FRI), "press_conference")
    # not Berg's Wednesday: the honest "before publication" that an undated past event gets
    assert (pc.date.earliest, pc.date.latest, pc.date.value) == (None, FRI, "PAST_REF")


def test_a_date_between_a_named_subject_and_its_verb_dates_the_verb(nlp):
    # wire style: the parser hangs "on Sunday" on the name, but it is the day of the visit's main clause
    text = ("Defence Minister Clara Voss on Sunday reaffirmed her country's support for the government during a "
            "visit to Lebanon.\n"
            "She told reporters after meeting her Lebanese counterpart Elias Murr in Beirut.")
    events = extract(nlp, text, date(2021, 5, 16))
    (meeting,) = of_type(events, "meeting", "talks")
    assert (meeting.date.earliest, meeting.date.latest) == (date(2021, 5, 16), date(2021, 5, 16))



def test_an_event_that_happened_takes_no_place_from_a_trip_still_to_come(nlp):
    text = ("Defence Minister Clara Voss arrived in Beirut on Saturday for a two-day visit to Lebanon.\n"
            "On Sunday she met her counterpart Elias Murr.\n"
            "She will also travel to Tyre on Sunday to see the French peacekeepers.")
    events = extract(nlp, text, date(2021, 5, 16))
    (meeting,) = [e for e in of_type(events, "meeting", "talks") if "Elias Murr" in names(e)]
    assert (meeting.date.earliest, meeting.location) == (date(2021, 5, 16), "Beirut")


def test_the_day_of_what_was_done_during_a_visit_gives_way_to_the_visits_own_dates(nlp):
    text = ("Defence Minister Clara Voss on Sunday reaffirmed her country's support during a visit to Lebanon.\n"
            "Voss, who arrived in Beirut on Saturday for a two-day visit, also toured a hospital.")
    (visit,) = of_type(extract(nlp, text, date(2021, 5, 16)), "visit")
    assert (visit.date.earliest, visit.date.latest) == (date(2021, 5, 15), date(2021, 5, 16))


def test_a_head_of_state_named_by_his_state_is_the_president_named_before(nlp):
    # "a Kenyan head of state" is the Kenyan president of the sentence: the state visit is his, not Kenya's
    text = ("King Harald welcomes Ruto as Kenyan president begins state visit to Norway\n"
            "King Harald V welcomed Kenyan President William Ruto at the royal palace in Oslo on Tuesday, opening "
            "the first state visit to Norway by a Kenyan head of state.\n"
            "Ruto, who landed in Oslo on Monday evening, laid a wreath at the national monument.")
    visits = of_type(extract(nlp, text, date(2023, 11, 22)), "visit")
    (state_visit,) = [v for v in visits if any("state visit" in m.trigger for m in v.mentions)]
    assert names(state_visit) >= {"William Ruto", "Norway"}
    assert "Kenya" not in names(state_visit)


def test_a_plan_within_a_trip_lies_on_or_after_the_day_of_telling_and_not_on_the_trip_after_it(nlp):
    sun = date(2021, 5, 16)
    text = ("Defence Minister Clara Voss on Sunday reaffirmed her country's support for Lebanon during a visit.\n"
            "The minister, who arrived in Beirut on Saturday for a 48-hour visit, was also to meet Prime Minister "
            "Omar Haddad before heading to the port of Tyre.")
    events = extract(nlp, text, sun)
    (meeting,) = [e for e in of_type(events, "meeting", "talks") if "Omar Haddad" in names(e)]
    # the visit runs Saturday to Sunday; what was still to happen on Sunday is not on Saturday
    assert (meeting.status, meeting.date.earliest, meeting.date.latest) == ("planned", sun, sun)
    # and it is in Beirut, on the visit, not on the trip to Tyre that comes after it
    assert meeting.location == "Beirut"
