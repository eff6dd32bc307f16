"""Sieves that read a date in the event's own sentence: its clause, a clause above it, another event it is
anchored on, a stretch of time that bounds it, a vague expression, a purpose under a dated clause."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from ... import attach
from .. import spans, tense
from .context import (
    SHARED_TIME,
    attached_token,
    bounded,
    date_heads,
    from_choice,
    head_path,
    holds_on,
    interval,
    is_aim,
    lemma_of,
    reason_gerund,
)


def own_clause(ctx, tr):
    tx = bounded(ctx, from_choice(ctx, tr, ("clause",)), tr)
    return begun(ctx, tr, spans.with_length(ctx.doc[tr.token], tx) if tr.nominal else tx)


# verbs that tell the start of what they govern ("the gains began last fall", "began delving on Thursday")
BEGINNING = {"begin", "start", "launch"}


def begun(ctx, tr, tx):
    """"A surge in gains that began last fall", "the task force began delving Thursday into the slayings": an
    event told as beginning on a date (the subject or the complement of a verb of beginning that the date is
    on) runs from that date, with no end told: open from it."""
    if tx is None or tx.earliest is None or tx.latest is None or tx.start < 0:
        return tx
    w = ctx.doc[tr.token]
    if w.dep_ in ("nsubj", "nsubjpass", "xcomp"):
        v = w.head
    elif w.dep_ == "relcl" or not tr.nominal:
        return tx
    else:
        v = next((c for c in w.children if c.dep_ == "relcl"), None)  # "gains that began last fall"
        if v is None or not any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in v.children):
            return tx
    if v is None or lemma_of(v) not in BEGINNING or attached_token(ctx, tx) not in (v.i, w.i):
        return tx
    return replace(tx, latest=None, mod="AFTER")



ANCHOR_PREPS = {"during", "after", "following", "upon", "on", "amid", "before", "ahead", "in", "at"}



def on_another_event(ctx, tr):
    """"During his visit to Peru on Monday, the president met ...", "a day after the talks": an event
    anchored on another event of the text takes that event's own date (moved by the distance given)."""
    w = ctx.doc[tr.token]
    v = tense.predicate(w) or w
    for prep in attach._preps_of(v):
        if prep.lower_ not in ANCHOR_PREPS:
            continue
        objs = [p for p in prep.subtree if p.dep_ == "pobj"] if prep.lower_ == "ahead" else \
            [p for p in prep.children if p.dep_ == "pobj"]
        for p in objs:
            other = ctx.triggers.get(p.i)
            if other is None or p.i == tr.token:
                continue
            tx = own_clause(ctx, other)
            if tx is not None:
                return attach.relative_to(tx, prep.lower_, ctx.attacher.anchor_shift(tr))
    return since_event(ctx, tr, v)


def since_event(ctx, tr, v):
    """"Copies have been built since it entered production in 1947", "forces have massed since the invasion
    on Aug. 2": a present-perfect verb or state bounded by a dated event ("since" and its clause or noun) has
    held from that event on and still does: open from its date."""
    if not holds_on(ctx, tr):
        return None
    for c in v.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
            other = [c]
        elif c.dep_ == "prep" and c.lower_ == "since":
            other = [p for p in c.children if p.dep_ == "pobj"]
        else:
            continue
        for o in other:
            trig = ctx.triggers.get(o.i)
            tx = own_clause(ctx, trig) if trig is not None and o.i != tr.token else None
            if tx is not None and tx.earliest is not None and tx.earliest <= ctx.day:
                return interval(tx.earliest, None, "FUTURE_REF")
    return None



def governing_clause(ctx, tr):
    """A date on a clause above: shared by coordinated and adjunct predicates and by a noun's support verb;
    a purpose or plan (a to-infinitive on the way up) starts then and stays open; an event named inside an
    argument of another predicate ("ordered an embargo", "the war") is not dated by it."""
    tx = from_choice(ctx, tr, ("governing clause",))
    if tx is None:
        return None
    doc = ctx.doc
    top = attached_token(ctx, tx)
    path = head_path(doc[tr.token], top) if top is not None else []
    if not path or len(path) > 4 or any(t.dep_ not in SHARED_TIME for t in path):
        return None  # not below the dated clause, or inside an argument or a clause of its own
    if any(is_aim(t) for t in path):
        return None  # a purpose or a plan: see purpose_after
    if any(reason_gerund(t) and t.head.lower_ == "of" for t in path):
        return None  # the deed a charge is about ("convicted in 1991 of helping"): before it, see deed_before
    tx = bounded(ctx, tx, tr)
    return spans.with_length(doc[tr.token], tx) if tr.nominal else tx



DURATION = re.compile(r"^P(?:T(\d+(?:\.\d+)?)H|(\d+(?:\.\d+)?)([YMWD]))$")



