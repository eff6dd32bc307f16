"""How long an event lasts when the text says so: "a three-day visit", "a 48-hour trip", "two-day talks".

A dated event noun with a length of its own covers that many days: from its date when the clause starts it
("arrived on Monday for a three-day visit": Monday to Wednesday), up to its date when the clause ends it
("ending a two-day visit on Saturday", "left on Saturday at the end of a two-day visit": Friday and Saturday).
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import timedelta

from ..types import Timex

WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20}
LENGTH = re.compile(r"^(\d{1,2}|[a-z]+)[- ](day|hour|week)s?$", re.I)
# verbs that end what they govern ("ending a visit", "wrapped up talks", "concluded his tour")
ENDING = {"end", "ended", "ending", "ends", "conclude", "concluded", "concluding", "concludes", "wrap", "wrapped",
          "wrapping", "wraps", "finish", "finished", "finishing", "finishes", "complete", "completed", "completing",
          "completes", "close", "closed", "closing", "closes", "leave", "left", "leaving", "leaves", "cut", "cutting"}
# nouns that name an event's end ("at the end of his two-day visit", "at the close of the talks")
ENDING_NOUNS = {"end", "close", "conclusion", "wrap"}
MAX_DAYS = 31
# a length with no number ("a week-long trip", "a day-long visit"), in days
UNIT_LONG = {"weeklong": 7, "daylong": 1, "fortnightlong": 14}


def length_in_days(noun) -> int | None:
    """The length a noun's own modifier gives ("three-day", "48-hour", "two-week"), in whole days."""
    words = [c for c in noun.children if c.dep_ in ("amod", "compound", "nummod", "npadvmod", "nmod")]
    for c in words:
        # "three-day" is one token or three ("three", "-", "day"): read the modifier's own subtree
        text = " ".join(t.text for t in c.subtree if t.text != "-").replace(" - ", "-")
        bare = text.lower().replace(" ", "").replace("-", "")
        if bare in UNIT_LONG:
            return UNIT_LONG[bare]  # "a week-long European trip"
        m = LENGTH.match(text.replace(" ", "-")) or LENGTH.match(text)
        if not m:
            continue
        n = int(m.group(1)) if m.group(1).isdigit() else WORD_NUMBERS.get(m.group(1).lower())
        if not n:
            continue
        unit = m.group(2).lower()
        days = math.ceil(n / 24) if unit == "hour" else n * (7 if unit == "week" else 1)
        return days if 1 <= days <= MAX_DAYS else None
    return None


# the nouns of a whole journey ("complete his trip", "ends her tour")
TRIP_WORDS = {"trip", "tour", "journey", "visit", "visits", "trips", "tours"}


def ended_by_verb(noun) -> bool:
    """Whether the verb the noun is the object of ends it ('will complete his trip', 'wrapped up a tour')."""
    v = noun.head
    return noun.dep_ in ("dobj", "obj") and (v.lower_ in ENDING or (v.lemma_ or "").lower() in ENDING)


def _ended_by(noun) -> bool:
    cur = noun
    for _ in range(3):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ == "NOUN" and (cur.lemma_ or cur.lower_).lower() in ENDING_NOUNS:
            return True
        if cur.pos_ in ("VERB", "AUX") or cur.tag_.startswith("VB"):
            return cur.lower_ in ENDING or (cur.lemma_ or "").lower() in ENDING
    return False


def with_length(noun, tx: Timex | None) -> Timex | None:
    """tx widened to the noun's own length when tx is one day; tx unchanged otherwise."""
    if tx is None or tx.earliest is None or tx.earliest != tx.latest:
        return tx
    days = length_in_days(noun)
    if not days or days == 1:
        return tx
    own = tx.start >= 0 and noun.left_edge.idx <= tx.start < noun.right_edge.idx + len(noun.right_edge)
    if not own and _ended_by(noun):
        # (a date of the noun's own phrase, "the summit, which opened on Saturday", starts it whatever ends it)
        return replace(tx, earliest=tx.latest - timedelta(days=days - 1))
    return replace(tx, latest=tx.earliest + timedelta(days=days - 1))
