"""Words and regular-expression pieces of the temporal tagger (see temporal_patterns for the grammar)."""
from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Month names are matched case-sensitively (a capital letter or all capitals) so that "may" the modal and
# "march" the verb are not months; abbreviations need their full stop except the unambiguous ones.
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\."
    r"|Jan|Feb|Aug|Sept|Oct|Nov|Dec)(?![\w])"
)
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)(?![\w])"

SMALL = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "single": 1,
    "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "a half": 0.5, "a dozen": 12, "dozen": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
VAGUE = {"a few", "few", "several", "some", "many", "a number of", "dozens of", "hundreds of", "a couple of"}

_units_word = "|".join(sorted((k for k in SMALL if " " not in k), key=len, reverse=True))
_tens_word = "|".join(TENS)
NUM = (
    rf"(?:\d{{1,3}}(?:\.\d+)?|(?:{_tens_word})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|a\s+couple(?:\s+of)?|a\s+few|a\s+dozen|half\s+a|a\s+number\s+of|several|few|many|dozens\s+of|hundreds\s+of"
    rf"|(?:{_units_word})(?:\s+and\s+a\s+half)?)"
)

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE",
}
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centuries|century)"

DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DAY_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                 "eighteenth", "nineteenth", "twentieth"]
DAY_WORDS = {w: i + 1 for i, w in enumerate(_DAY_ORDINALS)}
DAY_WORDS.update({f"twenty-{w}": 21 + i for i, w in enumerate(_DAY_ORDINALS[:9])})
DAY_WORDS.update({"thirtieth": 30, "thirty-first": 31})
DAYWORD = r"(?:" + "|".join(sorted((w.replace("-", "[\\s-]") for w in DAY_WORDS), key=len, reverse=True)) + r")"


def day_number(text: str) -> int | None:
    """'3', '3rd', 'third', 'twenty-first' -> the day of the month."""
    t = text.lower().strip()
    m = re.match(r"\d+", t)
    if m:
        return int(m.group())
    return DAY_WORDS.get(re.sub(r"[\s-]+", "-", t))
YEAR4 = r"(?:1[0-9]\d\d|20\d\d)"

DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
SEASONS = r"(?:spring|summer|autumn|fall|winter)"
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
                "overnight": "NI", "midday": "MI", "noon": "12:00", "midnight": "24:00"}

APPROX = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "some": "APPROX", "approximately": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "close to": "APPROX", "just under": "LESS_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN", "up to": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "at least": "MORE_THAN",
    "well over": "MORE_THAN", "only": None, "just": None, "barely": None,
}
APPROX_RE = (r"(?:about|around|roughly|approximately|nearly|almost|close\s+to|just\s+under|less\s+than|fewer\s+than"
             r"|up\s+to|more\s+than|just\s+over|well\s+over|over|at\s+least|some|only|just|barely|under)")


def number(text: str) -> float | None:
    """The number a number phrase denotes ("two", "twenty four", "3", "a couple of"); None when vague."""
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) if "." in t else int(t)
    if t in VAGUE or t.startswith(("dozens", "hundreds")):
        return None
    if t in SMALL:
        return SMALL[t]
    if t.endswith(" and a half"):
        n = number(t[: -len(" and a half")])
        return None if n is None else n + 0.5
    parts = t.split()
    if parts[0] in TENS:
        rest = SMALL.get(" ".join(parts[1:]), 0) if len(parts) > 1 else 0
        return TENS[parts[0]] + rest
    return None


def spelled_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000, 'two thousand and three' -> 2003."""
    t = " ".join(text.lower().replace("-", " ").split())
    m = re.fullmatch(r"two thousand(?: (?:and )?(.+))?", t)
    if m:
        rest = number(m.group(1)) if m.group(1) else 0
        return 2000 + int(rest) if rest is not None else None
    m = re.fullmatch(r"(nineteen|eighteen|seventeen|twenty) (.+)", t)
    if m:
        hi = {"nineteen": 19, "eighteen": 18, "seventeen": 17, "twenty": 20}[m.group(1)]
        lo_t = m.group(2)
        if lo_t.startswith("oh "):
            lo = number(lo_t[3:])
        elif lo_t == "hundred":
            lo = 0
        else:
            lo = number(lo_t)
        if lo is None or not 0 <= lo < 100 or lo != int(lo):
            return None
        return hi * 100 + int(lo)
    return None
