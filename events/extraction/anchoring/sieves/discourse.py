"""Sieves that read other sentences of the text: the trip an event lies within, an earlier mention of the
same event, the speaker's dated report before, a past narrative that goes on."""
from __future__ import annotations

from dataclasses import replace

from .. import tense
from .clause import governing_clause, own_clause
from .context import bounded, is_telling, lemma_of, sentence_dated, sentence_index

TRIP_NOUNS = {"visit", "trip", "tour", "journey", "mission", "stay", "voyage", "visits", "trips", "tours"}



TRIP_REACH = 2  # sentences after the trip's own sentence



def within_trip(ctx, tr):
    """"He began a three-day visit to Peru on Monday. He met the mayor and toured a museum.": a past event
    with no date of its own, told in the sentences right after a dated trip of several days, lies within it."""
    doc, w = ctx.doc, ctx.doc[tr.token]
    if tense.tense_of(w) != "past" or tr.nominal:
        return None
    sents = ctx.sentence_starts
    here = sentence_index(sents, w.i)
    best = None
    for tok, other in ctx.triggers.items():
        t = doc[tok]
        if not other.nominal or t.lower_ not in TRIP_NOUNS and (t.lemma_ or "").lower() not in TRIP_NOUNS:
            continue
        gap = here - sentence_index(sents, tok)
        if not 0 < gap <= TRIP_REACH:
            continue
        tx = own_clause(ctx, other) or governing_clause(ctx, other)
        if tx is None or tx.earliest is None or tx.latest is None or tx.earliest == tx.latest:
            continue
        if best is None or tok > best[0]:
            best = (tok, tx)
    return best[1] if best else None



EVENT_POS = {"NOUN", "PROPN", "VERB"}



def _named_arguments(t) -> set[str]:
    """The proper nouns among what an event word acts on: its object, its possessor, an "of"/"on"/"against"
    phrase ("invaded Kuwait", "Iraq's invasion of Kuwait", "his conviction")."""
    out = set()
    for c in t.children:
        heads = [c] if c.dep_ in ("dobj", "nsubjpass", "poss") else \
            [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in ("of", "on", "against") else []
        for h in heads:
            out |= {x.lower_ for x in h.subtree if x.pos_ == "PROPN"}
    return out



# words news uses for one event told again (lemmas): with the same named party they name the same event
EVENT_SYNONYMS = [
    {"kill", "killing", "murder", "assassination", "assassinate", "slaying", "slay"},
    {"attack", "bombing", "bomb", "blast", "explosion", "assault"},
    {"invade", "invasion", "seize", "seizure", "conquest", "occupation", "occupy"},
    {"abduct", "abduction", "kidnap", "kidnapping", "capture"},
    {"talk", "talks", "meeting", "meet", "negotiation", "negotiate"},
    {"visit", "trip", "tour"},
    {"convict", "conviction"},
]



def _same_event(w, o) -> bool:
    """Two mentions of one event: the same lemma (one of them a noun), or words of one stem ("invaded",
    "invasion") or of one meaning ("the assassination of Rabin", "Rabin's murder") with the same named party."""
    lw, lo = lemma_of(w), lemma_of(o)
    if lw == lo:
        return True
    related = lw[:4] == lo[:4] or any(lw in group and lo in group for group in EVENT_SYNONYMS)
    return related and bool(_named_arguments(w) & _named_arguments(o))



def same_event_before(ctx, tr):
    """"Iraq's invasion of Kuwait on Aug. 2 ... oil prices rose after the invasion", "... Iraq said it invaded
    Kuwait": an event word with no date of its own that tells an earlier event mention of the text again (see
    _same_event) takes the date of the nearest earlier mention that has one."""
    w = ctx.doc[tr.token]
    if w.pos_ not in EVENT_POS:
        return None
    for tok in sorted((t for t in ctx.triggers if t < tr.token), reverse=True):
        o, other = ctx.doc[tok], ctx.triggers[tok]
        if o.pos_ not in EVENT_POS or not _same_event(w, o):
            continue
        if lemma_of(w) == lemma_of(o) and not (tr.nominal or other.nominal):
            continue  # two verbs of one lemma are two events ("met in May ... met again")
        tx = own_clause(ctx, other) or governing_clause(ctx, other)
        if tx is not None:
            return replace(tx, start=-1, end=-1)
    return None



def speaker_day(ctx, tr):
    """"Cui said here Tuesday ... Cui said at a news conference": an undated report by the source whose report
    in the sentence before is dated to a day was made that day."""
    if tense.tense_of(ctx.doc[tr.token]) != "past":
        return None
    k = ctx.attacher.speaker_date(tr)
    return None if k is None else replace(ctx.attacher.timexes[k], start=-1, end=-1)



def narrative_past(ctx, tr):
    """"In July last year Hun Sen staged a coup. His rivals fled the capital.": an undated past event (not a
    report) in a sentence with no date of its own, right after a sentence whose last date (not that of a report)
    lies before the story's day, goes on in that earlier time (the reference time of a past narrative carries over)."""
    w = ctx.doc[tr.token]
    if tense.tense_of(w) != "past" or is_telling(w):
        return None
    here = sentence_index(ctx.sentence_starts, w.i)
    if here == 0 or sentence_dated(ctx, here):
        return None
    lo, hi = ctx.sentence_starts[here - 1], ctx.sentence_starts[here]
    att = ctx.attacher
    dated = [(s, e, k) for k, (s, e) in att.tok_of.items()
             if lo <= s < hi and att.attach.get(k) is not None and not is_telling(ctx.doc[att.attach[k]])]
    if not dated:
        return None
    last = bounded(ctx, att.timexes[max(dated)[2]])
    if last.latest is None or last.earliest is None or last.latest > ctx.day or last.earliest >= ctx.day:
        return None  # (a stretch from before up to the story's day, "since 1993", is a past time too)
    return replace(last, start=-1, end=-1)
