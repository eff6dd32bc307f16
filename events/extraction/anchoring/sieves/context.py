"""What every sieve reads: the document's context, shared lexicons and small helpers over the parse."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date

from ... import attach
from ...types import Timex
from .. import tense


@dataclass
class Context:
    doc: object
    dct: date  # publication date
    day: date  # the story's day (a dated dateline, else the publication date)
    attacher: attach.Attacher
    timexes: list[Timex]
    text: str = ""  # doc.text, once (spaCy rebuilds it on every access)
    sentence_starts: list = field(default_factory=list)  # first token of each sentence, in order
    triggers: dict = field(default_factory=dict)  # token -> the trigger made for each event word
    choices: dict = field(default_factory=dict)  # trigger token -> the attacher's DateChoice (computed once)
    register: str = "past"  # the tense the story is told in (tense.story_register)
    first_sentence: int = 0  # index of the first sentence with a word in it (a text may open with blank lines)



# dependencies along which a clause shares the time of the clause it hangs on: coordination, adjuncts,
# aspectual complements, and a noun's way to its support verb
SHARED_TIME = {"conj", "advcl", "xcomp", "pcomp", "prep", "pobj", "dobj", "compound", "oprd", "nmod", "amod", "acomp"}



# verbs whose infinitive happens when they do ("began to arrive", "tried to locate")
ASPECTUAL = {"begin", "began", "begun", "start", "started", "continue", "continued", "try", "tried", "trying",
             "attempt", "keep", "kept", "stop", "cease", "fail", "failed", "manage", "managed", "resume", "finish"}



# what a present-tense verb of these says is the source's report or view at the time of telling, or the
# phase of another event, not a state of the world around the story's day
TOLD_OR_VIEW = {"say", "tell", "report", "announce", "add", "claim", "insist", "indicate", "suggest", "state",
                "note", "confirm", "explain", "write", "think", "believe", "expect", "want", "hope", "fear", "know",
                "feel", "doubt", "wish", "appear", "seem", "continue", "remain", "begin", "start", "keep", "mean"}



# nouns that name a telling: what they name happens when the source speaks, not in the story it tells
TELLING_NOUNS = {"interview", "statement", "remarks", "comment", "comments", "briefing", "announcement", "report"}



def interval(earliest, latest, value, text="") -> Timex:
    return Timex(start=-1, end=-1, text=text, type="DATE", value=value, earliest=earliest, latest=latest,
                 granularity="day" if earliest == latest and earliest is not None else "open")



def from_choice(ctx: Context, tr, sources: tuple[str, ...]):
    choice = ctx.choices.get(tr.token)
    if choice is None:
        choice = ctx.choices[tr.token] = ctx.attacher.choose(tr, ctx.doc[tr.token].sent)
    if choice.timex is None or choice.source not in sources:
        return None
    return choice.timex



def attached_token(ctx, tx: Timex) -> int | None:
    for k, t in enumerate(ctx.attacher.timexes):
        if t.start == tx.start and t.end == tx.end:
            return ctx.attacher.attach.get(k)
    return None



def head_path(tok, top: int) -> list:
    """The tokens from tok up to (not including) the token `top` on its head chain; [] if top is not above."""
    out, cur = [], tok
    for _ in range(30):
        if cur.i == top:
            return out
        out.append(cur)
        if cur.head.i == cur.i:
            return []
        cur = cur.head
    return []



def is_infinitive(t) -> bool:
    return tense.is_verb(t) and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)



# prepositions whose gerund names an aim or a next step of the clause it hangs on ("aimed at heading off
# trouble", "conferred on putting a blockade in place", "before going to the council", "without seeking approval")
AIM_PREPS = {"for", "at", "on", "toward", "towards", "without", "in", "before"}


# words that judge or charge someone for a deed: their "for" / "of" + gerund names that deed, done before
# ("assailed Ukraine for holding exercises", "accused Kuwait of slashing revenues", "convicted of helping")
JUDGING = {"accuse", "accused", "charge", "charged", "convict", "convicted", "suspect", "suspected", "acquit",
           "acquitted", "guilty", "innocent", "blame", "criticize", "criticise", "condemn", "assail", "denounce",
           "praise", "thank", "punish", "fine", "jail", "sue", "arrest", "sentence", "rebuke", "reprimand",
           "fault", "reward", "apologize", "apologise", "credit", "responsible"}


def reason_gerund(t) -> bool:
    """An untensed gerund that names the deed a word of judging or charging is about ("accused of slashing")."""
    if t.tag_ != "VBG" or t.dep_ != "pcomp" or t.head.lower_ not in ("for", "of"):
        return False
    judge = t.head.head
    if judge.dep_ == "dobj" and judge.head.i != judge.i:
        judge = judge.head  # "accused the mayor of taking bribes": "of" hangs on the object of the judging verb
    return judge.i != t.head.i and (lemma_of(judge) in JUDGING or judge.lower_ in JUDGING)


# words whose to-infinitive is told at their own time, not ahead of it: aspectual verbs ("began to arrive"),
# raising verbs ("seemed to suggest") and refusals ("declined to say", "unwilling to make")
SAME_TIME = {"seem", "appear", "decline", "refuse", "unwilling", "reluctant"}


def same_time_as_head(t) -> bool:
    """Whether the to-infinitive t happens (or is denied) at the time of the word it completes."""
    h = t.head
    return h.i != t.i and (h.lemma_ in ASPECTUAL or h.lower_ in ASPECTUAL or lemma_of(h) in SAME_TIME)


def is_aim(t) -> bool:
    """A purpose, plan or next step of the clause above: a to-infinitive (not of an aspectual verb, "began to
    arrive", which happens when its verb does) or an untensed gerund under a preposition of aim or sequel
    (not the deed a judging word is about: "assailed them for holding exercises")."""
    if is_infinitive(t):
        return not same_time_as_head(t)
    return t.tag_ == "VBG" and t.dep_ == "pcomp" and t.head.lower_ in AIM_PREPS and not reason_gerund(t)


def date_heads(ctx, tr) -> set[int]:
    """The event word, its support verb and its predicate: where a date of its own hangs."""
    heads = {tr.token, tr.governor}
    v = tense.predicate(ctx.doc[tr.token])
    if v is not None:
        heads.add(v.i)
    return heads



def sentence_index(starts: list[int], i: int) -> int:
    return bisect.bisect_right(starts, i) - 1



def sentence_dated(ctx, i: int) -> bool:
    """Whether sentence i holds a date that can date an event."""
    lo = ctx.sentence_starts[i]
    hi = ctx.sentence_starts[i + 1] if i + 1 < len(ctx.sentence_starts) else len(ctx.doc)
    return any(lo <= s < hi for s, _e in ctx.attacher.tok_of.values())



def lemma_of(t) -> str:
    """A token's lemma in lower case (its own form when the parse gives none)."""
    return (t.lemma_ or t.lower_).lower()



def is_telling(w) -> bool:
    lemma = lemma_of(w)
    return lemma in TOLD_OR_VIEW or w.lower_ in attach.REPORTING or lemma in TELLING_NOUNS



BOUND = re.compile(r"\b(since|from|by|until|till|before|after|through|starting|beginning)\s+(?:early\s+|late\s+|mid-?)?$", re.I)



def holds_on(ctx, tr) -> bool:
    """Whether the event word is a verb or state in the present perfect ("has been independent", "have been
    built"): what it tells has held up to the story's day and goes on, with no end in sight."""
    w = ctx.doc[tr.token]
    return w.pos_ not in ("NOUN", "PROPN") and tense.tense_of(w) == "perfect"


def bounded(ctx, tx: Timex | None, tr=None) -> Timex | None:
    """A date under a preposition of bound is an end of the event's interval, not its day: "since 1993"
    (from then to the story's day; from then on, open, for a present-perfect verb or state, "has been
    independent since 1901", which still holds), "from March 30" and "after the war in 1990" (from then on,
    open), "by August", "until Friday" and "before 2000" (up to then)."""
    if tx is None or tx.start < 0:
        return tx
    m = BOUND.search(ctx.text[max(0, tx.start - 20):tx.start])
    if not m:
        return tx
    p = m.group(1).lower()
    if p == "since":
        if tr is not None and holds_on(ctx, tr):
            return replace(tx, latest=None, mod="AFTER")
        return replace(tx, latest=max(ctx.day, tx.latest or ctx.day), mod="AFTER")
    if p in ("from", "starting", "beginning"):
        return replace(tx, latest=None, mod="AFTER")
    if p == "after":
        return replace(tx, earliest=tx.latest, latest=None, mod="AFTER")
    if p == "before":
        return replace(tx, earliest=None, latest=tx.earliest, mod="BEFORE")
    return replace(tx, earliest=None if tx.earliest and tx.earliest <= ctx.day else ctx.day, mod="BEFORE")
