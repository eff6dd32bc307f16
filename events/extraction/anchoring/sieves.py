"""The sieves, most precise first (the architecture of CAEVO: ordered sieves, each a stated rule).

Each sieve looks at one event word and either decides its interval or passes. `benchmarks/anchors.py`
prints how many events of the real dev corpus each one decides and how many of those it gets right.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .. import attach
from ..types import Timex
from . import spans, tense


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


# dependencies along which a clause shares the time of the clause it hangs on: coordination, adjuncts,
# aspectual complements, and a noun's way to its support verb
SHARED_TIME = {"conj", "advcl", "xcomp", "pcomp", "prep", "pobj", "dobj", "compound", "oprd", "nmod", "amod", "acomp"}
# verbs whose infinitive happens when they do ("began to arrive", "tried to locate")
ASPECTUAL = {"begin", "began", "begun", "start", "started", "continue", "continued", "try", "tried", "trying",
             "attempt", "keep", "kept", "stop", "cease", "fail", "failed", "manage", "managed", "resume", "finish"}


def _tx(earliest, latest, value, text="") -> Timex:
    return Timex(start=-1, end=-1, text=text, type="DATE", value=value, earliest=earliest, latest=latest,
                 granularity="day" if earliest == latest and earliest is not None else "open")


def _from_choice(ctx: Context, tr, sources: tuple[str, ...]):
    choice = ctx.choices.get(tr.token)
    if choice is None:
        choice = ctx.choices[tr.token] = ctx.attacher.choose(tr, ctx.doc[tr.token].sent)
    if choice.timex is None or choice.source not in sources:
        return None
    return choice.timex


BOUND = re.compile(r"\b(since|from|by|until|till|before|after|through|starting|beginning)\s+(?:early\s+|late\s+|mid-?)?$", re.I)


def bounded(ctx, tx: Timex | None) -> Timex | None:
    """A date under a preposition of bound is an end of the event's interval, not its day: "since 1993"
    (from then to the story's day), "from March 30" and "after the war in 1990" (from then on, open), "by
    August", "until Friday" and "before 2000" (up to then)."""
    if tx is None or tx.start < 0:
        return tx
    m = BOUND.search(ctx.text[max(0, tx.start - 20):tx.start])
    if not m:
        return tx
    p = m.group(1).lower()
    if p == "since":
        return replace(tx, latest=max(ctx.day, tx.latest or ctx.day), mod="AFTER")
    if p in ("from", "starting", "beginning"):
        return replace(tx, latest=None, mod="AFTER")
    if p == "after":
        return replace(tx, earliest=tx.latest, latest=None, mod="AFTER")
    if p == "before":
        return replace(tx, earliest=None, latest=tx.earliest, mod="BEFORE")
    return replace(tx, earliest=None if tx.earliest and tx.earliest <= ctx.day else ctx.day, mod="BEFORE")


def own_clause(ctx, tr):
    tx = bounded(ctx, _from_choice(ctx, tr, ("clause",)))
    return spans.with_length(ctx.doc[tr.token], tx) if tr.nominal else tx


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
    return None


def _attached_token(ctx, tx: Timex) -> int | None:
    for k, t in enumerate(ctx.attacher.timexes):
        if t.start == tx.start and t.end == tx.end:
            return ctx.attacher.attach.get(k)
    return None


def _path(tok, top: int) -> list:
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


def _is_infinitive(t) -> bool:
    return tense.is_verb(t) and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)


def governing_clause(ctx, tr):
    """A date on a clause above: shared by coordinated and adjunct predicates and by a noun's support verb;
    a purpose or plan (a to-infinitive on the way up) starts then and stays open; an event named inside an
    argument of another predicate ("ordered an embargo", "the war") is not dated by it."""
    tx = _from_choice(ctx, tr, ("governing clause",))
    if tx is None:
        return None
    doc = ctx.doc
    top = _attached_token(ctx, tx)
    path = _path(doc[tr.token], top) if top is not None else []
    if not path or len(path) > 4 or any(t.dep_ not in SHARED_TIME for t in path):
        return None  # not below the dated clause, or inside an argument or a clause of its own
    if any(_is_infinitive(t) and t.head.lemma_ not in ASPECTUAL and t.head.lower_ not in ASPECTUAL for t in path):
        return None  # a purpose or a plan: see purpose_after
    tx = bounded(ctx, tx)
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


TRIP_NOUNS = {"visit", "trip", "tour", "journey", "mission", "stay", "voyage", "visits", "trips", "tours"}
TRIP_REACH = 2  # sentences after the trip's own sentence


