"""Event triggers: which words in a sentence name a diplomatic event, its type, and whether it happened.

The lexicon lives in `data/triggers.jsonl` (one rule a line, first matching rule wins) so that a new
trigger is a one-line change. A rule names its part of speech, the words (a verb rule its lemmas, so
"held", "is holding" and "holds" are one entry; a noun rule its forms, since "talks" is not "talk"), the
event type, and optional constraints on the dependency parse (object words match by form or lemma):

    object        the direct object is one of these words ("met the press", "laid a wreath")
    object_kind   the direct object is a person / place / actor ("called Yun", "visited Seoul")
    prep_place    a prepositional phrase with this preposition leads to a place ("travel to Japan")
    prep_actor    a prepositional phrase with this preposition names an actor ("talked with Kerry")
    prep_object   {preposition: [words]} ("spoke by phone")
    head          the word the trigger depends on ("sat down to talk")
    modifier      a compound or adjective on a noun ("press conference", "phone call")

Each trigger also gets its modality from the parse: negated ("did not meet", "refused to attend",
"no meeting", "no joint document was signed", "was planned for March but was postponed"), hypothetical
("if they meet", "he would meet him if ...", "could meet", "is considering a trip"), planned ("will meet",
"plans to visit", "to attend", "the upcoming summit") or asserted (occurred). A nominal trigger
("meeting", "visit") is *creating* only where the text presents the event itself: as the object of a
support verb ("held talks", "paid a visit", "attend the summit"), as the setting of a clause ("at a joint
press conference", "at the first inter-Korean summit", "in a telephone call"), described in a phrase with
its own parties, place or course ("after a phone call between A and B", "after hours of talks at Putin's
residence", "after talks that ran for hours"), as a visit with its visitor and destination ("his visit to
Brazil"), as the subject of an event predicate ("the visit culminated", "the summit, which opened on
Friday"), or with its own date ("a visit in May"). Elsewhere ("described the meeting as fruitful") it is
a reference that can only add a mention to an event found elsewhere in the article. A plural event noun
("the earlier summits were held in Asia") names a kind, not an event; a meeting told after a colon as an
instance of such a kind takes its type, and "did so" repeats the event of the clause it is joined to.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Verb lists are lemmas: a word is in one when its form or its lemma is (`_is`), so "held", "holds" and
# "is holding" are all "hold". Support verbs present a nominal event: "held talks", "paid a visit",
# "attended the summit", "is wrapping up a state visit", "presided over the talks".
SUPPORT_VERBS = {
    "hold", "have", "host", "attend", "join", "convene", "conduct", "chair", "co-chair", "open", "begin", "start",
    "organize", "organise", "pay", "make", "take", "undertake", "embark", "kick", "wrap", "conclude", "end",
    "complete", "participate", "address", "arrange", "schedule", "plan", "set", "propose", "resume", "launch",
    "preside", "receive", "give", "sign", "witness", "continue", "agree", "stage", "skip", "boycott",
    "miss", "cancel", "postpone", "call", "finish", "round", "co-host", "lead",
}
# "prepared the meeting", "is preparing for the summit": work towards an event, not the event (an event
# that is prepared is planned, and the planning verbs below say so)
# Verbs whose subject, when it is a nominal trigger, presents the event: "the summit opened".
EVENT_PREDICATES = {
    "take", "culminate", "open", "begin", "start", "end", "conclude", "last", "close", "wrap", "convene", "happen",
    "occur", "hold", "schedule", "set", "slate", "plan", "kick", "go", "proceed", "resume", "continue", "run",
}
# Participles that present a nominal event from inside it: "the summit, set for November 1-2".
PLANNING_PARTICIPLES = {"set", "scheduled", "slated", "planned", "due", "expected", "proposed"}
NEGATING_VERBS = {
    "refuse", "decline", "fail", "cancel", "postpone", "skip", "boycott", "deny", "reject", "avoid", "miss",
    "scrap", "shelve", "halt", "suspend", "abandon", "stop", "rule", "call off", "forgo", "delay",
}
NEGATING_NOUNS = {"cancellation", "postponement", "suspension", "boycott", "absence", "lack", "refusal"}
HYPOTHETICAL_VERBS = {
    "consider", "mull", "weigh", "explore", "imagine", "suggest", "urge", "ask", "demand", "call", "push",
    "press", "seek",
}
DOUBT_WORDS = {"unlikely", "doubtful", "impossible", "uncertain", "unclear", "improbable"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether", "lest", "should"}
HYPOTHETICAL_MODALS = {"could", "might", "may", "should", "must", "can", "ca"}
HYPOTHETICAL_MODIFIERS = {"possible", "potential", "likely", "hypothetical", "eventual", "prospective", "idea", "possibility", "prospect"}
PLANNING_VERBS = {
    "plan", "intend", "want", "wish", "hope", "expect", "schedule", "set", "slate", "agree", "decide", "propose",
    "prepare", "aim", "invite", "due", "ready", "going", "about", "arrange", "offer", "promise", "pledge", "vow",
    "seek", "try", "attempt", "await",
}
PLANNING_MODIFIERS = {"upcoming", "forthcoming", "planned", "proposed", "scheduled", "next", "future", "coming", "expected", "preparatory"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
GROUP_OBJECTS = {"heads", "leaders", "dignitaries", "delegations", "delegation", "officials", "ministers", "diplomats",
                 "journalists", "guests", "envoys", "presidents", "premiers", "lawmakers"}
PRESS_WORDS = {"press", "reporters", "journalists", "media", "newsmen"}


@dataclass(frozen=True)
class Rule:
    id: str
    pos: str
    type: str
    forms: frozenset
    object: frozenset = frozenset()
    not_object: frozenset = frozenset()
    object_kind: str = ""
    prep_place: frozenset = frozenset()
    prep_actor: frozenset = frozenset()
    prep_object: tuple = ()
    not_prep_object: tuple = ()  # {preposition: [words, or "@LABEL" for an entity label]}: "the summit of Mount Paektu"
    not_prep: frozenset = frozenset()
    not_particle: frozenset = frozenset()
    particle: frozenset = frozenset()
    not_dep_child: frozenset = frozenset()
    head: frozenset = frozenset()
    modifier: frozenset = frozenset()
    not_modifier: frozenset = frozenset()  # "a cabinet meeting", "the shareholders' meeting": no diplomatic event
    modifier_required_for: tuple = ()
    exclude_possessed: bool = False
    confidence: float = 0.6


@dataclass
class Trigger:
    """An event trigger in a Doc: type, status, the head token, the character span (into doc.text)."""

    type: str
    status: str  # occurred / planned
    modality: str  # asserted / planned / negated / hypothetical
    token: int  # index of the trigger's head word in the Doc
    start: int
    end: int
    text: str
    nominal: bool
    creating: bool
    rule: str
    confidence: float
    governor: int  # token index of the clause predicate the event belongs to (support verb, or the verb itself)
    reasons: list[str] = field(default_factory=list)
    why: str = ""  # for a nominal: what makes it creating (support verb, setting, purpose...) or 'reference'
    phrase: int | None = None  # the quantity noun a nominal acts through ('round' in 'a round of talks with X')

    @property
    def is_event(self) -> bool:
        return self.modality in ("asserted", "planned")


def _rule_from_json(d: dict) -> Rule:
    low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
    return Rule(
        id=d["id"], pos=d["pos"], type=d["type"], forms=low(d.get("lemmas") or d["forms"]),
        object=low(d.get("object", ())), not_object=low(d.get("not_object", ())),
        object_kind=d.get("object_kind", ""), prep_place=low(d.get("prep_place", ())),
        prep_actor=low(d.get("prep_actor", ())),
        prep_object=tuple((k, low(v)) for k, v in d.get("prep_object", {}).items()),
        not_prep_object=tuple((k, frozenset(d["not_prep_object"][k])) for k in d.get("not_prep_object", {})),
        not_prep=low(d.get("not_prep", ())), not_particle=low(d.get("not_particle", ())),
        particle=low(d.get("particle", ())),
        not_dep_child=low(d.get("not_dep_child", ())), head=low(d.get("head", ())),
        modifier=low(d.get("modifier", ())),
        not_modifier=low(d.get("not_modifier", ())),
        modifier_required_for=tuple((k, low(v)) for k, v in d.get("modifier_required_for", {}).items()),
        exclude_possessed=bool(d.get("exclude_possessed", False)), confidence=float(d.get("confidence", 0.6)),
    )


@functools.lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> tuple[Rule, ...]:
    p = Path(path) if path else DATA / "triggers.jsonl"
    rules = []
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            rules.append(_rule_from_json(json.loads(line)))
    return tuple(rules)


_INDEXES: dict[int, tuple[tuple, dict]] = {}


def _index(rules: tuple[Rule, ...]) -> dict:
    """Rules by (part of speech, word form); cached by identity (hashing the rules on every word is slow)."""
    hit = _INDEXES.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    idx: dict[tuple[str, str], list[Rule]] = {}
    for r in rules:
        for f in r.forms:
            idx.setdefault((r.pos, f), []).append(r)
    _INDEXES[id(rules)] = (rules, idx)
    return idx


# ---------------------------------------------------------------------------------------------- parse helpers

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _is_verb(t) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


def _is_noun(t) -> bool:
    return t.pos_ in ("NOUN", "PROPN") or t.tag_.startswith("NN")


def _lower(t) -> str:
    return t.text.lower()


def _lem(t) -> str:
    """The lemma ("hold" for "held"), or the lower-cased form where the pipeline has no lemmatizer."""
    return (t.lemma_ or t.text).lower()


def _is(t, words) -> bool:
    """The word's form or its lemma is in `words` (the verb lists above hold lemmas)."""
    return t.text.lower() in words or _lem(t) in words


