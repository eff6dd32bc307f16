"""The temporal tagger/resolver: finding expressions, resolving them with tense and narrative context."""
from datetime import date

import pytest

from events.extraction import temporal
from events.extraction.temporal import resolve, tag_doc, tag_texts

D = date.fromisoformat


def tag(nlp, text, dct):
    return tag_doc(nlp(text), D(dct))


def find(timexes, text, nth=0):
    hits = [t for t in timexes if t.text == text]
    assert len(hits) > nth, f"{text!r} not tagged; got {[t.text for t in timexes]}"
    return hits[nth]


def interval(t):
    return (t.earliest.isoformat() if t.earliest else None, t.latest.isoformat() if t.latest else None)


# ----------------------------------------------------------------------------- the seed article

@pytest.mark.shared
def test_seed_dates(nlp, seed_text):
    tx = tag_doc(nlp(seed_text), D("2016-06-07"))
    by_context = {}
    for t in tx:
        by_context.setdefault(t.text, []).append(t)
    late = find(tx, "late Tuesday afternoon")
    assert interval(late) == ("2016-06-07", "2016-06-07") and late.type == "TIME"
    assert find(tx, "Monday").value == "2016-06-06"
    assert find(tx, "Thursday").value == "2016-06-02"
    assert find(tx, "Wednesday").value == "2016-06-08"
    assert find(tx, "Friday").value == "2016-06-03"
    ago = find(tx, "over a decade ago")
    assert ago.value == "PAST_REF" and interval(ago) == (None, "2006-06-07") and ago.approximate
    over = find(tx, "over two years")
    assert over.type == "DURATION" and over.value == "P2Y"
    marking = [t for t in tx if t.text == "25 years"]
    assert marking and all(t.type == "DURATION" and t.value == "P25Y" for t in marking)
    texts = {t.text.lower() for t in tx}
    assert not texts & {"sat", "we", "one of five", "may"}
    # offsets point into the text
    assert all(seed_text[t.start:t.end] == t.text for t in tx)


def test_seed_sentences_without_the_file(nlp):
    text = ("Netanyahu and Putin held a meeting at the Kremlin late Tuesday afternoon. Lavrov said in Moscow on "
            "Monday that Soini had just met with Netanyahu in Jerusalem on Thursday. Lavrov will be meeting on "
            "Wednesday with al-Malki. The French attempted to fill America's shoes on Friday in Paris. Russia had "
            "wanted to host a conference over a decade ago. Talks have been frozen for over two years.")
    tx = tag(nlp, text, "2016-06-07")
    assert [(t.text, t.value) for t in tx if t.type in ("DATE", "TIME")] == [
        ("late Tuesday afternoon", "2016-06-07TAF"), ("Monday", "2016-06-06"), ("Thursday", "2016-06-02"),
        ("Wednesday", "2016-06-08"), ("Friday", "2016-06-03"), ("over a decade ago", "PAST_REF"),
    ]
    assert find(tx, "over two years").type == "DURATION"


# ----------------------------------------------------------------------------- event dates from the dev articles

def test_weekday_on_sunday_report(nlp):
    tx = tag(nlp, "Xi's first state visit to the United States culminated in Washington Friday, with policies "
                  "clarified. Obama paid a state visit to China in November 2014.", "2015-09-27")
    assert find(tx, "Friday").value == "2015-09-25"
    nov = find(tx, "November 2014")
    assert nov.value == "2014-11" and interval(nov) == ("2014-11-01", "2014-11-30") and nov.granularity == "month"


def test_future_plans_in_a_tuesday_report(nlp):
    text = ("South Korean Foreign Minister Yun Byung-se will travel to Washington next week for consultations in "
            "the run-up to a visit here by President Park Geun-hye in May, an informed source said Monday.\n"
            "\"Minister Yun is scheduled to visit Washington in the first week of April,\" the source said.\n"
            "Yun will meet with Kerry to discuss the first summit talks between Park and Obama in early May.\n"
            "Kerry plans to visit Seoul next month.\n"
            "About a week ago, Kerry called Yun to congratulate him.")
    tx = tag(nlp, text, "2013-03-26")
    nw = find(tx, "next week")
    assert nw.value == "2013-W14" and interval(nw) == ("2013-04-01", "2013-04-07") and nw.granularity == "week"
    assert find(tx, "May").value == "2013-05"
    early = find(tx, "early May")
    assert early.value == "2013-05" and interval(early) == ("2013-05-01", "2013-05-10")
    assert find(tx, "next month").value == "2013-04"
    assert interval(find(tx, "the first week of April")) == ("2013-04-01", "2013-04-07")
    ago = find(tx, "About a week ago")
    assert ago.value == "2013-W12" and ago.approximate
    assert ago.earliest <= D("2013-03-19") <= ago.latest
    assert D("2013-03-14") <= ago.earliest and ago.latest <= D("2013-03-23")
    assert find(tx, "Monday").value == "2013-03-25"


