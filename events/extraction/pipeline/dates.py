"""The dates of mentions the attacher leaves undated: the narrative, flashbacks, the lead, openings."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from .. import attach
from ..anchoring import spans
from ..types import Timex
from .merge import _same_place
from .model import SEQUENCE_ADVERBS, Line, Mention
from .output import _decided

# ---------------------------------------------------------------------------------------------- dates

FLASHBACK_ADVERBS = {"previously", "earlier", "once", "formerly", "before", "last"}


def _story_day(doc, lines: list[Line], sentences, attacher: attach.Attacher) -> Timex | None:
    """The day the story's lead establishes: a day-level date on the main verb of the first body sentence
    ("Putin and Erdogan agreed on Monday ...", "Iran reached an agreement on Tuesday"), whatever that verb is.
    Follow-up events of the narrative that have no date of their own belong to that day."""
    body = next((ln for ln in lines if ln.paragraph is not None and not ln.headline), None)
    if body is None:
        return None
    first = next((s for s in sentences if s.end_char > body.start + body.dateline_end and s.start_char < body.end), None)
    if first is None:
        return None
    root = first.root
    if root.text.lower() in attach.REPORTING:
        return None  # "the ministry said on Monday that ...": the day of a statement, not of the story's events
    heads = {root.i} | {c.i for c in root.children if c.dep_ in ("dobj", "obj")}  # "reached an agreement on Tuesday"
    for k, a in attacher._local(root.i):
        tx = attacher.timexes[k]
        if a in heads and tx.granularity == "day" and tx.earliest is not None:
            return tx
    return None


def _flashback(doc, m: Mention) -> bool:
    """'had failed to agree when they met', 'had previously visited': a look back, not the narrative day."""
    gov = doc[m.trigger.governor]
    chain = [doc[m.trigger.token], gov]
    cur = gov
    # "Trump had attended a summit in Brussels and visited Britain before flying to Finland": the conjoined
    # and subordinate verbs share the past perfect of the clause they hang on
    for _ in range(4):
        if cur.dep_ not in ("conj", "pcomp", "advcl", "xcomp") or cur.head.i == cur.i:
            break
        if cur.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            break
        cur = cur.head.head if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" else cur.head
        chain.append(cur)
    for w in chain:
        for c in w.children:
            if c.dep_ == "aux" and c.text.lower() in ("had", "'d") and w.tag_ == "VBN":
                return True
            if c.dep_ == "advmod" and c.text.lower() in FLASHBACK_ADVERBS and w.i in (gov.i, m.trigger.token):
                return True
    return False


def _narrative_dates(doc, mentions: list[Mention], attacher: attach.Attacher, register, dct: date,
                     story: Timex | None = None) -> None:
    lead = None
    for m in mentions:
        if m.creating and not m.headline and m.date.rank >= attach.RANK["sentence"] and not (
                m.trigger.nominal and m.status == "planned" and m.trigger.why == "own date"):
            # (an occasion named for its date, "in time for a summit in two weeks", is not the story's day)
            lead = m
            break
    if story is not None:
        # the lead sentence's own day tells the narrative day, even when its verb is no event ("agreed on
        # Monday"); a flashback told first in the article does not
        lead_m = Mention(lead.trigger if lead else None, None, None, -1, [], None,
                         attach.DateChoice(story, "lead sentence", attach.RANK["sentence"], None), "occurred", True, False)
        lead = lead_m
    # places with a date in the same clause, for "an event at a place takes that place's date"
    place_tokens = {}
    for t in doc:
        if t.dep_ == "pobj" and t.head.text.lower() in ("in", "at") and t.ent_type_ in ("GPE", "LOC", "FAC"):
            pl = register.place(t)
            if pl:
                place_tokens[t.i] = pl
    place_dates = attacher.place_dates(place_tokens)
    for m in mentions:
        if m.date.timex is not None:
            continue
        if m.headline or not (m.creating or m.presupposed):
            # a reference takes its date (and its status) from the event it refers to
            continue
        during = _during_event(doc, m, mentions)
        if during is not None and attach.compatible_with_status(during.date.timex, m.status, dct):
            m.date = attach.DateChoice(attach.as_inherited(during.date.timex),
                                       f"during '{during.trigger.text}'", attach.RANK["anchor"], None)
            continue
        anchor = attacher.anchor_of(m.trigger)
        if anchor:
            tx = _anchor_date(anchor[1], m, mentions)
            if tx is not None:
                tx = attach.relative_to(tx, anchor[0], attacher.anchor_shift(m.trigger))
            anchor = anchor[1]
            if tx is not None:
                m.date = attach.DateChoice(attach.as_inherited(tx), f"anchor '{anchor}'", attach.RANK["anchor"], None)
            else:
                m.date = attach.DateChoice(attach.open_interval(m.status, dct), f"anchor '{anchor}' (undated)",
                                           attach.RANK["anchor"], None)
            continue
        shift = attacher.repeat_shift(m.trigger) if " repeats '" in m.trigger.reasons[0] else 0
        src = next((o for o in reversed(mentions[:mentions.index(m)]) if o.trigger.type == m.trigger.type
                    and o.date.timex is not None and o.date.timex.earliest is not None), None) if shift else None
        if src is not None:
            # "Khan laid the foundation stone on Wednesday; Naidu did the same two days later": the source's day, moved
            m.date = attach.DateChoice(attach.as_inherited(attach.relative_to(src.date.timex, "", shift)),
                                       f"the event repeated, {shift:+d} days", attach.RANK["anchor"], None)
            continue
        frame = _framing_event(doc, m, mentions) or _sidelines_event(doc, m, mentions)
        if frame is not None and attach.compatible_with_status(frame.date.timex, m.status, dct):
            m.date = attach.DateChoice(attach.as_inherited(frame.date.timex), f"the event '{frame.trigger.text}' it is told in",
                                       attach.RANK["anchor"], None)
            continue
        prev = _previous_dated(m, mentions, lead)
        if prev is not None and _sequenced(doc, m) and attach.compatible_with_status(prev.date.timex, m.status, dct):
            m.date = attach.DateChoice(attach.as_inherited(prev.date.timex), "the event before ('later')",
                                       attach.RANK["anchor"], None)
            continue
        if m.location and not m.place_inherited:
            best = None
            for ti, pl, tx in place_dates:
                if pl == m.location:
                    if not attach.compatible_with_status(tx, m.status, dct):
                        continue
                    dist = abs(ti - m.trigger.token)
                    if best is None or dist < best[0]:
                        best = (dist, tx)
            if best:
                m.date = attach.DateChoice(attach.as_inherited(best[1]), f"place '{m.location}'", attach.RANK["place"], None)
                continue
        k = attacher.speaker_date(m.trigger) if m.status == "occurred" else None
        if k is not None:
            m.date = attach.DateChoice(attach.as_inherited(attacher.timexes[k]), "the speaker's report before",
                                       attach.RANK["anchor"], None)
            continue
        if m.status == "planned" and _decided(m):
            # "agreed to resume negotiations": the narrative day is the day of the decision, not of the plan
            m.date = attach.DateChoice(attach.open_interval(m.status, dct), "no date in the text", attach.RANK["open"], None)
            continue
        near = _nearby_episode(m, mentions, lead)
        if near is not None and attach.compatible_with_status(near.date.timex, m.status, dct):
            m.date = attach.DateChoice(attach.as_inherited(near.date.timex), "the paragraph before", attach.RANK["lead"], None)
            continue
        if lead is not None and lead is not m and attach.compatible_with_status(lead.date.timex, m.status, dct) \
                and not _flashback(doc, m) and not _elsewhere_before(m, lead):
            tx = attach.as_inherited(lead.date.timex)
            noun = doc[m.trigger.token]
            if m.trigger.nominal and spans.ended_by_verb(noun):
                tx = spans.with_length(noun, tx)  # "the summit closed a week-long trip": the week up to that day
            m.date = attach.DateChoice(tx, "lead event", attach.RANK["lead"], None)
            continue
        m.date = attach.DateChoice(attach.open_interval(m.status, dct), "no date in the text", attach.RANK["open"], None)



def _framing_event(doc, m: Mention, mentions: list[Mention]) -> Mention | None:
    """The dated event whose argument a where/when clause holding m hangs on: "Last month Xi made a state visit
    to the United States, where he held talks with Obama" — the talks are during the visit, on its dates."""
    gov = doc[m.trigger.governor]
    cur = gov if gov.dep_ == "relcl" else doc[m.trigger.token]
    if cur.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in cur.children):
        return None
    by_token = {}
    for o in mentions:
        if o is not m and o.creating and o.date.timex is not None and o.date.rank >= attach.RANK["sentence"]:
            by_token.setdefault(o.trigger.token, o)
    x = cur.head
    for _ in range(4):
        if x.i in by_token:
            return by_token[x.i]
        if x.head.i == x.i or x.dep_ in ("ccomp", "relcl", "parataxis"):
            break
        x = x.head
    return None


