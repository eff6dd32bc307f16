"""Temporal expressions: find them in text and resolve them against the publication date.

`tag_doc(doc, dct)` finds every temporal expression of a parsed spaCy Doc (patterns in
`temporal_patterns`, no NER needed), resolves each one into a TIMEX3 value and an interval
(earliest, latest) with a granularity, and reads the context: the tense of the governing verb decides
whether a weekday, a bare month or a month-day without a year lies before or after the publication
date ("met on Thursday" back, "will meet on Wednesday" forward, "arrived on Friday" in a Friday
report is that day), and anaphoric expressions ("the next day", "that evening", "the previous
Friday", "a year earlier") chain from the last date resolved in the narrative.

News copy states schedules in the present: in body text (not a headline or photo caption) a present-tense
act governing a weekday, a month-day or a month ("Obama flies to Cairo on Thursday", "On Friday he
travels to Germany"), or a present in a sentence that announces a plan ("is scheduled to", "will"),
reads forward; "says Monday", a state verb ("is in Riyadh on Wednesday") and a headline's present
("Arafat and Netanyahu meet Monday") do not. A bare weekday inside a week just named in its sentence
is that week's ("Next week ... on Monday and Tuesday"); "later on Saturday" keeps the narrative's day.

`tag_texts` is the batched path (nlp.pipe); `resolve` handles one expression without a parse.
"""
from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from . import temporal_calendar as cal
from .temporal_calendar import Span
from .temporal_lexicon import (
    APPROX,
    DECADE_WORDS,
    MONTH,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    UNIT_CODES,
    WEEKDAY,
    WEEKDAYS,
    day_number,
    number,
    spelled_year,
)
from .temporal_patterns import PATTERNS, PRIORITY
from .types import Timex

QUARTER_CONTEXT_CHARS = 600  # "a year ago" right after a quarter is mentioned means that quarter, a year back
NEAR_DAYS = 90  # a month-day this close to the publication date is taken whatever the tense
NEAR_MONTH_DAYS = 31  # a bare month next to the current one, unless a past verb governs it directly
# Tense needs the tagger's fine tags and the parser, the patterns nothing else: the lemmatizer, the NER and the
# attribute ruler (coarse POS and morphology, which no rule here reads; its matcher cost a fifth of the
# parse time) are not loaded.
PIPE_EXCLUDE = ("lemmatizer", "ner", "attribute_ruler")
FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
MODALS = {"would", "could", "should", "might", "may", "must", "can", "ca", "'d"}
REPORTING = {"says", "say", "tells", "tell", "reports", "report", "announces", "announce", "confirms", "confirm",
             "adds", "add", "notes", "note", "insists", "insist", "claims", "claim", "denies", "deny", "admits",
             "admit", "believes", "believe", "thinks", "think", "writes", "write", "acknowledges", "acknowledge",
             "argues", "argue", "warns", "warn", "suggests", "suggest", "estimates", "estimate", "shows", "show"}
# Present-tense verbs that describe a state rather than an act: "is in Riyadh on Wednesday" says nothing about
# whether the day is ahead; "flies to Cairo on Thursday" in body copy is a schedule (the day ahead).
STATIVE = {"is", "are", "am", "'s", "'re", "'m", "be", "has", "have", "'ve", "seems", "seem", "remains", "remain",
           "appears", "appear", "knows", "know", "needs", "need", "likes", "like", "belongs", "belong", "contains",
           "contain", "costs", "cost", "means", "mean", "owns", "own", "lies", "lie", "stands", "stand", "looks",
           "look", "feels", "feel", "follows", "follow", "marks", "mark", "comes", "come", "does", "do", "represents",
           "represent", "includes", "include", "lacks", "lack", "holds", "hold", "sounds", "sound", "continues",
           "continue", "wants", "want", "hopes", "hope", "expects", "expect", "fears", "fear"}
SAME_AS_PAST = {"hurt", "put", "set", "cut", "hit", "let", "cost", "shut", "spread", "quit", "bid", "cast", "beat",
                "split", "burst", "upset", "broadcast", "forecast", "read", "bet", "shed", "rid", "thrust"}
CAPTION = re.compile(r"\(?\b(?:photo|picture|image)\b.{0,20}\b(?:credit|courtesy)\b|\bfile photo\b|\(\s*AP Photo\b"
                     r"|\bREUTERS/|\bAFP PHOTO\b|^\(?credit:", re.I)
SCHEDULE_CUE = re.compile(r"(?i)\b(?:(?:is|are|'s|'re)\s+(?:(?:scheduled|due|expected|set|slated|to|going)\b)"
                          r"|will\b|'ll\b|shall\b|plans?\s+to\b|intends?\s+to\b)")
FUTURE_GOVERNORS = {"plan", "expect", "schedule", "set", "due", "hope", "intend", "prepare", "aim", "want",
                    "going", "slate", "propose", "agree", "decide", "expected", "scheduled", "planned", "slated",
                    "plans", "expects", "hopes", "intends", "aims", "wants", "prepares", "proposes", "agreed",
                    "decided", "promised", "pledged", "vowed", "threatened", "invited", "asked", "urged", "told",
                    "hoped", "wanted", "intended", "prepared", "proposed", "offered", "sought"}


@dataclass
class _Res:
    type: str
    span: Span
    approximate: bool = False
    mod: str | None = None
    value: str | None = None  # overrides span.value (e.g. a time of day appended)
    anchor: bool = True  # may later expressions chain from it?


FUTURE_CUE = re.compile(r"(?:\buntil|\btill|\beffective|\bstarting|\bbeginning|\bahead\s+of"
                        r"|\bdue|\bpayable|\bexpires?|\bscheduled\s+for|\bset\s+for|\bslated\s+for|\bplanned\s+for)"
                        r"(?:\s+(?:on|in|at))?\s+(?:the\s+)?$", re.I)
PAST_CUE = re.compile(r"(?:\bsince|\bas\s+of)(?:\s+(?:on|in|at))?\s+(?:the\s+)?$", re.I)


AHEAD_OF = re.compile(r"(?i)\b(?:ahead\s+of|in\s+the\s+run-?up\s+to|in\s+advance\s+of|(?:prepar\w*|ready|set)\s+for)\s+$")


def _cue(prev: str) -> str | None:
    """A preposition right before the expression that fixes its direction ("until", "effective", "since")."""
    if FUTURE_CUE.search(prev):
        return "future"
    if PAST_CUE.search(prev):
        return "past"
    return None


SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[^\sa-z])")  # a full stop and the capital after it


