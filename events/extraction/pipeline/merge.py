"""One event, many mentions: which mentions of one article name the same event."""
from __future__ import annotations

import re
from datetime import date

from .. import actors, attach
from ..types import ActorRef, Timex
from .model import GENERIC_NOUNS, Mention, _Event, compatible_types, role_states

# ---------------------------------------------------------------------------------------------- merging

def _names(ps: list[ActorRef]) -> set[str]:
    return {p.name for p in ps}


def _as_people(ps: list[ActorRef], others: list[ActorRef]) -> set[str]:
    """Names of ps, a state standing for the person of the other list whose title names it: 'Egyptian PM
    lands in Singapore' (Egypt) is the trip of 'Egyptian Prime Minister Kamal Ahmed El-Ganzoury'."""
    by_state = {}
    for q in others:
        for c in role_states(q):
            by_state.setdefault(c, q.name)
    return {by_state.get(p.name, p.name) if p.kind == "country" else p.name for p in ps}


def _part_of_summit(ev: _Event, m: Mention) -> bool:
    """'at the first inter-Korean summit ... before they sat down for talks': talks of the very leaders of a
    summit, on its day, are that summit."""
    types = {ev.type, m.trigger.type}
    if "summit" not in types or not types & {"talks", "meeting"}:
        return False
    ep = {p.name for p in ev.participants() if p.kind == "person"}
    mp = {p.name for p in m.participants if p.kind == "person"}
    a, b = _best(ev).date.timex, m.date.timex
    return len(ep) >= 2 and ep == mp and a is not None and b is not None and a.earliest is not None \
        and a.earliest == a.latest == b.earliest == b.latest


def _can_merge(ev: _Event, m: Mention) -> bool:
    if not compatible_types(ev.type, m.trigger.type) and not _part_of_summit(ev, m):
        return False
    gov = m.sentence.doc[m.trigger.governor]
    if m.creating and any(c.dep_ == "advmod" and c.text.lower() in ("again", "anew") for c in gov.children):
        return False  # "the two leaders met again": another occurrence
    noun = m.sentence.doc[m.trigger.token]
    if m.creating and m.trigger.nominal and any(
            c.dep_ in ("det", "amod") and c.text.lower() in ("another", "further", "fresh") for c in noun.children):
        return False  # "held another meeting", "further meetings later Tuesday": not the one told before
    best = _best(ev)
    # two mentions whose own dates (their clause's, not the narrative's) do not overlap are two events:
    # "held talks in Tokyo on Thursday" and "On Friday Yoon meets business leaders"
    own = _own_date(m)
    if own is not None and any(not attach.overlaps(own, d) for d in map(_own_date, ev.mentions) if d is not None):
        return False
    # a reference with a date of its own ("a schedule for wider talks", in mid-January) is the event only
    # if the event's date, told or inherited, overlaps it
    if not m.creating and own is not None and best.date.timex is not None \
            and not attach.overlaps(own, best.date.timex):
        return False
    if not _same_name(ev, m):
        return False
    # dates: two dates the text gives (clause or sentence) must overlap
    firm = (attach.RANK["sentence"], attach.RANK["governing clause"], attach.RANK["clause"], attach.RANK["open"],
            attach.RANK["place"])
    if m.date.rank in firm and best.date.rank in firm:
        # dates the text gives, or "before / after publication" for undated ones, must overlap
        if not attach.overlaps(m.date.timex, best.date.timex):
            return False
    elif m.creating and m.date.timex is not None and best.date.timex is not None and ev.type != "visit" \
            and min(m.date.rank, best.date.rank) >= attach.RANK["lead"] \
            and max(m.date.rank, best.date.rank) >= attach.RANK["sentence"] \
            and "open" not in (m.date.timex.granularity, best.date.timex.granularity) \
            and not attach.overlaps(m.date.timex, best.date.timex):
        # an event told on the narrative day ("After talks that ran for hours, ...") is not the one the
        # text dates last September
        return False
    if m.creating and not m.headline and any(x.creating and not x.headline for x in ev.mentions) and all(
            x.status != m.status for x in ev.mentions if x.creating and not x.headline):
        # "agreed to resume negotiations after the two leaders met": what is planned is not what happened
        return False
    # an episode anchored on something undated ("upon his arrival, he had a meeting") is not the event
    # the text dates elsewhere
    if m.creating and (_undated_anchor(m) or any(_undated_anchor(x) for x in ev.mentions)) \
            and all(x.sentence.start != m.sentence.start for x in ev.mentions):
        return False
    if m.creating and ev.type == "ceremony" == m.trigger.type and not _bare_definite(m) and all(
            x.creating and _lemma(x) != _lemma(m) and x.sentence.start != m.sentence.start for x in ev.mentions):
        # a visit has many ceremonies: a welcome is not a tree planting nor a wreath-laying
        return False
    locs = [x.location for x in ev.mentions if x.location and not x.place_inherited]
    if m.location and not m.place_inherited and locs and not _same_place(m.location, locs[0]):
        return False
    ep, mp = _as_people(ev.participants(), m.participants), _as_people(m.participants, ev.participants())
    if not m.creating and m.trigger.nominal and _head(m) not in GENERIC_NOUNS \
            and _head(m) not in {_head(x) for x in ev.mentions}:
        # "since his enthronement" does not refer to a funeral: a specific noun refers to its like
        return False
    if not m.creating:
        # a reference that names someone names someone the event has ("the TPP talks" are not a 2011 meeting)
        if ep and mp and not ep & mp:
            return False
        ep = {p.name for p in ev.participants() if p.kind == "person"}
        mp = {p.name for p in m.participants if p.kind == "person"}
    if ep and mp and not (ep <= mp or mp <= ep):
        # neither list contains the other: two different encounters, unless the text says it is the
        # same one ("Hagel is also attending the ... meeting", "travelled to London for the ceremony")
        if _told_again(m) and any(x.trigger.token < m.trigger.token for x in ev.mentions):
            return True
        return _anaphoric(m) and m.date.rank >= attach.RANK["sentence"] and best.date.rank >= attach.RANK["sentence"]
    return True