def within_trip(ctx, tr):
    """"He began a three-day visit to Peru on Monday. He met the mayor and toured a museum.": a past event
    with no date of its own, told in the sentences right after a dated trip of several days, lies within it."""
    doc, w = ctx.doc, ctx.doc[tr.token]
    if tense.tense_of(w) != "past" or tr.nominal:
        return None
    sents = ctx.sentence_starts
    here = _sentence_index(sents, w.i)
    best = None
    for tok, other in ctx.triggers.items():
        t = doc[tok]
        if not other.nominal or t.lower_ not in TRIP_NOUNS and (t.lemma_ or "").lower() not in TRIP_NOUNS:
            continue
        gap = here - _sentence_index(sents, tok)
        if not 0 < gap <= TRIP_REACH:
            continue
        tx = own_clause(ctx, other) or governing_clause(ctx, other)
        if tx is None or tx.earliest is None or tx.latest is None or tx.earliest == tx.latest:
            continue
        if best is None or tok > best[0]:
            best = (tok, tx)
    return best[1] if best else None


def _sentence_index(starts: list[int], i: int) -> int:
    return bisect.bisect_right(starts, i) - 1


def recent_span(ctx, tr):
    """"Prices fell in the last 24 hours", "over the past five years": a stretch of time that ends on the
    story's day bounds the event (from its start to the story's day); "within the next two weeks", "will
    finish within a year": one that starts on the story's day bounds what lies ahead (from then to its end)."""
    doc, w = ctx.doc, ctx.doc[tr.token]
    heads = _heads(ctx, tr)
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


def _heads(ctx, tr) -> set[int]:
    """The event word, its support verb and its predicate: where a date of its own hangs."""
    heads = {tr.token, tr.governor}
    v = tense.predicate(ctx.doc[tr.token])
    if v is not None:
        heads.add(v.i)
    return heads


def vague(ctx, tr):
    """"Recently", "in the coming weeks", "in the past": an open interval that ends or starts on the story's
    day, kept as it is rather than replaced by a precise day."""
    doc, w = ctx.doc, ctx.doc[tr.token]
    heads = _heads(ctx, tr)
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


def purpose_after(ctx, tr):
    """A to-infinitive under a dated clause ("promised on Monday to withdraw"): from that day on, open."""
    tx = _from_choice(ctx, tr, ("governing clause",))
    if tx is None or tx.earliest is None:
        return None
    top = _attached_token(ctx, tx)
    path = _path(ctx.doc[tr.token], top) if top is not None else []
    w = ctx.doc[tr.token]
    if not path or not _is_infinitive(w) or w.head.lemma_ in ASPECTUAL or w.head.lower_ in ASPECTUAL:
        return None
    return _tx(tx.earliest, None, "FUTURE_REF")


def noun_ongoing(ctx, tr):
    """An event noun with no date, outside a past clause ("the crisis", "sanctions", "the investigation"):
    a process under way that has not ended, open from the story's day."""
    if not tr.nominal or ctx.doc[tr.token].pos_ not in ("NOUN", "PROPN"):
        return None
    cls = tense.tense_of(ctx.doc[tr.token])
    if cls in ("past", "pluperfect", "perfect"):
        return None
    return _tx(ctx.day, None, "FUTURE_REF")


def noun_perfect(ctx, tr):
    """An event noun in a present-perfect clause ("has been a setback"): before the story's day."""
    if not tr.nominal or tense.tense_of(ctx.doc[tr.token]) != "perfect":
        return None
    return _tx(None, ctx.day, "PAST_REF")


def _clause(w):
    """The verb that heads the clause of word w and the dependency that clause hangs by."""
    v = tense.predicate(w) or w
    cur = v
    for _ in range(8):
        if cur.dep_ in ("ccomp", "relcl", "advcl", "xcomp", "csubj", "parataxis", "acl", "conj") or cur.head.i == cur.i:
            return v, cur.dep_
        cur = cur.head
    return v, cur.dep_


def ahead_clause(ctx, tr):
    """A present-tense adverbial clause ("when the talks resume", "if he leaves", "until it ends") and an
    untensed verb completing another ("helped them rebuild") refer ahead: open from the story's day."""
    w = ctx.doc[tr.token]
    if tr.nominal:
        return None
    v, dep = _clause(w)
    cls = tense.verb_tense(v)
    if (cls == "present" and dep == "advcl" and v.i == w.i) or (cls == "none" and w.dep_ == "xcomp" and w.tag_ == "VB"):
        return _tx(ctx.day, None, "FUTURE_REF")
    return None


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
    lw, lo = (w.lemma_ or w.lower_).lower(), (o.lemma_ or o.lower_).lower()
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
        if (w.lemma_ or w.lower_).lower() == (o.lemma_ or o.lower_).lower() and not (tr.nominal or other.nominal):
            continue  # two verbs of one lemma are two events ("met in May ... met again")
        tx = own_clause(ctx, other) or governing_clause(ctx, other)
        if tx is not None:
            return replace(tx, start=-1, end=-1)
    return None


