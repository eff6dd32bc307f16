"""Sieves for an event with no date anywhere: tense, aspect and the kind of word decide."""
from __future__ import annotations

from ... import attach
from .. import tense
from .context import (
    AIM_PREPS,
    SAME_TIME,
    TOLD_OR_VIEW,
    from_choice,
    interval,
    is_infinitive,
    lemma_of,
    reason_gerund,
    sentence_dated,
    sentence_index,
)


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
        return interval(ctx.day, None, "FUTURE_REF")
    return None



AHEAD_PREPS = AIM_PREPS  # see context.AIM_PREPS



def gerund_ahead(ctx, tr):
    """"The move seemed aimed at heading off more trouble", "he can call up reservists without seeking
    approval": an untensed gerund under a preposition of aim or sequel, with no date, lies ahead of the
    story's day: open from it."""
    w = ctx.doc[tr.token]
    if tr.nominal or w.tag_ != "VBG" or w.dep_ != "pcomp" or w.head.lower_ not in AHEAD_PREPS or reason_gerund(w):
        return None
    if tense.tense_of(w) != "none":
        return None
    return interval(ctx.day, None, "FUTURE_REF")



def deed_before(ctx, tr):
    """"It accused Kuwait of slashing oil revenues", "he was convicted of helping to defraud investors",
    "critics assailed the ministry for hiding the figures": an undated gerund naming the deed that a word of
    judging or charging is about was done before the judgement: before its date ("in 1991 he was convicted of
    helping ..."), else before the story's day."""
    w = ctx.doc[tr.token]
    if tr.nominal or not reason_gerund(w) or tense.tense_of(w) != "none":
        return None
    judge = w.head.head
    judge = ctx.triggers.get(judge.head.i if judge.dep_ == "dobj" else judge.i)
    tx = from_choice(ctx, judge, ("clause", "governing clause")) if judge is not None else None
    end = tx.latest if tx is not None and tx.latest is not None and tx.latest <= ctx.day else ctx.day
    return interval(None, end, "PAST_REF")



# verbs of a judgement or a reading the source gives at the time of telling ("she estimates her flats are
# worth half", "he sees no hope", "it looks as though they panicked", "the plan calls for cooperation")
VIEWS = {"estimate", "consider", "see", "look", "reckon", "calculate", "assume", "guess", "call"}

# verbs of going and coming: in the progressive, a move under way or at hand on the story's day
MOTION = {"leave", "go", "come", "return", "head", "arrive", "travel", "fly", "depart", "move"}


def by_means(ctx, tr):
    """"Kuwait slashed Iraq's revenues by overproducing oil": a gerund under "by" names the means of the act it
    hangs on and happens with it: that act's interval."""
    w = ctx.doc[tr.token]
    if tr.nominal or w.tag_ != "VBG" or w.dep_ != "pcomp" or w.head.lower_ != "by":
        return None
    act = ctx.triggers.get(w.head.head.i)
    if act is None or act.token == tr.token:
        return None
    from ..engine import decide  # (the engine runs these sieves)

    got = decide(ctx, act)
    return interval(got.earliest, got.latest, got.value)



def present_state(ctx, tr):
    """"Iraq owes billions", "the dispute stems from ...", "rebels are holding the town": a verb in the simple
    present or the present progressive with no date tells a state or a process under way around the story's
    day, with no known start or end: unbounded. A report or view of the source ("officials say", "he thinks")
    is of the story's day instead (the tense sieve), so is a judgement or reading it gives ("she estimates",
    "he sees no hope", "the plan calls for"), and so is a going or coming in the progressive ("exiles
    are returning home", "he is leaving for Paris"): a move under way or at hand, not a state."""
    w = ctx.doc[tr.token]
    cls = tense.tense_of(w)
    if tr.nominal or w.pos_ != "VERB" or cls not in ("present", "progressive"):
        return None
    if lemma_of(w) in TOLD_OR_VIEW or lemma_of(w) in VIEWS or w.lower_ in attach.REPORTING:
        return None
    if cls == "progressive" and lemma_of(w) in MOTION:
        return None
    return interval(None, None, "PRESENT_REF")



# nouns that name a thing said, told or objected by someone: once it is talked of, it has been said
SAID_NOUNS = {"statement", "leak", "testimony", "objection", "warning", "accusation", "allegation", "assertion",
              "remark", "comment", "claim", "denial", "criticism", "complaint", "admission", "confession", "charge"}


def said_before(ctx, tr):
    """"Dismayed by the leaks", "adopted over bitter objections", "denied accusations made by his brother":
    an undated noun that names a thing said (a statement, a leak, a warning, an objection) is talked of
    after it was said: before the story's day. So is what a source is quoted as saying ("the agency quoted
    witnesses as saying tanks patrol the streets"): it was said before it was quoted."""
    w = ctx.doc[tr.token]
    quoted = w.tag_ == "VBG" and w.dep_ == "pcomp" and w.head.lower_ == "as" and lemma_of(w.head.head) == "quote"
    if not quoted and (not tr.nominal or w.pos_ != "NOUN" or lemma_of(w) not in SAID_NOUNS):
        return None
    return interval(None, ctx.day, "PAST_REF")



# nouns of a standing condition between parties, or of a process that runs on: it outlasts the clause that
# mentions it
CONDITION_NOUNS = {"crisis", "dispute", "conflict", "standoff", "showdown", "confrontation", "tension", "turmoil",
                   "tumult", "feud", "rivalry", "impasse", "deadlock", "stalemate", "unrest",
                   # and of a process that runs on: an inquiry, a hunt, a campaign of pressure
                   "investigation", "inquiry", "probe", "search", "manhunt", "operation", "sanction", "embargo",
                   "blockade", "siege", "occupation", "surge", "campaign"}