TRANSPARENT = {"round", "rounds", "series", "number", "set", "couple", "pair", "range", "batch", "package",
               "string", "session", "sessions", "host", "raft", "slew", "dozen", "dozens", "total",
               "hours", "days", "minutes"}
# the course of a trip ("at the start of a three-day visit to Luanda"): always definite, so the visit noun's
# own determiner tells whether it is presented
ASPECT_NOUNS = {"start", "beginning", "outset", "end", "close", "conclusion"}
OUTCOME_RULES = {"reach-deal", "deal-reached"}  # talks told by their outcome: an agreement reached
PLURALIA = {"talks", "negotiations", "consultations", "discussions", "ceremonies", "celebrations", "festivities"}
ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
VISIT_NOUNS = {"visit", "trip", "tour", "journey"}
# prepositions that present a nominal event told with its own parties, place or duration ("after a phone call
# between Trump and Netanyahu", "after several hours of talks at Putin's residence", "after talks that ran for
# hours"): the phrase describes an event, not only points at one
PHRASE_PREPS = {"after", "following", "before", "during", "at", "in", "over"}


def _transparent(t):
    """The phrase a noun stands in for: 'consultations' in 'held the seventh round of consultations' acts
    through 'round'."""
    cur = t
    for _ in range(2):
        if cur.dep_ == "pobj" and _lower(cur.head) == "of" and (_lower(cur.head.head) in TRANSPARENT or (
                _lower(cur.head.head) in ASPECT_NOUNS and _lower(t) in VISIT_NOUNS)):
            cur = cur.head.head
        else:
            break
    return cur


def _objects(t):
    out = [c for c in t.children if c.dep_ in ("dobj", "obj", "attr")]
    if t.dep_ == "relcl" and not out and not any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) and any(
            c.dep_ == "nsubj" and _lower(c) not in ("who", "which", "that") for c in t.children):
        # "the security agreement they signed in 2001": the noun a relative clause with its own subject hangs on
        out.append(t.head)
    if any(c.dep_ == "auxpass" for c in t.children):
        # "an agreement was signed by ..."
        out += [c for c in t.children if c.dep_ == "nsubjpass"]
    for o in list(out):
        out.extend(c for c in o.children if c.dep_ == "conj")
        if _lower(o) in TRANSPARENT:
            # "signed a number of agreements"
            for p in o.children:
                if p.dep_ == "prep" and _lower(p) == "of":
                    out.extend(x for x in p.children if x.dep_ == "pobj")
    return out


def _preps(t, words=None):
    for c in t.children:
        if c.dep_ in ("prep", "agent", "dative") and (words is None or _lower(c) in words):
            for p in c.children:
                if p.dep_ == "pobj":
                    yield c, p
                    for cc in p.children:
                        if cc.dep_ == "conj":
                            yield c, cc


def _modifiers(t) -> set[str]:
    out = set()
    for c in t.children:
        if c.dep_ in ("compound", "amod", "nmod", "nummod") or (c.dep_ == "prep" and c.i < t.i):
            out.add(_lower(c))
            for cc in c.children:
                if cc.dep_ in ("compound", "amod", "npadvmod"):
                    out.add(_lower(cc))
    # hyphenated forms tokenised apart: "press-conference", "phone-call"
    if t.i >= 2 and t.doc[t.i - 1].text == "-":
        out.add(_lower(t.doc[t.i - 2]))
    return out


def _kind(t, places_only=False) -> str:
    """person / place / actor / '' for a token heading an argument."""
    ent = t.ent_type_
    if ent in ("ORG", "", "PERSON") and t.dep_ == "pobj" and (ent or t.pos_ == "PROPN") and (
            ent != "PERSON" or _lower(t.head) in ("to", "in", "at")):
        from . import actors

        span = actors.ent_at(t.doc, t.i)
        place = actors.place_of(span.text if span is not None else t.text)
        if place is not None and place[0] != place[1]:
            return "place"  # "to Abu Dhabi" tagged as an organization: a city the gazetteer knows
    if ent == "PERSON":
        return "person"
    if ent in PLACE_LABELS:
        return "place"
    if ent in ("ORG", "NORP"):
        return "actor"
    if t.pos_ == "PRON" and _lower(t) in ("him", "her", "them", "he", "she", "they", "his", "each", "whom", "who"):
        return "person"
    if t.pos_ == "PROPN":
        return "person"
    from . import actors

    if _lower(t) in actors.gazetteer()["title_words"] or _lower(t) in actors.gazetteer()["group_nouns"]:
        return "person"
    return ""


