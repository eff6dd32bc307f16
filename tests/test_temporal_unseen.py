"""The resolver on news it was not tuned to (issue 7): rules that hold across outlets, each tried on
sentences written for this file. Every case runs through tag_doc (a whole parsed text) and through
tag_texts (the batched path that parses only the sentences that need it)."""
from datetime import date

import pytest

from events.extraction import temporal
from events.extraction.temporal import resolve, tag_doc, tag_texts
from tests.test_temporal_news import PATHS, _check, _tagged

D = date.fromisoformat


# ----------------------------------------------------------------------------- 1. a bare month and the year

# The verb decides the year of a bare month: a past act in a month still to come this year was last
# year's; a plan for a month already gone this year is next year's.
BARE_MONTHS = [
    ("2016-02-10", "The ceasefire collapsed in November.", "November", "2015-11"),
    ("2016-02-10", "The ceasefire, which collapsed in November, was never restored.", "November", "2015-11"),
    ("2016-02-10", "Rebels have held the town since September.", "September", "2015-09"),
    ("2016-02-10", "Talks ended in stalemate in December, diplomats said.", "December", "2015-12"),
    ("2016-02-10", "The agreement was signed in January.", "January", "2016-01"),
    ("2016-11-20", "The two presidents will meet in March.", "March", "2017-03"),
    ("2016-11-20", "Parliament is scheduled to vote in January on the treaty.", "January", "2017-01"),
    ("2016-11-20", "The two presidents will meet in December.", "December", "2016-12"),
    ("2016-11-10", "The government held elections in March.", "March", "2016-03"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("dct", "text", "expr", "value"), BARE_MONTHS)
def test_bare_month_takes_its_year_from_the_verb(nlp, path, dct, text, expr, value):
    _check(nlp, path, text, dct, expr, value, interval=None if len(value) == 10 else _month(value))


def _month(value):
    import calendar

    y, m = int(value[:4]), int(value[5:7])
    return (f"{value}-01", f"{value}-{calendar.monthrange(y, m)[1]:02d}")


# A past act "on" a month-day cannot lie ahead of the story: the previous year's, however close; a date a
# past verb sets as a deadline ("extended the offer to Nov. 20") stays the coming one.
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The court ruled on the appeal on June 21.", "2015-06-21"),
        ("Negotiators had agreed on June 21 to extend the truce.", "2015-06-21"),
        ("The court rules on the appeal on June 21.", "2016-06-21"),
        ("The truce expires on June 21.", "2016-06-21"),
        ("The mediators extended the deadline to June 21.", "2016-06-21"),
        # an event noun that is the subject of a past verb had happened: "the strike ... paralysed"
        ("The strike on June 21 paralysed the port.", "2015-06-21"),
        # a noun the past verb speaks of is not dated by it: "warned of a strike on June 21" lies ahead
        ("The unions warned of a strike on June 21.", "2016-06-21"),
    ],
)
def test_a_past_act_on_a_month_day_is_not_ahead_of_the_story(nlp, path, text, value):
    _check(nlp, path, text, "2016-06-09", "June 21", value)


# ----------------------------------------------------------------------------- 2. weekdays with a clock time

# 2016-06-09 is a Thursday. A present-tense act at a clock time on a weekday is scheduled: the coming day.
CLOCKS = [
    ("The vote closes at 20:00 CET on Sunday.", "20:00 CET on Sunday", "2016-06-12T20:00"),
    ("Polls open at 7 a.m. on Sunday.", "7 a.m. on Sunday", "2016-06-12T07:00"),
    ("The deadline expires at noon on Friday.", "noon on Friday", "2016-06-10T12:00"),
    ("The ceasefire takes effect at 6 a.m. on Tuesday.", "6 a.m. on Tuesday", "2016-06-14T06:00"),
    ("The ceasefire will take effect at 6 a.m. Tuesday.", "6 a.m. Tuesday", "2016-06-14T06:00"),
    ("The ceasefire took effect at 6 a.m. on Tuesday.", "6 a.m. on Tuesday", "2016-06-07T06:00"),
    ("The polls opened at 7 a.m. on Sunday.", "7 a.m. on Sunday", "2016-06-05T07:00"),
    # a clock time right after its day is that day's, noon and midnight included
    ("The talks resume on Monday at 10:00 GMT.", "10:00 GMT", "2016-06-13T10:00"),
    ("The deadline runs out on Saturday at midnight.", "midnight", "2016-06-11T24:00"),
    ("The vote closes on Sunday at noon.", "noon", "2016-06-12T12:00"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "expr", "value"), CLOCKS)
def test_weekday_with_a_clock_time(nlp, path, text, expr, value):
    _check(nlp, path, text, "2016-06-09", expr, value)


@pytest.mark.parametrize("path", PATHS)
def test_midnight_is_not_a_night_and_alone_is_left_alone(nlp, path):
    text = "Voting ended at midnight."
    assert [(t.text, t.value) for t in _tagged(nlp, text, "2016-06-09", path)] == []