def test_future_plans_in_a_thursday_report(nlp):
    text = ("Kerry will travel to Japan next week for a security meeting, the State Department said on Thursday.\n"
            "He will attend the Security Consultative Committee meeting in Tokyo on October 2-3.\n"
            "The leaders met on security in June 2011 in Washington, and next month's meeting is another "
            "opportunity.\nKerry will meet with officials starting on October 4 before concluding his trip on "
            "October 7.")
    tx = tag(nlp, text, "2013-09-26")
    nw = find(tx, "next week")
    assert nw.value == "2013-W40" and interval(nw) == ("2013-09-30", "2013-10-06")
    assert find(tx, "Thursday").value == "2013-09-26"
    rng = [t for t in tx if "October 2" in t.text]
    assert len(rng) == 1 and rng[0].text == "October 2-3"
    assert rng[0].value == "2013-10-02" and interval(rng[0]) == ("2013-10-02", "2013-10-03")
    assert find(tx, "October 4").value == "2013-10-04"
    assert find(tx, "October 7").value == "2013-10-07"
    assert find(tx, "June 2011").value == "2011-06"
    nm = find(tx, "next month")
    assert nm.value == "2013-10" and nm.end == text.index("next month's") + len("next month")


def test_same_day_weekday_and_dateline(nlp):
    text = ("CAIRO – 28 October 2022: Egypt's Foreign Minister Sameh Shoukry arrived on Friday in Algeria to attend "
            "a preparatory meeting for the 31st Summit of the Arab League, set for November 1-2 in Algeria.\n"
            "It is the first summit for the Arab League after a two-year hiatus.\n"
            "Arab League Secretary General Ahmed Abul Gheit arrived on Thursday in Algeria.")
    tx = tag(nlp, text, "2022-10-28")
    assert find(tx, "28 October 2022").value == "2022-10-28"
    assert find(tx, "Friday").value == "2022-10-28"
    assert find(tx, "Thursday").value == "2022-10-27"
    summit = find(tx, "November 1-2")
    assert interval(summit) == ("2022-11-01", "2022-11-02")
    assert find(tx, "two-year").type == "DURATION"


# ----------------------------------------------------------------------------- context and conventions

@pytest.mark.parametrize("sentence,value", [
    ("The ministers will meet on Wednesday.", "2016-06-08"),
    ("The ministers met on Wednesday.", "2016-06-01"),
    ("The ministers met on Tuesday.", "2016-06-07"),
    ("The ministers have met on Saturday.", "2016-06-04"),
    ("The ministers are to meet on Saturday.", "2016-06-11"),
    ("The talks, set for Friday, were announced.", "2016-06-10"),
])
def test_weekday_direction_follows_tense(nlp, sentence, value):
    tx = tag(nlp, sentence, "2016-06-07")
    assert [t.value for t in tx] == [value]


def test_bare_month_year_follows_tense_and_distance(nlp):
    assert find(tag(nlp, "The property was worth more in October.", "1998-01-08"), "October").value == "1997-10"
    assert find(tag(nlp, "The summit will be held in March.", "2016-06-07"), "March").value == "2017-03"
    assert find(tag(nlp, "The summit was held in March.", "2016-06-07"), "March").value == "2016-03"
    assert find(tag(nlp, "The treaty was signed on March 3.", "2016-06-07"), "March 3").value == "2016-03-03"
    assert find(tag(nlp, "The treaty will be signed on March 3.", "2016-06-07"), "March 3").value == "2017-03-03"


def test_false_friends_are_not_dates(nlp):
    tx = tag(nlp, "We may march on. They sat down with one of five envoys. Prices rose 10% in a May 2015 poll. "
                  "Monday's meeting was short.", "2016-06-07")
    assert [t.text for t in tx] == ["May 2015", "Monday"]