# verb forms a tagger takes for plural nouns after a name ("Trump leaves for Seoul", "Xi heads to Paris")
NOUN_TAGGED_VERBS = {"leaves": "leave", "heads": "head", "flies": "fly", "travels": "travel", "visits": "visit",
                     "meets": "meet", "hosts": "host", "calls": "call"}


def _verb_tagged_noun(t) -> bool:
    """'Trump leaves for Seoul later on Saturday' parsed as a noun: a present-tense travel verb right after a
    name, followed by its preposition."""
    if _lower(t) not in NOUN_TAGGED_VERBS or t.tag_ != "NNS" or t.i == 0 or t.i + 1 >= len(t.doc):
        return False
    prev, nxt = t.doc[t.i - 1], t.doc[t.i + 1]
    # the name itself may be mis-tagged too ("Trump" as a verb at the head of the sentence)
    named = prev.ent_type_ == "PERSON" or (prev.text[:1].isupper() and prev.pos_ in ("PROPN", "VERB", "NOUN")
                                            and prev.ent_type_ in ("PERSON", ""))
    return named and nxt.dep_ == "prep" and nxt.head.i == t.i \
        and _lower(nxt) in ("for", "to", "with")


def _rule_matches(rule: Rule, t) -> bool:
    if rule.pos == "VERB":
        if (not _is_verb(t) or t.tag_ in ("NN", "NNS") or t.dep_ in ("amod", "compound")) and not _verb_tagged_noun(t):
            return False
        if t.tag_ in ("VBG", "VBN") and t.i < t.head.i and t.head.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ in ("nsubj", "aux", "dobj") for c in t.children):
            return False  # "visiting heads of state", "the planned meeting": an adjective
        if t.tag_ == "VBG" and t.dep_ in ("pcomp", "amod", "acl") and not any(c.dep_ in ("nsubj", "aux") for c in t.children):
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.dep_ in ("dobj", "compound", "nmod") and _lower(nxt) in GROUP_OBJECTS:
                return False  # "a reception for visiting heads of state"
        # "meeting" as a gerund only: "the meeting" is a noun (the noun rule handles it)
        if t.tag_ == "VBG" and any(c.dep_ == "det" for c in t.children):
            return False
    else:
        if not _is_noun(t) and t.tag_ != "VBG":
            return False
        if t.dep_ == "compound" and _is_noun(t.head):
            return False  # "the meeting room", "Yun's trip plan", "summit talks" (the head decides)
        if t.tag_ == "VBG" and not any(c.dep_ in ("det", "amod", "compound", "poss") for c in t.children):
            return False
    children = list(t.children)
    if rule.not_particle and any(c.dep_ in ("prt", "advmod") and _lower(c) in rule.not_particle for c in children):
        return False
    if rule.particle and not any(c.dep_ in ("prt", "advmod") and _lower(c) in rule.particle for c in children):
        return False
    if rule.not_dep_child and any(c.dep_ in rule.not_dep_child for c in children):
        return False
    if rule.not_prep and any(c.dep_ == "prep" and _lower(c) in rule.not_prep for c in children):
        return False
    objs = _objects(t)
    if rule.not_object and any(_is(o, rule.not_object) for o in objs):
        return False
    if rule.object and not any(_is(o, rule.object) for o in objs):
        return False
    if rule.object_kind:
        kinds = {_kind(o) for o in objs}
        want = {"place_or_actor": {"place", "actor", "person"}, "actor": {"person", "actor"}}.get(
            rule.object_kind, {rule.object_kind})
        if not (kinds & want):
            return False
        if rule.object_kind == "person" and any(_lower(o) in PRESS_WORDS for o in objs):
            return False
    if rule.prep_place and not any(_kind(p) == "place" for _, p in _preps(t, rule.prep_place)):
        # "arrived on Friday in Algeria" attaches fine; "travel to Japan" too; an adverbial "here" counts
        if not any(c.dep_ == "advmod" and _lower(c) in ("here", "there", "abroad") for c in children):
            return False
    if rule.prep_actor and not any(_kind(p) for _, p in _preps(t, rule.prep_actor)):
        return False
    if rule.prep_object:
        ok = False
        for prep, words in rule.prep_object:
            # "spoke by phone", "exchanged views by phone" (the phrase may hang on the object)
            for holder in [t] + objs:
                for _, p in _preps(holder, {prep}):
                    if _lower(p) in words or _modifiers(p) & words:
                        ok = True
        if not ok:
            return False
    for prep, words in rule.not_prep_object:
        for _, p in _preps(t, {prep}):
            heads = {_lower(x) for x in p.subtree if x.dep_ in ("compound",) or x.i == p.i}
            if heads & words or f"@{p.ent_type_}" in words:
                return False
    if rule.head and not _is(t.head, rule.head):
        return False
    if rule.modifier and not (_modifiers(t) & rule.modifier):
        return False
    if rule.not_modifier and (_modifiers(t) | {_lower(c).rstrip("'s") for c in children if c.dep_ == "poss"}) & rule.not_modifier:
        return False
    for form, mods in rule.modifier_required_for:
        if _lower(t) == form and not (_modifiers(t) & mods):
            return False
    if rule.exclude_possessed and any(c.dep_ == "poss" for c in children):
        return False
    return True


def match_rule(t, rules: tuple[Rule, ...] | None = None) -> Rule | None:
    rules = rules or load_rules()
    pos = "VERB" if (_is_verb(t) and t.tag_ not in ("NN", "NNS")) or _verb_tagged_noun(t) else "NOUN"
    if pos == "VERB":
        # verb rules are written as lemmas: "toured", "is wrapping up", "flies" find "tour", "wrap", "fly"
        lemma = NOUN_TAGGED_VERBS[_lower(t)] if t.tag_ == "NNS" and _lower(t) in NOUN_TAGGED_VERBS else _lem(t)
        cands = _index(rules).get((pos, lemma), [])
        cands = cands + [r for r in _index(rules).get((pos, _lower(t)), []) if r not in cands]
    else:
        cands = _index(rules).get((pos, _lower(t)), [])
    if pos == "VERB" and t.tag_ == "VBG":
        cands = cands + _index(rules).get(("NOUN", _lower(t)), [])
    for r in cands:
        if _rule_matches(r, t):
            return r
    if pos == "NOUN" and _lower(t) in ("talks", "meets"):
        # "talks" and "meets" tagged as nouns after a name: try the verb
        for r in _index(rules).get(("VERB", _lower(t)[:-1]), []):
            if _rule_matches(r, t):
                return r
    if pos == "VERB" and t.tag_ in ("VBZ", "NNS") and _lower(t) == "talks":
        for r in _index(rules).get(("NOUN", "talks"), []):
            return r
    return None


# ---------------------------------------------------------------------------------------------- modality

def _clause_chain(t):
    """The trigger and the words above it up to the root of its clause (through xcomp, conj, prep...)."""
    chain = [t]
    cur = t
    while cur.head.i != cur.i:
        dep = cur.dep_
        nxt = cur.head
        chain.append(nxt)
        if dep in ("ccomp", "relcl", "parataxis", "csubj") or (dep == "advcl" and any(
                c.dep_ == "mark" and _lower(c) not in ("to",) for c in cur.children)):
            break
        cur = nxt
    return chain


