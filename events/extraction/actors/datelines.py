"""Datelines: where a story was filed ("WASHINGTON (Reuters) -"), which is no event's place."""
from __future__ import annotations

import re

from .names import place_of

DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Z.'’\- ]{2,}?(?:,\s*[A-Z][A-Za-z0-9.'’ ]+?){0,2})\s*
        (?:\((?P<agency>[^)]{1,40})\))?\s*
        (?:[-–—]+|:|\.\s*/[A-Za-z\- ]{2,20}/\.?)\s*
        (?:(?P<date>[^:\n]{0,40}?\d{4})\s*:\s*)?""",
    re.X,
)


# "Mexico City, Feb 3 (IANS)", "Kampala, June 24 (Xinhua) --": a place in ordinary case, a date and an agency
WIRE_DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Za-z.'’\- ]{2,30}?),\s*
        (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?\s*
        \((?P<agency>[A-Za-z][A-Za-z .]{1,24})\)\s*(?:[-–—:]+\s*)?""",
    re.X,
)


def dateline(line: str) -> tuple[int, str | None]:
    """Characters taken by a dateline at the start of a paragraph, and its place: 'WASHINGTON (Reuters) -'
    gives (22, 'Washington'), and so does a dateline with a region and a date ('BRATISLAVA, Slovakia, Feb 24
    (Reuters) -'). (0, None) when the paragraph has none."""
    m = DATELINE.match(line)
    if not m:
        # in ordinary case only a place the gazetteer or GeoNames knows ("Hu Jintao, Nov 3 (...)" is none)
        w = WIRE_DATELINE.match(line)
        if w is None or place_of(w.group("place")) is None:
            return 0, None
        return w.end(), w.group("place").strip()
    place = m.group("place").strip()
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return 0, None
    return m.end(), place.split(",")[0].title()