def test_narrative_chaining(nlp):
    text = ("The envoy arrived in Paris on March 3, 2015. The next day he met the minister. That evening he left. "
            "The previous Friday he had been in Rome.")
    tx = tag(nlp, text, "2016-06-07")
    assert find(tx, "March 3, 2015").value == "2015-03-03"
    assert find(tx, "The next day").value == "2015-03-04"
    assert find(tx, "That evening").value == "2015-03-04TEV"
    assert find(tx, "The previous Friday").value == "2015-02-27"


@pytest.mark.parametrize("expr,dct,value,gran", [
    ("now", "1998-01-08", "PRESENT_REF", "open"),
    ("recently", "1998-01-08", "PAST_REF", "open"),
    ("the future", "1998-01-08", "FUTURE_REF", "open"),
    ("the 1990s", "2001-05-01", "199", "decade"),
    ("the third quarter", "1998-10-20", "1998-Q3", "quarter"),
    ("third-quarter", "1998-10-20", "1998-Q3", "quarter"),
    ("last week", "1998-02-10", "1998-W06", "week"),
    ("this summer", "1998-04-01", "1998-SU", "season"),
    ("mid-2015", "2016-01-01", "2015", "year"),
    ("early next year", "2016-06-07", "2017", "year"),
    ("fiscal 1989", "1989-10-01", "1989", "year"),
    ("the 20th century", "1998-01-01", "19", "century"),
    ("yesterday", "1998-01-08", "1998-01-07", "day"),
    ("this morning", "1998-01-08", "1998-01-08TMO", "day"),
    ("last year", "1998-01-08", "1997", "year"),
    ("two years ago", "1998-01-08", "1996", "year"),
    ("five months ago", "1998-03-01", "1997-10", "month"),
    ("the first half of 1990", "1998-03-01", "1990-H1", "half"),
])
def test_timeml_conventions(expr, dct, value, gran):
    t = resolve(expr, D(dct))
    assert t is not None and t.value == value and t.granularity == gran
    assert t.start == 0 and t.end == len(expr)


def test_quarter_context_makes_a_year_ago_a_quarter(nlp):
    tx = tag(nlp, "Net income in the third quarter rose 5%, compared with $2 million a year ago.", "1989-10-30")
    assert find(tx, "the third quarter").value == "1989-Q3"
    assert find(tx, "a year ago").value == "1988-Q3"


def test_approximate_and_open_intervals():
    more = resolve("more than two years ago", D("2016-06-07"))
    assert more.earliest is None and more.latest == D("2014-06-07") and more.approximate
    nearly = resolve("nearly 25 years", D("2016-06-07"))
    assert nearly.type == "DURATION" and nearly.value == "P25Y" and nearly.approximate
    early = resolve("early May", D("2013-03-26"), "future")
    assert early.mod == "START" and interval(early) == ("2013-05-01", "2013-05-10")


def test_durations_and_sets_are_typed():
    assert resolve("for over two years", D("2016-06-07")).type == "DURATION"
    assert resolve("every year", D("2016-06-07")).type == "SET"
    w = resolve("weekly", D("2016-06-07"))
    assert w.type == "SET" and w.value == "P1W"


def test_resolve_tense_hint():
    assert resolve("on Friday", D("2016-06-07"), "past").value == "2016-06-03"
    assert resolve("on Friday", D("2016-06-07"), "future").value == "2016-06-10"
    assert resolve("nothing temporal", D("2016-06-07")) is None
    with pytest.raises(ValueError):
        resolve("Friday", D("2016-06-07"), "someday")


def test_tag_texts_batches_in_order(nlp):
    items = [("He met her on Monday.", D("2016-06-07")), ("No dates here.", D("2016-06-07")),
             ("They will talk on Monday.", D("2016-06-07"))]
    out = list(tag_texts(items, nlp=nlp, batch_size=2))
    assert [[t.value for t in x] for x in out] == [["2016-06-06"], [], ["2016-06-13"]]


def test_no_django_imported_by_the_temporal_modules():
    import pathlib
    import re

    src = pathlib.Path(temporal.__file__).parent
    for p in src.glob("temporal*.py"):
        assert not re.search(r"^\s*(?:import|from)\s+django", p.read_text(encoding="utf-8"), re.M), p


@pytest.mark.shared
def test_batched_path_agrees_with_tag_doc_on_the_seed(nlp, seed_text):
    """tag_texts parses only the sentences that need it; on the seed it reads every date as tag_doc does."""
    [batched] = list(tag_texts([(seed_text, D("2016-06-07"))]))
    whole = tag_doc(nlp(seed_text), D("2016-06-07"))
    assert [(t.start, t.end, t.value) for t in batched] == [(t.start, t.end, t.value) for t in whole]