def _governor(t, nominal: bool):
    """The predicate that carries the event's clause: a support verb for a noun, else the verb itself."""
    if not nominal:
        return t
    cur = _transparent(t)
    for _ in range(4):
        h = cur.head
        if h.i == cur.i:
            return cur
        if cur.dep_ in ("pobj",) and h.dep_ in ("prep", "agent"):
            cur = h.head
            if _is_verb(cur):
                return cur
            continue
        if _is_verb(h):
            return h
        if cur.dep_ in ("conj", "appos", "compound"):
            cur = h
            continue
        return h
    return cur


def _has_neg(t) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and _lower(c) in ("no",)) for c in t.children)


def _negated_argument(t):
    """'No joint document was signed', 'no leader attended': a verb whose subject or object is negated
    by 'no' / 'none' / 'nobody' tells that the event did not happen."""
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if _lower(c) in ("nobody", "none", "nothing", "neither") or any(
                    x.dep_ == "det" and _lower(x) == "no" for x in c.children):
                return c
    return None


def _conditioned(w) -> str | None:
    """'if Kim saw his message, he would meet him': a clause under a condition ('if', 'unless')."""
    for c in w.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and _lower(m) in ("if", "unless") for m in c.children):
            mark = next(m for m in c.children if m.dep_ == "mark" and _lower(m) in ("if", "unless"))
            if mark.i > 0 and _lower(mark.doc[mark.i - 1]) == "even":
                continue  # "met in Sochi, even if no deal was reached": a concession, not a condition
            return _lower(mark)
    return None


def _called_off(w) -> str | None:
    """'The trip had been planned for March but was postponed': a plan the same clause calls off."""
    for c in w.children:
        if c.dep_ != "conj" or any(x.dep_ in ("dobj", "obj") for x in c.children):
            continue  # "met on Monday and postponed the vote": the second verb has its own object
        if _is(c, CALLED_OFF) or (_lem(c) in ("call", "put") and any(
                x.dep_ == "prt" and _lower(x) == "off" for x in c.children)):
            return c.text
    return None


CALLED_OFF = {"postpone", "cancel", "scrap", "shelve", "abandon", "suspend", "delay"}


def modality(t, nominal: bool) -> tuple[str, list[str]]:
    """asserted / planned / negated / hypothetical for the trigger at token t, with the reason."""
    chain = _clause_chain(t)
    gov = _governor(t, nominal)
    if all(w.i != gov.i for w in chain):
        chain = [t] + _clause_chain(gov)
    reasons: list[str] = []
    planned = False
    pred = passive_predicate(t) if nominal else None
    if pred is not None and any(c.dep_ == "aux" and _lower(c) == "to" for c in pred.children):
        planned = True  # "the summit to be held on May 14": still to come
        reasons.append(f"to be '{pred.text}'")
    for i, w in enumerate(chain):
        lw = _lower(w)
        if _has_neg(w) and (w.i == t.i or _is_verb(w)):
            # "not only ... but" is not a negation of the event
            if not any(_lower(c) == "only" for c in w.children):
                return "negated", [f"negated by '{next(c.text for c in w.children if c.dep_ in ('neg', 'det'))}'"]
        if (w.i == t.i or _is_verb(w)) and _negated_argument(w) is not None and _negated_argument(w).i != t.i:
            return "negated", [f"negated argument '{_negated_argument(w).text}'"]
        if _is_verb(w) and _called_off(w) and (nominal or _is(w, PLANNING_VERBS)):
            # "the trip had been planned for March but was postponed"; not "visited Paris and was delayed"
            return "negated", [f"called off: '{_called_off(w)}'"]
        if _is_verb(w) and _conditioned(w) and any(
                c.dep_ == "aux" and _lower(c) in HYPOTHETICAL_MODALS | FUTURE_AUX for c in w.children):
            # "he would meet him if ..."; not "Bush told a news conference that ... if it is a hole"
            return "hypothetical", [f"condition '{_conditioned(w)}'"]
        if i > 0 and _is(w, NEGATING_VERBS) and w.dep_ != "amod":
            if lw == "rule" and not any(_lower(c) == "out" for c in w.children):
                pass
            else:
                return "negated", [f"negated by '{w.text}'"]
        if w.i == t.i or (nominal and w.i == gov.i) or _is_verb(w):
            for c in w.children:
                lc = _lower(c)
                if c.dep_ == "mark" and lc in HYPOTHETICAL_MARKS:
                    return "hypothetical", [f"condition '{c.text}'"]
                if c.dep_ == "aux" and lc in HYPOTHETICAL_MODALS:
                    return "hypothetical", [f"modal '{c.text}'"]
                if c.dep_ == "advmod" and lc in ("better",) and any(_lower(x) in ("had", "'d") for x in w.children):
                    return "hypothetical", ["'had better'"]
                if c.dep_ in ("aux",) and lc in FUTURE_AUX:
                    planned = True
                    reasons.append(f"future '{c.text}'")
        if i > 0 and lw in DOUBT_WORDS:
            return "hypothetical", [f"doubted: '{w.text}'"]
        if i > 0 and _is(w, HYPOTHETICAL_VERBS) and _is_verb(w):
            # "called for talks", "is considering a trip": not (yet) an event
            return "hypothetical", [f"not decided: '{w.text}'"]
        if i > 0 and _lem(w) in ("have", "need") and _is_verb(w) and chain[i - 1].dep_ == "xcomp" and any(
                c.dep_ == "aux" and _lower(c) == "to" for c in chain[i - 1].children):
            # "Russia still has to sign protocols with the United States", "they need to meet": an obligation,
            # not an event told or scheduled
            return "hypothetical", [f"obligation: '{w.text} to'"]
        if i > 0 and _is(w, PLANNING_VERBS) and (_is_verb(w) or w.pos_ == "ADJ"):
            planned = True
            reasons.append(f"plan '{w.text}'")
        if w.dep_ in ("xcomp", "advcl", "acl") and any(c.dep_ == "aux" and _lower(c) == "to" for c in w.children) and _lower(w.head) not in ("sat", "sit", "sits", "sitting"):
            if w.head.tag_ == "VBD" and _is(w.head, DEPARTURE_VERBS) and _is(w, JOURNEY_VERBS):
                # "left the meeting early to fly to Singapore": the departure that happened began the journey
                reasons.append(f"journey begun: '{w.head.text} ... to {w.text}'")
                continue
            # "arrived ... to attend a meeting", "Kerry to travel" (headline)
            planned = True
            reasons.append(f"purpose/infinitive 'to {w.text}'")
    if nominal:
        for c in t.children:
            lc = _lower(c)
            if c.dep_ in ("amod", "compound") and lc in HYPOTHETICAL_MODIFIERS:
                return "hypothetical", [f"modifier '{c.text}'"]
            if c.dep_ in ("amod", "compound", "poss") and lc in PLANNING_MODIFIERS:
                planned = True
                reasons.append(f"modifier '{c.text}'")
            if c.dep_ == "acl" and lc in PLANNING_PARTICIPLES:
                planned = True
                reasons.append(f"'{c.text}'")
        h = t.head
        if t.dep_ == "pobj" and _lower(h) == "of" and _lower(h.head) in HYPOTHETICAL_MODIFIERS | {"idea", "prospect", "chance", "hope", "hopes", "renewal", "resumption"}:
            return "hypothetical", [f"'{h.head.text} of'"]
        if t.dep_ == "pobj" and _lower(h) == "of" and _lower(h.head) in NEGATING_NOUNS:
            return "negated", [f"'{h.head.text} of'"]
    if t.dep_ == "ROOT" and any(c.dep_ == "aux" and _lower(c) == "to" for c in t.children):
        planned = True  # headline style: "Kerry to travel to Japan"
        reasons.append("headline infinitive")
    told = pred if pred is not None else gov if nominal else t  # the verb that tells it: "met", "held" of "held talks"
    if planned and told.tag_ == "VBD" and any(c.dep_ in ("nsubj", "nsubjpass") for c in told.children):
        # "agreed to resume negotiations after the two leaders met", "agreed to resume visits, as they held
        # talks": a finite past tense tells what happened, whatever is planned in the clause above it
        return "asserted", reasons + [f"past tense '{told.text}'"]
    if planned:
        return "planned", reasons
    return "asserted", reasons