RECENT = re.compile(r"^(?:the\s+)?(?:last|past|previous|latest)\b", re.I)



AHEAD = re.compile(r"^(?:the\s+)?(?:next|coming)\b", re.I)



WITHIN = re.compile(r"\bwithin\s+$", re.I)



UNIT_DAYS = {"Y": 365, "M": 30, "W": 7, "D": 1}



def _span_days(value: str) -> int | None:
    m = DURATION.match(value or "")
    if not m:
        return None
    if m.group(1):
        return max(1, round(float(m.group(1)) / 24))
    return round(float(m.group(2)) * UNIT_DAYS[m.group(3)])



def recent_span(ctx, tr):
    """"Prices fell in the last 24 hours", "over the past five years": a stretch of time that ends on the
    story's day bounds the event (from its start to the story's day); "within the next two weeks", "will
    finish within a year": one that starts on the story's day bounds what lies ahead (from then to its end)."""
    doc, w = ctx.doc, ctx.doc[tr.token]
    heads = date_heads(ctx, tr)
    for tx in ctx.timexes:
        if tx.type != "DURATION":
            continue
        back = RECENT.match(tx.text)
        ahead = AHEAD.match(tx.text) or (WITHIN.search(ctx.text[max(0, tx.start - 8):tx.start])
                                         and tense.tense_of(w) in ("future", "modal"))
        if not (back or ahead):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or not (w.sent.start <= span.start < w.sent.end):
            continue
        if ctx.attacher._attachment(span) not in heads:
            continue
        days = _span_days(tx.value)
        if days is None:
            continue
        if back:
            return replace(tx, type="DATE", earliest=ctx.day - timedelta(days=days), latest=ctx.day, granularity="day")
        return replace(tx, type="DATE", earliest=ctx.day, latest=ctx.day + timedelta(days=days), granularity="day")
    return None



def vague(ctx, tr):
    """"Recently", "in the coming weeks", "in the past": an open interval that ends or starts on the story's
    day, kept as it is rather than replaced by a precise day."""
    doc, w = ctx.doc, ctx.doc[tr.token]
    heads = date_heads(ctx, tr)
    for tx in ctx.timexes:
        if tx.type != "DATE" or tx.value not in ("PAST_REF", "FUTURE_REF"):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or not (w.sent.start <= span.start < w.sent.end) or ctx.attacher._attachment(span) not in heads:
            continue
        if tx.value == "PAST_REF":
            return replace(tx, earliest=tx.earliest, latest=min(tx.latest or ctx.day, ctx.day))
        return replace(tx, earliest=max(tx.earliest or ctx.day, ctx.day), latest=tx.latest)
    return None



# verbs that ask for, order or put forward an event that is yet to happen ("called for talks", "ordered an
# embargo", "proposed a summit"): lemmas, with the preposition that may introduce the event
DIRECTING = {"order": None, "urge": None, "demand": None, "propose": None, "request": None, "recommend": None,
             "authorize": None, "authorise": None, "approve": None, "seek": None, "threaten": None, "plan": None,
             "call": "for", "press": "for", "push": "for", "ask": "for", "appeal": "for"}



def directed_ahead(ctx, tr):
    """"Libya called for an emergency meeting", "the council on Aug. 6 ordered an embargo": an event named as
    the object of a verb that asks for, orders or proposes it lies ahead of that verb: open from the verb's
    time (its date, else the story's day). A date of the event's own phrase ("a meeting on Friday") wins."""
    w = ctx.doc[tr.token]
    if not tr.nominal:
        return None
    v = w.head
    if w.dep_ == "pobj" and v.dep_ == "prep":
        prep, v = v.lower_, v.head
    elif w.dep_ == "dobj":
        prep = None
    else:
        return None
    lemma = lemma_of(v)
    if lemma not in DIRECTING or DIRECTING[lemma] != prep or not tense.is_verb(v):
        return None
    if tense.verb_tense(v) == "pluperfect":
        return None
    tx = from_choice(ctx, tr, ("clause", "governing clause"))
    if tx is not None:
        top = attached_token(ctx, tx)
        if top is not None and ctx.attacher._in_subtree(top, w):
            return None  # the event's own date
        start = tx.earliest
    else:
        start = ctx.day
    return interval(start, None, "FUTURE_REF") if start is not None else None



def purpose_after(ctx, tr):
    """A to-infinitive under a dated clause ("promised on Monday to withdraw"): from that day on, open."""
    tx = from_choice(ctx, tr, ("governing clause",))
    if tx is None or tx.earliest is None:
        return None
    top = attached_token(ctx, tx)
    path = head_path(ctx.doc[tr.token], top) if top is not None else []
    w = ctx.doc[tr.token]
    if not path or not is_aim(w):
        return None
    return interval(tx.earliest, None, "FUTURE_REF")