class _Ctx:
    """Per-document state: publication date, narrative anchor, tense lookup."""

    def __init__(self, dct: date, tense_of: Callable[[int, int], str | None] | None = None,
                 default_tense: str | None = None):
        self.dct = dct
        self.ref_day: date = dct
        self.ref_day_at = -1  # where the expression that set ref_day ends
        self.ref_span: Span | None = None
        self.last_quarter: Span | None = None
        self.last_quarter_at = -10**9  # where it was mentioned
        self.tense_of = tense_of
        self.default_tense = default_tense
        self.start = self.end = 0
        self._tense: str | None = None
        self._tense_done = False
        self.prev_text = ""  # a few characters before and after the expression being resolved
        self.follow_text = ""
        self.text = ""  # the whole text (set by _resolve_all)
        self.week_ctx: tuple[Span, int, str] | None = None  # "next week ... on Monday": the week, where, direction
        self.weekdays: dict[int, date] = {}  # a bare weekday -> the day it was first read as

    def recent_quarter(self, within: int = QUARTER_CONTEXT_CHARS) -> Span | None:
        """The quarter the text spoke of last, if it did so shortly before."""
        if self.last_quarter is not None and self.start - self.last_quarter_at <= within:
            return self.last_quarter
        return None

    def set_quarter(self, span: Span) -> None:
        self.last_quarter = span
        self.last_quarter_at = self.end

    def at(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self._tense_done = False

    def _raw_tense(self) -> str | None:
        if not self._tense_done:
            t = self.tense_of(self.start, self.end) if self.tense_of else None
            self._tense = t or self.default_tense
            self._tense_done = True
        return self._tense

    def tense(self, cues: bool = False) -> str | None:
        """Tense of the governing verb; with `cues`, a preposition before the expression wins."""
        if cues:
            cue = _cue(self.prev_text)
            if cue:
                return cue
        t = self._raw_tense()
        return "present" if t == "schedule" else t

    def day_tense(self, cues: bool = False) -> str | None:
        """Tense for a day (a weekday, a month-day, a month, the weekend): in body copy (not a headline), a present-tense act ("flies to Cairo on
        Thursday", "On Friday he travels to Germany") or a present in a sentence that announces a plan
        ("is scheduled to", "will") is a schedule, the next such day. A headline's present ("Arafat and
        Netanyahu meet Monday") reports the past, as does "says"."""
        if cues:
            cue = _cue(self.prev_text)
            if cue:
                return cue
        t = self._raw_tense()
        possessive = re.match(r"['’]s\b", self.follow_text)
        if possessive and t != "past" and AHEAD_OF.search(self.prev_text):
            return "future"  # "campaigning ends ahead of Sunday's vote": the occasion is still to come
        if t not in ("schedule", "present") or self.in_headline() or possessive:
            # "rejects Friday's offer": a possessive date names a known occasion, not the verb's schedule
            return "present" if t == "schedule" else t
        if t == "schedule" or SCHEDULE_CUE.search(self.sentence()):
            return "future"
        return t

    def _line(self) -> tuple[int, int]:
        a = self.text.rfind("\n", 0, self.start) + 1
        b = self.text.find("\n", self.end)
        return a, len(self.text) if b < 0 else b

    def in_headline(self) -> bool:
        """A title line (short, and no full stop or other sentence end at its end) or a photo caption."""
        a, b = self._line()
        line = self.text[a:b].strip()
        if CAPTION.search(line):
            return True
        return bool(line) and line[-1] not in ".!?\"'”’)…:;" and len(line.split()) <= 25

    def sentence_start(self) -> int:
        a, _ = self._line()
        ends = [m.end() for m in SENTENCE_END.finditer(self.text[a:self.start])]
        return a + ends[-1] if ends else a

    def previous_sentence_start(self) -> int:
        """Where the sentence before the expression's sentence starts (across paragraphs)."""
        here = self.sentence_start()
        lo = max(0, here - 2000)
        ends = [m.end() for m in SENTENCE_END.finditer(self.text[lo:here].rstrip())]
        return lo + ends[-1] if ends else lo

    def sentence(self) -> str:
        _, b = self._line()
        s = self.sentence_start()
        e = re.search(r"[.!?](?:[\"'”’)]*\s|[\"'”’)]*$)", self.text[self.end:b])
        return self.text[s:self.end + e.end() if e else b]


# ----------------------------------------------------------------------------- helpers

def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _wd_num(word: str) -> int:
    return WEEKDAYS[word.lower()]


def _mod_of(pre: str | None) -> str | None:
    if not pre:
        return None
    p = " ".join(pre.lower().split())
    if p.startswith("the "):
        p = p[4:]
    if p.startswith(("early", "beginning", "start", "first")):
        return "START"
    if p.startswith(("late", "end", "close", "last", "final", "latter", "second half", "turn")):
        return "END"
    if p.startswith(("mid", "middle")):
        return "MID"
    return None


def _first_week_of(pre: str) -> int | None:
    p = pre.lower()
    for word, n in (("first week", 1), ("second week", 2), ("third week", 3), ("fourth week", 4)):
        if word in p:
            return n
    return None


def _with_mod(span: Span, pre: str | None) -> tuple[Span, str | None]:
    """Narrow an interval for "early"/"mid"/"late"/"the end of"/"the first week of"; the value stays."""
    if not pre:
        return span, None
    n = _first_week_of(pre)
    if n and span.earliest:
        a = cal.add_days(span.earliest, 7 * (n - 1))
        return Span(span.value, a, min(cal.add_days(a, 6), span.latest), span.granularity), "START" if n == 1 else None
    p = pre.lower()
    if ("half" in p) and span.granularity == "year" and span.earliest:
        h = 1 if "first" in p else 2
        return cal.half(span.earliest.year, h), None
    mod = _mod_of(pre)
    if mod is None:
        return span, None
    a, b = cal.part(span, mod)
    return Span(span.value, a, b, span.granularity), mod


def _pick(cands: list[date], dct: date, tense: str | None, default: str = "nearest", near: int = 0) -> date:
    """Choose among candidate dates by tense: past -> latest on or before dct, future -> earliest on or after.

    A candidate within `near` days of dct wins whatever the tense: news dates a deadline a few weeks
    ahead in a past-tense sentence ("extended the offer to Nov. 20") far more often than a year back.
    """
    t = tense or default
    if near:
        close = [c for c in cands if abs((c - dct).days) <= near]
        if close:
            return min(close, key=lambda c: (abs((c - dct).days), c > dct))
    if t == "past":
        before = [c for c in cands if c <= dct]
        if before:
            return max(before)
    elif t == "future":
        after = [c for c in cands if c >= dct]
        if after:
            return min(after)
    return min(cands, key=lambda c: (abs((c - dct).days), c > dct))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(cal.clamp_year(y), m, d)
    except ValueError:
        return None


def _year2(yy: str, dct: date) -> int:
    y = int(yy)
    base = dct.year // 100 * 100
    cand = base + y
    return cand - 100 if cand > dct.year + 20 else cand


def _weekday_date(wd: int, anchor: date, tense: str | None, rel: str | None = None) -> date:
    delta = wd - anchor.weekday()
    on_or_before = cal.add_days(anchor, delta - 7 if delta > 0 else delta)
    on_or_after = cal.add_days(anchor, delta + 7 if delta < 0 else delta)
    r = " ".join((rel or "").lower().split())
    if r in ("last", "the previous", "the preceding", "past", "this past", "the past"):
        return on_or_before if on_or_before != anchor else cal.add_days(anchor, -7)
    if r in ("next", "the next", "the following", "the coming", "coming", "this coming"):
        return on_or_after if on_or_after != anchor else cal.add_days(anchor, 7)
    if tense == "future":
        return on_or_after
    return on_or_before


def _pod_value(d: date, pod: str | None) -> str | None:
    if not pod:
        return None
    code = PARTS_OF_DAY.get(pod.lower().replace("-", "").replace(" ", ""))
    if code is None:
        return None
    return f"{d.isoformat()}T{code}"


def _clock(text: str) -> str | None:
    t = text.lower().strip()
    if t in ("noon", "midday"):
        return "12:00"
    if t == "midnight":
        return "24:00"
    m = re.match(r"(\d{1,2})(?::(\d\d))?\s*(a\.m\.|p\.m\.|am|pm)", t)
    if not m:
        m24 = re.match(r"(\d{1,2}):(\d\d)", t)  # "10:00 GMT"
        if m24 and int(m24.group(1)) < 24 and int(m24.group(2)) < 60:
            return f"{int(m24.group(1)):02d}:{m24.group(2)}"
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if h > 12 or mi > 59:
        return None
    if m.group(3).startswith("p") and h != 12:
        h += 12
    if m.group(3).startswith("a") and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}"


def _day(d: date, value: str | None = None) -> _Res:
    return _Res("TIME" if value else "DATE", cal.day(d), value=value)


def _ref(kind: str, dct: date, latest: date | None = None, earliest: date | None = None) -> _Res:
    if kind == "PRESENT_REF":
        return _Res("DATE", Span("PRESENT_REF", dct, dct, "open"), anchor=False)
    if kind == "PAST_REF":
        return _Res("DATE", Span("PAST_REF", earliest, latest or dct, "open"), anchor=False)
    return _Res("DATE", Span("FUTURE_REF", earliest or dct, latest, "open"), anchor=False)