REVIVAL_VERBS = {"revive", "renew", "restart", "relaunch", "salvage"}
# a verb and the preposition through which it presents the event named in its object
PREP_SUPPORT = {"on": {"embark", "go", "set"}, "upon": {"embark"}, "in": {"participate", "part", "engage", "take"},
                "over": {"preside"}}
# "left early to fly to Singapore": a past departure whose purpose is the journey has begun it (lemmas)
DEPARTURE_VERBS = {"leave", "depart", "quit"}
JOURNEY_VERBS = {"fly", "travel", "go", "head", "return", "continue", "sail", "drive"}
# "arrived ... for talks", "left for a summit", "is due for a visit": the event is the purpose of the move
PURPOSE_VERBS = {"travel", "fly", "go", "arrive", "head", "leave", "come", "depart", "set", "prepare", "gather",
                 "meet", "sit", "join", "be", "expect", "due"}
WELCOME_VERBS = {"welcome", "greet", "receive", "honor", "honour", "fete"}


def setting_modality(t, gov) -> tuple[str, list[str]]:
    chain = _clause_chain(gov)
    for w in chain:
        if _has_neg(w) and _is_verb(w):
            return "negated", ["negated"]
        if _is(w, NEGATING_VERBS) and w.i != gov.i:
            return "negated", [f"negated by '{w.text}'"]
        if any(c.dep_ == "mark" and _lower(c) in HYPOTHETICAL_MARKS for c in w.children):
            return "hypothetical", ["condition"]
        finite = any(c.dep_ in ("nsubj", "nsubjpass") for c in w.children)
        if finite:
            for c in w.children:
                if c.dep_ == "aux" and _lower(c) in HYPOTHETICAL_MODALS:
                    return "hypothetical", [f"modal '{c.text}'"]
                if c.dep_ == "aux" and _lower(c) in FUTURE_AUX:
                    return "planned", [f"future '{c.text}'"]
            return "asserted", []
    return "asserted", []


def reference_modality(t, gov) -> tuple[str, list[str]]:
    """A reference ("the meeting") takes its status from the event it refers to; only its own words and
    the verb it depends on count ("called for new talks" refers to no event)."""
    if _has_neg(t):
        return "negated", ["negated by 'no'"]
    if gov.i != t.i and (_is(gov, HYPOTHETICAL_VERBS | REVIVAL_VERBS) or _is(gov, NEGATING_VERBS)):
        return "hypothetical", [f"under '{gov.text}'"]
    for c in t.children:
        if c.dep_ in ("amod", "compound") and _lower(c) in HYPOTHETICAL_MODIFIERS:
            return "hypothetical", [f"modifier '{c.text}'"]
    h = t.head
    if t.dep_ == "pobj" and _lower(h) == "of" and _lower(h.head) in HYPOTHETICAL_MODIFIERS | {"idea", "prospect", "chance", "renewal", "resumption"}:
        return "hypothetical", [f"'{h.head.text} of'"]
    if t.dep_ == "pobj" and _lower(h) == "of" and _lower(h.head) in NEGATING_NOUNS:
        return "negated", [f"'{h.head.text} of'"]
    return "asserted", []


# ---------------------------------------------------------------------------------------------- creating