# An obligation or a possibility ("must", "may", "should", "can") lies ahead; "could" is left to the rest.
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The envoy must decide by Friday.", "Friday", "2016-06-10"),
        ("The two leaders may meet on Sunday.", "Sunday", "2016-06-12"),
        ("Parliament should vote on Tuesday.", "Tuesday", "2016-06-14"),
        ("The talks may have ended on Tuesday.", "Tuesday", "2016-06-07"),
    ],
)
def test_a_modal_points_ahead(nlp, path, text, expr, value):
    _check(nlp, path, text, "2016-06-09", expr, value)


# A bare weekday named again: the day the text already gave it, when the tense would put it six days ahead
@pytest.mark.parametrize("path", PATHS)
def test_a_weekday_named_again_for_yesterday_is_yesterday(nlp, path):
    text = ("The ministry said in a statement on Friday that the talks had gone well. "
            "The minister will leave Lima on Friday afternoon to continue his tour.")
    _check(nlp, path, text, "2016-06-11", "Friday afternoon", "2016-06-10TAF")
    # told only in the future, it is the coming one
    _check(nlp, path, text.split(". ")[1], "2016-06-11", "Friday afternoon", "2016-06-17TAF")


# ----------------------------------------------------------------------------- 3. the day before, the day after

DAY_BEFORE_AFTER = [
    # anchored on the narrative's last date
    ("The minister arrived in Geneva on Tuesday. The day before, he had met the king in Amman.", "The day before",
     "2016-06-06"),
    ("The minister arrived in Geneva on Tuesday. The day after, he flew to Paris.", "The day after", "2016-06-08"),
    ("The accord was signed on May 30. The day before, negotiators worked through the night.", "The day before",
     "2016-05-29"),
    # in apposition to a date it restates that date: it is anchored on the event it names
    ("Troops withdrew on Monday, the day after the ceasefire took effect.", "the day after", "2016-06-06"),
    ("The king met the minister on Wednesday, the day before the summit.", "the day before", "2016-06-08"),
    ("The envoy arrived on Sunday, a day before the talks opened.", "a day before", "2016-06-05"),
    ("The king will meet the minister on Friday, a day after the summit opens.", "a day after", "2016-06-10"),
    # hours counted in whole days
    ("The envoy flew to Moscow on Monday. 48 hours later he was in Kiev.", "48 hours later", "2016-06-08"),
    ("The envoy flew to Moscow on Monday. A few hours later he was in Kiev.", "A few hours later", "2016-06-06"),
    # "the day" is the narrative's day while it is recent (this sentence or the one before), else the story's
    ("The envoy flew to Moscow on Monday. Earlier in the day he had met the king.", "the day", "2016-06-06"),
    ("The envoy flew to Moscow on Monday. The visit went well.\n\nTrade was discussed.\n\n"
     "The envoy also met the mayor earlier in the day.", "the day", "2016-06-09"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "expr", "value"), DAY_BEFORE_AFTER)
def test_the_day_before_and_after(nlp, path, text, expr, value):
    _check(nlp, path, text, "2016-06-09", expr, value)


@pytest.mark.parametrize("path", PATHS)
def test_a_day_before_an_event_without_a_date_is_not_a_date(nlp, path):
    tx = _tagged(nlp, "The minister met the king two days before the summit.", "2016-06-09", path)
    assert [t.text for t in tx if t.type == "DATE"] == []


@pytest.mark.parametrize("path", PATHS)
def test_a_comparison_is_not_a_date(nlp, path):
    tx = _tagged(nlp, "The talks ended a week earlier than planned.", "2016-06-09", path)
    assert [t.text for t in tx if t.type == "DATE"] == []
    tx = _tagged(nlp, "The talks ended two weeks later than planned.", "2016-06-09", path)
    assert [(t.text, t.type, t.value) for t in tx] == [("two weeks", "DURATION", "P2W")]


# ----------------------------------------------------------------------------- 4. parts of the day

PARTS_OF_DAY = [
    ("The foreign ministers met on Tuesday evening.", "Tuesday evening", "2016-06-07TEV"),
    ("The ministers met on Tuesday night.", "Tuesday night", "2016-06-07TNI"),
    ("The talks will continue on Friday morning.", "Friday morning", "2016-06-10TMO"),
    ("Officials said on Wednesday afternoon that the deal was off.", "Wednesday afternoon", "2016-06-08TAF"),
    ("The president spoke to reporters this morning.", "this morning", "2016-06-09TMO"),
    ("Heavy shelling was reported last night.", "last night", "2016-06-08TNI"),
    ("The president will address the nation tonight.", "tonight", "2016-06-09TNI"),
    ("The minister arrived on Monday. The next morning he left for Paris.", "The next morning", "2016-06-07TMO"),
    # overnight: the night before the story's day, or tonight under a future verb
    ("Fighting erupted overnight in the capital.", "overnight", "2016-06-08TNI"),
    ("Overnight shelling killed five people.", "Overnight", "2016-06-08TNI"),
    ("Negotiators will work overnight to close the gaps.", "overnight", "2016-06-09TNI"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "expr", "value"), PARTS_OF_DAY)