def _own_date(m: Mention) -> Timex | None:
    """The date a mention's own clause or sentence gives it (not one inherited from the narrative)."""
    tx = m.date.timex
    if tx is None or m.date.rank < attach.RANK["sentence"] or tx.granularity == "open":
        return None
    return tx


NAME_ENTS = ("ORG", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART")


def _event_name(m: Mention) -> str | None:
    """The name a summit or conference noun carries ('the Group of Seven summit', 'a NATO summit',
    'the G20 summit'): an organization or event name, not a country pair ('the U.S.-Japan summit')."""
    if not m.trigger.nominal or m.trigger.type not in ("summit", "conference"):
        return None
    doc = m.sentence.doc
    tok = doc[m.trigger.token]
    own = actors.ent_at(doc, tok.i)
    if own is not None and own.label_ in NAME_ENTS and len(own) > 1:
        return " ".join(w.text.lower() for w in own if w.i != tok.i)
    for c in tok.children:
        if c.dep_ in ("compound", "nmod", "amod") and c.ent_type_ in NAME_ENTS:
            ent = actors.ent_at(doc, c.i)
            return (ent.text if ent is not None else c.text).lower()
    return None


def _same_name(ev: _Event, m: Mention) -> bool:
    """'the Group of Seven summit' and 'a NATO summit' are two summits; a named summit is not the summit of
    a pair told before ('Biden will meet Putin ... the summit') unless its organization takes part."""
    name = _event_name(m)
    names = {n for n in map(_event_name, ev.mentions) if n}
    if name and names:
        return name in names or any(name in n or n in name for n in names)
    if names and not name:
        return True  # "the summit" after "the G20 summit"
    if name and not names and ev.type in ("summit", "conference"):
        people = {p.name for p in ev.participants() if p.kind == "person"}
        orgs = {p.name.lower() for p in ev.participants() if p.kind != "person"}
        # "the Geneva Summit" is named after where the pair meets
        at_place = any(x.location and _same_place(name, x.location) for x in ev.mentions)
        if len(people) >= 2 and not at_place and not any(o in name or name in o for o in orgs):
            return False
    return True


def _lemma(m: Mention) -> str:
    """The trigger's rule: 'welcoming ceremony' (n-ceremony), 'planted a tree' (plant-tree)."""
    return m.trigger.rule


def _head(m: Mention) -> str:
    return m.sentence.doc[m.trigger.token].text.lower()


def _bare_definite(m: Mention) -> bool:
    """'the ceremony', 'the summit': a definite noun with nothing to tell it from the one told before."""
    t = m.trigger
    if not t.nominal:
        return False
    tok = m.sentence.doc[t.token]
    kids = list(tok.children)
    return any(c.dep_ == "det" and c.text.lower() == "the" for c in kids) and not any(
        c.dep_ in ("amod", "compound", "nmod", "poss", "nummod") for c in kids)


DOCUMENT_NOUNS = {"document", "documents", "agreement", "agreements", "deal", "accord", "treaty", "pact", "protocol",
                  "memorandum", "declaration", "text"}


def _signed_again(m: Mention) -> bool:
    """'Russia and Sri Lanka signed an agreement ... Gref and Fernandopulle signed the document': a signing of a
    definite document ('the document', 'the accord') tells again the signing told before, by its signatories."""
    if m.trigger.type != "signing" or m.trigger.nominal:
        return False
    verb = m.sentence.doc[m.trigger.token]
    return any(c.dep_ in ("dobj", "obj") and c.lower_ in DOCUMENT_NOUNS and any(
        d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children) for c in verb.children)


def _told_again(m: Mention) -> bool:
    """A mention that tells again what was told before: 'the ceremony', 'signed the document'."""
    return _bare_definite(m) or _signed_again(m)


def _undated_anchor(m: Mention) -> bool:
    return m.date.source.startswith("anchor") and m.date.source.endswith("(undated)")


def _anaphoric(m: Mention) -> bool:
    """A definite nominal ('the ... meeting') in a clause marked with 'also' joins an event already told."""
    t = m.trigger
    if not t.nominal:
        return False
    doc = m.sentence.doc
    tok = doc[t.token]
    definite = any(c.dep_ == "det" and c.text.lower() == "the" for c in tok.children)
    also = any(c.dep_ == "advmod" and c.text.lower() in ("also", "too", "likewise") for c in doc[t.governor].children)
    return definite and also


PLACE_FILLER = {"new", "the", "of", "city", "san", "santa", "st", "saint", "el", "al", "port", "fort", "north",
                "south", "east", "west", "great", "hall", "house", "palace", "square", "castle", "people"}


def _same_place(a: str, b: str) -> bool:
    ta = {w.strip().lower() for w in a.split(",")}
    tb = {w.strip().lower() for w in b.split(",")}
    if ta & tb:
        return True
    # "Bratislava Castle" is in Bratislava: a venue named after its city
    wa = set(re.findall(r"[a-z]+", a.lower())) - PLACE_FILLER
    wb = set(re.findall(r"[a-z]+", b.lower())) - PLACE_FILLER
    if wa & wb:
        return True
    ca = actors.place_of(a.split(",")[-1].strip())
    cb = actors.place_of(b.split(",")[-1].strip())
    return bool(ca and cb and ca[1] and ca[1] == cb[1])


def _best(ev: _Event) -> Mention:
    """The mention whose date governs the event: the most direct date source, then the finest date."""
    gran = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6,
            "decade": 7, "century": 8, "open": 9}

    def key(m: Mention):
        # the own dates of an event's mentions overlap (_can_merge): the finest of them is the most specific
        own = _own_date(m)
        # "talks that began on Monday" (told on Friday) spans the days the other mentions fall on
        runs = any(r.endswith("runs to the story's day") for r in m.reasons)
        # of two ranges of days, the narrower ("visit Laos from Nov. 19 to 20" in a tour "from Nov. 15 to 26")
        span = (own.latest - own.earliest).days if own is not None and own.earliest and own.latest else 0
        return (runs, own is not None, -gran.get(own.granularity, 9) if own is not None else 0,
                -span if span > 0 else 0, m.date.rank,
                -gran.get(m.date.timex.granularity, 9) if m.date.timex else -10, not m.headline, m.creating,
                -m.trigger.token)
    return max(ev.mentions, key=key)