def _creating(t, nominal: bool, gov) -> tuple[bool, str]:
    """Whether a nominal trigger presents its event (see the module docstring), and why."""
    if not nominal:
        return True, "verb"
    # "separate meetings with A, B and C" are one meeting per partner (the pipeline splits them), not a count
    partners = any(c.dep_ == "prep" and _lower(c) == "with" for c in t.children)
    if _lower(t) in ("meetings", "visits", "trips", "summits", "conferences", "calls", "ceremonies") and any(
            c.dep_ == "nummod" or _lower(c) in ("several", "many", "two", "three", "multiple", "numerous", "regular", "annual", "frequent")
            or (_lower(c) == "separate" and not partners)
            for c in t.children):
        return False, "counted (not one event)"
    if any(c.dep_ == "amod" and _lower(c) == "such" for c in t.children):
        return False, "reference 'such'"
    own = t
    t = _transparent(t)
    dep = t.dep_
    if dep in ("dobj", "obj", "attr") and _is(t.head, SUPPORT_VERBS):
        return True, f"support verb '{t.head.text}'"
    if dep == "conj" and t.head.dep_ in ("dobj", "pobj") and _is(t.head.head, SUPPORT_VERBS):
        return True, f"support verb '{t.head.head.text}'"
    if dep in ("nsubj", "nsubjpass") and not (own.tag_ == "NNS" and _lower(own) not in PLURALIA and not _has_own_date(own)):
        # "the summit was held in Osaka" presents it; "the earlier summits were held in Asia" names a kind
        if _is(t.head, EVENT_PREDICATES):
            return True, f"predicate '{t.head.text}'"
        for c in t.head.children:
            if c.dep_ == "xcomp" and _is(c, EVENT_PREDICATES):
                return True, f"predicate '{c.text}'"
    pred = passive_predicate(t)
    if pred is not None:
        return True, f"predicate '{pred.text}'"
    if dep == "pobj":
        prep = t.head
        lp = _lower(prep)
        target = prep.head
        definite = any(c.dep_ in ("poss",) or (c.dep_ == "det" and _lower(c) in ("the", "this", "that", "these", "those"))
                       for c in (own if _lower(t) in ASPECT_NOUNS else t).children)
        if lp in ("at", "during") and _is_verb(target) and _lower(t) not in ASPECT_NOUNS:
            if definite and not _ordinal(own):
                return False, f"reference '{prep.text} the {t.text}'"
            return True, f"setting '{prep.text} {t.text}'"
        if lp in ("in", "over") and _is_verb(target) and any(
                c.dep_ == "det" and _lower(c) in ("a", "an") for c in own.children) and _lower(own) in (
                "call", "conversation", "meeting", "talks", "videoconference", "video", "exchange"):
            return True, f"setting '{prep.text} a {own.text}'"
        act = target.head if target.dep_ in ("dobj", "obj") else target  # "raised the dispute in talks with"
        if lp == "in" and _is_verb(act) and not _lemma_is_be(act) and not any(c.dep_ == "det" for c in own.children) \
                and _lower(own) in ("talks", "negotiations", "consultations") and _described(own):
            # "discussed the crisis in talks with Chirac": the talks an act was done in ("is in talks with the
            # EU", with a copula, is a state)
            return True, f"setting '{prep.text} {own.text}'"
        if lp == "in" and _lemma_is_be(target) and not any(c.dep_ == "det" for c in own.children) \
                and _lower(own) in ("talks", "negotiations", "consultations") and (_dated_clause(target) or _dated_clause(own)):
            # "were in talks last night in Tripoli": a state told at a point in time is the event of that time
            return True, f"dated '{prep.text} {own.text}'"
        # the phrase is the noun with the quantity it acts through ("in an opening round of talks ... with Kyuma")
        phrase = [own] if t.i == own.i else [own, t]
        dets = {_lower(c) for x in phrase for c in x.children if c.dep_ == "det" and x.lower_ not in ASPECT_NOUNS}
        if lp in PHRASE_PREPS and not definite and not dets & {"the", "this", "that"} \
                and any(_described(x) for x in phrase) and (lp not in ("in", "over") or dets & {"a", "an"}):
            # "is in talks with the EU" is a state of affairs; "in a call with Macron" is one event
            return True, f"described '{prep.text} {own.text}'"
        if _is(target, PREP_SUPPORT.get(lp, ())):
            # "embarked on a tour", "took part in the talks", "presided over the talks"
            return True, f"support verb '{target.text} {prep.text}'"
        if lp == "for" and _is_verb(target) and _is(target, PURPOSE_VERBS):
            return True, f"purpose '{target.text} for'"
        if lp == "for" and target.dep_ in ("dobj",) and _is(target.head, {"make", "take", "pay"}):
            return True, f"purpose '{target.text} for'"
        if lp in ("to", "ahead", "before", "after", "of", "for", "into") and _has_own_date(t):
            return True, "own date"
        if not _lemma_is_be(target) and _has_own_date(own) and _described(own) and any(c.dep_ == "prep" and _lower(c) in ("with", "between")
                                                          for c in own.children):
            # "briefed Arafat on his talks last month in Washington with Clinton": a noun told with its own
            # date and its own partners presents the event, whatever the phrase it sits in
            return True, "own date and parties"
        if lp in ("by",) and _is(target, WELCOME_VERBS):
            return True, f"welcomed by '{t.text}'"
        if lp == "with" and _is(target, WELCOME_VERBS):
            # "Obama was greeted with an official welcoming ceremony": the welcome told is that ceremony
            return True, f"welcomed with '{t.text}'"
    if _lower(own) in ("talks", "meeting", "summit", "consultations", "negotiations", "call", "conversation") and sum(
            1 for _, p in _preps(own, {"between"}) if _kind(p)) >= 2:
        return True, "between two parties"
    if dep in ("dobj",) and not _is(t.head, SUPPORT_VERBS) and _has_own_date(t):
        return True, "own date"
    if dep in ("dobj",) and any(c.dep_ == "det" and _lower(c) in ("a", "an") for c in own.children) and _described(t) \
            and not _is(t.head, HYPOTHETICAL_VERBS):
        # "the summit followed a tense Group of Seven meeting in Charlevoix": an indefinite noun told with its
        # own place or parties introduces the event it names
        return True, f"described '{own.text}'"
    if _lower(own) in VISIT_NOUNS and any(c.dep_ == "poss" and _kind(c) in ("person", "actor") for c in own.children) \
            and any(_kind(p) == "place" for _, p in _preps(own, {"to"})) and dep in ("dobj", "pobj"):
        # "his visit to Brazil", "during Putin's first visit to Pyongyang": visitor and destination, a visit told
        return True, "visitor and destination"
    if dep == "ROOT" or (dep in ("nsubj", "nsubjpass") and _has_own_date(t)):
        if _has_own_date(t) or any(c.dep_ in ("acl",) and _lower(c) in PLANNING_PARTICIPLES for c in t.children):
            return True, "own date"
    if any(c.dep_ == "acl" and _lower(c) in PLANNING_PARTICIPLES for c in t.children):
        return True, f"'{next(c.text for c in t.children if c.dep_ == 'acl')}'"
    for c in t.children:
        # "the two-day summit, which opened on Friday": a relative clause that dates the event's course
        if c.dep_ in ("relcl", "acl") and _is(c, EVENT_PREDICATES) and any(
                x.ent_type_ in ("DATE", "TIME") and not _duration_adjective(x) for x in c.subtree):
            return True, f"dated by '{c.text}'"
    if any(c.dep_ in ("prep", "agent") and _lower(c) == "by" and any(_kind(p) for _, p in _preps(t, {"by"})) for c in t.children) and _has_own_date(t):
        return True, "agent and date"
    return False, "reference"


SPAN_PREPS = {"for", "since", "over", "throughout", "during", "until", "through"}


def _lemma_is_be(t) -> bool:
    return t.lemma_.lower() == "be"


def _dated_clause(verb) -> bool:
    """A clause (or its noun) dated at a point ('were in talks last night', '... on Monday'), not over a span ('for
    years', 'since March'): a date phrase that attaches to the verb itself."""
    for c in verb.children:
        if c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME") and not _duration_adjective(c):
            return True
        if c.dep_ == "prep" and _lower(c) not in SPAN_PREPS and any(
                p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") and not _duration_adjective(p) for p in c.children):
            return True
    return False


def passive_predicate(t):
    """'highlighted the summit to be held on March 24 in Santo Domingo': the passive event predicate the
    object of a verb is raised from (it carries the event's date and place), or None."""
    if t.dep_ not in ("dobj", "obj"):
        return None
    return next((c for c in t.head.children if c.dep_ == "xcomp" and _is(c, EVENT_PREDICATES)
                 and any(x.dep_ == "auxpass" for x in c.children)), None)


def _ordinal(t) -> bool:
    """'the first inter-Korean summit in a decade': an ordinal presents the event it counts."""
    return any(c.dep_ == "amod" and _lower(c) in ORDINALS for c in t.children)


def _described(t) -> bool:
    """A nominal told with its own parties ('a call between A and B', 'talks with Modi'), place ('talks at
    Putin's residence') or course ('talks that ran for hours')."""
    for c in t.children:
        lc = _lower(c)
        if c.dep_ == "prep" and lc in ("between", "with", "among"):
            if any(_kind(p) or p.ent_type_ for p in c.subtree if p.i != c.i):
                return True
        if c.dep_ == "prep" and lc in ("at", "in"):
            if any(p.dep_ == "pobj" and (_kind(p) or p.ent_type_ in PLACE_LABELS or any(
                    x.dep_ == "poss" for x in p.children)) for p in c.children):
                return True
        if c.dep_ in ("relcl", "acl") and _is(c, EVENT_PREDICATES):
            return True
        # "a three-day visit to Luanda": a trip told with its destination
        if c.dep_ == "prep" and lc == "to" and _lower(t) in VISIT_NOUNS and any(
                p.dep_ == "pobj" and _kind(p) == "place" for p in c.children):
            return True
    return False


DURATION = re.compile(r"^(\w+|\d+)[- ]?(day|days|week|weeks|month|months|year|years|hour|hours|minute|minutes)(-long)?$", re.I)


LENGTH = re.compile(r"^(?:(?:more|less|fewer) than |about |nearly |almost |some |over |several |a few |few )?"
                    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many|a few|few)\s+"
                    r"(?:hours?|minutes?|days?|weeks?|months?|years?)$", re.I)