def test_sentence_chunks_do_not_split_abbreviations():
    text = "The offer expires Nov. 6 at 5 p.m. EST. Mr. Bush met U.S. officials Friday.\nA new line! Yes."
    pieces = [text[a:b] for a, b in temporal._chunks(text)]
    assert pieces == ["The offer expires Nov. 6 at 5 p.m. EST.", "Mr. Bush met U.S. officials Friday.",
                      "A new line!", "Yes."]


@pytest.mark.parametrize("expr,tense,value", [
    ("Christmas", "past", "1997-12-25"),
    ("Christmas", "future", "1998-12-25"),
    ("last Thanksgiving", None, "1997-11-27"),
    ("Easter 1998", None, "1998-04-12"),
    ("Labor Day", "future", "1998-09-07"),
    ("this coming Sunday, March eighth", None, "1998-03-08"),
])
def test_holidays_and_spelled_days(expr, tense, value):
    t = resolve(expr, D("1998-03-05"), tense)
    assert t.value == value and t.text == expr


def test_reporting_quarter_conventions(nlp):
    text = ("Jayark had a loss in the quarter ended July 31. The company's third-quarter net rose. "
            "In the year-ago quarter it earned $1 million. For the nine months, net fell from $2 million a year "
            "earlier. The transaction should close by year-end.")
    tx = tag(nlp, text, "1989-10-30")
    assert find(tx, "the quarter").value == "1989-Q2"  # the three months up to July 31
    assert find(tx, "third-quarter").value == "1989-Q3"
    assert find(tx, "the year-ago quarter").value == "1988-Q3"
    assert find(tx, "the nine months").type == "DURATION"
    assert find(tx, "a year\nearlier".replace("\n", " ")).value == "1988"  # the nine months, not the quarter
    ye = find(tx, "year-end")
    assert ye.value == "1989" and ye.latest == D("1989-12-31") and ye.mod == "END"


def test_deadlines_after_a_past_tense_verb_stay_ahead(nlp):
    tx = tag(nlp, "The company extended its offer to Nov. 20 and set Dec. 7 as the record date, effective Feb. 1.",
             "1989-10-26")
    assert [t.value for t in tx] == ["1989-11-20", "1989-12-07", "1990-02-01"]


def test_names_that_look_like_dates(nlp):
    text = ('Baker said on ABC\'s "This Week" that the talks in USA Today were real. The Sunday Times reported '
            "that Jan Egeland met them. Jan said nothing. This week, he left.")
    tx = tag(nlp, text, "1990-08-13")
    assert [t.text for t in tx] == ["This week"]
    assert tx[0].value == "1990-W33"


def test_year_ranges_24h_clock_every_n_and_names(nlp):
    tx = tag(nlp, "He served in 2015-2016. The truce, agreed at 10:00 GMT on Saturday, held. They meet every two "
                  "weeks. Prime Minister May met Theresa May in May.", "2016-06-07")
    got = [(t.text, t.type, t.value) for t in tx]
    assert got == [("2015-2016", "DATE", "2015"), ("10:00 GMT on Saturday", "TIME", "2016-06-04T10:00"),
                   ("every two weeks", "SET", "P2W"), ("May", "DATE", "2016-05")]
    assert tx[0].latest == D("2016-12-31")


@pytest.mark.parametrize(
    "expression, value, earliest, latest",
    [
        ("7 juin 2016", "2016-06-07", date(2016, 6, 7), date(2016, 6, 7)),
        ("juin 2016", "2016-06", date(2016, 6, 1), date(2016, 6, 30)),
        ("07.06.2016", "2016-06-07", date(2016, 6, 7), date(2016, 6, 7)),
        ("2016年6月7日", "2016-06-07", date(2016, 6, 7), date(2016, 6, 7)),
        ("7 de junio de 2016", "2016-06-07", date(2016, 6, 7), date(2016, 6, 7)),
    ],
)
def test_resolve_reads_explicit_dates_in_other_languages_and_formats(expression, value, earliest, latest):
    t = temporal.resolve(expression, date(2016, 6, 7))
    assert (t.text, t.value, t.earliest, t.latest) == (expression, value, earliest, latest)


@pytest.mark.parametrize("expression", ["sat", "We", "10%", "one of five", "may"])
def test_resolve_does_not_take_false_friends_for_dates(expression):
    assert temporal.resolve(expression, date(2016, 6, 7)) is None