def _merge(mentions: list[Mention], dct: date) -> list[_Event]:
    events: list[_Event] = []
    for m in mentions:
        if not m.creating:
            continue
        target = _merge_target(events, m)
        if target is None:
            events.append(_Event(m.trigger.type, [m]))
        else:
            target.mentions.append(m)
    by_token = {}
    for ev in events:
        for x in ev.mentions:
            by_token[x.trigger.token] = ev
    for m in mentions:
        if m.creating:
            continue
        # "meet again at the G20 summit": a reference inside an event's own clause belongs to it
        host = by_token.get(m.trigger.governor)
        if m.join is not None and m.join in by_token:
            by_token[m.join].mentions.append(m)
            continue
        if host is not None and compatible_types(host.type, m.trigger.type) and _can_merge_dates(host, m):
            host.mentions.append(m)
            continue
        target = _merge_target(events, m, reference=True)
        if target is not None:
            target.mentions.append(m)
        elif m.presupposed or (m.date.rank == attach.RANK["clause"] and _own_date(m) is not None
                               and _event_name(m) and not m.headline):
            # "and a NATO summit in Brussels on June 14": a named summit with a date of its own that is no
            # event told before is one of its own
            events.append(_Event(m.trigger.type, [m]))
        elif m.line.title and not m.trigger.nominal and m.participants:
            # the title's event, which the body tells in words we did not take as an event of its own
            events.append(_Event(m.trigger.type, [m]))
    for ev in events:
        ev.mentions.sort(key=lambda x: (x.line.start if x.line.paragraph is not None else -1, x.trigger.token))
    return events


