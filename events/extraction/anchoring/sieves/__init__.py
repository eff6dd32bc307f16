"""The sieves, most precise first (the architecture of CAEVO: ordered sieves, each a stated rule).

Each sieve looks at one event word and either decides its interval or passes. `benchmarks/anchors.py`
prints how many events of the real dev corpus each one decides and how many of those it gets right.
clause.py reads a date in the event's own sentence, discourse.py other sentences of the text, fallback.py
decides from tense and aspect when there is no date; context.py holds what they share.
"""
from __future__ import annotations

from .clause import directed_ahead, governing_clause, on_another_event, own_clause, purpose_after, recent_span, vague
from .context import Context
from .discourse import TRIP_NOUNS, narrative_past, same_event_before, speaker_day, within_trip
from .fallback import (
    ahead_clause,
    background_past,
    by_means,
    by_tense,
    deed_before,
    gerund_ahead,
    noun_ongoing,
    noun_perfect,
    present_state,
    present_told_past,
    said_before,
    with_its_verb,
)

__all__ = ["SIEVES", "TRIP_NOUNS", "Context"]


SIEVES = [
    ("directed ahead", "the object of a verb that asks for, orders or proposes it ('called for talks') lies "
     "ahead of that verb: open from its time", directed_ahead),
    ("own clause", "a date on the event word, its support verb or a plain verb inside its phrase", own_clause),
    ("on another event", "'during his visit on Monday', 'a day after the talks': the other event's own date; "
     "'have been built since the plant opened in 2017': open from it",
     on_another_event),
    ("recent span", "a stretch of time ending or starting on the story's day ('in the last 24 hours', 'within "
     "the next two weeks') bounds the event", recent_span),
    ("governing clause", "a date on a clause above it, never across reported speech", governing_clause),
    ("same event before", "a repeated mention (same lemma, one a noun; or one stem or meaning and the same named "
     "party) takes the date of the earlier mention",
     same_event_before),
    ("purpose after its clause", "a to-infinitive under a dated clause starts then and stays open", purpose_after),
    ("within a trip", "a past event told right after a dated trip of several days lies within the trip",
     within_trip),
    ("vague", "'recently', 'in the coming weeks': the open interval itself, never a nearby precise day", vague),
    ("clause ahead", "a present adverbial clause or an untensed complement refers ahead: open from the story's day",
     ahead_clause),
    ("deed judged before", "an undated gerund naming what a word of judging or charging is about ('accused of "
     "slashing', 'criticized for hiding'): before the story's day", deed_before),
    ("by its means", "a gerund under 'by' ('slashed revenues by overproducing oil') happens with the act it is the "
     "means of", by_means),
    ("gerund ahead", "an untensed gerund under a preposition of aim or sequel ('aimed at heading off', 'without "
     "seeking'): open from the story's day", gerund_ahead),
    ("present state", "a verb in the simple present or present progressive with no date, not a report or view: "
     "a state or a process under way, unbounded",
     present_state),
    ("said before", "an undated noun naming a thing said ('the leaks', 'over bitter objections'): before the "
     "story's day", said_before),
    ("noun under way", "an event noun with no date outside a past clause: open from the story's day", noun_ongoing),
    ("noun in a perfect clause", "an event noun in a present-perfect clause: before the story's day", noun_perfect),
    ("speaker's day", "an undated report by the source of a report dated in the sentence before: that day",
     speaker_day),
    ("narrative past", "an undated past event after a sentence dated before the story's day: that time",
     narrative_past),
    ("background past", "a past relative clause or a when / because / once / since clause with no date: before "
     "the story's day", background_past),
    ("present-told past", "in a story told in the present, an undated simple past or present perfect after the "
     "lead, with no date in its sentence or the one before, is background: before the story's day",
     present_told_past),
    ("with its verb", "the to-infinitive of a raising verb or a refusal ('seemed to suggest', 'declined to say') "
     "takes the tense of that verb", with_its_verb),
    ("tense", "no date: future and modal after the story's day, pluperfect before it, else on it", by_tense),
]
