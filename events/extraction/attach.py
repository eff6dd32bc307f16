"""Which date governs which trigger: the clause first, then the sentence, then the narrative.

Every temporal expression (from `temporal.tag_doc`) is attached to the word it modifies: the verb or
event noun its phrase hangs on ("met ... on Thursday" -> met; "the summit, set for November 1-2" ->
set, inside the summit's phrase). A trigger then takes, in this order:

1. clause: an expression attached to the trigger itself, to its support verb ("held a meeting ... late
   Tuesday afternoon"), or to a non-event verb inside its phrase ("meet ... starting on October 4");
2. governing clause: an expression attached to a clause above it ("arrived on Friday ... to attend a
   meeting": the meeting is dated from the arrival), but never across reported speech: the day a source
   *said* something is not the day of what it reports;
3. sentence: an expression elsewhere in the sentence that no other trigger claims;
4. narrative, when the sentence has no date of its own:
   - an event anchored on another one ("upon his arrival", "after the talks") takes that event's date
     when the article gives it, and otherwise stays open (an honest "before publication");
   - an event at a place takes the date of the nearest clause that puts a date and the same place
     together ("on Friday in Paris");
   - else the date of the article's lead event (the first dated event of the body), when the tense
     agrees;
   - else an open interval: up to the publication date for what occurred, from it for what is planned.

A date inside a clause with a subject of its own ("the first to do so since Jordan made peace in 1994")
dates that clause, not the trigger above it; a relative clause that opens the event ("the summit, which
opened on Friday") dates it; of two dates on one clause the one inside the other wins ("next week ... on
Monday"), and coordinated days ("on Monday and Tuesday") make one span.

Durations and sets ("for two years", "every week") never date an event, nor does a dateline.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .actors import sent_at
from .types import Timex

REPORTING = {
    "say", "says", "said", "saying", "tell", "tells", "told", "add", "adds", "added", "announce", "announces",
    "announced", "report", "reports", "reported", "state", "states", "stated", "according", "note", "noted",
    "notes", "confirm", "confirmed", "confirms", "explain", "explained", "insist", "insisted", "write", "wrote",
    "quoted", "cited", "reminded", "remind", "declare", "declared", "claim", "claimed",
}
ANCHOR_PREPS = {"upon", "after", "before", "following", "ahead", "during", "since", "until", "on", "prior"}
ANCHOR_NOUNS = {
    "arrival", "departure", "return", "landing", "visit", "trip", "meeting", "talks", "summit", "conference",
    "ceremony", "signing", "call", "election", "inauguration", "funeral", "tour", "stay", "death",
}
DECISION_VERBS = {"agree", "agreed", "agrees", "decide", "decided", "decides", "pledge", "pledged", "pledges",
                  "promise", "promised", "promises", "vow", "vowed", "vows", "offer", "offered", "offers", "invite",
                  "invited", "invites", "accept", "accepted", "accepts"}
OPENING_PREDICATES = {"opened", "opens", "began", "begins", "started", "starts", "convened", "convenes",
                      "kicked", "held", "took", "takes", "occurred", "happened"}
SIMULTANEOUS_MARKS = {"as", "while", "when", "whilst"}
FREQUENCY_ADVERBS = {"repeatedly", "often", "regularly", "frequently", "twice", "usually", "routinely", "annually",
                     "occasionally", "sometimes", "rarely", "seldom", "never"}
UNIT_DAYS = {"day": 1, "week": 7}
WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}
RANK = {"clause": 5, "governing clause": 4, "sentence": 3, "anchor": 2, "place": 2, "lead": 1, "open": 0}


@dataclass
class DateChoice:
    timex: Timex | None  # None: no date at all
    source: str  # clause / governing clause / sentence / anchor / place / lead / open
    rank: int
    mention_span: tuple[int, int] | None  # character offsets (doc) of the expression used, if in this sentence

    @property
    def reason(self) -> str:
        t = self.timex
        what = f"'{t.text}'" if t is not None and t.text else (t.value if t is not None else "none")
        return f"date from {self.source}: {what}"


def usable(t: Timex, dct: date) -> bool:
    """A timex that can date an event: a DATE/TIME with a bounded or informative interval."""
    if t.type not in ("DATE", "TIME"):
        return False
    if t.value in ("PRESENT_REF", "FUTURE_REF"):
        return False
    if t.earliest is None and t.latest is None:
        return False
    # "the past", "at the time": nothing but "before publication"
    if t.earliest is None and t.latest is not None and t.latest >= dct:
        return False
    if t.latest is None and t.earliest is not None and t.earliest <= dct:
        return False
    return True


def _past(v) -> bool:
    """A verb in the past: 'raised', 'had raised', 'has raised', 'did raise'."""
    auxes = {c.text.lower() for c in v.children if c.dep_ in ("aux", "auxpass")}
    return v.tag_ == "VBD" or bool(auxes & {"had", "has", "have", "did", "'d", "'ve"}) or bool(
        auxes & {"was", "were"} and v.tag_ == "VBN")


def _is_verb(t) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


class Attacher:
    """Attaches dates to triggers of one Doc. `timexes` are from temporal.tag_doc (doc offsets)."""

    def __init__(self, doc, timexes: list[Timex], dct: date, skip_chars: int = 0, skip_ranges=()):
        self.doc = doc
        self.dct = dct
        self.timexes = []
        self.tok_of: dict[int, tuple[int, int]] = {}  # timex index -> token range
        self.attach: dict[int, int] = {}  # timex index -> token it modifies
        self.sets: list[int] = []  # tokens that a SET ("every year", "annually") modifies
        self.trigger_tokens: set[int] = set()  # known from set_triggers on; empty while the dates are read
        for tx in timexes:
            if any(a <= tx.start < b for a, b in skip_ranges):
                continue
            if tx.type == "SET":
                span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
                if span is not None and len(span):
                    self.sets.append(self._attachment(span))
                continue
            if not usable(tx, dct):
                continue
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            k = len(self.timexes)
            self.timexes.append(tx)
            self.tok_of[k] = (span.start, span.end)
            self.attach[k] = self._attachment(span)
        self.governor_of: dict[int, int] = {}
        self.claimed: dict[int, int] = {}  # timex -> trigger token that owns it at clause level
        self._by_sent: dict[int, list[tuple[int, int]]] | None = None

    def _attachment(self, span) -> int:
        """The word a date phrase modifies: the verb or noun its phrase hangs on."""
        cur = span.root
        for _ in range(10):
            h = cur.head
            if h.i == cur.i:
                return cur.i
            if span.start <= h.i < span.end:
                cur = h
                continue
            if _is_verb(h) or h.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                if _subject_before_its_verb(h, span) and h.i not in self.trigger_tokens:
                    # "Alliot-Marie on Sunday stressed ...": a date between a named subject and its verb is the
                    # verb's (the parser often hangs it on the name)
                    return h.head.i
                return h.i
            cur = h
        return cur.i

    def _local(self, i: int) -> list[tuple[int, int]]:
        """(timex, attachment) pairs of the sentence that holds token i (dates never attach across sentences)."""
        if self._by_sent is None:
            self._by_sent = {}
            for k, a in self.attach.items():
                self._by_sent.setdefault(sent_at(self.doc, a).start, []).append((k, a))
        return self._by_sent.get(sent_at(self.doc, i).start, [])

    def habitual(self, tr) -> bool:
        """'The two leaders meet every year', 'have met several times': a habit or a count, not an event."""
        if tr.token in self.sets or tr.governor in self.sets:
            return True
        for w in {tr.token, tr.governor}:
            for c in self.doc[w].children:
                lc = c.text.lower()
                if c.dep_ == "advmod" and lc in FREQUENCY_ADVERBS:
                    return True
                if c.dep_ == "npadvmod" and lc == "times":
                    return True
        return False

    def set_triggers(self, triggers) -> None:
        """Register every trigger of the Doc; clause-level dates are claimed before any sentence fallback."""
        self.trigger_tokens = {tr.token for tr in triggers}
        self.governor_of = {tr.token: tr.governor for tr in triggers}
        # recompute attachments now that nominal triggers are known
        for k in list(self.attach):
            s, e = self.tok_of[k]
            self.attach[k] = self._attachment(self.doc[s:e])
        self._by_sent = None
        # events the text presents claim their dates; a reference ("the meeting") claims nothing and uses
        # what is left
        for tr in triggers:
            if tr.creating and tr.is_event:
                for k in self._own(tr):
                    self.claimed.setdefault(k, tr.token)
        self._adjacent_override(triggers)

    def _in_subtree(self, tok: int, root) -> bool:
        cur = self.doc[tok]
        for _ in range(30):
            if cur.i == root.i:
                return True
            if cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    def _own(self, tr) -> list[int]:
        """Timexes attached to the trigger, its support verb, or a non-event verb inside its phrase."""
        doc = self.doc
        t = doc[tr.token]
        gov = doc[tr.governor]
        out = []
        superlative = tr.why == "superlative frame"
        for k, a in self._local(t.i):
            if superlative and (a == gov.i or a != t.i and doc[a].dep_ == "relcl" and doc[a].head.dep_ == "attr"
                                and doc[a].head.head.i == gov.i):
                # "became the first ... to visit X on Friday"; "the last ... to visit was Vajpayee, who attended
                # a summit in Islamabad in January 2004": the clause of the one who made the trip dates it
                out.append((1, k))
            elif superlative and self._in_subtree(a, t):
                continue  # "the first to visit Russia since 2017": a bound on the count, not the trip's date
            elif a == t.i or a == tr.phrase:  # "a round of talks late Monday": the round's date is the talks'
                out.append((0, k))
            elif tr.nominal and doc[a].dep_ in ("relcl", "acl") and doc[a].text.lower() in OPENING_PREDICATES and (
                    doc[a].head.i == t.i or _place_of(doc[a].head, t)):
                # "the two-day summit, which opened on Friday": the clause tells when the event began; "talks in
                # Beijing that began on Monday": a place does not begin, the clause is the event's
                out.append((0 if doc[a].head.i != t.i else 1, k))
            elif tr.nominal and a == gov.i and gov.i not in self.trigger_tokens and gov.text.lower() not in REPORTING:
                out.append((1, k))
            elif tr.nominal and a == gov.i and gov.text.lower() in REPORTING and t.dep_ in ("dobj", "obj"):
                # "Bush told a news conference on Tuesday that ...": the telling is the news conference
                out.append((1, k))
            elif tr.nominal and a == gov.i and gov.text.lower() in REPORTING and any(
                    x.dep_ == "pobj" and x.head.head.i == gov.i for x in (t, doc[tr.phrase or t.i])):
                # "said in Moscow on Monday, at a joint press conference": the saying happened there; "said on
                # Monday, at the start of a visit": so did the visit's start
                out.append((1, k))
            elif a != t.i and a not in self.trigger_tokens and doc[a].text.lower() not in REPORTING \
                    and self._in_subtree(a, t) and doc[a].dep_ not in ("ccomp", "relcl", "parataxis") \
                    and not self._inside_other_trigger(a, t) and not self._in_finite_clause(a, t) \
                    and not self._in_reduced_relative(a, t):
                depth = self._depth(a, t)
                out.append((1 + depth, k))
        out.sort()
        return self._narrowest_first([k for _, k in out], dict((k, r) for r, k in out))

    def _narrowest_first(self, ks: list[int], rank: dict[int, int]) -> list[int]:
        """'Next week Obama hosts ... on Monday and Tuesday': of two dates on one clause, the one inside the
        other is the more precise."""
        if len(ks) < 2:
            return ks
        top = [k for k in ks if rank[k] == rank[ks[0]]]
        for k in top:
            a = self.timexes[k]
            if a.earliest is None or a.latest is None:
                continue
            for j in top:
                b = self.timexes[j]
                if j != k and b.earliest is not None and b.latest is not None and b.earliest <= a.earliest \
                        and a.latest <= b.latest and (a.latest - a.earliest) < (b.latest - b.earliest):
                    return [k] + [x for x in ks if x != k]
        return ks

    def _on_path(self, tok: int, root, test) -> bool:
        """Whether a token on the head path from `tok` up to (not including) `root` passes `test`."""
        cur = self.doc[tok]
        while cur.i != root.i:
            if test(cur):
                return True
            if cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    def _in_finite_clause(self, tok: int, root) -> bool:
        """'signed ... the first to do so since Jordan made peace in 1994': a date inside a clause with a
        subject of its own (below the trigger) dates that clause, not the trigger."""
        return self._on_path(
            tok, root, lambda t: _is_verb(t) and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        )

    def _in_reduced_relative(self, tok: int, root) -> bool:
        """'leaving the index near its record high set on Aug. 6': a date inside a participle that describes a
        noun below the trigger dates that participle, not the trigger (one on the trigger noun itself, 'talks
        held on Monday', is the trigger's)."""
        return self._on_path(tok, root, lambda t: t.dep_ == "acl" and t.head.i != root.i)

    def _inside_other_trigger(self, tok: int, root) -> bool:
        return self._on_path(tok, root, lambda t: t.i in self.trigger_tokens)

    def _depth(self, tok: int, root) -> int:
        cur, d = self.doc[tok], 0
        while cur.i != root.i and d < 30:
            cur = cur.head
            d += 1
        return d

    def _adjacent_override(self, triggers) -> None:
        """A date written right after a nominal event inside a verb's clause belongs to that event when
        the verb names a different event: "meet ... for the summit talks between Park and Obama, in
        early May" dates the summit, not the meeting."""
        doc = self.doc
        for tr in triggers:
            if not tr.nominal:
                continue
            t = doc[tr.token]
            end = max(x.i for x in t.subtree)
            for k, _a in self._local(t.i):
                s, _e = self.tok_of[k]
                if s <= end or s - end > 4:
                    continue
                if any(not doc[j].is_punct and doc[j].text.lower() not in ("in", "on", "at", "from") for j in range(end + 1, s)):
                    continue
                owner = self.claimed.get(k)
                # "travels to Britain on June 9 for the Group of Seven summit in Cornwall from June 11 to 13": the
                # verb's second date, written right after the event it travels for, is that event's
                second = owner == tr.governor and tr.why.startswith("purpose") and any(
                    j != k and o == owner and self.attach.get(j) == owner for j, o in self.claimed.items())
                if owner is not None and owner != tr.token and (owner != tr.governor or second) \
                        and owner in self.trigger_tokens and not self._in_subtree(owner, t):
                    self.claimed[k] = tr.token

    def choose(self, tr, sentence) -> DateChoice:
        """The date for a trigger at clause, governing-clause or sentence level (None if the sentence has none)."""
        doc = self.doc
        own = [k for k in self._own(tr) if self.claimed.get(k, tr.token) == tr.token or tr.why == "superlative frame"]
        if not own and tr.nominal:
            # a date written right after the noun, which the noun took over from its verb (_adjacent_override)
            own = [k for k, o in self.claimed.items() if o == tr.token]
        if own:
            return self._choice(own[0], "clause")
        if not tr.nominal:
            # "then goes to Brussels for a NATO summit on June 14": a trip with no date of its own takes the
            # date of the event it travels for, before any clause above it
            for c in doc[tr.token].children:
                if c.dep_ == "prep" and c.text.lower() == "for":
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i in self.trigger_tokens:
                            for k, owner in self.claimed.items():
                                if owner == p.i:
                                    return self._choice(k, "governing clause")
        # the event whose clause this noun belongs to: "travel ... next week for a security meeting"
        if tr.governor != tr.token and tr.governor in self.trigger_tokens:
            for k, owner in self.claimed.items():
                if owner == tr.governor:
                    return self._choice(k, "governing clause")
        # governing clauses, up to reported speech
        cur = doc[tr.governor]
        # "in 2018, when he attended the opening ceremony": a clause that modifies a date takes it
        top = cur
        for _ in range(6):
            if top.dep_ == "relcl" or top.head.i == top.i:
                break
            top = top.head
        if top.dep_ == "relcl":
            for k, (s, e) in self.tok_of.items():
                if s <= top.head.i < e:
                    return self._choice(k, "governing clause")
        simultaneous = self._simultaneous(doc[tr.governor])
        for _ in range(12):
            if cur.dep_ in ("ccomp", "relcl", "parataxis", "csubj") or cur.head.i == cur.i:
                # "said on Monday that the United States is lifting ..., as he held talks", but not "said on
                # Monday he raised the issue when he met Xi": the clause of a past reported event is its time
                if simultaneous and cur.dep_ == "ccomp" and cur.head.text.lower() in REPORTING \
                        and not _past(cur):
                    k = self._reporting_date(cur.head)
                    if k is not None:
                        return self._choice(k, "governing clause")
                break
            prev, cur = cur, cur.head
            if cur.text.lower() in REPORTING:
                if simultaneous:
                    k = self._reporting_date(cur)
                    if k is not None:
                        return self._choice(k, "governing clause")
                if _participial_adjunct(prev):
                    # "Ending a two-day visit, the minister told reporters on Saturday": a participle that
                    # frames the telling happens with it (what is told, below it, still never does)
                    k = self._reporting_date(cur, claimed_ok=True)
                    if k is not None:
                        return self._choice(k, "governing clause")
                break
            if tr.status == "planned" and cur.text.lower() in DECISION_VERBS:
                break  # "agreed on Saturday to resume negotiations": the day of the decision, not of the talks
            for k, a in self._local(cur.i):
                if a == cur.i and (k not in self.claimed or self.claimed[k] == cur.i or self.claimed[k] in (tr.token,)
                                   or (cur.i in self.trigger_tokens and self.claimed[k] == cur.i)):
                    return self._choice(k, "governing clause")
            # a clause above that is itself an event dated by its own phrase ("travel ... next week for a meeting"),
            # or whose date a noun of it has claimed ("recalled his visit to Brazil in November 2019, when he
            # attended the summit": the summit is dated with the visit)
            for k, owner in self.claimed.items():
                if owner == cur.i or (owner != tr.token and self.governor_of.get(owner) == cur.i
                                      and self.attach.get(k) == cur.i):
                    return self._choice(k, "governing clause")
        # the sentence: unclaimed dates not attached to a reporting verb
        best = None
        for k, a in self._local(tr.token):
            s, _e = self.tok_of[k]
            if not (sentence.start <= s < sentence.end):
                continue
            if k in self.claimed and self.claimed[k] != tr.token:
                continue
            if doc[a].text.lower() in REPORTING or (tr.why == "superlative frame" and self._in_subtree(a, doc[tr.token])):
                continue
            if tr.status == "planned" and doc[a].text.lower() in DECISION_VERBS:
                continue  # the day something was agreed is not the day of what was agreed
            if not (_is_verb(doc[a]) or a in self.trigger_tokens):
                continue  # "today's world": a date of a thing, not of an event
            if a != tr.token and self._in_subtree(a, doc[tr.governor]) and self._in_finite_clause(a, doc[tr.governor]):
                continue  # "... since Jordan made peace with Israel in 1994": that clause's date
            dist = abs(s - tr.token)
            if best is None or dist < best[0]:
                best = (dist, k)
        if best:
            return self._choice(best[1], "sentence")
        return DateChoice(None, "none", -1, None)

    def _simultaneous(self, v) -> bool:
        """'said on Monday ..., as he held talks': an 'as' / 'while' / 'when' clause whose own verb is the
        event happens while its main clause does (not a look back: 'when they had met')."""
        if v.dep_ != "advcl" or not _is_verb(v):
            return False
        marks = {c.text.lower() for c in v.children if c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB"}
        if not marks & SIMULTANEOUS_MARKS:
            return False
        return not any(c.dep_ == "aux" and c.text.lower() in ("had", "'d", "will", "would", "'ll") for c in v.children)

    def _reporting_date(self, verb, claimed_ok: bool = False) -> int | None:
        """The day-level date a reporting verb carries itself ('said on Monday'), if no other event claims it
        (with claimed_ok, a claim by the reporting verb itself does not count)."""
        for k, a in self._local(verb.i):
            tx = self.timexes[k]
            if a == verb.i and (k not in self.claimed or claimed_ok and self.claimed[k] == verb.i) \
                    and tx.granularity in ("day", "time"):
                return k
        return None

    def speaker_date(self, tr) -> int | None:
        """'Cui Tiankai said here Tuesday ... Cui said at a news conference that ...': an undated report (or an
        event told as the telling: 'told a news briefing') by the source who, in the sentence before, made a
        report dated to a day, was made that day. The timex index, or None."""
        doc = self.doc
        verb = self._reporting_verb(doc[tr.token])
        if verb is None or any(a == verb.i for _k, a in self._local(verb.i)):
            return None
        who = _speaker(verb)
        if not who:
            return None
        here = sent_at(doc, verb.i)
        if here.start == 0:
            return None
        before = sent_at(doc, here.start - 1)
        for v in before:
            if not (_is_verb(v) and v.lower_ in REPORTING):
                continue
            k = self._reporting_date(v, claimed_ok=True)
            if k is None:
                continue
            them = _speaker(v)
            if them and (who & them or who <= PERSONAL and them - PERSONAL):
                return k
        return None

    def _reporting_verb(self, t):
        """The reporting verb a word is, or is the object or setting of ('told a news briefing', 'said at a
        news conference'), at most two steps up; None otherwise."""
        cur = t
        for _ in range(3):
            if _is_verb(cur) and cur.lower_ in REPORTING:
                return cur
            if cur.head.i == cur.i or cur.dep_ not in ("dobj", "pobj", "prep"):
                return None
            cur = cur.head
        return None

    def _choice(self, k: int, source: str) -> DateChoice:
        tx = self.timexes[k]
        # "on Monday and Tuesday": coordinated days of one phrase make one span
        s, e = self.tok_of[k]
        for j, (s2, _e2) in self.tok_of.items():
            other = self.timexes[j]
            if j == k or other.granularity != tx.granularity or tx.granularity != "day":
                continue
            head = self.doc[s2]
            if head.dep_ == "conj" and s <= head.head.i < e and other.earliest is not None and tx.latest is not None \
                    and 0 < (other.earliest - tx.latest).days <= 6:
                tx = replace(tx, end=other.end, text=self.doc.text[tx.start:other.end], latest=other.latest)
                break
        return DateChoice(tx, source, RANK[source], (tx.start, tx.end))

    # -- narrative

    def anchor_shift(self, tr) -> int:
        """Days between an event and the one it is anchored on: 'a day after the talks' -> 1, 'two weeks
        before the summit' -> -14; 0 when the text gives no distance."""
        doc = self.doc
        cur = doc[tr.governor]
        for _ in range(6):
            for c in _preps_of(cur):
                if c.text.lower() in ("after", "before", "following"):
                    # "a day after the talks" parses either way round: the distance on the preposition, or the
                    # preposition on the distance
                    qs = [q for q in c.children if q.dep_ == "npadvmod"] + ([c.head] if c.head.dep_ == "npadvmod" else [])
                    for q in qs:
                        days = _distance_days(q)
                        if days is not None:
                            return -days if c.text.lower() == "before" else days
            if cur.head.i == cur.i or cur.dep_ in ("ccomp", "relcl"):
                break
            cur = cur.head
        return 0

    def repeat_shift(self, tr) -> int:
        """Days between a repeated event and its source: 'X did the same two days later' -> 2, '... a week
        earlier' -> -7; 0 when the text gives no distance."""
        for c in self.doc[tr.governor].children:
            if c.dep_ == "advmod" and c.text.lower() in ("later", "earlier"):
                for q in c.children:
                    days = _distance_days(q) if q.dep_ == "npadvmod" else None
                    if days is not None:
                        return -days if c.text.lower() == "earlier" else days
        return 0

    def anchor_of(self, tr) -> tuple[str, str] | None:
        """(preposition, event noun) a trigger's clause is anchored on ("upon his arrival" -> ('upon',
        'arrival')), if any."""
        doc = self.doc
        seen = set()
        cur = doc[tr.governor]
        for _ in range(6):
            for c in _preps_of(cur):
                if c.text.lower() in ANCHOR_PREPS and c.i not in seen:
                    seen.add(c.i)
                    for p in c.children:
                        if p.dep_ == "pobj" and p.text.lower() in ANCHOR_NOUNS and p.i != tr.token:
                            return c.text.lower(), p.text.lower()
                    if c.text.lower() in ("ahead", "prior"):
                        for p in c.subtree:
                            if p.dep_ == "pobj" and p.text.lower() in ANCHOR_NOUNS:
                                return "before", p.text.lower()
            if cur.head.i == cur.i or cur.dep_ in ("ccomp", "relcl"):
                break
            cur = cur.head
        return None

    def place_dates(self, place_tokens: dict[int, str]) -> list[tuple[int, str, Timex]]:
        """(token, place, timex) for clauses that put a date and a place together ('on Friday in Paris')."""
        out = []
        doc = self.doc
        by_head: dict[int, list[int]] = {}
        for k, a in self.attach.items():
            by_head.setdefault(a, []).append(k)
        for ti, place in place_tokens.items():
            t = doc[ti]
            if t.dep_ == "pobj" and t.head.text.lower() in ("in", "at"):
                for k in by_head.get(t.head.head.i, ()):
                    out.append((ti, place, self.timexes[k]))
        return out


def relative_to(tx: Timex, prep: str, shift: int = 0) -> Timex:
    """The date of something just before / after / during an event dated tx. News tells "after the talks,
    the two leaders witnessed the signing" of one occasion: the same interval, marked BEFORE / AFTER; with
    a distance ("a day after the talks") the interval moves by that many days."""
    if shift and tx.earliest is not None and tx.latest is not None:
        lo, hi = tx.earliest + timedelta(days=shift), tx.latest + timedelta(days=shift)
        value = lo.isoformat() if lo == hi else tx.value
        return replace(tx, start=-1, end=-1, text="", earliest=lo, latest=hi, value=value, mod=None)
    if prep in ("before", "ahead", "until", "prior"):
        return replace(tx, start=-1, end=-1, mod="BEFORE")
    if prep in ("after", "following", "since"):
        return replace(tx, start=-1, end=-1, mod="AFTER")
    return replace(tx, start=-1, end=-1)


def _subject_before_its_verb(h, span) -> bool:
    """h is a named subject (a person, organisation or country) and span lies between it and its verb."""
    return h.dep_ in ("nsubj", "nsubjpass") and (h.pos_ == "PROPN" or h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")) \
        and h.i < span.start and span.end <= h.head.i and _is_verb(h.head)


PERSONAL = {"he", "she", "they"}


def _speaker(verb) -> set[str]:
    """The words that name who speaks: the proper nouns (or the personal pronoun) of the verb's subject."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            if c.lower_ in PERSONAL:
                return {c.lower_}
            return {x.lower_ for x in c.subtree if x.pos_ == "PROPN"}
    return set()


def _participial_adjunct(v) -> bool:
    """'Ending a visit, ...', 'speaking after the talks, ...': a participle with no subject of its own that
    modifies the clause above it."""
    return v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in v.children)


def _place_of(p, t) -> bool:
    """p is the place of event noun t ('talks in Beijing'), or its end ('the end of talks'): no place or end
    begins on a day, the event does."""
    if p.text.lower() in ("end", "close", "conclusion") and any(
            c.dep_ == "prep" and c.text.lower() == "of" and any(x.i == t.i for x in c.children) for c in p.children):
        return True
    return p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC", "FAC") and p.head.dep_ == "prep" \
        and p.head.text.lower() in ("in", "at") and p.head.head.i == t.i


def _preps_of(t):
    """Prepositions on a word, and on a distance phrase hung on it ("a day after ...")."""
    out = []
    for c in t.children:
        if c.dep_ == "prep":
            out.append(c)
        elif c.dep_ == "npadvmod":
            out.extend(x for x in c.children if x.dep_ == "prep")
    return out


def _distance_days(q) -> int | None:
    """'two days', 'a week' (a unit noun with its number) as a number of days; None for another noun."""
    unit = q.text.lower().rstrip("s")
    if unit not in UNIT_DAYS:
        return None
    n = 1
    for x in q.children:
        if x.dep_ in ("nummod", "det"):
            n = WORD_NUMBERS.get(x.text.lower(), int(x.text) if x.text.isdigit() else n)
    return n * UNIT_DAYS[unit]


def open_interval(status: str, dct: date) -> Timex:
    """The honest date of an event the text does not date: before publication, or after it."""
    if status == "planned":
        return Timex(start=-1, end=-1, text="", type="DATE", value="FUTURE_REF", earliest=dct, latest=None,
                     granularity="open")
    return Timex(start=-1, end=-1, text="", type="DATE", value="PAST_REF", earliest=None, latest=dct,
                 granularity="open")


def compatible_with_status(tx: Timex, status: str, dct: date) -> bool:
    if status == "planned":
        return tx.latest is None or tx.latest >= dct
    return tx.earliest is None or tx.earliest <= dct


def as_inherited(tx: Timex) -> Timex:
    """A date taken from elsewhere in the article keeps its value but not its text span."""
    return replace(tx, start=-1, end=-1)


def overlaps(a: Timex | None, b: Timex | None) -> bool:
    if a is None or b is None:
        return True
    lo = max(x for x in (a.earliest, b.earliest, date.min) if x is not None)
    hi = min(x for x in (a.latest, b.latest, date.max) if x is not None)
    return lo <= hi