def _tour_span(doc, mentions: list[Mention]) -> None:
    """'will leave Mexico on Friday to continue a tour to Argentina, Peru, Colombia and Jamaica, where he will
    complete his trip on February 7': legs told in one list, dated by the departure, with the trip's end told in
    the same sentence, each lie between the two days (which leg falls on which day the text does not say);
    the end of the trip is no visit of its own."""
    legs = [m for m in mentions if m.creating and m.trigger.type == "visit" and m.date.timex is not None
            and m.date.timex.earliest is not None and m.date.timex.earliest == m.date.timex.latest
            and any(r.startswith("one leg of a trip") for r in m.reasons)]
    by_sentence: dict[int, list[Mention]] = {}
    for m in legs:
        by_sentence.setdefault(m.sentence.start, []).append(m)
    for group in by_sentence.values():
        start = group[0].date.timex
        for other in mentions:
            if other.sentence.start != group[0].sentence.start or other in group or other.trigger.type != "visit":
                continue
            noun = doc[other.trigger.token]
            tx = other.date.timex
            if not (noun.lower_ in spans.TRIP_WORDS and spans.ended_by_verb(noun)) or tx is None \
                    or tx.earliest is None or tx.earliest <= start.latest:
                continue
            for m in group:
                m.date = attach.DateChoice(replace(start, latest=tx.latest, end=-1, start=-1, text=""),
                                           f"a leg between the trip's departure and its end ({tx.text})",
                                           m.date.rank, m.date.mention_span)
            mentions.remove(other)  # the trip's end dates its legs; it is no visit, nor a mention of one leg
            break


