"""extract(text, published) -> [EventCandidate]: one spaCy pass per article, plain Python after it.

Each non-empty line of the text is a paragraph (0-based over non-empty lines). A title given apart from
the text is parsed with it (as a line of its own, paragraph None); without one the first line is the
title. A dateline ("WASHINGTON (Reuters) -") is blanked before parsing (offsets kept): it is where the
story was filed, not part of any event. Headline-like lines (the title, photo captions, lines that do
not end a sentence) add mentions to the events the body presents; a verbal title event that the body
does not tell stands on its own, with lower confidence.

Steps, for one Doc:
1. triggers (triggers.py): type, modality (negated and hypothetical triggers are dropped, habits and
   counts too), and whether a nominal trigger presents its event or only refers to one;
2. dates (temporal.tag_doc + attach.py): clause, governing clause, sentence, then the narrative (an
   anchor event, "later", the place's own clause, the paragraph before, the lead — the day the first body
   sentence sets even when its verb is no event, "agreed on Monday" — unless the clause looks back ("had
   met", "previously"), else an open interval before or after publication);
3. participants and location (actors/): canonical actors, titles as roles, coreference, places with
   their city; "met separately with A and B" is one meeting with each; an event with no place of its own
   takes that of its governing visit, its sentence, or the event told just before on the same day;
   a ceremony that is the setting of a signing is that signing;
4. one event, many mentions: mentions of compatible type, compatible dates and compatible
   participants merge; references ("the meeting", "their talks", the headline, a caption) join the
   event they refer to, or are dropped;
5. each event gets a confidence and the reasons behind it; weak ones (below MIN_CONFIDENCE) are left out.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from .. import actors, attach, places, triggers
from ..anchoring import spans
from ..types import EventCandidate, Timex
from .dates import _final_status, _narrative_dates, _narrative_places, _run_since_opening, _story_day, _tour_span
from .hosts import add_hosts, invited_hosts
from .locations import _inherit_places, _join_settings, _location, _presupposes, cities_named
from .merge import _merge
from .model import Line, Mention, Prepared
from .output import _candidate
from .participants import _destinations, _legs, _participants, _separately
from .prepare import prepare

__all__ = ["extract", "extract_doc", "extract_many", "prepare", "Prepared", "Line", "Mention"]

# ---------------------------------------------------------------------------------------------- API

def extract(text: str, published: date, title: str | None = None, nlp=None) -> list[EventCandidate]:
    """The events of one article."""
    return next(extract_many([(text, published, title)], nlp=nlp))


def extract_many(items: Iterable[tuple], nlp=None, batch_size: int = 16) -> Iterator[list[EventCandidate]]:
    """The events of many articles, parsed in batches with one pipeline; one list per (text, published,
    title) item, in order."""
    if nlp is None:
        from .. import nlp as nlp_module

        nlp = nlp_module.load()
    pending: deque[Prepared] = deque()

    def texts():
        for item in items:
            text, published = item[0], item[1]
            title = item[2] if len(item) > 2 else None
            if isinstance(published, str):
                published = date.fromisoformat(published[:10])
            p = prepare(text, published, title)
            pending.append(p)
            yield p.text

    for doc in nlp.pipe(texts(), batch_size=batch_size):
        events = extract_doc(doc, pending.popleft())
        # the span indexes in user_data point back at the Doc: free them now, not at gc (as events/batch.py
        # does), so that `extract --jsonl` over many articles keeps a flat memory
        doc.user_data.clear()
        yield events


# ---------------------------------------------------------------------------------------------- one Doc

def _tag_dates(doc, dct: date) -> list[Timex]:
    from .. import temporal

    return temporal.tag_doc(doc, dct)


def extract_doc(doc, prep: Prepared) -> list[EventCandidate]:
    actors.complete_organizations(doc)
    dct = prep.published
    lines = prep.lines
    skip_ranges = [(ln.start, ln.start + ln.dateline_end) for ln in lines if ln.dateline_end]
    skip_tokens = set()
    for a, b in skip_ranges:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            skip_tokens.update(range(span.start, span.end))
    here = next((ln.dateline_place for ln in lines if ln.dateline_place), None)
    register = actors.ArticleActors(doc, skip=skip_tokens, here=here)
    trigs = [tr for tr in triggers.find_triggers(doc) if tr.token not in skip_tokens]
    # weekdays, "today" and "yesterday" are read against the story's day (a dated dateline), the rest of the
    # article's logic against the publication date
    day = prep.day or dct
    attacher = attach.Attacher(doc, _tag_dates(doc, day), day, skip_ranges=skip_ranges)
    attacher.set_triggers(trigs)
    sentences = list(doc.sents)
    sent_of = {}
    for si, s in enumerate(sentences):
        for t in s:
            sent_of[t.i] = si

    def line_of(char: int) -> Line | None:
        for ln in lines:
            if ln.start <= char <= ln.end:
                return ln
        return None

    mentions: list[Mention] = []
    for tr in trigs:
        if not tr.is_event or attacher.habitual(tr):
            continue
        t = doc[tr.token]
        ln = line_of(t.idx)
        if ln is None:
            continue
        sent = sentences[sent_of[tr.token]]
        sidx = sent_index_in_line(sentences, sent_of[tr.token], ln)
        parts = _participants(doc, tr, register)
        loc = _location(doc, tr, register)
        choice = attacher.choose(tr, sent)
        if tr.nominal and choice.timex is not None and choice.source in ("clause", "governing clause"):
            # "arrived on Monday for a three-day visit": the visit covers the days its own length gives
            choice = replace(choice, timex=spans.with_length(t, choice.timex))
        framed = tr.nominal and t.dep_ == "pobj" and t.head.lower_ in ("during", "amid", "throughout") \
            and t.head.head.i == tr.governor and choice.source == "clause"
        if (tr.why == "visitor and destination" and choice.source == "governing clause") or framed:
            # "signed a pact on Wednesday, during Putin's visit to Pyongyang": the visit spans that day, it
            # need not begin on it; a weaker date, so that the visit's own dates ("arrived on Tuesday") win; so
            # is the day of what was done "during a visit" ("stressed on Sunday ... during a visit")
            choice = attach.DateChoice(choice.timex, "the clause the visit frames", attach.RANK["lead"],
                                       choice.mention_span)
        legs = _destinations(doc, tr, register) if tr.type == "visit" else []
        for k, (group, where) in enumerate(_legs(_separately(doc, tr, parts, register), legs, loc)):
            m = Mention(tr, ln, sent, sidx, group, where, choice, tr.status, tr.creating and not ln.headline, ln.headline)
            m.reasons = list(tr.reasons) + ([f"separately: {group[-1].name}"] if group and (k or len(group) < len(parts)) else [])
            if len(legs) >= 2:
                m.reasons.append(f"one leg of a trip to {len(legs)} places: {where}")
            if tr.nominal and not tr.creating and not ln.headline and _presupposes(doc, tr, register):
                m.presupposed = True
            mentions.append(m)
        if tr.creating and not ln.headline:
            register.note_group(parts, tr.token)

    _join_settings(doc, mentions)
    _inherit_places(doc, mentions)
    story = _story_day(doc, lines, sentences, attacher)
    _narrative_dates(doc, mentions, attacher, register, dct, story)
    _run_since_opening(doc, mentions, attacher, story)
    _tour_span(doc, mentions)
    _narrative_places(mentions)
    for m in mentions:
        _final_status(m, dct)
    events = _merge(mentions, dct)
    out = [c for c in (_candidate(ev, doc, dct) for ev in events) if c is not None]
    places.leg_dates(out)
    add_hosts(out, invited_hosts(doc, register), dct)
    places.trip_places(out)
    places.story_place(out, here, day)
    places.country_to_city(out, cities_named(doc, skip_tokens))
    return out


def sent_index_in_line(sentences, si: int, ln: Line) -> int:
    n = 0
    while si - n - 1 >= 0 and sentences[si - n - 1].start_char >= ln.start:
        n += 1
    return n