def _can_merge_dates(ev: _Event, m: Mention) -> bool:
    """A reference inside an event's clause with a date of its own that the event's does not overlap is
    another event ('travels on June 9 for the Group of Seven summit from June 11 to 13')."""
    own = _own_date(m)
    if own is None:
        return True
    return all(attach.overlaps(own, x.date.timex) for x in ev.mentions if x.date.timex is not None) and _same_name(ev, m)


def _other_argument(ev: _Event, m: Mention) -> bool:
    """'The summit followed a G7 meeting in Charlevoix': the subject and the object of one verb are two events."""
    doc = m.sentence.doc
    t = doc[m.trigger.token]
    for x in ev.mentions:
        o = doc[x.trigger.token]
        if o.i != t.i and o.head.i == t.head.i and {o.dep_, t.dep_} & {"nsubj", "nsubjpass"} \
                and {o.dep_, t.dep_} & {"dobj", "obj"}:
            return True
    return False


def _merge_target(events: list[_Event], m: Mention, reference: bool = False) -> _Event | None:
    cands = []
    for i, ev in enumerate(events):
        if not _can_merge(ev, m) or _other_argument(ev, m):
            continue
        shared = len(_names(ev.participants()) & _names(m.participants))
        if not reference and not shared and m.participants and ev.participants() and not _anaphoric(m) \
                and not _told_again(m):
            continue

        first = min((x.trigger.token for x in ev.mentions if x.creating), default=m.trigger.token)
        if m.headline:
            # a headline or a caption shows the article's main event: the one that shares most, is at the
            # same place, and comes first in the body
            same_place = bool(m.location) and any(x.location and _same_place(m.location, x.location) for x in ev.mentions)
            cands.append((shared, same_place, 0, -first, ev))
            continue
        same_type = ev.type == m.trigger.type
        before = first < m.trigger.token
        # a reference points back ("after the meeting" is the one told before, not the one told next), then
        # to its own kind ("during their formal talks" is the talks, not another meeting of the same men)
        cands.append((before, same_type, shared, i if before else -i, ev))
    if not cands:
        return None
    cands.sort(key=lambda c: c[:4])
    return cands[-1][4]


