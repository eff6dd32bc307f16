"""The resolver on diplomatic news copy: schedules in the present tense, the narrative's day, compound
expressions and datelines. Each case is a short sentence, its publication date, the expression and the
value (and interval) it must resolve to; every case runs through tag_doc (a whole parsed text) and
through tag_texts (the batched path that parses only the sentences that need it)."""
from datetime import date

import pytest

from events.extraction.temporal import tag_doc, tag_texts

D = date.fromisoformat


def _tagged(nlp, text, dct, path):
    if path == "doc":
        return tag_doc(nlp(text), D(dct))
    return next(tag_texts([(text, D(dct))], nlp))


def _find(timexes, expr, nth=0):
    hits = [t for t in timexes if t.text == expr]
    assert len(hits) > nth, f"{expr!r} not tagged; got {[(t.text, t.value) for t in timexes]}"
    return hits[nth]


def _check(nlp, path, text, dct, expr, value, interval=None, nth=0):
    tx = _tagged(nlp, text, dct, path)
    t = _find(tx, expr, nth)
    assert t.value == value, (expr, t.value, value)
    if interval is not None:
        assert (t.earliest.isoformat(), t.latest.isoformat()) == interval
    else:
        assert t.earliest == t.latest == D(value[:10])
    assert text[t.start:t.end] == t.text
    return t


PATHS = ["doc", "texts"]

# ----------------------------------------------------------------------------- 1. the present tense of a schedule

# 2009-06-03 is a Wednesday.
SCHEDULE = [
    # body copy: a present-tense act with a weekday is a schedule, the next such day
    ("Obama flies to Cairo on Thursday, where he is scheduled to meet President Hosni Mubarak.", "Thursday",
     "2009-06-04"),
    ("On Friday he travels to Germany for talks with Chancellor Angela Merkel.", "Friday", "2009-06-05"),
    ("On Saturday he joins French President Nicolas Sarkozy in Normandy.", "Saturday", "2009-06-06"),
    ("Officials say the two leaders meet on Friday in Dresden.", "Friday", "2009-06-05"),
    ("The chancellor is hosting the president on Friday.", "Friday", "2009-06-05"),
    # a state verb with a plan in the sentence
    ("The summit is on Friday, and the leaders are expected to sign a declaration.", "Friday", "2009-06-05"),
    # a schedule runs forward within its sentence
    ("The summit opens on Monday and closes on Wednesday.", "Wednesday", "2009-06-10"),
    # the publication day stays the publication day
    ("Obama, who is in Riyadh on Wednesday, meets King Abdullah at his ranch.", "Wednesday", "2009-06-03"),
    # a headline's present reports the past
    ("Arafat and Netanyahu meet Monday\nThe two leaders met at the Erez crossing.", "Monday", "2009-06-01"),
    # a photo caption's present likewise
    ("Netanyahu meets Putin in Moscow on Monday. REUTERS/Sergei Karpukhin\nNetanyahu met Putin in the Kremlin.",
     "Monday", "2009-06-01"),
    ("Obama greets King Abdullah on Tuesday (photo credit: Reuters)\nObama arrived in Riyadh.", "Tuesday",
     "2009-06-02"),
    # a possessive date is not the verb's schedule
    ("The opposition rejects Monday's offer of talks.", "Monday", "2009-06-01"),
    # past tense: back
    ("The president arrived in Riyadh on Monday.", "Monday", "2009-06-01"),
    ("The two sides agreed Friday to resume talks.", "Friday", "2009-05-29"),
    ("Abbas met Obama in Washington on Thursday.", "Thursday", "2009-05-28"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "expr", "value"), SCHEDULE)
def test_present_tense_schedule(nlp, path, text, expr, value):
    _check(nlp, path, text, "2009-06-03", expr, value)


# ----------------------------------------------------------------------------- 2. the narrative's day