def _unit_span(unit: str, d: date) -> Span:
    """The calendar unit of the given name that contains `d`."""
    u = unit.lower()
    if u in ("day", "morning", "afternoon", "evening", "night"):
        return cal.day(d)
    if u in ("week", "fortnight"):
        return cal.week_of(d)
    if u == "weekend":
        return cal.weekend_of(d)
    if u == "month":
        return cal.month(d.year, d.month)
    if u == "quarter":
        return cal.quarter(d.year, cal.quarter_of(d))
    if u == "half":
        return cal.half(d.year, 1 if d.month <= 6 else 2)
    if u == "year":
        return cal.year(d.year)
    if u == "decade":
        return cal.decade(d.year // 10)
    if u == "century":
        return cal.century(d.year // 100)
    y, code = cal.season_of(d)
    return cal.season(y, code)


def _season_span(name: str, dct: date, rel: str | None, tense: str | None) -> Span:
    code = cal.SEASON_CODES[name.lower()]
    cands = [cal.season(y, code) for y in (dct.year - 1, dct.year, dct.year + 1)]
    cur_y, cur_code = cal.season_of(dct)
    current = cal.season(cur_y, cur_code)
    r = " ".join((rel or "").lower().split())
    if r in ("last", "the past", "this past", "past"):
        before = [s for s in cands if s.latest < current.earliest]
        return before[-1]
    if r in ("next", "the coming", "this coming"):
        after = [s for s in cands if s.earliest > current.latest]
        return after[0]
    # "this summer", "the summer", bare: the one of this year unless tense pushes it
    this = cal.season(dct.year if code != "WI" or dct.month == 12 else dct.year - 1, code) if code == "WI" else cal.season(dct.year, code)
    if tense == "past" and this.earliest > dct:
        return cal.season(this.earliest.year - 1, code)
    if tense == "future" and this.latest < dct:
        return cal.season(this.earliest.year + 1, code)
    return this


def _duration_value(n: float | None, unit: str) -> str:
    u = unit.lower().rstrip("s")
    if u == "centurie":
        u = "century"
    code = UNIT_CODES.get(u, "D")
    if u == "fortnight":
        n = None if n is None else n * 2
    time_unit = u in ("second", "minute", "hour")
    if n is None:
        return f"PT{'X'}{code}" if time_unit else f"PX{code}"
    if n != int(n):
        conv = {"Y": (12, "M"), "D": (24, "H"), "W": (7, "D"), "M": (30, "D"), "H": (60, "M"), "DE": (10, "Y")}
        if code in conv:
            k, c2 = conv[code]
            n2 = n * k
            if n2 == int(n2):
                return (f"PT{int(n2)}{c2}" if c2 in ("H", "M") and code in ("D", "H") else f"P{int(n2)}{c2}")
    n_s = str(int(n)) if n == int(n) else str(n)
    return f"PT{n_s}{code}" if time_unit else f"P{n_s}{code}"


def _shift_unit(d: date, n: int, unit: str) -> date:
    u = unit.lower().rstrip("s")
    if u in ("day", "night"):
        return cal.add_days(d, n)
    if u in ("week", "fortnight"):
        return cal.add_days(d, 7 * n * (2 if u == "fortnight" else 1))
    if u == "month":
        return cal.add_months(d, n)
    if u == "quarter":
        return cal.add_months(d, 3 * n)
    if u == "year":
        return cal.add_years(d, n)
    if u == "decade":
        return cal.add_years(d, 10 * n)
    if u in ("century", "centurie", "centuries"):
        return cal.add_years(d, 100 * n)
    return d


# ----------------------------------------------------------------------------- handlers

def _month_day(mon: int, d1: int, y, c: _Ctx, weekday: int | None = None) -> date | None:
    """Day `d1` of month `mon`: in year `y` when it is written, else in the year the verb's tense and the
    nearness to publication choose ("Saturday, April 25": a weekday written with it decides when it can)."""
    if y:
        return _safe_date(int(y), mon, d1)
    cands = [x for x in (_safe_date(yy, mon, d1) for yy in (c.dct.year - 1, c.dct.year, c.dct.year + 1)) if x]
    if not cands:
        return None
    fit = [x for x in cands if x.weekday() == weekday]
    if fit:
        return min(fit, key=lambda x: abs((x - c.dct).days))
    t = c.day_tense(cues=True)
    if t == "past" and re.search(r"(?i)\bon\s+$", c.prev_text):
        # "ruled on June 21", written on June 9: a past act on a day is not ahead of the story (a deadline a
        # past verb sets, "extended the offer to Nov. 20", is what the nearness rule below is for)
        before = [x for x in cands if x <= cal.add_days(c.dct, 7)]
        if before:
            return max(before)
    return _pick(cands, c.dct, t, near=NEAR_DAYS)


def _h_mdy(m: re.Match, c: _Ctx) -> _Res | None:
    mon = _month_num(m.group("mon"))
    d1 = day_number(m.group("d1"))
    y = m.group("y")
    if y and not y.isdigit():
        y = spelled_year(y)
    d = _month_day(mon, d1, y, c, _wd_num(m.group("wd")) if m.group("wd") else None)
    if d is None:
        return None
    d2s = m.group("d2") or m.group("d2b")
    if d2s:
        d2n = int(re.match(r"\d+", d2s).group())
        mon2 = _month_num(m.group("mon2")) if m.group("mon2") else mon
        end = _safe_date(d.year + (1 if mon2 < mon else 0), mon2, d2n)
        if end is None or end < d:
            return None
        return _Res("DATE", Span(d.isoformat(), d, end, "day"))
    return _day(d)


def _h_dmy(m: re.Match, c: _Ctx) -> _Res | None:
    mon_end = _month_num(m.group("mon"))
    mon = _month_num(m.group("mon0")) if m.group("mon0") else mon_end  # "30 April to 2 May"
    d1 = int(re.match(r"\d+", m.group("d1")).group())
    d = _month_day(mon, d1, m.group("y"), c)
    if d is None:
        return None
    d2s = m.group("d2") or m.group("d2a")
    if d2s:
        end = _safe_date(d.year + (1 if mon_end < mon else 0), mon_end, int(re.match(r"\d+", d2s).group()))
        if end is None or end < d:
            return None
        return _Res("DATE", Span(d.isoformat(), d, end, "day"))
    return _day(d)


def _h_iso(m: re.Match, c: _Ctx) -> _Res | None:
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _day(d) if d else None


def _h_us_numeric(m: re.Match, c: _Ctx) -> _Res | None:
    y = m.group("y")
    yv = int(y) if len(y) == 4 else _year2(y, c.dct)
    d = _safe_date(yv, int(m.group("m")), int(m.group("d")))
    return _day(d) if d else None


def _tail_day(m: re.Match, c: _Ctx) -> date | None:
    if m.group("t_rd"):
        return _relday_date(m.group("t_rd"), c.dct)
    if m.group("t_wd"):
        return _weekday_date(_wd_num(m.group("t_wd")), c.dct, c.day_tense())
    if m.group("t_mon"):
        mon = _month_num(m.group("t_mon"))
        dn = int(re.match(r"\d+", m.group("t_d")).group())
        cands = [x for x in (_safe_date(yy, mon, dn) for yy in (c.dct.year - 1, c.dct.year, c.dct.year + 1)) if x]
        return _pick(cands, c.dct, c.tense(), near=NEAR_DAYS) if cands else None
    return None


def _h_clock(m: re.Match, c: _Ctx) -> _Res | None:
    hm = _clock(m.group("clock"))
    if hm is None:
        return None
    d = _tail_day(m, c)
    if d is None:
        if m.group("clock").lower() in ("noon", "midnight", "midday"):
            if not (c.start - 4 <= c.ref_day_at <= c.start and re.search(r"(?:,|\bat)\s*$", c.prev_text)):
                return None  # a bare "noon" is left alone; "on Saturday at midnight" is that day's
        d = c.ref_day
    return _Res("TIME", cal.day(d), value=f"{d.isoformat()}T{hm}", approximate=bool(m.group("approx")),
                mod="APPROX" if m.group("approx") else None)


def _month_span(mon: int, c: _Ctx) -> Span:
    cands = [cal.month(y, mon) for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1)]
    cur = date(c.dct.year, c.dct.month, 1)
    t = c.day_tense(cues=True)
    if re.search(r"\b(?:a|an|the|its|his|her|their|our|this)\s+$", c.prev_text, re.I) and re.match(r"\s+[a-z]", c.follow_text):
        t = None  # "a June agreement": a month naming a noun is read on its own, not by the clause's verb
    starts = [s.earliest for s in cands]
    # "visited Paris in July" in a June story is last July; a month the verb does not govern stays near
    chosen = _pick(starts, cur, t, near=0 if t == "past" else NEAR_MONTH_DAYS)
    return cands[starts.index(chosen)]


def _h_month_year(m: re.Match, c: _Ctx) -> _Res | None:
    mon = _month_num(m.group("mon"))
    if m.group("y"):
        y = int(m.group("y"))
    elif m.group("yy"):
        y = _year2(m.group("yy"), c.dct)
    elif m.group("sy"):
        y = spelled_year(m.group("sy"))
        if y is None:
            return None
    else:
        y = c.dct.year + {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    span, mod = _with_mod(cal.month(y, mon), m.group("mod"))
    return _Res("DATE", span, mod=mod)


def _easter(y: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m_ = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m_) // 451
    month_, day_ = divmod(h + m_ - 7 * n + 114, 31)
    return date(y, month_, day_ + 1)


def _nth_weekday(y: int, month_: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = date(y, month_, 1)
        return cal.add_days(first, (weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(y, month_, cal.last_day(y, month_))
    return cal.add_days(last, -((last.weekday() - weekday) % 7))


def _holiday(name: str, y: int) -> date | None:
    n = " ".join(name.lower().replace("’", "'").split())
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
             "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31), "boxing day": (12, 26),
             "valentine's day": (2, 14), "independence day": (7, 4), "veterans day": (11, 11)}
    if n in fixed:
        return _safe_date(y, *fixed[n])
    if n.startswith("thanksgiving"):
        return _nth_weekday(y, 11, 3, 4)
    if n == "memorial day":
        return _nth_weekday(y, 5, 0, -1)
    if n == "labor day":
        return _nth_weekday(y, 9, 0, 1)
    if n.startswith("easter") or n == "good friday":
        e = _easter(y)
        return cal.add_days(e, {"easter monday": 1, "good friday": -2}.get(n, 0))
    return None


def _h_year_range(m: re.Match, c: _Ctx) -> _Res | None:
    y1 = int(m.group("y1"))
    y2s = m.group("y2")
    y2 = int(y2s) if len(y2s) == 4 else y1 // 100 * 100 + int(y2s)
    if not y1 < y2 <= y1 + 30 or y2 > c.dct.year + 60:
        return None  # "1990-1985" or "2016-06" are not ranges of years
    return _Res("DATE", Span(f"{y1:04d}", date(y1, 1, 1), date(y2, 12, 31), "year"))


def _h_holiday(m: re.Match, c: _Ctx) -> _Res | None:
    name = m.group("h")
    if m.group("y"):
        d = _holiday(name, int(m.group("y")))
        return _day(d) if d else None
    cands = [x for x in (_holiday(name, y) for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1)) if x]
    if not cands:
        return None
    rel = " ".join((m.group("rel") or "").lower().split())
    if rel in ("last", "this past"):
        d = max(x for x in cands if x < c.dct)
    elif rel in ("next", "this coming"):
        d = min(x for x in cands if x > c.dct)
    else:
        d = _pick(cands, c.dct, c.tense(cues=True))
    return _day(d)


def _h_month_rel(m: re.Match, c: _Ctx) -> _Res | None:
    mon = _month_num(m.group("mon"))
    rel = " ".join(m.group("rel").lower().split())
    y = c.dct.year
    if rel in ("last", "past", "this past", "the past"):
        # "last May": the most recent May that is not last month (that would be "last month")
        y = y if mon < c.dct.month - 1 else y - 1
    elif rel in ("next", "coming", "the coming", "this coming"):
        y = y if mon > c.dct.month + 1 else y + 1
    else:  # "this May": the one of this year
        y = c.dct.year
    span, mod = _with_mod(cal.month(y, mon), m.group("mod"))
    return _Res("DATE", span, mod=mod)


def _h_month(m: re.Match, c: _Ctx) -> _Res | None:
    mon = _month_num(m.group("mon"))
    span, mod = _with_mod(_month_span(mon, c), m.group("mod"))
    return _Res("DATE", span, mod=mod)


def _h_weekday(m: re.Match, c: _Ctx) -> _Res | None:
    wd = _wd_num(m.group("wd"))
    rel = m.group("rel")
    r = " ".join((rel or "").lower().split())
    if r in ("the previous", "the following", "the next", "the preceding", "that", "the same"):
        anchor = c.ref_day
        if r == "that" or r == "the same":
            d = _weekday_date(wd, anchor, "present")
        else:
            d = _weekday_date(wd, anchor, None, "last" if r in ("the previous", "the preceding") else "next")
    else:
        d = _weekday_date(wd, c.dct, c.day_tense(), rel)
        if not r:
            d = _narrative_weekday(wd, d, m, c)
            d = _same_weekday_again(wd, d, c)
    pre = (m.group("pre") or "").lower()
    value = f"{d.isoformat()}T{_clock(pre)}" if pre and _clock(pre) else None
    return _day_with_part(d, pre, m.group("pod"), value)


def _day_with_part(d: date, pre: str, pod: str | None, value: str | None = None) -> _Res:
    """A day, with its part ("Tuesday afternoon", "mid-morning") in the value and "early"/"late" as mod."""
    if value is None and pod:
        value = _pod_value(d, pod)
    elif value is None and pre.startswith("mid"):
        value = _pod_value(d, pre.replace("mid", "").strip("- "))
    res = _day(d, value)
    if pre in ("early", "late"):
        res.mod = "START" if pre == "early" else "END"
    return res


SAME_DAY_LEAD = re.compile(r"(?i)\b(?:earlier|later|also|again|then)\s+(?:on\s+|in\s+the\s+day\s+on\s+)?$")
WEEK_CONTEXT_CHARS = 250
CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s")


def _narrative_weekday(wd: int, d: date, m: re.Match, c: _Ctx) -> date:
    """A bare weekday read in its narrative: inside a week just named ("Next week ... on Monday and
    Tuesday"), or the day the narrative is on ("Later on Saturday", "Earlier on Saturday")."""
    wk = c.week_ctx
    if wk is not None and 0 <= c.start - wk[1] <= WEEK_CONTEXT_CHARS and c.sentence_start() <= wk[1] \
            and not CLAUSE_BREAK.search(c.text, wk[1], c.start):
        # (not across a new coordinated clause: "... last week, when A met B, and on Monday C held talks")
        span, _, direction = wk
        t = c.day_tense()
        # "next week's summit, officials said Monday": the weekday belongs to the report, not to the week
        if not ((direction == "future" and t == "past") or (direction == "past" and t == "future")):
            return cal.add_days(span.earliest, wd)
    ref = c.ref_day
    if c.dct < ref <= cal.add_days(c.dct, 7) and d < ref and c.ref_day_at >= c.sentence_start() \
            and c.day_tense() == "future":
        # a schedule runs forward: "opens on Monday and closes on Wednesday" (published on a Wednesday)
        return cal.add_days(ref, (wd - ref.weekday()) % 7)
    if ref != c.dct and ref.weekday() == wd and abs((ref - c.dct).days) <= 7 and ref != d:
        lead = SAME_DAY_LEAD.search(c.prev_text)
        if lead or (m.group("pre") or "").lower() in ("earlier", "later"):
            return ref
        if ref > c.dct and c.tense() in (None, "present"):
            return ref  # "Obama flies to Dresden on Saturday. On Saturday he is also in Weimar."
    return d


def _same_weekday_again(wd: int, d: date, c: _Ctx) -> date:
    """'said in a statement on Friday ... will leave Mexico on Friday afternoon' (published on the Saturday): a
    bare weekday the text already named for the day before publication is that day again when the tense would
    put it six days ahead (copy written the day before it was filed); the first reading is remembered."""
    before = c.weekdays.setdefault(wd, d)
    if before != d and before == cal.add_days(c.dct, -1) and d == cal.add_days(c.dct, 6):
        return before
    return d


def _relday_date(word: str, dct: date) -> date:
    w = word.lower()
    return cal.add_days(dct, {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w])


def _h_relday(m: re.Match, c: _Ctx) -> _Res | None:
    rd = m.group("rd").lower()
    d = _relday_date(rd, c.dct)
    pre = " ".join((m.group("pre") or "").lower().split())
    if pre == "the day before":
        d = cal.add_days(d, -1)
    elif pre == "the day after":
        d = cal.add_days(d, 1)
    pod = m.group("pod")
    value = _pod_value(d, "night") if rd == "tonight" and not pod else None
    return _day_with_part(d, pre, pod, value)


def _h_pod(m: re.Match, c: _Ctx) -> _Res | None:
    rel = " ".join(m.group("rel").lower().split()).rstrip("-")
    pod = m.group("pod").lower()
    if rel.endswith("this") or rel in ("early", "late", "mid"):
        d = c.dct
    elif rel == "last":
        if pod != "night":
            return None  # "last morning" is not an expression
        d = cal.add_days(c.dct, -1)
    elif rel in ("the next", "the following"):
        d = cal.add_days(c.ref_day, 1)
    elif rel == "the previous":
        d = cal.add_days(c.ref_day, -1)
    else:  # "that evening", "the morning", "the same evening"
        d = c.ref_day
    return _Res("TIME", cal.day(d), value=_pod_value(d, pod), anchor=False)


OVERNIGHT_FIGURATIVE = re.compile(r"(?i)\b(?:almost|virtually|practically|nearly|literally|seemingly|not|n't|never|happen\w*"
                                  r"|chang\w*|vanish\w*|disappear\w*|become|became|transform\w*|turn\w*|stay\w*|stop)\s+$")
OVERNIGHT_NOT_A_TIME = re.compile(r"(?i)\s+(?:success|sensation|star|celebrit|stay|bag|guest|train|flight|express|shift"
                                  r"|deliver|rate|lending|loan|deposit|money|index|repo|interbank|camp|visit|trip)")


def _h_overnight(m: re.Match, c: _Ctx) -> _Res | None:
    """'Fighting erupted overnight', 'overnight shelling': the night before the narrative's day (the story's
    day unless a date was given before), or tonight under a future verb; not figurative ('will not change
    overnight') and not a kind of thing ('an overnight stay', 'the overnight rate')."""
    if OVERNIGHT_FIGURATIVE.search(c.prev_text) or OVERNIGHT_NOT_A_TIME.match(c.follow_text) \
            or re.search(r"(?i)(?:\bnot|n't|\bnever)\s+\w+\s+$", c.prev_text):
        return None
    t = c.tense()
    ref = c.ref_day  # the narrative's day: "closed lower Friday ... depressed by overnight losses" (Thursday night)
    d = max(ref, c.dct) if t == "future" else cal.add_days(ref, -1)
    return _Res("TIME", Span(d.isoformat(), d, cal.add_days(d, 1), "day"), value=_pod_value(d, "night"), anchor=False)


def _h_pod_of(m: re.Match, c: _Ctx) -> _Res | None:
    """'the night of June 3', 'the morning of Saturday': that part of the day named after it."""
    wd = _wd_num(m.group("wd")) if m.group("wd") else None
    mon_s, d_s, y = (m.group("mon"), m.group("d1"), m.group("y")) if m.group("mon") else \
        (m.group("monb"), m.group("d1b"), m.group("yb"))
    if mon_s:
        d = _month_day(_month_num(mon_s), day_number(d_s), y, c, wd)
    elif wd is not None:
        d = _weekday_date(wd, c.dct, c.day_tense())
    else:
        return None
    if d is None:
        return None
    return _Res("TIME", cal.day(d), value=_pod_value(d, m.group("pod")))


def _h_relunit(m: re.Match, c: _Ctx) -> _Res | None:
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower()
    fiscal = m.group("fiscal")
    dct = c.dct
    if unit == "day" and rel not in ("the next", "the following", "the previous", "the preceding", "that", "the same"):
        return None  # "this day", "last day" are not dates here
    if unit in cal.SEASON_CODES:
        span = _season_span(unit, dct, rel if rel not in ("that", "the same") else None, c.tense())
        span, mod = _with_mod(span, m.group("mod"))
        return _Res("DATE", span, mod=mod)
    anaphoric = rel in ("the following", "that", "the same") or (rel in ("the next", "the previous", "the preceding") and unit == "day")
    base = c.ref_day if anaphoric else dct
    if anaphoric and c.ref_span is not None and unit != "day":
        base = c.ref_span.earliest or base
    if unit == "quarter" and rel in ("the latest", "the past", "the last", "the previous", "the same", "this") \
            and c.last_quarter and (rel == "the same" or c.last_quarter.latest < dct) \
            and (rel != "this" or c.recent_quarter() is not None):
        span = c.last_quarter  # the quarter being reported on
    else:
        span = _unit_span(unit, base)
        if rel in ("last", "the past", "the last", "the previous", "the preceding", "previous", "past", "this past"):
            if unit in ("decade", "century") and rel in ("the past", "the last", "past"):
                # "the past decade": the ten years up to now, named by the decade they start in
                span = _unit_span(unit, cal.add_years(base, -9 if unit == "decade" else 0))
            else:
                span = cal.shift(span, -1)
        elif rel in ("next", "the next", "the following", "the coming", "coming"):
            span = cal.shift(span, 1)
        elif rel == "the latest" and unit in ("quarter", "year", "month", "week"):
            span = cal.shift(span, -1)  # "the latest fiscal year": the last one completed
    pre = (m.group("mod") or "").lower()
    if pre.startswith(("earlier", "later")) and span.earliest and span.earliest <= dct <= span.latest:
        # "earlier this month", "later this month": the part of the unit before (after) today
        if pre.startswith("earlier"):
            span = Span(span.value, span.earliest, dct, span.granularity)
        else:
            span = Span(span.value, dct, span.latest, span.granularity)
        mod = None
    else:
        span, mod = _with_mod(span, m.group("mod"))
    res = _Res("DATE", span, mod=mod, approximate=bool(m.group("orso")))
    if unit in ("morning", "afternoon", "evening", "night"):
        res = _Res("TIME", span, value=_pod_value(span.earliest, unit))
    if fiscal and unit == "year":
        res.span = Span(span.value, span.earliest, span.latest, "year")
    return res


def _apposed_day(c: _Ctx) -> date | None:
    """The day an expression restates in apposition ("on Monday, the day after the ceasefire took effect"):
    it is anchored on the event it names, and is the day just given."""
    if c.start - 3 <= c.ref_day_at <= c.start and re.search(r",\s*$", c.prev_text) \
            and re.match(r"\s+(?:the|a|an|his|her|their|its|[a-z]+(?:ed|s)?\b)", c.follow_text) \
            and not re.match(r"\s+(?:and|or|but|when|while|as|he|she|they|it|we|i)\b", c.follow_text, re.I):
        return c.ref_day
    return None


def _h_dayanaph(m: re.Match, c: _Ctx) -> _Res | None:
    x = " ".join(m.group("x").lower().split())
    ref = c.ref_day
    if x in ("the day before", "the day after"):
        apposed = _apposed_day(c)
        if apposed is not None:
            return _Res("DATE", cal.day(apposed), anchor=False)
    if x in ("the day before", "the previous day", "the preceding day"):
        d = cal.add_days(ref, -1)
    elif x in ("the day after", "the next day", "the following day"):
        d = cal.add_days(ref, 1)
    elif c.ref_day_at < c.previous_sentence_start():
        # "Wen also held talks with Nsibambi earlier in the day": with no day named in this sentence or the one
        # before, "the day" is the story's, not a day the narrative left several sentences back
        d = c.dct
    else:
        d = ref
    return _Res("DATE", cal.day(d))


def _quarter_year_default(q: int, c: _Ctx) -> int:
    """A quarter without a year: this year's, unless it is still to come in a past-tense sentence or
    long gone in a future-tense one (results are reported, and forecast, a quarter or so after)."""
    cur_q = cal.quarter_of(c.dct)
    y = c.dct.year
    t = c.tense()
    if t == "future":
        return y if q >= cur_q - 1 else y + 1
    return y if q <= cur_q else y - 1


def _h_quarter(m: re.Match, c: _Ctx) -> _Res | None:
    ord_w = m.group("ord").lower()
    unit = m.group("unit").lower()
    if unit == "period":
        return None
    det = (m.group("det") or "").lower()
    if det in ("a", "an") and not m.group("adj") and re.match(r"\s+of\b", c.follow_text):
        return None  # "a third quarter of the land"
    y = None
    ypre = (m.group("ypre") or "").lower()
    shift_year = 0
    if ypre:
        if ypre[:4].isdigit():
            y = int(ypre[:4])
        elif ypre.startswith("year"):
            shift_year = -1
        else:
            y = c.dct.year + {"last": -1, "this": 0, "next": 1}[ypre.split()[0]]
    if m.group("y2"):
        y2 = m.group("y2")
        y = int(y2) if y2[0].isdigit() else _year2(y2[1:], c.dct)
    rel2 = m.group("rel2") or m.group("rel3")
    if rel2:
        y = c.dct.year + {"last": -1, "this": 0, "next": 1}[rel2.lower()]
    if unit == "half":
        h = 1 if ord_w in ("first", "1st") else 2 if ord_w in ("second", "2nd", "last", "latter") else None
        if h is None:
            return None
        if y is None:
            cur_h = 1 if c.dct.month <= 6 else 2
            y = c.dct.year if (h <= cur_h or c.tense() == "future") else c.dct.year - 1
        return _Res("DATE", cal.half(y + shift_year, h))
    q = ORDINALS.get(ord_w)
    if ord_w in ("final", "last"):
        q = 4
    if q is None or not 1 <= q <= 4:
        return None
    if y is None:
        if shift_year and c.last_quarter:
            y = c.last_quarter.earliest.year
        else:
            y = _quarter_year_default(q, c)
    span = cal.quarter(y + shift_year, q)
    res = _Res("DATE", span)
    if not shift_year and not (det in ("a", "an") and not re.search(r"\w-(?:quarter|half)", m.group(0), re.I)):
        c.set_quarter(span)  # "after a flat second quarter" is a contrast, not the quarter reported on
    return res


def _h_quarter_ref(m: re.Match, c: _Ctx) -> _Res | None:
    det = (m.group("det") or "").lower()
    adj = " ".join((m.group("adj") or "").lower().split())
    unit = m.group("unit").lower().replace("-", "")
    tail = " ".join((m.group("tail") or "").lower().split())
    previous = cal.shift(cal.quarter(c.dct.year, cal.quarter_of(c.dct)), -1)
    base = c.last_quarter or previous
    if (adj == "latest" or det == "this") and base.latest >= c.dct:
        base = previous  # "the latest quarter" is over
    if unit in ("yearearlier", "yearago"):
        if det or adj:
            return None
        span = cal.shift(base, -4) if c.last_quarter else cal.year(c.dct.year - 1)
        return _Res("DATE", span, anchor=False)
    if not det and not adj:
        return None
    ended = re.match(r"\s+(?:ended|ending)\s+([A-Z][a-z]+)\.?\s+(\d{1,2})\b", c.follow_text)
    if unit == "quarter" and not adj and ended and ended.group(1).lower() in MONTHS and c.recent_quarter() is None:
        # "the quarter ended July 31": the three months up to that day, named by the calendar quarter
        # most of them fall in
        mon, dn = MONTHS[ended.group(1).lower()], int(ended.group(2))
        cands = [x for x in (_safe_date(y, mon, dn) for y in (c.dct.year - 1, c.dct.year)) if x]
        if cands:
            end = _pick(cands, c.dct, "past")
            mid = cal.add_days(end, -45)
            span = cal.quarter(mid.year, cal.quarter_of(mid))
            c.set_quarter(span)
            return _Res("DATE", span)
    if unit == "period" and not adj and det not in ("this", "that", "last year's", "this year's") and not tail:
        return None
    if adj == "current":
        span = cal.quarter(c.dct.year, cal.quarter_of(c.dct))
        c.set_quarter(span)
        return _Res("DATE", span)
    if adj[:4].isdigit():
        y = int(adj[:4])
        if c.last_quarter:
            return _Res("DATE", cal.quarter(y, cal.quarter_of(c.last_quarter.earliest)), anchor=False)
        return _Res("DATE", cal.year(y), anchor=False)
    back = adj.startswith(("yearearlier", "year-earlier", "yearago", "year-ago", "comparable year", "corresponding", "same", "previous", "prior")) \
        or "year" in adj or det.startswith("last year") or tail.startswith(("a year", "last year"))
    if adj in ("previous", "prior") and not tail:
        return _Res("DATE", cal.shift(base, -1), anchor=False)
    if adj in ("same", "comparable", "corresponding") and not tail:
        back = False
    if back:
        return _Res("DATE", cal.shift(base, -4), anchor=False)
    if tail.startswith("of "):
        ys = re.search(r"\d{4}", tail)
        y = int(ys.group()) if ys else c.dct.year - 1
        return _Res("DATE", cal.quarter(y, cal.quarter_of(base.earliest)), anchor=False)
    return _Res("DATE", base)


def _h_ago(m: re.Match, c: _Ctx) -> _Res | None:
    n = number(m.group("num"))
    unit = m.group("unit").lower()
    u = unit.rstrip("s")
    if u == "centurie":
        u = "century"
    direction = m.group("dir").lower()
    if direction in ("earlier", "later") and re.match(r"\s+than\b", c.follow_text, re.I):
        return None  # "a week earlier than planned" compares; the duration alone is the expression
    approx_w = " ".join((m.group("approx") or "").lower().split())
    mod = APPROX.get(approx_w)
    if direction in ("before", "after", "on", "back", "previously"):
        # "two days before" is a date only when it ends the phrase ("two days later", "a day before,")
        rest = c.follow_text[:12]
        if direction in ("before", "after", "on") and not re.match(r"\s*(?:[,.;:)!?\"”]|$)", rest):
            apposed = _apposed_day(c) if u == "day" and direction != "on" else None
            # "on Sunday, a day before the talks opened" restates Sunday; else it is the event's, not a date
            return _Res("DATE", cal.day(apposed), anchor=False) if apposed else None
    past = direction in ("ago", "earlier", "before", "back", "previously")
    anchor = c.dct if direction in ("ago", "from now", "hence", "back") else c.ref_day
    if direction in ("earlier", "later", "before", "after", "on") and c.ref_span is None:
        anchor = c.dct
    if u in ("second", "minute", "hour"):
        # "48 hours later" is two days on; "a few hours later" the same day
        days = int(n) // 24 if u == "hour" and n is not None and n == int(n) else 0
        d = cal.add_days(anchor, -days if past else days)
        return _Res("DATE", cal.day(d), approximate=True, mod=mod, anchor=False)
    if n is None:
        return _ref("PAST_REF" if past else "FUTURE_REF", c.dct) if anchor == c.dct else \
            _ref("PAST_REF" if past else "FUTURE_REF", c.dct, latest=anchor if past else None,
                 earliest=None if past else anchor)
    sign = -1 if past else 1
    whole = int(n) if n == int(n) else None
    if whole is None:
        whole = int(round(n * (12 if u == "year" else 1))) if u == "year" else int(round(n))
        if u == "year":
            center = cal.add_months(anchor, sign * whole)
            return _Res("DATE", cal.month(center.year, center.month), approximate=True, mod=mod)
    center = _shift_unit(anchor, sign * whole, u)
    # "a year ago" in a report about a quarter means the same quarter a year before
    if u == "year" and whole == 1 and c.recent_quarter() is not None and direction in ("ago", "earlier"):
        return _Res("DATE", cal.shift(c.last_quarter, -4), anchor=False)
    if mod == "MORE_THAN":
        if past:
            return _Res("DATE", Span("PAST_REF", None, center, "open"), approximate=True, mod=mod, anchor=False)
        return _Res("DATE", Span("FUTURE_REF", center, None, "open"), approximate=True, mod=mod, anchor=False)
    if mod == "LESS_THAN":
        lo, hi = (center, anchor) if past else (anchor, center)
        span = _unit_span(u, center)
        return _Res("DATE", Span(span.value, lo, hi, span.granularity), approximate=True, mod=mod, anchor=False)
    span = _unit_span(u, center)
    if mod == "APPROX" or m.group("orso"):
        half_w = {"day": 1, "week": 3, "month": 15, "quarter": 45, "year": 182, "decade": 1826, "century": 18262}.get(u, 1)
        span = Span(span.value, cal.add_days(center, -half_w), cal.add_days(center, half_w), span.granularity)
        return _Res("DATE", span, approximate=True, mod="APPROX", anchor=u == "day")
    return _Res("DATE", span)




def _h_duration(m: re.Match, c: _Ctx) -> _Res | None:
    n = number(m.group("num"))
    unit = m.group("unit").lower()
    pre = " ".join((m.group("pre") or "").lower().split())
    approx_w = " ".join((m.group("approx") or "").lower().split())
    mod = APPROX.get(approx_w)
    if n is None and pre in ("the past", "the last", "past", "last", "recent", "the previous"):
        return _ref("PAST_REF", c.dct)
    num_text = m.group("num").lower()
    if num_text in ("a", "an", "one") and not pre and not approx_w:
        # "a year" alone is a duration only in a duration context ("for a year", "a year-long")
        before = c.prev_text[-8:].lower()
        if not re.search(r"(?:for|in|within|over|after|than|of|about|nearly|almost|past|last)\s*$", before):
            return None
    if n is not None and n == int(n) and not pre and not approx_w and re.search(r"\bin\s+$", c.prev_text[-4:].lower()) \
            and not re.match(r"\s*(?:of\b|['’])", c.follow_text) and c.tense() == "future" \
            and not re.search(r"(?i)\b(?:first|last|only|\w{3,}est)\b[^.;,]*$", c.text[max(0, c.start - 100):c.start]):
        # "a summit in two weeks", "will be redeemed in five years": a length counted from the story's day to a
        # point ahead; "rose in two years", "within a week", "in two weeks of talks", "the first visit in ten
        # years" stay lengths
        return _Res("DATE", _unit_span(unit.rstrip("s"), _shift_unit(c.dct, int(n), unit)), anchor=False)
    val = _duration_value(n, unit)
    span = Span(val, None, None, "open")
    return _Res("DURATION", span, approximate=mod is not None, mod=mod, anchor=False)


def _h_yearago(m: re.Match, c: _Ctx) -> _Res | None:
    """"year-earlier"/"year-ago" as an adjective: the same quarter a year back in a quarterly report."""
    q = c.recent_quarter()
    if q is not None:
        return _Res("DATE", cal.shift(q, -4), anchor=False)
    return _Res("DATE", cal.year(c.dct.year - 1), anchor=False)


def _h_vague_duration(m: re.Match, c: _Ctx) -> _Res | None:
    unit = m.group("unit").lower().rstrip("s")
    return _Res("DURATION", Span(_duration_value(None, unit), None, None, "open"), anchor=False)


def _h_set(m: re.Match, c: _Ctx) -> _Res | None:
    x = " ".join(m.group("x").lower().split())
    unit = None
    for u, code in (("hour", "PT1H"), ("day", "P1D"), ("night", "P1D"), ("morning", "P1D"), ("afternoon", "P1D"),
                    ("evening", "P1D"), ("weekend", "P1W"), ("week", "P1W"), ("month", "P1M"), ("quarter", "P3M"),
                    ("decade", "P10Y"), ("year", "P1Y"), ("annual", "P1Y"), ("daily", "P1D"), ("nightly", "P1D"),
                    ("hourly", "PT1H"), ("monday", "XXXX-WXX-1"), ("tuesday", "XXXX-WXX-2"), ("wednesday", "XXXX-WXX-3"),
                    ("thursday", "XXXX-WXX-4"), ("friday", "XXXX-WXX-5"), ("saturday", "XXXX-WXX-6"), ("sunday", "XXXX-WXX-7")):
        if u in x:
            unit = code
            break
    if unit is None:
        return None
    if "every other" in x or "biweekly" in x or "bi-weekly" in x:
        unit = unit.replace("P1", "P2")
    every_n = re.match(r"(?:every|each)\s+(.+?)\s+\w+$", x)
    if every_n and unit.startswith("P") and number(every_n.group(1)) not in (None, 1):
        n = number(every_n.group(1))
        unit = re.sub(r"\d+", str(int(n) if n == int(n) else n), unit, count=1)  # "every two weeks": P2W
    return _Res("SET", Span(unit, None, None, "open"), anchor=False)


def _h_decade(m: re.Match, c: _Ctx) -> _Res | None:
    if m.group("dec"):
        dec = int(m.group("dec")) // 10
    elif m.group("dec2"):
        yy = int(m.group("dec2"))
        dec = (c.dct.year // 100 * 100 + yy) // 10
        if dec * 10 > c.dct.year:
            dec -= 10
    else:
        if not m.group("the"):
            return None
        tens = DECADE_WORDS[m.group("decw").lower()]
        dec = (c.dct.year // 100) * 10 + tens
        if dec * 10 > c.dct.year:
            dec -= 10
    span, mod = _with_mod(cal.decade(dec), m.group("mod"))
    return _Res("DATE", span, mod=mod)


def _h_century(m: re.Match, c: _Ctx) -> _Res | None:
    o = m.group("ord").lower()
    n = int(re.match(r"\d+", o).group()) if o[0].isdigit() else ORDINALS.get(o)
    if not n:
        return None
    span, mod = _with_mod(cal.century(n - 1), m.group("mod"))
    return _Res("DATE", span, mod=mod)


def _h_spelled_year(m: re.Match, c: _Ctx) -> _Res | None:
    y = spelled_year(m.group("sy"))
    if y is None:
        return None
    if not m.group("pre") and y >= 2000:
        before = c.prev_text[-10:].lower()
        if not re.search(r"(?:in|by|until|since|before|after|of)\s*$", before):
            return None  # "two thousand people"
    return _Res("DATE", cal.year(y))


def _h_year(m: re.Match, c: _Ctx) -> _Res | None:
    y = int(m.group("y"))
    pre = " ".join((m.group("pre") or "").lower().split())
    if not 1000 <= y <= 2099:
        return None
    if y > c.dct.year + 60:
        return None
    if pre and any(s in pre for s in ("spring", "summer", "fall", "autumn", "winter")):
        name = re.search(r"spring|summer|fall|autumn|winter", pre).group()
        return _Res("DATE", cal.season(y, cal.SEASON_CODES[name]))
    span = cal.year(y)
    if "year end" in pre or "year-end" in pre:
        a, b = cal.part(span, "END")
        return _Res("DATE", Span(span.value, a, b, "year"), mod="END")
    span, mod = _with_mod(span, pre if not pre.startswith(("fiscal", "calendar", "the year", "model")) else None)
    return _Res("DATE", span, mod=mod)


def _h_season(m: re.Match, c: _Ctx) -> _Res | None:
    name = m.group("season").lower()
    rel = " ".join((m.group("rel") or "").lower().split())
    y = m.group("y") or m.group("y3")
    if y:
        yv = int(y) if y.isdigit() else spelled_year(y)
        if yv is None:
            return None
        span = cal.season(yv, cal.SEASON_CODES[name])
    else:
        if not rel and not m.group("season")[0].isupper():
            return None
        if name in ("fall", "spring") and rel in ("", "the", "early", "late", "mid", "the early", "the late"):
            return None  # "the fall of the wall", "spring" the verb
        core = re.sub(r"^(?:the\s+)?(?:early|late|mid)\s*", "", rel) if rel not in ("the",) else ""
        span = _season_span(name, c.dct, core or None, c.tense())
    pre = rel if rel.split(" ")[0] in ("early", "late", "mid") or rel.startswith(("the early", "the late")) else None
    span, mod = _with_mod(span, pre)
    return _Res("DATE", span, mod=mod)


def _h_weekend(m: re.Match, c: _Ctx) -> _Res | None:
    t = c.day_tense(cues=True)
    d = c.dct
    if t == "future":
        sat = cal.add_days(d, (5 - d.weekday()) % 7)
    else:
        back = (d.weekday() - 5) % 7
        sat = cal.add_days(d, -back)
        if d.weekday() == 5:
            sat = d
    return _Res("DATE", cal.weekend_of(sat))


def _h_yearish(m: re.Match, c: _Ctx) -> _Res | None:
    x = " ".join(m.group("x").lower().replace("-", " ").split())
    dct = c.dct
    if x.startswith("around "):
        x = x[7:]
    if "year end" in x or "year's end" in x:
        # the last day of the year: this one ahead ("by year-end"), the last one behind ("since year-end")
        back = re.search(r"(?:since|from|after)\s+$", c.prev_text.lower())
        y = dct.year - 1 if back else dct.year
        if m.group("x").lower().startswith("around"):
            return _Res("DATE", cal.month(y, 12), approximate=True, mod="APPROX")
        if back:
            return _Res("DATE", cal.day(date(y, 12, 31)), mod="END")
        span = cal.year(y)
        return _Res("DATE", Span(span.value, *cal.part(span, "END"), "year"), mod="END")
    unit = x.split()[-1]
    if unit == "year" and re.match(r"\s+(?:ended|ending|ends|that\s+ended|that\s+ends|to\s+(?:date|\w+\.?\s+\d))", c.follow_text):
        return _Res("DURATION", Span("P1Y", None, None, "open"), anchor=False)  # "the year ended March 31"
    if x.startswith(("the end of", "end of", "the beginning of", "beginning of", "the start of", "start of",
                     "the middle of", "middle of", "the turn of", "the close of", "close of")):
        span = _unit_span(unit, dct)
        span, mod = _with_mod(span, x)
        return _Res("DATE", span, mod=mod)
    if x in ("that year", "the same year", "that month", "that week"):
        if c.ref_span is None:
            return None
        return _Res("DATE", _unit_span(unit, c.ref_span.earliest or c.ref_day), anchor=False)
    if x in ("the previous year", "the prior year"):
        base = c.ref_span.earliest if c.ref_span and c.ref_span.earliest else dct
        return _Res("DATE", cal.year(base.year - 1), anchor=False)
    if x == "the new year":
        return None
    if x in ("the week", "the month"):
        return _Res("DATE", _unit_span(unit, c.ref_day), anchor=False)
    appos = re.search(r"\b((?:1[0-9]|20)\d\d),\s*$", c.prev_text)
    if x == "the year" and appos:
        return _Res("DATE", cal.year(int(appos.group(1))), anchor=False)  # "from 1953, the year the armistice ..."
    return _Res("DATE", cal.year(dct.year), anchor=False)


def _h_ref(m: re.Match, c: _Ctx) -> _Res | None:
    x = " ".join(m.group("x").lower().split())
    if re.search(r"now|current|these days|nowadays|present|moment|this time|these times", x):
        return _ref("PRESENT_REF", c.dct)
    if x == "the time":
        return _ref("PAST_REF", c.dct)
    if re.search(r"recent|past|earlier", x):
        return _ref("PAST_REF", c.dct)
    return _ref("FUTURE_REF", c.dct)


HANDLERS: dict[str, Callable[[re.Match, _Ctx], _Res | None]] = {
    "mdy": _h_mdy, "dmy": _h_dmy, "iso": _h_iso, "us_numeric": _h_us_numeric, "clock": _h_clock,
    "month_year": _h_month_year, "month_rel": _h_month_rel, "holiday": _h_holiday, "year_range": _h_year_range, "month": _h_month, "weekday": _h_weekday,
    "relday": _h_relday, "pod": _h_pod, "relunit": _h_relunit, "dayanaph": _h_dayanaph, "quarter": _h_quarter,
    "quarter_ref": _h_quarter_ref, "yearago": _h_yearago, "vague_duration": _h_vague_duration, "ago": _h_ago, "duration": _h_duration, "set": _h_set, "decade": _h_decade,
    "century": _h_century, "spelled_year": _h_spelled_year, "year": _h_year, "season": _h_season,
    "weekend": _h_weekend, "yearish": _h_yearish, "ref": _h_ref, "overnight": _h_overnight,
    "pod_of": _h_pod_of,
}


# ----------------------------------------------------------------------------- finding

@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    match: re.Match


MONTH_LEAD_WORDS = {"in", "on", "by", "since", "until", "till", "through", "throughout", "during", "from", "before",
                    "after", "early", "late", "mid", "last", "next", "this", "of", "and", "or", "to", "for", "at",
                    "around", "between", "but", "then", "that", "as", "like", "each", "every", "all", "the", "a",
                    "an", "past", "coming"}
NAME_KINDS = ("relday", "relunit", "ref", "pod", "weekend")
_SENT_START = re.compile(r"(?:^|[.!?:;\n\"“'‘(\[—–-])\s*$")
NEWSPAPER = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Independent|Mail|Tribune|Star|Observer|Night\s+Football)\b")


def _is_name(cand: _Cand, text: str) -> bool:
    """'USA Today', ABC's 'This Week', the 'Sunday Times': capitalised in mid-sentence, a name, not a date."""
    first = text[cand.start]
    if cand.kind in NAME_KINDS and first.isupper() and not _SENT_START.search(text[max(0, cand.start - 4):cand.start]):
        return True
    if first.isupper() and cand.start > 0 and text[cand.start - 1] in "\"“" and re.match(r"\W?[\"”]|\s+With\b", text[cand.end:cand.end + 6]):
        return True  # a quoted title: ABC's "This Week," "Today"
    if cand.kind == "weekday" and NEWSPAPER.match(text, cand.end):
        return True
    if cand.kind == "month" and not cand.match.group("mod"):
        before = re.search(r"([A-Z][\w.'’-]*)\s+$", text[max(0, cand.start - 30):cand.start])
        if before and before.group(1).lower().rstrip(".") not in MONTH_LEAD_WORDS:
            return True  # "Prime Minister May", "Theresa May"
    if cand.kind == "month" and not cand.match.group("mod") and not cand.match.group("mon").endswith(".") \
            and cand.match.group("mon").lower() in ("jan", "feb", "aug", "sept", "oct", "nov", "dec"):
        return True  # "Jan" alone is a name more often than a month
    return False


def _valid(cand: _Cand, text: str, dct: date) -> bool:
    """Does the handler accept the match at all (context aside)? Tried on a scratch context."""
    ctx = _Ctx(dct)
    ctx.ref_span = cal.year(dct.year)
    ctx.prev_text = text[max(0, cand.start - 20):cand.start]
    ctx.follow_text = text[cand.end:cand.end + 20]
    try:
        return HANDLERS[cand.kind](cand.match, ctx) is not None
    except (ValueError, KeyError, OverflowError, IndexError, AttributeError, TypeError):
        return False


def _candidates(text: str, dct: date, veto: Callable[[_Cand], bool] | None = None) -> list[_Cand]:
    """All pattern matches, reduced to non-overlapping valid ones: longest first, then the earlier pattern."""
    found: list[_Cand] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            # trim trailing whitespace/punctuation that optional groups may leave
            while e > s and text[e - 1] in " \t\n,":
                e -= 1
            if e <= s:
                continue
            cand = _Cand(s, e, kind, m)
            if veto is not None and veto(cand):
                continue
            found.append(cand)
    found.sort(key=lambda x: (-(x.end - x.start), PRIORITY[x.kind], x.start))
    taken: list[tuple[int, int]] = []
    chosen: list[_Cand] = []
    for cand in found:
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        if _is_name(cand, text) or not _valid(cand, text, dct):
            continue
        taken.append((cand.start, cand.end))
        chosen.append(cand)
    chosen.sort(key=lambda x: x.start)
    return chosen


POSSESSIVE = re.compile(r"(?i:its|their|his|her|our|my|your)\s+")


def _resolve_all(text: str, cands: list[_Cand], ctx: _Ctx) -> list[Timex]:
    out: list[Timex] = []
    for cand in cands:
        ctx.at(cand.start, cand.end)
        ctx.prev_text = text[max(0, cand.start - 20):cand.start]
        ctx.follow_text = text[cand.end:cand.end + 30]
        ctx.text = text
        try:
            res = HANDLERS[cand.kind](cand.match, ctx)
        except (ValueError, KeyError, OverflowError, IndexError, AttributeError, TypeError):
            res = None
        if res is None:
            continue
        span = res.span
        value = res.value or span.value
        start = cand.start
        poss = POSSESSIVE.match(text, start, cand.end)
        if poss:
            start = poss.end()  # TimeML leaves possessives out: "its [fourth quarter]"
        if cand.kind == "quarter" and re.search(r"\w-(?:quarter|half)\b", cand.match.group(0), re.I):
            # an adjective ("a [third-quarter] loss"): the determiner belongs to the noun
            start = min(cand.match.start(g) for g in ("ypre", "fiscal", "ord") if cand.match.start(g) >= 0)
        tx = Timex(
            start=start, end=cand.end, text=text[start:cand.end], type=res.type, value=value,
            earliest=span.earliest, latest=span.latest, granularity=span.granularity,
            approximate=res.approximate, mod=res.mod,
        )
        out.append(tx)
        if res.type == "DURATION" and re.match(r"(?i)the\b", tx.text) and value[-1] in "MY":
            ctx.last_quarter_at = -10**9  # "the nine months", "the year ended ...": no longer about a quarter
        if cand.kind in ("relunit", "yearish") and span.granularity == "week" and span.earliest and re.match(r"\d{4}-W\d\d$", value):
            direction = "future" if span.earliest > ctx.dct else "past" if span.latest < ctx.dct else "present"
            ctx.week_ctx = (span, cand.end, direction)
        background = getattr(ctx.tense_of, "background", None)
        if res.anchor and res.type in ("DATE", "TIME") and not value.endswith("_REF") and not (
                background is not None and background(cand.start, cand.end)):
            # (a date in a relative clause is background: "Xi, who landed on Monday evening, rode with the
            # Queen ... In the afternoon he addressed Parliament" is the afternoon of the story's day)
            if span.granularity == "day" and span.earliest:
                ctx.ref_day = span.earliest
                ctx.ref_day_at = cand.end
            if span.earliest:
                ctx.ref_span = span
    return out


# ----------------------------------------------------------------------------- tense from the parse

def _verb_tense(tok, depth: int = 0) -> str | None:
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if "going" in words or any(a.tag_ == "TO" for a in auxes):
        # "is to meet", "plans to visit": ahead; "had been due to expire": a past plan
        gov = tok.head
        if gov.tag_.startswith("NN"):
            return "future"  # "an agreement to acquire it in January", "a plan to meet Friday"
        for _ in range(3):
            if gov.i == gov.head.i or gov.tag_.startswith("VB"):
                break
            gov = gov.head
        gov_aux = {a.lower_ for a in gov.children if a.dep_ in ("aux", "auxpass")} | {gov.lower_}
        if "had" in gov_aux:
            return "past"
        if (gov.tag_ == "VBD" or gov_aux & {"was", "were", "did"}) and gov.lower_ not in FUTURE_GOVERNORS:
            return "past"  # "attempted to fill ... on Friday"
        return "future"
    if words & MODALS:
        if words & {"have", "'ve"}:
            return "past"  # "may have been", "would have met"
        # "must decide by Friday", "may meet on Sunday": an obligation or a possibility lies ahead; "could" is
        # as often a past ability ("could not land on Friday")
        return "future" if words & {"would", "'d", "must", "should", "might", "may", "can", "ca"} else None
    if tok.tag_ == "MD":
        return "future" if tok.lower_ in FUTURE_AUX else None
    if tok.tag_ == "VBD":
        return "past"
    if any(a.tag_ == "VBD" for a in auxes) or words & {"has", "have", "'ve", "’ve"}:
        return "past"
    if tok.tag_ == "VBN":
        if tok.lower_ in FUTURE_GOVERNORS:
            return "future"  # "set for November 1-2", "scheduled for Friday"
        if words & {"is", "are", "am", "be", "'s", "'re"}:
            return "present"
        return "past"
    if tok.tag_ in ("VBZ", "VBP"):
        if tok.lower_ in REPORTING:
            return "past"  # "says Monday" reports the past
        # "flies to Cairo on Thursday": an act in the present simple, which news copy uses for a schedule
        if tok.lower_ in STATIVE or words & {"does", "do", "did"} or (tok.tag_ == "VBP" and tok.lower_ in SAME_AS_PAST):
            return "present"  # "hurt" tagged VBP is as often the past tense
        return "schedule"
    if tok.tag_ == "VBG":
        if words & {"was", "were"}:
            return "past"
        if words & {"is", "are", "am", "'s", "'re", "'m"}:
            return "present" if tok.lower_ in REPORTING or tok.lower_ in STATIVE else "schedule"
        head = tok.head
        if head.i != tok.i and depth < 4:
            return _verb_tense(head, depth + 1) if head.tag_.startswith("VB") else None
    return None


def _make_tense_of(doc) -> Callable[[int, int], str | None]:
    starts = [t.idx for t in doc]

    def tense_of(start: int, end: int) -> str | None:
        if not starts:
            return None
        i0 = max(bisect.bisect_right(starts, start) - 1, 0)
        i1 = max(bisect.bisect_left(starts, end) - 1, i0)
        root = None
        for i in range(i0, i1 + 1):
            t = doc[i]
            if not (i0 <= t.head.i <= i1) or t.head.i == t.i:
                root = t
                break
        if root is None:
            root = doc[i1]
        tok = root
        via_noun = subject = False
        for _ in range(8):
            if tok.tag_.startswith("VB") or tok.tag_ == "MD":
                t = _verb_tense(tok)
                if t == "past" and via_noun and not subject:
                    # "warned of a cutback in September": the past verb does not date what the noun names; its
                    # subject acted, so it had happened ("the invasion on May 3 shocked the region")
                    return None
                if t is not None:
                    return t
                if tok.tag_ in ("VB",) and tok.head.i != tok.i:
                    tok = tok.head
                    continue
                return None
            if tok.head.i == tok.i:
                break
            if tok.i != root.i and tok.tag_.startswith("NN") and tok.dep_ not in ("npadvmod", "tmod"):
                via_noun = True
                subject = tok.dep_ in ("nsubj", "nsubjpass") and tok.head.tag_.startswith("VB")
            tok = tok.head
        return None

    def background(start: int, end: int) -> bool:
        """Whether the expression lies in a relative clause ('who landed on Monday')."""
        if not starts:
            return False
        t = doc[max(bisect.bisect_right(starts, start) - 1, 0)]
        for _ in range(8):
            if t.dep_ == "relcl":
                return True
            if t.head.i == t.i or t.dep_ in ("ccomp", "advcl", "parataxis") or t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT":
                return False
            t = t.head
        return False

    tense_of.background = background
    return tense_of


COUNT_NOUNS = re.compile(r"\s+(?:tons|troops|people|shares|barrels|yen|points|feet|meters|votes|jobs|units|cars|"
                         r"workers|soldiers|members|miles|acres|employees|copies|pounds|kilometers|square)\b", re.I)


def _year_veto(c: _Cand, text: str) -> bool:
    """'1,990 troops' style counts that look like years."""
    return c.kind == "year" and not c.match.group("pre") and bool(COUNT_NOUNS.match(text, c.end))


def _make_veto(doc, offset: int = 0) -> Callable[[_Cand], bool]:
    """Reject false friends the patterns cannot see alone: 'May' the modal, 'March' the verb, a month that is a name.

    `offset` is where the doc starts in the text the candidates were found in."""
    starts = [t.idx for t in doc]

    def tok_at(ch: int):
        i = bisect.bisect_right(starts, ch - offset) - 1
        return doc[i] if 0 <= i < len(doc) else None

    def veto(c: _Cand) -> bool:
        if c.kind != "month":
            return False
        t = tok_at(c.match.start("mon"))
        if t is None:
            return False
        if t.tag_ == "MD" or t.tag_.startswith("VB"):
            return True
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is None:
            return False
        if t.lower_ == "may" and nxt.tag_ in ("VB", "RB", "PRP"):
            return True
        if nxt.is_title and nxt.tag_ == "NNP" and not c.match.group("mod") \
                and nxt.lower_ not in WEEKDAYS and nxt.lower_.rstrip(".") not in MONTHS:
            return True  # "April Glaspie", "June Carter"
        return False

    return veto


def _tag(text: str, dct: date, tense_of=None, veto=None, default_tense: str | None = None) -> list[Timex]:
    def full_veto(c: _Cand) -> bool:
        return _year_veto(c, text) or (veto is not None and veto(c))

    ctx = _Ctx(dct, tense_of, default_tense)
    return _resolve_all(text, _candidates(text, dct, full_veto), ctx)


# ----------------------------------------------------------------------------- parsing only what needs it

# Only expressions whose reading depends on the parse (the direction of a weekday, month, month-day,
# quarter, season or weekend; "May" the modal) need one. tag_texts parses just the sentences that
# could hold such an expression, which is most of the cost saved on long texts.
NEEDS_PARSE = re.compile(
    rf"{MONTH}|{WEEKDAY}|(?i:quarter|spring|summer|autumn|fall|winter|weekend|noon|midnight|overnight|\d\s*[ap]\.?m\b)")
_SENT_END = re.compile(r"[.!?][\"'”’)]*[ \t]+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREV_END = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)*[A-Za-z]|Inc|Corp|Ltd|Bros|etc|vs)\.$")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Sentence-sized pieces of a text (lines, split further at sentence ends), as (start, end)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        lstart = pos
        pos += len(line) + 1
        start = lstart
        for m in _SENT_END.finditer(line):
            cut = lstart + m.start() + 1
            if _ABBREV_END.search(text[max(lstart, cut - 8):cut]):
                continue  # "Nov. 6", "Mr. Bush", "U.S. officials"
            out.append((start, cut))
            start = lstart + m.end()
        if lstart + len(line) > start:
            out.append((start, lstart + len(line)))
    return out


def _parse_plan(text: str) -> list[tuple[int, int]]:
    return [(a, b) for a, b in _chunks(text) if NEEDS_PARSE.search(text, a, b)]


def _composite(parts: list[tuple[int, object]]):
    """tense_of and veto over several parsed pieces of one text (offset, doc)."""
    offsets = [o for o, _ in parts]
    tense_fns = [_make_tense_of(d) for _, d in parts]
    vetoes = [_make_veto(d, o) for o, d in parts]

    def find(pos: int) -> int | None:
        i = bisect.bisect_right(offsets, pos) - 1
        if i < 0 or pos >= offsets[i] + len(parts[i][1].text):
            return None
        return i

    def tense_of(start: int, end: int) -> str | None:
        i = find(start)
        return None if i is None else tense_fns[i](start - offsets[i], end - offsets[i])

    def veto(c: _Cand) -> bool:
        i = find(c.start)
        return False if i is None else vetoes[i](c)

    def background(start: int, end: int) -> bool:
        i = find(start)
        return False if i is None else tense_fns[i].background(start - offsets[i], end - offsets[i])

    tense_of.background = background
    return tense_of, veto


# ----------------------------------------------------------------------------- public API

def tag_doc(doc, dct: date) -> list[Timex]:
    """Every temporal expression in a parsed Doc, in text order, resolved with context."""
    tense_of = _make_tense_of(doc) if doc.has_annotation("DEP") or doc.has_annotation("TAG") else None
    veto = _make_veto(doc) if doc.has_annotation("TAG") else None
    return _tag(doc.text, dct, tense_of, veto)


def tag_text(text: str, dct: date, tense: str | None = None) -> list[Timex]:
    """Every temporal expression of a plain text without a parse (tense from the hint only)."""
    return _tag(text, dct, default_tense=tense)


def tag_texts(items: Iterable[tuple[str, date]], nlp=None, batch_size: int = 64) -> Iterator[list[Timex]]:
    """Tag many texts with one pipeline, batched through nlp.pipe; yields one list per input, in order.

    Only the sentences that may hold a tense-dependent expression go through the pipeline (see
    NEEDS_PARSE); the result is what tag_doc gives on the whole parsed text, up to the parser's
    reading of those sentences on their own.
    """
    if nlp is None:
        from . import nlp as nlp_module

        nlp = nlp_module.load(exclude=PIPE_EXCLUDE)
    items = items if isinstance(items, list) else list(items)
    plans = [_parse_plan(text) for text, _ in items]
    pieces = (text[a:b] for (text, _), plan in zip(items, plans, strict=True) for a, b in plan)
    docs = nlp.pipe(pieces, batch_size=batch_size * 8)
    for (text, dct), plan in zip(items, plans, strict=True):
        parts = [(a, next(docs)) for a, _ in plan]
        tense_of, veto = _composite(parts) if parts else (None, None)
        yield _tag(text, dct, tense_of, veto)


def resolve(expression: str, dct: date, tense: str | None = None) -> Timex | None:
    """Resolve one expression string ("next Tuesday", "over a decade ago") without a parse.

    `tense` ("past", "future", "present") stands in for the governing verb. Returns the longest
    temporal expression found in the string, offsets relative to it, or None.
    """
    if tense not in (None, "past", "future", "present"):
        raise ValueError(f"tense must be past, future or present, not {tense!r}")
    found = tag_text(expression, dct, tense)
    best = max(found, key=lambda t: (t.end - t.start, -t.start)) if found else None
    if best is None or best.end - best.start < 0.8 * len(expression.strip()):
        # The grammar read nothing, or only a piece ("2016" of "7 juin 2016"): try it as an explicit date.
        return _explicit_date(expression, dct, tense) or best
    return best


_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")


def _explicit_date(expression: str, dct: date, tense: str | None) -> Timex | None:
    """An explicit date in a language or format the grammar does not read ("7 juin 2016", "2016年6月7日",
    "07.06.2016"), through dateparser, which is good at exactly that. Only expressions with a number and a
    month word, or a whole numeric date, are tried: dateparser also reads "sat", "we" or "10%" as dates.
    """
    text = expression.strip()
    if not text or len(text) > 60 or not re.search(r"\d", text):
        return None
    numeric = _NUMERIC_DATE.match(text)
    if not numeric and not re.search(r"[^\W\d_]{3,}|[年月日]", text):
        return None
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(dct.year, dct.month, dct.day),
        "PREFER_DATES_FROM": "future" if tense == "future" else "past" if tense == "past" else "current_period",
        "DATE_ORDER": "DMY" if numeric and "." in text else "MDY",
        "PREFER_DAY_OF_MONTH": "first",
    }
    data = DateDataParser(settings=settings).get_date_data(text)
    if data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    d = data.date_obj.date()
    if data.period == "day":
        first = last = d
        value = d.isoformat()
    elif data.period == "month":
        first, last = date(d.year, d.month, 1), date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        value = f"{d.year:04d}-{d.month:02d}"
    else:
        first, last, value = date(d.year, 1, 1), date(d.year, 12, 31), f"{d.year:04d}"
    start = len(expression) - len(expression.lstrip())
    return Timex(start, start + len(text), text, "DATE", value, first, last, data.period)
