"""The story's day: the publication date, unless a dateline with a date says otherwise.

"HANOI, March 14 (Xinhua) --" or "WASHINGTON, Nov. 2, 1998 (AP) -" at the start of the text sets the
day that "today", weekdays and undated events of the lead refer to.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
DATELINE = re.compile(
    r"^\W*(?:[A-Z][A-Za-z.'\- ]{1,40},\s*)?(?:[A-Z][A-Za-z.'\- ]{1,30},\s*)?"
    r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\s*(?:\([^)]{1,30}\))?\s*(?:--|-|—|–|_)",
)


def dateline_day(text: str, dct: date) -> date | None:
    """The date of a dateline at the start of the text (within its first 300 characters), if any. A date
    without a year is the latest such day not after the publication date (a dateline never runs ahead)."""
    head = text.lstrip()[:300]
    for line in head.splitlines()[:3]:
        m = DATELINE.match(line.strip())
        if not m:
            continue
        mon, d = MONTHS[m["mon"][:3].lower()], int(m["day"])
        years = [int(m["year"])] if m["year"] else [dct.year, dct.year - 1]
        for y in years:
            try:
                got = date(y, mon, d)
            except ValueError:
                continue
            if m["year"] or got <= dct + timedelta(days=1):
                return got
    return None


def story_day(text: str, dct: date) -> date:
    """The day the story is told on: a dated dateline within a month of publication, else publication."""
    day = dateline_day(text, dct)
    return day if day is not None and abs((dct - day).days) <= 31 else dct
