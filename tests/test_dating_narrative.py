"""Dates that the narrative gives an event with no date of its own (attach.Attacher, pipeline's narrative step)."""
from datetime import date

from tests.extracting import extract, of_type

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