def _duration_adjective(c) -> bool:
    """'the one-day conference', 'more than six hours of talks': a length, not a date."""
    from . import actors

    ent = actors.ent_at(c.doc, c.i)
    text = (ent.text if ent is not None else c.text).strip()
    return (bool(DURATION.match(text)) and "-" in text) or bool(LENGTH.match(text))


def _length_ahead(c) -> bool:
    """'a summit in two weeks', 'talks two days ago': a length counted from now is a point in time, not a span."""
    from . import actors

    ent = actors.ent_at(c.doc, c.i)
    root = ent.root if ent is not None else c
    if any(_lower(x) in ("ago", "later", "earlier", "hence") for x in root.children):
        return True
    if root.dep_ != "pobj" or _lower(root.head) != "in":
        return False
    # "the first visit in ten years", "the biggest rally in a decade": a length that an ordinal counts over
    owner = root.head.head
    return not any(c.dep_ == "amod" and (c.tag_ == "JJS" or _lower(c) in ORDINALS or _lower(c) in ("last", "only"))
                   for c in owner.children)


def _has_own_date(t) -> bool:
    """A noun with its own time modifier: 'a visit in May', "next month's meeting", 'the summit on Monday'."""
    for c in t.subtree:
        if c.ent_type_ in ("DATE", "TIME") and c.i != t.i and _lower(c) not in ("annual", "yearly", "weekly", "daily", "monthly", "biannual", "annually"):
            if _duration_adjective(c) and not _length_ahead(c):
                continue  # "the one-day conference", "a two-day state visit": a length, not a date
            # the date phrase must attach to the noun itself, not to a nested clause
            cur = c
            while cur.head.i != cur.i and cur.i != t.i and cur.dep_ in ("pobj", "prep", "compound", "amod", "nummod", "poss", "case", "npadvmod", "nmod", "det", "quantmod", "advmod", "appos", "punct", "cc", "conj"):
                cur = cur.head
            if cur.i == t.i:
                return True
    return False


def _span(t, nominal: bool, gov) -> tuple[int, int]:
    """Token range of the trigger phrase: 'held a face-to-face meeting', 'joint press conference', 'spoke by phone'."""
    lo, hi = t.i, t.i
    if nominal:
        for c in t.lefts:
            if c.dep_ in ("compound", "amod", "nmod", "punct", "npadvmod", "nummod") and c.ent_type_ not in ("PERSON", "ORDINAL", "CARDINAL"):
                lo = min(lo, min(x.i for x in c.subtree))
        lo = max(lo, t.i - 8)
        if gov.i != t.i and _is_verb(gov) and 0 < t.i - gov.i <= 8 and t.dep_ in ("dobj", "obj", "attr"):
            lo = gov.i
    else:
        for c in t.children:
            if c.dep_ in ("prt",) or (c.dep_ in ("dobj",) and _lower(c) in PRESS_WORDS | {"wreath", "wreaths"}):
                hi = max(hi, c.i)
            if c.dep_ == "prep" and _lower(c) in ("by", "over", "via") and c.i - t.i <= 2:
                hi = max(hi, max(x.i for x in c.subtree))
            if c.dep_ in ("dobj",) and c.i - t.i <= 3 and _lower(c) in (
                    "agreement", "memorandum", "deal", "treaty", "accord", "pact", "declaration"):
                hi = max(hi, c.i)
        if t.dep_ == "xcomp" and _lower(t.head) in ("sat", "sit", "sits", "sitting") and 0 < t.i - t.head.i <= 4:
            lo = t.head.i
    return lo, hi


def find_triggers(doc, start: int = 0, end: int | None = None, rules: tuple[Rule, ...] | None = None) -> list[Trigger]:
    """Every trigger between token start and end (a sentence or the whole Doc), including negated and
    hypothetical ones (`Trigger.is_event` says whether it names an event)."""
    end = len(doc) if end is None else end
    text = doc.text
    out: list[Trigger] = []
    for t in doc[start:end]:
        if t.is_space or t.is_punct:
            continue
        rule = match_rule(t, rules)
        if rule is None:
            continue
        nominal = rule.pos == "NOUN"
        if nominal and t.ent_type_ in ("ORG", "EVENT", "FAC", "WORK_OF_ART", "LAW") and _lower(t) not in ("summit", "conference", "forum", "talks"):
            # part of a name ("Security Consultative Committee meeting" keeps its noun; "Meeting Street" does not)
            if t.ent_iob_ == "I" and t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I":
                continue
        gov = _governor(t, nominal)
        creating, why = _creating(t, nominal, gov)
        if creating and why.startswith(("setting", "described")):
            # "agreed to resume visits during a summit": the summit is where the clause happens, whatever
            # is planned inside it; only negation and the tense of the finite verb count
            mod, mreasons = setting_modality(t, gov)
            if mod == "hypothetical" and any(c.dep_ == "poss" for c in t.children):
                # "... if either country is attacked, during Putin's first visit": a possessed event noun
                # presupposes its event, whatever condition the clause it hangs on carries
                mod, mreasons = reference_modality(t, gov)
                mreasons = mreasons + ["presupposed by the possessive"]
        else:
            mod, mreasons = modality(t, nominal) if creating else reference_modality(t, gov)
        if rule.id in OUTCOME_RULES and mod == "planned":
            # "negotiators hope to reach a deal by the end of the year": an agreement is an event once reached
            mod, mreasons = "hypothetical", mreasons + ["an agreement not yet reached"]
        etype = _retype(t, rule.type, nominal)
        lo, hi = _span(t, nominal, gov)
        s, e = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        status = "planned" if mod == "planned" else "occurred"
        phrase = text[s:e]
        reasons = [f"trigger '{phrase}' ({rule.id})"]
        if not nominal:
            reasons.append("verbal")
        else:
            reasons.append(f"nominal: {why}")
        reasons.extend(mreasons)
        if etype != rule.type:
            reasons.append(f"{rule.type} at/of a {etype}: {etype}")
        out.append(Trigger(
            type=etype, status=status, modality=mod, token=t.i, start=s, end=e, text=phrase,
            nominal=nominal, creating=creating, rule=rule.id, confidence=rule.confidence, governor=gov.i,
            reasons=reasons, why=why, phrase=_transparent(t).i if nominal and _transparent(t).i != t.i else None,
        ))
    _instances_of_kind(doc, out)
    _superlative_frames(doc, out)
    out += _pro_verbs(doc, out, start, end)
    return _dedupe(doc, out)


SUPERLATIVES = {"first", "last", "only", "latest"}