def _during_event(doc, m: Mention, mentions: list[Mention]) -> Mention | None:
    """'Gingrich told President Jiang during a visit to China last week that ...': the event whose course the
    clause holding m is told in, when the text dates it (the date the visit's own phrase gives)."""
    gov = doc[m.trigger.governor]
    for prep in (c for c in gov.children if c.dep_ == "prep" and c.lower_ == "during"):
        for p in (c for c in prep.children if c.dep_ == "pobj"):
            for o in mentions:
                tx = o.date.timex
                if o is not m and o.creating and o.trigger.token == p.i and tx is not None \
                        and tx.earliest is not None and tx.latest is not None and o.date.source != "no date in the text":
                    return o
    return None


SIDELINE_NOUNS = {"sidelines", "sideline", "margins", "margin", "fringes", "fringe"}


def _sidelines_event(doc, m: Mention, mentions: list[Mention]) -> Mention | None:
    """'talks with Chirac on the sidelines of a summit held at the weekend': the dated event whose sidelines
    the clause holding m is on; m happens during it."""
    dated = {o.trigger.token: o for o in mentions
             if o is not m and o.creating and o.date.timex is not None and o.date.rank >= attach.RANK["sentence"]}
    cur = doc[m.trigger.governor]
    for _ in range(4):
        for prep in (c for c in cur.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "in")):
            for side in (p for p in prep.children if p.dep_ == "pobj" and p.lower_ in SIDELINE_NOUNS):
                for of in (c for c in side.children if c.dep_ == "prep" and c.lower_ == "of"):
                    for ev in of.children:
                        if ev.dep_ == "pobj" and ev.i in dated:
                            return dated[ev.i]
        if cur.head.i == cur.i or cur.dep_ in ("ccomp", "relcl", "parataxis"):
            break
        cur = cur.head
    return None


OPENING_VERBS = {"began", "begun", "started", "opened", "convened"}


