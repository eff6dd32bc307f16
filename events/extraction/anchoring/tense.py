"""Tense, aspect and modality of an event word, read from its verb group (spaCy tags and dependencies).

An event word is a verb, or a noun, adjective or other word that names an event; a non-verb takes the
tense of the predicate it belongs to ("the talks were held", "is ready"). The answer is one of:

    future      will / shall / be going to, or a to-infinitive or plan ("plans to visit", "agreed to meet")
    modal       would / could / may / might / should / must / can without a perfect
    past        simple past, past progressive, past passive
    pluperfect  had + participle: a look back from a past moment
    perfect     has / have + participle: a past that reaches the story's day
    progressive is / are + -ing: under way on the story's day
    present     simple present (and present passive): true on the story's day
    none        a bare participle, gerund or noun with no verb above it
"""
from __future__ import annotations

FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
MODAL_AUX = {"would", "could", "should", "might", "may", "must", "can", "ca", "'d", "ought"}
PERFECT_AUX = {"has", "have", "'ve", "’ve", "having"}
PLUPERFECT_AUX = {"had"}
PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m", "’s", "’re"}
PAST_BE = {"was", "were"}


def is_verb(t) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB") or t.tag_ == "MD"


def predicate(t, steps: int = 4):
    """The verb whose clause a word belongs to: itself for a verb, else the nearest verb above it
    (through a copula's complement, an object, a preposition) within `steps`; None when there is none."""
    cur = t
    for _ in range(steps):
        if is_verb(cur) and cur.dep_ != "amod":
            return cur
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "advcl", "relcl", "csubj", "parataxis", "acl"):
            return None  # a clause of its own with no verb of ours
        cur = cur.head
    return cur if is_verb(cur) else None


def _auxes(v) -> set[str]:
    return {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}


def verb_tense(v, depth: int = 0) -> str:
    """Tense class of a verb (see the module docstring)."""
    aux = _auxes(v)
    if aux & FUTURE_AUX:
        return "future"
    if aux & MODAL_AUX:
        return "past" if aux & PERFECT_AUX else "modal"  # "would have met" looks back
    if "going" in aux or any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children):
        # "plans to visit", "is to meet": ahead of the governing verb; "had been due to expire": a past plan
        gov = v.head
        if gov.i == v.i or depth > 3:
            return "future"
        if not is_verb(gov):
            return "future"  # "a plan to meet", "an agreement to buy"
        g = verb_tense(gov, depth + 1)
        return "future" if g in ("present", "progressive", "perfect", "future", "modal", "none") else "infinitive-past"
    if aux & PLUPERFECT_AUX:
        return "pluperfect"
    if aux & PERFECT_AUX:
        return "perfect"
    if v.tag_ == "VBD" or aux & PAST_BE or "did" in aux:
        return "past"
    if v.tag_ == "VBG":
        if aux & PRESENT_BE:
            return "progressive"
        return _inherit(v, depth)
    if v.tag_ == "VBN":
        if aux & PRESENT_BE or aux & {"be", "been", "being"}:
            return "present"
        return _inherit(v, depth)
    if v.tag_ in ("VBZ", "VBP"):
        return "present"
    if v.tag_ == "MD":
        return "future" if v.lower_ in FUTURE_AUX else "modal"
    if v.tag_ == "VB":
        if aux & {"do", "does"}:
            return "present"
        if aux & {"did"}:
            return "past"
        return _inherit(v, depth)
    return "none"


def _inherit(v, depth: int) -> str:
    """A participle, gerund or bare verb with no tense of its own takes the tense of the clause it
    completes or is coordinated with ("met and agreed", "signed, ending years of talks")."""
    h = v.head
    if h.i == v.i or depth > 3 or not is_verb(h):
        return "none"
    if v.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp", "dep", "ccomp"):
        return verb_tense(h, depth + 1)
    return "none"


def tense_of(t) -> str:
    """Tense class of any event word (a noun takes its predicate's)."""
    v = predicate(t)
    return "none" if v is None else verb_tense(v)


def story_register(doc) -> str:
    """The tense a story is told in: "present" when more of its sentences' main verbs are in the simple
    present or present progressive than in the simple past (the register of a broadcast), else "past"."""
    n = {"present": 0, "past": 0}
    for s in doc.sents:
        if is_verb(s.root):
            cls = verb_tense(s.root)
            cls = "present" if cls == "progressive" else cls
            if cls in n:
                n[cls] += 1
    return "present" if n["present"] > n["past"] else "past"