NARRATIVE = [
    # (text, publication date, expression, value, nth occurrence)
    ("SEOUL, April 27 (Yonhap) -- Moon Jae-in and Kim Jong Un met at the border on Friday. In the afternoon the two "
     "leaders planted a pine tree.", "2018-04-27", "the afternoon", "2018-04-27TAF", 0),
    ("Putin met Erdogan in Sochi on Monday. Later in the morning they spoke to reporters.", "2018-09-19",
     "the morning", "2018-09-17TMO", 0),
    ("Putin met Erdogan in Sochi on Monday. That evening they dined together.", "2018-09-19", "That evening",
     "2018-09-17TEV", 0),
    ("Obama will fly to Dresden on Saturday. Later on Saturday he visits Buchenwald.", "2009-06-03", "Saturday",
     "2009-06-06", 1),
    ("Obama will fly to Dresden on Saturday. Earlier on Saturday he tours a museum.", "2009-06-03", "Saturday",
     "2009-06-06", 1),
    # a past narrative day does not capture a present-tense weekday: that is the publication day
    ("The talks opened on March 15. On Sunday, police are searching the area.", "1998-03-22", "Sunday",
     "1998-03-22", 0),
    # a state verb would read the weekday back; "later on" keeps the narrative's day
    ("Obama will fly to Dresden on Saturday. Later on Saturday he is in Weimar.", "2009-06-03", "Saturday",
     "2009-06-06", 1),
    ("The king received Obama at his farm on Tuesday. Later that day the two men dined.", "2009-06-03",
     "Later that day", "2009-06-02", 0),
    ("The king received Obama at his farm on Tuesday. The following morning Obama left for Cairo.", "2009-06-03",
     "The following morning", "2009-06-03TMO", 0),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "dct", "expr", "value", "nth"), NARRATIVE)
def test_narrative_day(nlp, path, text, dct, expr, value, nth):
    _check(nlp, path, text, dct, expr, value, nth=nth)


# ----------------------------------------------------------------------------- 3. compound expressions

# 2010-04-08 is a Thursday.
COMPOUND = [
    ("Next week Obama hosts 47 leaders in Washington for a summit on Monday and Tuesday.", "Monday", "2010-04-12",
     None),
    ("Next week Obama hosts 47 leaders in Washington for a summit on Monday and Tuesday.", "Tuesday", "2010-04-13",
     None),
    ("Next week the leaders are in Washington for a summit on Monday and Tuesday.", "Monday", "2010-04-12", None),
    ("Last week the ministers met in Geneva on Monday and again on Friday.", "Friday", "2010-04-02", None),
    # a weekday of the report, not of the week: left to its own tense
    ("The summit is next week, officials said on Monday.", "Monday", "2010-04-05", None),
    ("The summit will be held on October 2-3 in Rome.", "October 2-3", "2010-10-02", ("2010-10-02", "2010-10-03")),
    ("The talks are set for November 1-2.", "November 1-2", "2010-11-01", ("2010-11-01", "2010-11-02")),
    ("The conference met March 20–22 in Geneva.", "March 20–22", "2010-03-20", ("2010-03-20", "2010-03-22")),
    ("The forum runs April 30-May 2 in Astana.", "April 30-May 2", "2010-04-30", ("2010-04-30", "2010-05-02")),
    ("The forum runs 30 April – 2 May in Astana.", "30 April – 2 May", "2010-04-30", ("2010-04-30", "2010-05-02")),
    ("He will visit Beijing in mid-January.", "mid-January", "2011-01", ("2011-01-11", "2011-01-21")),
    ("A decision is due later this month.", "later this month", "2010-04", ("2010-04-08", "2010-04-30")),
    ("The ministers met earlier this month.", "earlier this month", "2010-04", ("2010-04-01", "2010-04-08")),
    ("The treaty goes to the Senate at the end of the month.", "the end of the month", "2010-04",
     ("2010-04-21", "2010-04-30")),
    ("He will travel to Moscow this autumn.", "this autumn", "2010-FA", ("2010-09-01", "2010-11-30")),
    ("The two presidents last met in Geneva last September.", "last September", "2009-09",
     ("2009-09-01", "2009-09-30")),
    ("Talks resume in the middle of next month.", "the middle of next month", "2010-05", ("2010-05-11", "2010-05-21")),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "expr", "value", "interval"), COMPOUND)
def test_compound_expressions(nlp, path, text, expr, value, interval):
    _check(nlp, path, text, "2010-04-08", expr, value, interval)


@pytest.mark.parametrize("path", PATHS)
def test_the_year_after_a_year_is_that_year(nlp, path):
    _check(nlp, path, "The leaders planted a pine tree dating from 1953, the year the armistice was signed.",
           "2018-04-27", "the year", "1953", ("1953-01-01", "1953-12-31"))


def test_to_between_months_stays_two_dates(nlp):
    """TimeML tags "Aug. 26 to Oct. 20" as two dates; only a dash joins months into one range."""
    tx = tag_doc(nlp("The offer ran from Aug. 26 to Oct. 20."), D("1989-10-30"))
    assert [(t.text, t.value) for t in tx] == [("Aug. 26", "1989-08-26"), ("Oct. 20", "1989-10-20")]