def _run_since_opening(doc, mentions: list[Mention], attacher: attach.Attacher, story: Timex | None) -> None:
    """'a deal brokered at the end of talks in Beijing that began on Monday' (told on Friday): an event whose
    relative clause tells when it began runs from that day to the story's day."""
    if story is None or story.latest is None:
        return
    for m in mentions:
        tx = m.date.timex
        if not m.trigger.nominal or m.date.source != "clause" or tx is None or tx.earliest is None \
                or tx.latest is None or tx.latest >= story.latest or m.status != "occurred":
            continue
        k = next((k for k, x in enumerate(attacher.timexes) if x is tx), None)
        a = attacher.attach.get(k) if k is not None else None
        if a is None or doc[a].text.lower() not in OPENING_VERBS or doc[a].dep_ not in ("relcl", "acl") \
                or not (doc[a].head.i == m.trigger.token or attach._place_of(doc[a].head, doc[m.trigger.token])):
            continue
        span = Timex(start=tx.start, end=tx.end, text=tx.text, type=tx.type, value=tx.value, earliest=tx.earliest,
                     latest=story.latest, granularity=tx.granularity)
        m.date = attach.DateChoice(span, "clause", m.date.rank, m.date.mention_span)
        m.reasons.append(f"began '{tx.text}', runs to the story's day")


def _narrative_places(mentions: list[Mention]) -> None:
    """An event with no place of its own, told on the same day as the event just before it (same or
    previous paragraph) that has one, happens there: 'held talks in Sochi on Monday. ... The two leaders
    then told a news conference' is in Sochi. A flashback on another day does not carry the place."""
    for i, m in enumerate(mentions):
        tx = m.date.timex
        if m.location or m.headline or tx is None or tx.earliest is None or tx.earliest != tx.latest \
                or m.line.paragraph is None or m.trigger.type == "phone_call":  # a call joins two places
            continue
        for o in reversed(mentions[:i]):
            if o.line.paragraph is None or m.line.paragraph - o.line.paragraph > 1:
                break
            ot = o.date.timex
            if not o.location or not o.creating or ot is None or ot.earliest != tx.earliest or ot.latest != tx.latest:
                continue
            m.location = o.location
            m.place_inherited = True
            m.reasons.append(f"place of '{o.trigger.text}' told before on the same day")
            break


def _nearby_episode(m: Mention, mentions: list[Mention], lead: Mention | None) -> Mention | None:
    """The dated event told just before (same or previous paragraph) when it belongs to the main story
    (within a week of the lead's date): the narrative continues from it. A flashback ("in November 2014")
    does not carry the narrative."""
    if lead is None or m.line.paragraph is None:
        return None
    prev = None
    for o in mentions:
        if o.trigger.token >= m.trigger.token:
            break
        if o.creating and o.date.rank >= attach.RANK["sentence"] and o.line.paragraph is not None \
                and m.line.paragraph - o.line.paragraph <= 1 and not _background(o, mentions):
            prev = o
    if prev is None or prev is lead or prev.date.timex is lead.date.timex:
        return None
    a, b = prev.date.timex, lead.date.timex
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return None
    if abs((a.earliest - b.earliest).days) > 7 or (a.latest - a.earliest).days > 7:
        return None
    return prev


def _elsewhere_before(m: Mention, lead: Mention) -> bool:
    """'Biden will meet Putin for a summit in Geneva ... He will attend the Group of Seven summit in Cornwall
    from June 11 to 13': an event told in a sentence before the lead event's, at a place of its own that is
    not the lead's, is not on the lead's day."""
    if lead.trigger is None or lead.line is None or m.trigger.token > lead.trigger.token \
            or m.sentence.start == lead.sentence.start:
        return False
    if not m.location or m.place_inherited or not lead.location or lead.place_inherited:
        return False
    return not _same_place(m.location, lead.location)


def _background(o: Mention, mentions: list[Mention]) -> bool:
    """'held talks ... on the first full day of a visit that began late on Sunday': an event named inside
    the phrase of another dated event of its sentence is its background; the narrative goes on from the
    event told in the main clause, not from the background's own date."""
    if o.background is None:
        o.background = _background_of(o, mentions)
    return o.background


def _background_of(o: Mention, mentions: list[Mention]) -> bool:
    if not o.trigger.nominal:
        return False
    doc = o.sentence.doc
    for x in mentions:
        if x is o or not x.creating or x.sentence.start != o.sentence.start or x.date.rank < attach.RANK["sentence"] \
                or x.trigger.token == o.trigger.governor or attach.overlaps(x.date.timex, o.date.timex):
            continue
        cur, via_prep = doc[o.trigger.token], False
        for _ in range(12):
            if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis"):
                break
            via_prep = via_prep or cur.dep_ == "pobj"
            cur = cur.head
            if cur.i == x.trigger.governor:
                if via_prep:
                    return True
                break
    return False