def test_part_of_day(nlp, path, text, expr, value):
    d = D(value[:10])
    last = d.replace(day=d.day + 1) if expr.lower() == "overnight" else d  # the night runs into the next day
    t = _check(nlp, path, text, "2016-06-09", expr, value, interval=(d.isoformat(), last.isoformat()))
    assert t.type == "TIME"


@pytest.mark.parametrize("path", PATHS)
def test_overnight_in_a_narrative_is_the_night_before_its_day(nlp, path):
    text = ("European stocks closed lower on Friday after the resignation. "
            "Shares were hit early by overnight losses in Tokyo.")
    _check(nlp, path, text, "2016-06-13", "overnight", "2016-06-09TNI", ("2016-06-09", "2016-06-10"))


# "the night of June 3" is one expression: that part of the day named after it
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The raid took place on the night of June 3.", "the night of June 3", "2016-06-03TNI"),
        ("The raid took place on the night of 3 June.", "the night of 3 June", "2016-06-03TNI"),
        ("The raid took place on the night of Saturday, June 4.", "the night of Saturday, June 4", "2016-06-04TNI"),
        ("The raid took place on the night of Saturday.", "the night of Saturday", "2016-06-04TNI"),
        ("The talks will open on the morning of June 14.", "the morning of June 14", "2016-06-14TMO"),
    ],
)
def test_part_of_a_named_day(nlp, path, text, expr, value):
    _check(nlp, path, text, "2016-06-09", expr, value)


def test_overnight_spans_the_night_into_the_next_day(nlp):
    (t,) = tag_doc(nlp("Fighting erupted overnight in the capital."), D("2016-06-09"))
    assert (t.earliest, t.latest) == (D("2016-06-08"), D("2016-06-09"))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "text",
    [
        "Peace will not come overnight.",
        "The overnight rate rose to 2 percent.",
        "He became a celebrity almost overnight.",
        "The delegation made an overnight stay in Oslo.",
    ],
)
def test_overnight_as_a_manner_or_a_kind_is_not_a_time(nlp, path, text):
    assert [t.text for t in _tagged(nlp, text, "2016-06-09", path)] == []


# ----------------------------------------------------------------------------- 5. weekends and occasions

@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("text", "expr", "value", "interval"),
    [
        ("Protests spread last weekend.", "last weekend", "2016-W22-WE", ("2016-06-04", "2016-06-05")),
        ("The ministers meet this weekend.", "this weekend", "2016-W23-WE", ("2016-06-11", "2016-06-12")),
        ("The ministers will meet at the weekend.", "the weekend", "2016-W23-WE", ("2016-06-11", "2016-06-12")),
        ("The ministers met at the weekend.", "the weekend", "2016-W22-WE", ("2016-06-04", "2016-06-05")),
    ],
)
def test_weekends(nlp, path, text, expr, value, interval):
    _check(nlp, path, text, "2016-06-09", expr, value, interval)


# A possessive weekday names an occasion; "ahead of", "in the run-up to", "preparing for" it put it ahead.
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Campaigning ends ahead of Sunday's vote.", "2016-06-12"),
        ("Observers are preparing for Sunday's runoff.", "2016-06-12"),
        ("Ahead of Sunday's election, the president is touring the north.", "2016-06-12"),
        ("Crowds celebrated after Sunday's vote.", "2016-06-05"),
        ("The opposition rejects Sunday's result.", "2016-06-05"),
    ],
)
def test_a_possessive_weekday_ahead_of_the_story(nlp, path, text, value):
    _check(nlp, path, text, "2016-06-09", "Sunday", value)


# ----------------------------------------------------------------------------- 6. the pipeline tag_dates loads

def test_tag_dates_pipeline_loads_only_what_the_rules_read(nlp):
    """tag_texts without a pipeline loads the model without the lemmatizer, NER and attribute ruler, and
    dates a text exactly as the whole pipeline does."""
    from events.extraction import nlp as nlp_module

    lean = nlp_module.load(exclude=temporal.PIPE_EXCLUDE)
    assert set(lean.pipe_names).isdisjoint(temporal.PIPE_EXCLUDE)
    assert {"tagger", "parser"} <= set(lean.pipe_names)
    text = ("ANKARA, June 8 - The prime minister met the envoy on Tuesday evening, the day after the "
            "bombing. They meet again on Friday at noon, and elections are due in March. The May "
            "accord, which May Ling signed in November, may yet hold.")
    full = next(tag_texts([(text, D("2016-06-09"))], nlp))
    by_default = next(tag_texts([(text, D("2016-06-09"))]))
    assert [t.to_json() for t in by_default] == [t.to_json() for t in full]
    assert len(full) >= 6


def test_resolve_overnight_without_a_parse():
    t = resolve("overnight", D("2016-06-09"), tense="future")
    assert t is not None and t.value == "2016-06-09TNI"