def noun_ongoing(ctx, tr):
    """An event noun with no date, outside a past clause ("the crisis", "sanctions", "the investigation"):
    a process under way that has not ended, open from the story's day. A noun of a standing condition ("the
    crisis", "the dispute", "the standoff") is so in a past clause too ("Qantas cut flights in the wake of the
    crisis", "it invaded because of disputes over oil"): the condition outlasts the act told with it, unless
    that act ends it ("the war has finished")."""
    w = ctx.doc[tr.token]
    if not tr.nominal or w.pos_ not in ("NOUN", "PROPN"):
        return None
    cls = tense.tense_of(w)
    if cls in ("past", "pluperfect", "perfect") and not (lemma_of(w) in CONDITION_NOUNS and not _ended(w)):
        return None
    return interval(ctx.day, None, "FUTURE_REF")


ENDED = {"end", "finish", "stop", "cease", "conclude", "collapse", "over"}


def _ended(w) -> bool:
    """'The war has finished', 'the standoff ended': the subject of a verb that ends it."""
    return w.dep_ in ("nsubj", "nsubjpass") and lemma_of(w.head) in ENDED



def noun_perfect(ctx, tr):
    """An event noun in a present-perfect clause ("has been a setback"): before the story's day."""
    if not tr.nominal or tense.tense_of(ctx.doc[tr.token]) != "perfect":
        return None
    return interval(None, ctx.day, "PAST_REF")



# conjunctions of a clause that gives the background of the clause it hangs on ("when Castro came to power",
# "because she did not believe him", "since it brought up new issues")
BACKGROUND_MARKS = {"when", "because", "once", "since"}



def background_past(ctx, tr):
    """"Cuban Americans who left when Castro came to power", "the tapes from the night the plane went down",
    "soldiers captured in the war": a simple-past clause that describes a participant (a relative clause, full
    or reduced to a participle) or gives the background of another clause (a when / because / once / since
    clause), with no date of its own, tells what came before the news: before the story's day. Under a clause
    dated before the story's day ("in 1991 he was convicted of defrauding investors who bought junk bonds"),
    it tells what came before that clause: up to its date."""
    w = ctx.doc[tr.token]
    cls = tense.tense_of(w)
    if cls == "none" and w.tag_ == "VBN" and w.dep_ == "acl":
        return interval(None, _end_above(ctx, w), "PAST_REF")  # a reduced relative: "soldiers captured in the war"
    if cls != "past":
        return None
    v = tense.predicate(w) or w
    if v.dep_ == "relcl" or (v.dep_ == "advcl" and any(
            c.lower_ in BACKGROUND_MARKS for c in v.children if c.dep_ in ("mark", "advmod"))):
        return interval(None, _end_above(ctx, v), "PAST_REF")
    return None


def _end_above(ctx, v):
    """The latest day of the date of the clause that clause v hangs on, when it lies before the story's day;
    else the story's day."""
    cur = v
    for _ in range(3):
        if cur.head.i == cur.i:
            break
        cur = tense.predicate(cur.head) or cur.head
        if not tense.is_verb(cur):
            continue
        other = ctx.triggers.get(cur.i)
        tx = from_choice(ctx, other, ("clause", "governing clause")) if other is not None else None
        if tx is not None:
            return tx.latest if tx.latest is not None and tx.latest < ctx.day else ctx.day
    return ctx.day



LEAD_SENTENCES = 5  # the lead of a story: its first sentences, which tell the news



def present_told_past(ctx, tr):
    """In a story told in the present (more main clauses in the present or present progressive than in the
    simple past, as a broadcast tells the news), an undated simple past or present perfect steps back from
    the story's now ("Rebels are closing in on the capital. ... The rebels seized the province."): it tells
    what came before the news, before the story's day. Not in the lead (the first five sentences, which tell
    the news of the day), nor when its sentence or the one before has a date, which sets the time it is told
    in; in a story told in the past, the past is the news (the tense sieve)."""
    w = ctx.doc[tr.token]
    if tense.tense_of(w) not in ("past", "perfect") or ctx.register != "present":
        return None
    here = sentence_index(ctx.sentence_starts, w.i)
    if here - ctx.first_sentence < LEAD_SENTENCES:
        return None  # the lead tells the news of the day
    if sentence_dated(ctx, here) or (here > 0 and sentence_dated(ctx, here - 1)):
        return None  # a date at hand sets the time the past is told in
    return interval(None, ctx.day, "PAST_REF")



def with_its_verb(ctx, tr):
    """"Bush seemed to suggest that ...", "he declined to discuss details", "they are unwilling to make any
    assertion": the to-infinitive of a raising verb or a refusal is told at that word's own time, so with no
    date it takes the tense of that word, not the plan of an infinitive."""
    w = ctx.doc[tr.token]
    if tr.nominal or not is_infinitive(w) or w.head.i == w.i or lemma_of(w.head) not in SAME_TIME:
        return None
    head = w.head if tense.is_verb(w.head) else (tense.predicate(w.head) or w.head)
    return _by_class(ctx, tense.tense_of(head))



def by_tense(ctx, tr):
    """No date anywhere: the tense decides. Future, modal and plans: from the story's day on; a pluperfect
    looks back: before it; the rest (past, present, perfect, progressive) happened on the story's day, which
    is what news tells."""
    return _by_class(ctx, tense.tense_of(ctx.doc[tr.token]))


def _by_class(ctx, cls):
    d = ctx.day
    if cls in ("future", "modal", "infinitive-past"):
        return interval(d, None, "FUTURE_REF")
    if cls == "pluperfect":
        return interval(None, d, "PAST_REF")
    return interval(d, d, d.isoformat())