def _superlative_frames(doc, trigs: list[Trigger]) -> None:
    """'She will be the first foreign minister to visit Russia since 2017', 'on Friday become the first
    sitting president to visit Hiroshima', 'the last prime minister to visit Pakistan was Vajpayee': an
    infinitive on a first/last/only noun tells the event of the clause the noun sits in (its tense, its date,
    its person), not one of its own ('since 2017' only bounds the count)."""
    for tr in trigs:
        if tr.nominal:
            continue
        t = doc[tr.token]
        noun = t.head
        if t.dep_ not in ("relcl", "acl") or not any(c.dep_ == "aux" and _lower(c) == "to" for c in t.children):
            continue
        if noun.dep_ not in ("attr", "nsubj") or not any(c.dep_ == "amod" and _lower(c) in SUPERLATIVES for c in noun.children):
            continue
        gov = noun.head
        if not _is_verb(gov):
            continue
        tr.governor = gov.i
        tr.why = "superlative frame"
        mod, mreasons = modality(gov, False)
        if mod in ("asserted", "planned"):
            tr.modality, tr.status = mod, ("planned" if mod == "planned" else "occurred")
        tr.reasons.append(f"the event of '{gov.text} the {noun.text}'")
        tr.reasons.extend(mreasons)


KIND_NOUNS = {"summits": "summit", "conferences": "conference"}


def _instances_of_kind(doc, trigs: list[Trigger]) -> None:
    """'The two previous inter-Korean summits were both held in Pyongyang: Kim Dae-jung met Kim Jong-il
    there in June 2000': a meeting told after a colon as an instance of the kind of event the sentence
    names takes that kind."""
    for tr in trigs:
        if tr.nominal or tr.type not in ("meeting", "talks"):
            continue
        t = doc[tr.token]
        sent = t.sent
        colon = next((x.i for x in doc[sent.start:t.i] if x.text in (":", ";", "\u2014")), None)
        if colon is None:
            continue
        kind = next((KIND_NOUNS[_lower(x)] for x in doc[sent.start:colon] if _lower(x) in KIND_NOUNS and _is_noun(x)), None)
        if kind:
            tr.reasons.append(f"an instance of the {kind}s named before the colon: {kind}")
            tr.type = kind


def _pro_verbs(doc, trigs: list[Trigger], start: int, end: int) -> list[Trigger]:
    """'Kim Dae-jung met Kim Jong-il in June 2000, and Roh Moo-hyun did so in October 2007': 'do so'
    repeats the event of the clause it is joined to, with its own subject and date."""
    by_token = {tr.token: tr for tr in trigs if not tr.nominal}
    out = []
    for t in doc[start:end]:
        if _lower(t) not in ("did", "do", "does", "done", "doing"):
            continue
        so = next((c for c in t.children if c.dep_ == "advmod" and _lower(c) == "so"), None)
        same = doc[t.i + 2] if t.i + 2 < len(doc) and [_lower(x) for x in doc[t.i + 1:t.i + 3]] == ["the", "same"] else None
        if t.dep_ == "conj" and (so or same):
            src = by_token.get(t.head.i)
        elif same is not None and t.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in t.children):
            # "Khan laid the foundation stone on Wednesday. Naidu did the same two days earlier": "did the
            # same" opening a sentence repeats the last verbal event of the sentence before
            prev = doc[t.sent.start - 1].sent if t.sent.start > 0 else None
            src = next((tr for tr in reversed(trigs) if not tr.nominal and prev is not None
                        and prev.start <= tr.token < prev.end), None)
        else:
            continue
        if src is None or not src.is_event:
            continue
        so = so or same
        out.append(Trigger(
            type=src.type, status=src.status, modality=src.modality, token=t.i, start=t.idx,
            end=so.idx + len(so.text), text=doc.text[t.idx:so.idx + len(so.text)], nominal=False, creating=True,
            rule=src.rule, confidence=src.confidence, governor=t.i,
            reasons=[f"trigger '{t.text} {so.text}' repeats '{src.text}'", "verbal"], why="verb"))
    return out


def _summit_org(t) -> bool:
    from . import actors

    ent = actors.ent_at(t.doc, t.i)
    text = ent.text if ent is not None else t.text
    org = actors._lookup("organizations", text)
    return bool(org and org in actors.gazetteer()["summit_orgs"])


LEADER_NOUNS = {"leader", "president", "premier", "head"}


def _leader(t) -> bool:
    """'leaders', and 'Leaders' in a name, which the lemmatizer leaves as it is ("Economic Leaders' Meeting")."""
    return _lem(t) in LEADER_NOUNS or _lem(t).removesuffix("s") in LEADER_NOUNS


def _retype(t, etype: str, nominal: bool) -> str:
    """A meeting named after a summit organization ("the APEC economic meeting") or held at one
    ("At APEC, Kerry will meet ...") belongs to that summit."""
    if etype not in ("meeting", "talks"):
        return etype
    if nominal:
        for c in t.children:
            if c.dep_ in ("compound", "nmod") and c.ent_type_ == "ORG" and _summit_org(c):
                if not any(_lower(x) in ("ministerial", "ministers", "preparatory", "foreign", "defense", "defence", "finance") for x in t.children):
                    return "summit"
        # "the Economic Leaders' Meeting", "a trilateral meeting of presidents": a gathering of leaders is a summit
        if any(c.dep_ in ("compound", "poss", "nmod") and _leader(c) for c in t.children) or any(
                _leader(p) and not any(x.dep_ == "poss" for x in p.children) for _, p in _preps(t, {"of"})):
            return "summit"
        return etype
    for _prep, p in _preps(t, {"at"}):
        if p.ent_type_ == "ORG" and _summit_org(p):
            return "summit"
        if _lower(p) in ("summit", "summits"):
            return "summit"
    # "Obama hosts 40 world leaders ... for a Nuclear Security Summit": the generic verb takes the specific
    # noun of its clause (the noun's phrase then stands for the one event)
    for holder in [t] + [c for c in t.children if c.dep_ in ("dobj", "obj")]:
        for _prep, p in _preps(holder, {"for", "at"}):
            if _lower(p) in ("summit", "summits", "conference") and not any(
                    _lower(c) in PRESS_WORDS | {"news"} for c in p.children):
                return "summit" if _lower(p).startswith("summit") else "conference"
    return etype


def _dedupe(doc, trigs: list[Trigger]) -> list[Trigger]:
    """One trigger per head word; and a verb whose object is a trigger of the same type ("told a joint news
    conference") gives way to the noun phrase, which already spans it."""
    seen, out = set(), []
    for tr in trigs:
        if tr.token in seen:
            continue
        seen.add(tr.token)
        out.append(tr)
    verbs = {tr.token: tr for tr in out if not tr.nominal}
    drop = set()
    for tr in out:
        v = verbs.get(tr.governor) if tr.nominal else None
        n = _transparent(doc[tr.token])
        if v is not None and n.head.i != v.token and not (n.dep_ == "pobj" and n.head.head.i == v.token):
            v = None  # "As second leg of his visit, Hu will visit Laos": the noun is no argument of the verb
        if v is not None and v.type == tr.type and v.token != tr.token:
            drop.add(v.token)
            if not tr.creating and v.creating:
                tr.creating, tr.why = True, f"support verb '{v.text}'"
                tr.modality, tr.status = v.modality, v.status
    return [tr for tr in out if tr.token not in drop]
