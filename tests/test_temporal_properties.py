"""Properties of the resolver for any text and publication date (hypothesis)."""
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.extraction.temporal import NEAR_DAYS, resolve, tag_doc, tag_text

WORDS = [
    "on", "Monday", "Tuesday", "Friday", "Sunday", "last", "next", "this", "week", "month", "year", "quarter",
    "the", "third", "ago", "a", "two", "over", "about", "nearly", "more", "than", "years", "days", "early", "late",
    "mid-", "May", "March", "may", "march", "October", "3", "31", "2-3", ",", "1998", "'98", "1990s", "summer",
    "fiscal", "now", "recently", "future", "past", "yesterday", "tomorrow", "today", "morning", "evening", "next",
    "day", "following", "previous", "that", "earlier", "later", "every", "weekly", "for", "since", "10%", "We",
    "sat", "one", "of", "five", "met", "will", "meet", "said", "-", ".", "\n", "p.m.", "noon", "century", "20th",
]
texts = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join) | st.text(max_size=60)
dcts = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
news_dcts = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
tenses = st.sampled_from([None, "past", "present", "future"])
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(timexes, text):
    for t in timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        if t.earliest is not None and t.latest is not None:
            assert t.earliest <= t.latest, t
        assert t.value


@FAST
@given(texts, dcts, tenses)
def test_resolve_never_raises_and_intervals_are_ordered(text, dct, tense):
    t = resolve(text, dct, tense)
    if t is not None:
        check([t], text)


@FAST
@given(texts, dcts, tenses)
def test_same_input_same_output(text, dct, tense):
    assert tag_text(text, dct, tense) == tag_text(text, dct, tense)


@FAST
@given(texts, news_dcts)
def test_timexes_do_not_overlap_and_come_in_text_order(text, dct):
    out = tag_text(text, dct)
    check(out, text)
    for a, b in zip(out, out[1:], strict=False):
        assert a.end <= b.start


@FAST
@given(st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]), news_dcts)
def test_weekday_direction_follows_tense(weekday, dct):
    past = resolve(f"on {weekday}", dct, "past")
    future = resolve(f"on {weekday}", dct, "future")
    assert dct - timedelta(days=6) <= past.earliest <= dct
    assert dct <= future.earliest <= dct + timedelta(days=6)
    assert past.earliest.strftime("%A") == weekday == future.earliest.strftime("%A")
    if dct.strftime("%A") == weekday:  # a weekday that falls on the publication day is that day
        assert past.earliest == future.earliest == dct


@FAST
@given(st.integers(1, 12), st.integers(1, 28), news_dcts)
def test_month_day_direction_follows_tense(month, day, dct):
    name = date(2000, month, 1).strftime("%B")
    past = resolve(f"{name} {day}", dct, "past")
    future = resolve(f"{name} {day}", dct, "future")
    assert (past.earliest.month, past.earliest.day) == (month, day) == (future.earliest.month, future.earliest.day)
    assert abs((dct - past.earliest).days) < 366 and abs((future.earliest - dct).days) < 366
    # a month-day close to the publication date is that one whatever the tense; otherwise the tense decides
    if abs((past.earliest - dct).days) <= NEAR_DAYS:
        assert past == future
    else:
        assert past.earliest < dct < future.earliest


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts, news_dcts)
def test_tag_doc_on_parsed_text(nlp, text, dct):
    out = tag_doc(nlp(text), dct)
    check(out, text)
    assert out == tag_doc(nlp(text), dct)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(texts, news_dcts), max_size=4))
def test_batched_path_never_raises(nlp, items):
    from events.extraction.temporal import tag_texts

    out = list(tag_texts(items, nlp=nlp, batch_size=2))
    assert len(out) == len(items)
    for (text, _), timexes in zip(items, out, strict=True):
        check(timexes, text)