# what a present-tense verb of these says is the source's report or view at the time of telling, or the
# phase of another event, not a state of the world around the story's day
TOLD_OR_VIEW = {"say", "tell", "report", "announce", "add", "claim", "insist", "indicate", "suggest", "state",
                "note", "confirm", "explain", "write", "think", "believe", "expect", "want", "hope", "fear", "know",
                "feel", "doubt", "wish", "appear", "seem", "continue", "remain", "begin", "start", "keep", "mean"}


def present_state(ctx, tr):
    """"Iraq owes billions", "the dispute stems from ...": a verb in the simple present with no date tells a
    state that holds around the story's day, with no known start or end: unbounded. A report or view of the
    source ("officials say", "he thinks") is of the story's day instead (the tense sieve)."""
    w = ctx.doc[tr.token]
    if tr.nominal or w.pos_ != "VERB" or tense.tense_of(w) != "present":
        return None
    if (w.lemma_ or w.lower_).lower() in TOLD_OR_VIEW or w.lower_ in attach.REPORTING:
        return None
    return _tx(None, None, "PRESENT_REF")


def speaker_day(ctx, tr):
    """"Cui said here Tuesday ... Cui said at a news conference": an undated report by the source whose report
    in the sentence before is dated to a day was made that day."""
    if tense.tense_of(ctx.doc[tr.token]) != "past":
        return None
    k = ctx.attacher.speaker_date(tr)
    return None if k is None else replace(ctx.attacher.timexes[k], start=-1, end=-1)


# nouns that name a telling: what they name happens when the source speaks, not in the story it tells
TELLING_NOUNS = {"interview", "statement", "remarks", "comment", "comments", "briefing", "announcement", "report"}


def _is_telling(w) -> bool:
    lemma = (w.lemma_ or w.lower_).lower()
    return lemma in TOLD_OR_VIEW or w.lower_ in attach.REPORTING or lemma in TELLING_NOUNS


def _sentence_dated(ctx, i: int) -> bool:
    """Whether sentence i holds a date that can date an event."""
    lo = ctx.sentence_starts[i]
    hi = ctx.sentence_starts[i + 1] if i + 1 < len(ctx.sentence_starts) else len(ctx.doc)
    return any(lo <= s < hi for s, _e in ctx.attacher.tok_of.values())


def narrative_past(ctx, tr):
    """"In July last year Hun Sen staged a coup. His rivals fled the capital.": an undated past event (not a
    report) in a sentence with no date of its own, right after a sentence whose last date (not that of a report)
    lies before the story's day, goes on in that earlier time (the reference time of a past narrative carries over)."""
    w = ctx.doc[tr.token]
    if tense.tense_of(w) != "past" or _is_telling(w):
        return None
    here = _sentence_index(ctx.sentence_starts, w.i)
    if here == 0 or _sentence_dated(ctx, here):
        return None
    lo, hi = ctx.sentence_starts[here - 1], ctx.sentence_starts[here]
    last = None
    for k, (s, _e) in sorted(ctx.attacher.tok_of.items(), key=lambda kv: kv[1]):
        a = ctx.attacher.attach.get(k)
        if lo <= s < hi and a is not None and not _is_telling(ctx.doc[a]):
            last = bounded(ctx, ctx.attacher.timexes[k])
    if last is None or last.latest is None or last.latest >= ctx.day:
        return None
    return replace(last, start=-1, end=-1)


def by_tense(ctx, tr):
    """No date anywhere: the tense decides. Future, modal and plans: from the story's day on; a pluperfect
    looks back: before it; the rest (past, present, perfect, progressive) happened on the story's day, which
    is what news tells."""
    cls = tense.tense_of(ctx.doc[tr.token])
    d = ctx.day
    if cls in ("future", "modal", "infinitive-past"):
        return _tx(d, None, "FUTURE_REF")
    if cls == "pluperfect":
        return _tx(None, d, "PAST_REF")
    return _tx(d, d, d.isoformat())


SIEVES = [
    ("own clause", "a date on the event word, its support verb or a plain verb inside its phrase", own_clause),
    ("on another event", "'during his visit on Monday', 'a day after the talks': the other event's own date",
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
    ("present state", "a verb in the simple present with no date, not a report or view: a state, unbounded",
     present_state),
    ("noun under way", "an event noun with no date outside a past clause: open from the story's day", noun_ongoing),
    ("noun in a perfect clause", "an event noun in a present-perfect clause: before the story's day", noun_perfect),
    ("speaker's day", "an undated report by the source of a report dated in the sentence before: that day",
     speaker_day),
    ("narrative past", "an undated past event after a sentence dated before the story's day: that time",
     narrative_past),
    ("tense", "no date: future and modal after the story's day, pluperfect before it, else on it", by_tense),
]