# ----------------------------------------------------------------------------- 4. datelines

DATELINES = [
    ("SEOUL, April 27 (Yonhap) -- South Korean President Moon Jae-in met Kim Jong Un.", "2018-04-27", "April 27",
     "2018-04-27"),
    ("NEW DELHI, Jan. 26 (Reuters) - India hosted ten ASEAN leaders at its Republic Day parade.", "2018-01-26",
     "Jan. 26", "2018-01-26"),
    ("BRATISLAVA, Slovakia, Feb 24 (Reuters) - Bush and Putin held talks on Thursday.", "2005-02-24", "Feb 24",
     "2005-02-24"),
    ("BEIJING, 14 April (Xinhua) -- Xi Jinping held talks with Lula.", "2023-04-14", "14 April", "2023-04-14"),
    ("WASHINGTON, March 3 (AP) -- The president met the king.", "2018-03-03", "March 3", "2018-03-03"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "dct", "expr", "value"), DATELINES)
def test_dateline_is_the_publication_day(nlp, path, text, dct, expr, value):
    t = _check(nlp, path, text, dct, expr, value)
    assert t.start == text.index(expr)


@pytest.mark.parametrize("path", PATHS)
def test_dateline_without_a_date(nlp, path):
    text = "MOSCOW (Reuters) - Vladimir Putin and Recep Tayyip Erdogan met in Sochi on Monday."
    tx = _tagged(nlp, text, "2018-09-17", path)
    assert [(t.text, t.value, t.start) for t in tx] == [("Monday", "2018-09-17", text.index("Monday"))]


@pytest.mark.parametrize(
    "sentence, published, value",
    [
        ("Netanyahu last visited Paris in July.", date(2018, 6, 6), "2017-07"),
        ("He will visit Paris in July.", date(2018, 6, 6), "2018-07"),
        ("The talks were held in May.", date(2018, 6, 6), "2018-05"),
        ("They warned of a cutback in its oil supply in September.", date(1990, 8, 16), "1990-09"),
    ],
)
def test_a_bare_month_follows_the_verb_that_governs_it(nlp, sentence, published, value):
    (timex,) = [t for t in tag_doc(nlp(sentence), published) if t.is_date]
    assert timex.value == value


def test_a_weekday_after_a_new_clause_is_not_read_inside_the_week_named_before(nlp):
    text = ("Preparations moved ahead last week, when the two foreign ministers met in Reykjavik, "
            "and on Monday the national security advisers held talks in Geneva.")
    monday = [t for t in tag_doc(nlp(text), date(2021, 5, 25)) if t.text == "Monday"]
    assert [t.value for t in monday] == ["2021-05-24"]


@pytest.mark.parametrize(
    "sentence, expr, type_, value",
    [
        # a length counted from the story's day to a point ahead, in a clause about the future
        ("The law will be passed in time for a summit in two weeks, an aide said on Tuesday.", "two weeks", "DATE",
         "1997-W17"),
        ("The envoy will return to Cairo in ten days.", "ten days", "DATE", "1997-04-18"),
        # a length over which something happened, or a deadline, stays a length
        ("Exports rose sharply in two years.", "two years", "DURATION", "P2Y"),
        ("The panel will report within a year.", "a year", "DURATION", "P1Y"),
        ("It will be the first visit by a Chinese president to the island in ten years.", "ten years", "DURATION",
         "P10Y"),
    ],
)
def test_in_a_length_ahead_is_a_date_only_for_the_future(nlp, sentence, expr, type_, value):
    (timex,) = [t for t in tag_doc(nlp(sentence), date(1997, 4, 8)) if t.text == expr]
    assert (timex.type, timex.value) == (type_, value)


@pytest.mark.parametrize("path", PATHS)
def test_a_date_in_a_relative_clause_does_not_move_the_narrative_day(nlp, path):
    # 2015-10-20 is a Tuesday; "who landed on Monday evening" is background, the afternoon is the story's day
    text = ("The president, who landed at Heathrow on Monday evening, rode with the Queen to the palace. "
            "In the afternoon he addressed Parliament.")
    _check(nlp, path, text, "2015-10-20", "the afternoon", "2015-10-20TAF")
    # a date in the main clause still sets it
    text = "The president landed at Heathrow on Monday. In the afternoon he met the mayor."
    _check(nlp, path, text, "2015-10-20", "the afternoon", "2015-10-19TAF")
