"""Dates typed into the timeline's filters, read day first like the dates the page shows.

'7 Jun 2016', '7 June 2016', '07/06/2016', '7.6.2016', '2016-06-07' are days; 'Jun 2016', '06/2016',
'2016-06' a month and '2016' a year, which start on their first day in From and end on their last in To.
An ambiguous slash date is read day first (07/06/2016 is 7 June), as the page writes dates.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from django import forms

_MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
_MONTHS["sept"] = 9

_NUMERIC_DAY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_NUMERIC_MONTH = re.compile(r"(\d{1,2})[./](\d{4})")
_YEAR = re.compile(r"(\d{4})")
_DAY_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_NAME_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_NAME_YEAR = re.compile(r"([a-z]+)\.?,?\s+(\d{4})")


def format_day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _month(name: str) -> int | None:
    return _MONTHS.get(name.lower())


def parse_day_first(text: str, end: bool = False) -> date | None:
    """The date `text` names (its last day when `end` and it names a month or year); None when unreadable.

    Raises ValueError for a well-formed date that does not exist (31 Feb 2016).
    """
    s = " ".join(text.strip().lower().replace(",", " ").split())
    # Ignore a weekday in front ('Tue 7 Jun 2016', as the timeline writes dates).
    s = re.sub(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+", "", s)
    if m := _ISO_DAY.fullmatch(s):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC_DAY.fullmatch(s):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if (m := _DAY_NAME.fullmatch(s)) and _month(m[2]):
        return date(int(m[3]), _month(m[2]), int(m[1]))
    if (m := _NAME_DAY.fullmatch(s)) and _month(m[1]):
        return date(int(m[3]), _month(m[1]), int(m[2]))
    year = month = None
    if m := _ISO_MONTH.fullmatch(s):
        year, month = int(m[1]), int(m[2])
    elif m := _NUMERIC_MONTH.fullmatch(s):
        year, month = int(m[2]), int(m[1])
    elif (m := _NAME_YEAR.fullmatch(s)) and _month(m[1]):
        year, month = int(m[2]), _month(m[1])
    elif m := _YEAR.fullmatch(s):
        year = int(m[1])
        return date(year, 12, 31) if end else date(year, 1, 1)
    if year is None:
        return None
    if not 1 <= month <= 12:
        raise ValueError("month out of range")
    return date(year, month, calendar.monthrange(year, month)[1] if end else 1)


class DayFirstDateField(forms.Field):
    default_error_messages = {
        "invalid": "“%(value)s” is not a date this page can read; write it day first, e.g. 7 Jun 2016 or 07/06/2016.",
        "nonexistent": "“%(value)s” is not a day of the calendar.",
    }

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, date):
            return value
        text = str(value)[:40]
        try:
            parsed = parse_day_first(text, end=self.end)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["nonexistent"], code="nonexistent",
                                        params={"value": text}) from exc
        if parsed is None or not 1 <= parsed.year <= 9999:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": text})
        return parsed
