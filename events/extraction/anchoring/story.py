"""The story's day: the publication date, unless a dateline with a date says otherwise.

"HANOI, March 14 (Xinhua) --", "WASHINGTON, Nov. 2, 1998 (AP) -" or "CAIRO – 28 October 2022:" at the start
of the text sets the day that "today", weekdays and undated events of the lead refer to. A wire story is
often published a day or two after the day its dateline gives.
"""
from __future__ import annotations

import re
from datetime import date

# the head of a first line up to the dash or colon that ends a dateline: a place in capitals (with a region
# or a date after commas), an agency in brackets, then the separator; or a place, a dash and a date, a colon
HEAD = re.compile(
    r"""^\s*[A-Z][A-Za-z.'’\- ]{1,40}(?:,\s*[A-Za-z0-9.'’ ]{2,30}){0,3}\s*(?:\([^)]{1,40}\))?\s*
        (?:--|-|–|—|_|:)(?:\s*(?P<after>[^:\n]{4,30}?\d{4})\s*:)?""",
    re.X,
)
MAX_GAP_DAYS = 31


def dateline_day(text: str, dct: date) -> date | None:
    """The date a dateline at the start of the text gives (on one of its first three non-empty lines: a
    title or a caption may come first), if any. A date without a year is read against the publication
    date, as the nearest such day."""
    from ..temporal import tag_text

    lines = [ln for ln in text[:2000].splitlines() if ln.strip()][:3]
    for line in lines:
        m = HEAD.match(line[:120])
        if not m:
            continue
        for tx in tag_text(m.group(0), dct):
            if tx.type == "DATE" and tx.granularity == "day" and tx.earliest is not None \
                    and tx.earliest == tx.latest and any(c.isdigit() for c in tx.text):
                return tx.earliest
    return None


def story_day(text: str, dct: date) -> date:
    """The day the story is told on: a dated dateline within a month of publication, else publication."""
    day = dateline_day(text, dct)
    return day if day is not None and 0 <= (dct - day).days <= MAX_GAP_DAYS else dct