def _sequenced(doc, m: Mention) -> bool:
    """The clause follows on the event told before it: 'The two leaders later held a press conference'."""
    gov = doc[m.trigger.governor]
    return any(c.dep_ == "advmod" and c.text.lower() in SEQUENCE_ADVERBS for c in gov.children) or any(
        c.dep_ == "prep" and c.text.lower() == "after" and any(x.text.lower() in ("that", "this") for x in c.children)
        for c in gov.children)


def _previous_dated(m: Mention, mentions: list[Mention], lead: Mention | None = None) -> Mention | None:
    """The dated event told just before m. Across a paragraph break, 'later' follows on that event only if it
    belongs to the main story (within a week of the lead's date), not on a look back ('an interim accord
    struck in Geneva in November 2013. ... He later spoke by phone')."""
    prev = None
    for o in mentions:
        if o.trigger.token >= m.trigger.token:
            break
        if o.creating and o.date.timex is not None and o.date.rank >= attach.RANK["sentence"] \
                and not _background(o, mentions):
            prev = o
    if prev is None or prev.line.paragraph == m.line.paragraph or lead is None:
        return prev
    a, b = prev.date.timex, lead.date.timex
    if None in (a.earliest, b.earliest) or abs((a.earliest - b.earliest).days) > 7:
        return None
    return prev


ANCHOR_TYPES = {
    "talks": {"meeting", "talks"}, "meeting": {"meeting", "talks"}, "summit": {"summit", "conference"},
    "conference": {"summit", "conference"}, "visit": {"visit"}, "trip": {"visit"}, "tour": {"visit"},
    "ceremony": {"ceremony", "signing"}, "signing": {"signing", "ceremony"}, "call": {"phone_call"},
}


def _anchor_date(anchor: str, m: Mention, mentions: list[Mention]) -> Timex | None:
    """The date of the event an anchor names ("before the talks"), when the article dates it: one that shares
    a participant, else the nearest one told before ("Israel signed ... at a ceremony on Tuesday. Before the
    ceremony, Trump met Netanyahu")."""
    tx = _anchor_search(anchor, m, mentions, True)
    return tx if tx is not None else _anchor_search(anchor, m, mentions, False)


def _anchor_search(anchor: str, m: Mention, mentions: list[Mention], by_name: bool) -> Timex | None:
    names = {p.name for p in m.participants} if by_name else set()
    found = None
    for o in mentions:
        if not by_name and o.trigger.token > m.trigger.token:
            break
        if o is m or o.date.timex is None or o.date.rank < attach.RANK["place"] or not o.creating:
            continue
        trig = o.trigger
        if anchor == "arrival" and trig.rule != "arrive":
            continue
        if anchor != "arrival" and trig.type not in ANCHOR_TYPES.get(anchor, ()):
            continue
        if names and not names & {p.name for p in o.participants}:
            continue
        if by_name:
            return o.date.timex
        found = o.date.timex
    return found


def _final_status(m: Mention, dct: date) -> None:
    tx = m.date.timex
    if tx is not None and m.status == "planned" and m.date.source != "clause" and tx.earliest is not None \
            and tx.latest is not None and tx.earliest < dct <= tx.latest:
        # a stretch taken from elsewhere (the trip's "48-hour visit from Saturday") that spans the day of
        # telling: what is still planned lies on or after that day
        m.date = replace(m.date, timex=replace(tx, earliest=dct, value=dct.isoformat() if dct == tx.latest else tx.value))
        m.reasons.append("planned: not before the day of telling")
        return
    if tx is None or m.date.rank < attach.RANK["sentence"]:
        return
    if m.status == "planned" and tx.latest is not None and tx.latest < dct and _past_tense(m):
        # "will be their first encounter since they met in Bali last November": a past event inside a plan
        m.status = "occurred"
        m.reasons.append("past tense and a date before publication: occurred")
        return
    if m.status == "occurred" and tx.earliest is not None and tx.earliest > dct:
        if _past_tense(m):
            # "last visited Paris in July" with a date after publication: the grammar says it happened; the
            # date is doubtful, and an editor should see it
            m.reasons.append("past tense, but the date is after publication")
            return
        m.status = "planned"
        m.reasons.append("date after publication: planned")


def _past_tense(m: Mention) -> bool:
    doc = m.sentence.doc
    v = doc[m.trigger.governor]
    if v.tag_ == "VBD":
        return True
    return v.tag_ == "VBN" and any(c.dep_ == "aux" and c.text.lower() in ("had", "has", "have", "'d") for c in v.children)


