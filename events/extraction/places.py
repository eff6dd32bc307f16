"""Where an event happened when its own words say nothing: the trip it is part of.

A meeting, a ceremony or a press conference told without a place ("she met her counterpart on Sunday")
happens where its participant is travelling at that time: the destination of a visit in the same article
whose visitor takes part in it and whose dates contain its dates. A phone call joins two places and keeps
none; an event dated outside every visit (a flashback, a plan after the trip) takes no place from it, and
an event that has happened takes none from a trip still to come.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .actors import country_of, place_of
from .actors.locations import capital_of
from .types import EventCandidate

PLACELESS = {"phone_call"}


def _within(inner, outer) -> bool:
    """The inner interval lies inside the outer one (an open end of the outer interval takes anything)."""
    if inner is None or outer is None or inner.earliest is None or inner.latest is None:
        return False
    if outer.earliest is not None and inner.earliest < outer.earliest:
        return False
    return outer.latest is None or inner.latest <= outer.latest


def _width(tx) -> int | None:
    """Days between an interval's ends; None when an end is open."""
    return (tx.latest - tx.earliest).days if tx.earliest is not None and tx.latest is not None else None


def _told_as_later(c: EventCandidate, v: EventCandidate) -> bool:
    """'was to meet Siniora before heading to south Lebanon': a trip that the event's own sentence tells after
    'before' has not begun when the event takes place."""
    a, b = c.first, v.first
    if a.paragraph != b.paragraph or a.sentence_start != b.sentence_start or b.trigger_start <= a.trigger_end:
        return False
    return " before " in f" {a.sentence[a.trigger_end - a.sentence_start:b.trigger_start - a.sentence_start].lower()} "


def trip_places(cands: list[EventCandidate]) -> None:
    """Give each placeless event the destination of the visit its participant is on at the time."""
    visits = [v for v in cands if v.type == "visit" and v.location and v.participants
              and v.participants[0].kind == "person"]
    for c in cands:
        if c.location or c.type == "visit" or c.type in PLACELESS:
            continue
        names = {p.name for p in c.participants}
        # a trip still to come ("before heading south on Sunday") hosts nothing that has already happened
        fits = [v for v in visits if v.participants[0].name in names and _within(c.date, v.date)
                and not (v.status == "planned" and c.status == "occurred") and not _told_as_later(c, v)]
        if not fits:
            continue
        # talks with a state's official are on the leg to that state ("held talks with Ugandan Prime Minister
        # Apolo Nsibambi" on the Uganda leg, not on the Tanzania leg of the same days)
        visitors = {v.participants[0].name for v in fits}
        hosts = {s for p in c.participants if p.kind == "person" and p.name not in visitors
                 for s in map(country_of, (p.role or "").split()) if s}
        at_host = [v for v in fits if state_of(v.location) in hosts]
        if at_host:
            fits = at_host
        # the tightest trip: a leg of a tour rather than the tour
        v = min(fits, key=lambda v: 10**6 if _width(v.date) is None else _width(v.date))
        c.location = v.location
        c.reasons.append(f"place of the visit '{v.first.trigger}' its participant is on")


def country_to_city(cands: list[EventCandidate], cities: dict[str, set[str]]) -> None:
    """An encounter placed in a country, in an article that names one city of that country and no other, was
    in that city ("met the president on his visit to the island ... recognition moved from Taipei": Taipei);
    cities maps a country to the cities of it the article names. A visit keeps the destination its words give
    ("a visit to Japan" is to Japan, whichever cities it takes in), unless a mention of it gives one city of
    that country as where it goes ("US president arrives in Beijing" over "a three-day visit to China")."""
    told = [(c, c.location) for c in cands]
    for c in cands:
        if not c.location:
            continue
        named = cities.get(c.location)
        if not named:
            continue
        # a city where the article places another event is that event's ("leaves for Japan, where he will
        # attend the summit ... then visit Hiroshima"): it says nothing of where this one was
        free = {city for city in named if not any(o is not c and where == city for o, where in told)}
        if c.type == "visit":
            # a visit goes where one of its own mentions says it goes within that country ("US president
            # arrives in Beijing" over "arrived here for a three-day visit to China")
            own = {city for city in named if any(_goes_to(m, city) for m in c.mentions)}
            if len(own) == 1 and own <= free:
                city = own.pop()
                c.reasons.append(f"the city of {c.location} its own mention names: {city}")
                c.location = city
            continue
        if len(named) == 1 and free:
            city = free.pop()
            c.reasons.append(f"the one city of {c.location} the article names: {city}")
            c.location = city


def _goes_to(m, place: str) -> bool:
    """The mention's trigger is followed closely by a phrase of destination or place naming the place ('arrives
    in Beijing', 'a visit to Hanoi'), not by a place told of something else later in its sentence."""
    rest = m.sentence[max(0, m.trigger_end - m.sentence_start):]
    return re.match(rf"\W*(?:[\w'-]+\W+){{0,3}}?(?:in|to|for|at)\s+(?:the\s+)?{re.escape(place)}(?!\w)", rest) is not None


def story_place(cands: list[EventCandidate], here: str | None, day: date) -> None:
    """An encounter of the story's day (or the day before or after it) happened where the story is. Told
    without a place, it is at the destination of the article's visits of that time when they all go to one
    place ("CAIRO - ... arrived in Algeria to attend a meeting"), else where the story was filed ("VIENNA
    (Tasnim) -": the reporter was there), unless a visit of that time goes to another country; placed in the
    dateline's country, it is in the dateline's city ("TOKYO (AP) - ... a visit to Japan"). With no dateline,
    the story is where a visit that has happened came "here". A visit keeps
    its destination, a call no place, and an event of another time (a flashback, a plan) takes none."""
    visits = [v for v in cands if v.type == "visit" and v.location]
    if not here:
        # no dateline: a visit told as coming "here" ("arrived here Tuesday for a visit to Singapore") says
        # where the story is
        told_here = {v.location for v in visits if v.status == "occurred"
                     and any(re.search(r"(?<!\w)here(?!\w)", m.sentence) for m in v.mentions if m.paragraph is not None)}
        here = told_here.pop() if len(told_here) == 1 else None
        source = "the place the story's visit came 'here' to"
    else:
        source = "the dateline's place"
    p = place_of(here) if here else None
    where, state = (p[0], p[1]) if p else (here, None)
    for c in cands:
        if c.type == "visit" or c.type in PLACELESS or c.date is None:
            continue
        e, la = c.date.earliest, c.date.latest
        if e is None or la is None or e != la or abs((e - day).days) > 1:
            continue
        if c.location is None:
            # a trip still to come ("will leave Mexico on Friday to continue a tour to Argentina") is not where
            # something that has happened took place
            during = {v.location for v in visits if _within(c.date, v.date)
                      and not (v.status == "planned" and c.status == "occurred")}
            if len(during) == 1:
                c.location = during.pop()
                c.reasons.append(f"the place of the story's visits: {c.location}")
            elif where and not any(state_of(v) != state for v in during):
                c.location = where
                c.reasons.append(f"{source}: {where}")
        if where and where != state and c.location == state:
            c.location = where
            c.reasons.append(f"the dateline's city of {state}: {where}")
    home_briefings(cands)


def home_briefings(cands: list[EventCandidate]) -> None:
    """A news conference or briefing placed nowhere, given by officials of one state none of whom travels in
    the article ("Chinese Assistant Foreign Minister Cui Tiankai said at a news conference"), is at home: in
    that state's capital, where its ministries brief."""
    travellers = {p.name for v in cands if v.type == "visit" for p in v.participants[:1]}
    for c in cands:
        if c.type != "press_conference" or c.location or not c.participants:
            continue
        states = set()
        for p in c.participants:
            own = {x for x in map(country_of, (p.role or "").split()) if x} if p.kind == "person" else set()
            if not own or p.name in travellers:
                states = set()
                break
            states |= own
        if len(states) == 1:
            state = states.pop()
            city = capital_of(state)
            if city:
                c.location = city
                c.reasons.append(f"a briefing of {state}'s officials at home: {city}")


def state_of(place: str) -> str | None:
    """The country of a shown place ('Kremlin, Moscow' -> Russia)."""
    p = place_of(place.split(",")[-1].strip())
    return p[1] if p else None


def leg_dates(cands: list[EventCandidate]) -> None:
    """The legs of one trip told as a list ("successive state visits to Vietnam, Laos, India and Pakistan
    from Nov. 15 to 26") are travelled in the order written: a leg with no days of its own begins where the
    leg before it ends and ends where the leg after it begins, when those legs have days of their own
    ("will visit Laos from Nov. 19 to 20" ends the Vietnam leg on Nov. 19)."""
    tours: dict[tuple, tuple] = {}  # the mention that lists the trip -> (it, its legs)
    for c in cands:
        if c.type == "visit" and c.location and c.date is not None and c.date.granularity == "day" \
                and any(r.startswith("one leg of a trip") for r in c.reasons):
            for x in c.mentions:
                tours.setdefault((x.paragraph, x.trigger_start), (x, []))[1].append(c)
    for told, legs in tours.values():
        where = {id(c): told.sentence.find(c.location) for c in legs}
        if len(legs) < 2 or any(i < 0 for i in where.values()):
            continue
        legs.sort(key=lambda c: where[id(c)])
        whole = max(legs, key=lambda c: _width(c.date) or 0).date
        if whole.earliest is None or whole.latest is None:
            continue
        own = [c.date != whole for c in legs]
        for k, c in enumerate(legs):
            if own[k]:
                continue
            start = legs[k - 1].date.latest if k and own[k - 1] else whole.earliest
            end = legs[k + 1].date.earliest if k + 1 < len(legs) and own[k + 1] else whole.latest
            if (start, end) != (whole.earliest, whole.latest) and start <= end:
                c.date = replace(whole, earliest=start, latest=end, value=start.isoformat())
                c.reasons.append(f"a leg between its neighbours' days: {start} to {end}")
