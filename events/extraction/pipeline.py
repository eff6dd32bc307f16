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
3. participants and location (actors.py): canonical actors, titles as roles, coreference, places with
   their city; "met separately with A and B" is one meeting with each; an event with no place of its own
   takes that of its governing visit, its sentence, or the event told just before on the same day;
   a ceremony that is the setting of a signing is that signing;
4. one event, many mentions: mentions of compatible type, compatible dates and compatible
   participants merge; references ("the meeting", "their talks", the headline, a caption) join the
   event they refer to, or are dropped;
5. each event gets a confidence and the reasons behind it; weak ones (below MIN_CONFIDENCE) are left out.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from . import EXTRACTOR_VERSION, actors, attach, places, triggers
from .anchoring import spans, story
from .types import ActorRef, EventCandidate, MentionCandidate, Timex

# types that can name one event within an article ("held talks" / "the meeting"); a signing and a
# welcome ceremony are two events even if a scorer accepts one for the other
COMPATIBLE = [{"meeting", "talks"}, {"conference", "summit"}]
SOURCE_WORDS = {"source", "sources", "department", "ministry", "spokesman", "spokeswoman", "spokesperson",
                "official", "officials", "statement", "agency", "office", "report", "reports", "diplomat"}
CAPTION = re.compile(r"\(?\b(photo|picture|image)\b.{0,20}\b(credit|courtesy)\b|^\(?photo credit|\bfile photo\b|^\(?credit:", re.I)
MIN_CONFIDENCE = 0.45
GENERIC_NOUNS = {"meeting", "meetings", "talks", "visit", "trip", "tour", "summit", "conference", "forum", "ceremony",
                 "call", "conversation", "consultations", "negotiations", "gathering", "event", "session", "dialogue",
                 "face-to-face", "stop", "stopover"}
HOSTING_VERBS = {"welcomed", "welcomes", "welcome", "welcoming", "hosted", "hosts", "host", "hosting", "received",
                 "receives", "receive", "receiving", "greeted", "greets", "invited", "invites"}
SEQUENCE_ADVERBS = {"later", "then", "afterwards", "afterward", "subsequently", "thereafter", "next"}


def compatible_types(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in COMPATIBLE)


@dataclass
class Line:
    start: int  # offsets of the line in the parsed text
    end: int
    paragraph: int | None
    headline: bool
    dateline_end: int = 0  # characters of a dateline at the start of the line
    title: bool = False  # the article's title (not a caption)
    dateline_place: str | None = None


@dataclass
class Prepared:
    text: str
    published: date
    lines: list[Line]
    day: date | None = None  # the story's day when a dateline gives a date other than publication


@dataclass
class Mention:
    trigger: triggers.Trigger
    line: Line
    sentence: object  # spaCy Span
    sentence_index: int
    participants: list[ActorRef]
    location: str | None
    date: attach.DateChoice
    status: str
    creating: bool
    headline: bool
    presupposed: bool = False
    place_inherited: bool = False  # the location came from another clause, not from the mention itself
    join: int | None = None  # the trigger token of the event this mention is part of (a signing's ceremony)
    background: bool | None = None  # named inside another dated event's phrase (computed once, _background)
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Event:
    type: str
    mentions: list[Mention]

    def participants(self) -> list[ActorRef]:
        out: list[ActorRef] = []
        for m in self.mentions:
            for p in m.participants:
                if all(p is not q and p.name != q.name for q in out):
                    out.append(p)
        return out


# ---------------------------------------------------------------------------------------------- input

def _headline_like(line: str) -> bool:
    s = line.strip()
    if CAPTION.search(s):
        return True
    if not s or s[-1] in ".!?\"”’'":
        return False
    return len(s.split()) <= 30


def prepare(text: str, published: date, title: str | None = None) -> Prepared:
    """The text to parse and where its lines (paragraphs) are. A title given apart comes first."""
    raw_lines = text.split("\n")
    first = next((ln.strip() for ln in raw_lines if ln.strip()), "")
    pieces: list[tuple[str, int | None, bool]] = []
    title_given = bool(title and title.strip())
    titles = set()
    if title_given and title.strip() != first:
        pieces.append((title.strip().replace("\n", " "), None, True))
        titles.add(0)
    para = 0
    first_done = False
    for ln in raw_lines:
        if not ln.strip():
            pieces.append((ln, -1, False))
            continue
        # the title given apart, repeated as the first line, is a headline; without a title the first line
        # is the title, but a first line that reads as a body paragraph ("WASHINGTON (Reuters) - ...") is body
        is_title = not first_done and title_given and ln.strip() == title.strip()
        headline = is_title or (_headline_like(ln) and not actors.dateline(ln)[0])
        if not first_done and headline and (is_title or not title_given) and not CAPTION.search(ln):
            titles.add(len(pieces))
        first_done = True
        pieces.append((ln, para, headline))
        para += 1
    out_lines, chunks, pos = [], [], 0
    for i, (ln, p, head) in enumerate(pieces):
        if p != -1:
            # a dateline opens the first paragraphs of the body (after a title, a caption)
            dl, dl_place = actors.dateline(ln) if len(out_lines) < 3 else (0, None)
            out_lines.append(Line(pos, pos + len(ln), p, head, dl, title=i in titles, dateline_place=dl_place))
            if dl:
                # blank the dateline (same length, offsets kept): it is no part of the first sentence
                ln = " " * dl + ln[dl:]
        chunks.append(ln)
        pos += len(ln) + (1 if i < len(pieces) - 1 else 0)
    day = story.story_day(text, published)
    return Prepared("\n".join(chunks), published, out_lines, day if day != published else None)


# ---------------------------------------------------------------------------------------------- API

def extract(text: str, published: date, title: str | None = None, nlp=None) -> list[EventCandidate]:
    """The events of one article."""
    return next(extract_many([(text, published, title)], nlp=nlp))


def extract_many(items: Iterable[tuple], nlp=None, batch_size: int = 16) -> Iterator[list[EventCandidate]]:
    """The events of many articles, parsed in batches with one pipeline; one list per (text, published,
    title) item, in order."""
    if nlp is None:
        from . import nlp as nlp_module

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
        yield extract_doc(doc, pending.popleft())


# ---------------------------------------------------------------------------------------------- one Doc

def _tag_dates(doc, dct: date) -> list[Timex]:
    from . import temporal

    return temporal.tag_doc(doc, dct)


def extract_doc(doc, prep: Prepared) -> list[EventCandidate]:
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
        if tr.why == "visitor and destination" and choice.source == "governing clause":
            # "signed a pact on Wednesday, during Putin's visit to Pyongyang": the visit spans that day, it
            # need not begin on it; a weaker date, so that the visit's own dates ("arrived on Tuesday") win
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
    _narrative_places(mentions)
    for m in mentions:
        _final_status(m, dct)
    events = _merge(mentions, dct)
    out = [c for c in (_candidate(ev, doc, dct) for ev in events) if c is not None]
    places.trip_places(out)
    return out


def sent_index_in_line(sentences, si: int, ln: Line) -> int:
    n = 0
    while si - n - 1 >= 0 and sentences[si - n - 1].start_char >= ln.start:
        n += 1
    return n


# ---------------------------------------------------------------------------------------------- participants

def _subjects(t):
    out = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    for c in t.children:
        if c.dep_ == "agent":
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def _clause_subjects(t, depth=0):
    """The subject of t's clause, found through xcomp/conj/advcl chains ("Russia had wanted to host",
    "Xi held talks ..., met the press")."""
    subs = _subjects(t)
    if subs or depth > 4 or t.head.i == t.i:
        return subs
    if t.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "ccomp") or t.dep_ == "relcl":
        if t.dep_ == "relcl":
            return [t.head]
        if t.dep_ in ("xcomp", "ccomp"):
            # object control: "Erdogan invited Putin to visit Turkey" -> Putin visits
            objs = [c for c in t.head.children if c.dep_ in ("dobj", "obj") and c.i < t.i]
            if objs:
                return objs
        if t.dep_ == "pcomp":
            # "before joining ...": up through the preposition and what it modifies, to the clause's verb
            cur = t.head
            for _ in range(4):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                if cur.pos_ in ("VERB", "AUX"):
                    return _clause_subjects(cur, depth + 1)
            return []
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            return []
        if t.head.dep_ in ("acomp", "attr") and t.head.head.i != t.head.i:
            # "Scholz is due to travel", "Wang is ready to visit"
            return _clause_subjects(t.head.head, depth + 1)
        return _clause_subjects(t.head, depth + 1)
    return []


def _is_source(t) -> bool:
    """The source a report cites ("the department said") is not a participant of what it reports."""
    return t.text.lower() in SOURCE_WORDS and t.ent_type_ == "" and t.dep_ == "nsubj" and t.head.text.lower() in attach.REPORTING


ONLOOKER_VERBS = {"looked", "look", "looks", "looking", "watched", "watch", "watches", "watching", "stood", "stand",
                  "stands", "standing", "witnessed", "witness", "witnesses", "witnessing"}


def _participants(doc, tr, register: actors.ArticleActors) -> list[ActorRef]:
    t = doc[tr.token]
    gov = doc[tr.governor]
    slots = []
    pair_countries: list[ActorRef] = []
    if not tr.nominal and tr.why == "superlative frame":
        # "she will be the first minister to visit ...": the subject; "the last ... to visit was Vajpayee": the attribute
        slots += [c for c in gov.children if c.dep_ == "attr"] if t.head.dep_ == "nsubj" else _clause_subjects(gov)
        slots += [c for c in t.children if c.dep_ in ("dobj", "obj")]
    elif not tr.nominal:
        slots += _clause_subjects(t)
        if t.dep_ == "advcl" and t.head.text.lower() in ONLOOKER_VERBS and any(
                c.dep_ == "mark" and c.text.lower() in ("as", "while") for c in t.children):
            # "the two presidents looked on as executives signed a deal": the onlookers witness the event
            slots += _clause_subjects(t.head)
        if triggers._verb_tagged_noun(t):
            slots.append(doc[t.i - 1])  # "Trump leaves for Seoul" parsed as a noun phrase: the name before it
        for c in t.children:
            if c.dep_ in ("dobj", "obj") and c.text.lower() not in triggers.PRESS_WORDS:
                slots.append(c)
            if c.dep_ in ("prep", "agent") and c.text.lower() in ("with", "between", "by") or (
                    c.dep_ == "prep" and c.text.lower() == "from" and tr.type == "phone_call") or (
                    c.dep_ == "prep" and c.text.lower() == "to" and tr.type in ("phone_call", "talks")):
                slots += [p for p in c.children if p.dep_ == "pobj"]
                # "met with Phuc and with Trong": a preposition conjoined to the first
                slots += [p for cp in c.children if cp.dep_ == "conj" and cp.text.lower() == c.text.lower()
                          for p in cp.children if p.dep_ == "pobj"]
            # "At APEC, Kerry will meet ...": the summit organization takes part
            if c.dep_ == "prep" and c.text.lower() == "at" and tr.type == "summit":
                slots += [p for p in c.children if p.dep_ == "pobj" and p.ent_type_ == "ORG"]
    else:
        for c in t.children:
            if c.dep_ == "poss":
                slots.append(c)
            elif c.dep_ in ("prep", "agent") and c.text.lower() in ("with", "between", "by", "among", "of") or (
                    c.dep_ == "prep" and c.text.lower() == "from" and tr.type == "phone_call") or (
                    c.dep_ == "prep" and c.text.lower() == "for" and tr.type in ("ceremony", "visit")):
                for p in c.children:
                    if p.dep_ == "pobj" and (c.text.lower() != "of" or p.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")) \
                            and (c.text.lower() != "for" or tr.type != "visit" or p.ent_type_ == "PERSON"):
                        # "a week-long European trip for Trump": the traveller
                        slots.append(p)
            elif c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
                own_name = actors.ent_at(doc, t.i)
                if own_name is not None and own_name.start <= c.i < own_name.end:
                    continue  # "a Nuclear Security Summit": the event's own name, not a party to it
                nxt = doc[c.i + 1] if c.i + 1 < len(doc) else None
                if c.ent_type_ in ("NORP", "GPE") and nxt is not None and (
                        nxt.ent_type_ == "PERSON" or nxt.text.lower() in actors.gazetteer()["title_words"]):
                    continue  # "Chinese President Xi Jinping's visit": the demonym belongs to his title
                slots.append(c)
                slots += [x for x in c.children if x.dep_ in ("compound", "amod", "conj", "nmod") and x.ent_type_]
        # "the U.S.-Japan Security Consultative Committee meeting", "China-Germany consultations"
        for x in doc[max(t.left_edge.i, t.i - 8): t.i]:
            if x.i in register.skip:
                continue
            parts = []
            if "-" in x.text and x.text != "-":
                parts = x.text.split("-")
            elif x.text == "-" and 0 < x.i < len(doc) - 1 and not doc[x.i - 1].whitespace_ and not x.whitespace_:
                parts = [doc[x.i - 1].text, doc[x.i + 1].text]
            for part in parts:
                c = actors.country_of(part)
                if c and all(c != a.name for a in pair_countries):
                    pair_countries.append(ActorRef(name=c, kind="country"))
        # the clause the noun sits in: "Netanyahu and Putin held a meeting", "Lavrov said ... at a press conference"
        clause_role = tr.why.split(" ")[0] if tr.why else ""
        own_agent = any(c.dep_ == "poss" or (c.dep_ in ("prep", "agent") and c.text.lower() == "by") for c in t.children)
        if gov.i != t.i and tr.creating and (clause_role in ("support", "welcomed") or (
                clause_role in ("setting", "purpose", "described") and not own_agent)):
            # "Xi held talks with Obama": the subject takes part; "signed ... during a visit by Herzog": the
            # visit is Herzog's, not the signatories'
            slots += _clause_subjects(gov)
            if gov.text.lower() in ("welcomed", "greeted", "received"):
                slots += _clause_subjects(gov.head) if gov.dep_ in ("advcl",) else []
            if gov.text.lower() in HOSTING_VERBS:
                # "Trump welcomed Xi to Mar-a-Lago for a two-day summit": the guest takes part too
                slots += [c for c in gov.children if c.dep_ in ("dobj", "obj") and c.i != t.i]
            for c in gov.children:
                if c.dep_ == "prep" and (c.text.lower() == "with" or c.text.lower() == "for" and tr.type == "ceremony") \
                        and c.i != t.i:
                    slots += [p for p in c.children if p.dep_ == "pobj" and (c.text.lower() == "with" or p.pos_ == "PROPN")]
                # "an honor guard saluted the two leaders at a welcoming ceremony": those the clause acts on
                if clause_role == "setting" and tr.type == "ceremony" and c.dep_ in ("dobj", "obj"):
                    slots.append(c)
                # "joining President Obama in Bali for the APEC meeting"
                if clause_role == "purpose" and c.dep_ in ("dobj",) and c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or (
                        clause_role == "purpose" and c.dep_ == "dobj" and c.pos_ == "PROPN"):
                    slots.append(c)
    hosts = _hosts(doc, t, gov) if tr.type == "visit" else []
    slots += hosts
    host_at = {h.i for h in hosts}
    out: list[ActorRef] = []
    at: dict[int, int] = {}  # id(actor) -> where the text names it, for a reading order
    for s in slots:
        if _is_source(s) or s.i in register.skip or s.i == t.i:
            continue
        # a place that is where the event happens is its location, not a participant
        if s.dep_ == "pobj" and s.head.text.lower() in ("in", "at", "to") and s.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        if tr.type == "visit" and s.dep_ in ("dobj",) and s.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        found = register.resolve(s)
        # coordinated titled names the parser chains as appositions ("Israeli Prime Minister Benjamin
        # Netanyahu and Russian President Vladimir Putin held ..."): every person named in the phrase
        found += [a for a in _people_in_phrase(s, register) if a not in found]
        for a in found:
            if all(a is not b and a.name != b.name for b in out):
                out.append(a)
                # the visitor first, the host after (trip_places reads the first participant as the visitor)
                at[id(a)] = (s.i in host_at, next((x.i for x in s.subtree if register.by_token.get(x.i) is a), s.i))
    out.sort(key=lambda a: at.get(id(a), (False, 0)))
    if tr.nominal and tr.why.startswith("welcomed with") and not any(
            c.dep_ == "agent" for c in gov.children) and register.last_group_at >= t.sent.start - 200:
        # "Obama was greeted with a welcoming ceremony": no host named, the people of the event just told host
        out += [a for a in register.last_group if a.kind == "person" and a.name not in _names(out)]
    for a in pair_countries:
        if all(a.name != b.name for b in out):
            out.append(a)
    return out


EVENT_NOUNS = {"talks", "meeting", "meetings", "consultations", "negotiations", "discussions", "summit"}


def _hosts(doc, t, gov) -> list:
    """The host of a visit, where the clause names one: 'at the invitation of President Hu', 'at Wen's
    invitation', 'headed for Jordan for talks with King Hussein' (the partner of the talks it is for)."""
    out = []
    for h in {t.i: t, gov.i: gov}.values():
        for c in h.children:
            if c.dep_ != "prep":
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if c.text.lower() == "at" and p.lemma_.lower() == "invitation":
                    out += [x for x in p.children if x.dep_ == "poss"]
                    out += [x for pp in p.children if pp.dep_ == "prep" and pp.text.lower() == "of"
                            for x in pp.children if x.dep_ == "pobj"]
                if c.text.lower() == "for" and p.text.lower() in EVENT_NOUNS:
                    out += [x for pp in p.children if pp.dep_ == "prep" and pp.text.lower() == "with"
                            for x in pp.children if x.dep_ == "pobj"]
    return out


def _destinations(doc, tr, register) -> list[str]:
    """The places of a trip to several ('successive state visits to Vietnam, Laos and India', 'a tour to
    Argentina, Peru and Jamaica'): a 'to' phrase with conjoined places on the trigger or its verb."""
    t = doc[tr.token]
    heads = [t] + ([doc[tr.governor]] if tr.governor != tr.token else [])
    for h in heads:
        for holder in [h] + [c for c in h.children if c.dep_ in ("dobj", "obj") and c.i != t.i]:
            for _, p in triggers._preps(holder, {"to"}):
                places = []
                for x in [p] + [c for c in p.subtree if c.dep_ == "conj"]:
                    pl = register.place(x)
                    if pl and pl not in places:
                        places.append(pl)
                if len(places) >= 2:
                    return places
    return []


def _legs(groups: list[list[ActorRef]], legs: list[str], loc: str | None) -> list[tuple[list[ActorRef], str | None]]:
    """One visit per destination of a trip to several places: each leg keeps the travellers, not the other
    legs' states."""
    if len(legs) < 2:
        return [(g, loc) for g in groups]
    states = {actors.country_of(x) or x for x in legs}
    out = []
    for g in groups:
        kept = [a for a in g if a.kind != "country" or a.name not in states]
        out += [(kept, leg) for leg in legs]
    return out


def _separately(doc, tr, parts: list[ActorRef], register) -> list[list[ActorRef]]:
    """'Bush will meet separately with Olmert and Abbas': one meeting with each of the coordinated
    partners, not one meeting of three."""
    gov = doc[tr.governor]
    t = doc[tr.token]
    if tr.type not in ("meeting", "talks", "phone_call"):
        return [parts]
    if tr.nominal:
        # "will hold separate meetings with Hammond, Steinmeier and Li": one meeting per partner
        if not any(c.dep_ == "amod" and c.lemma_.lower() in ("separate", "individual") for c in t.children):
            return [parts]
        holder = t
    elif any(c.dep_ == "advmod" and c.text.lower() in ("separately", "individually") for c in gov.children):
        holder = gov
    else:
        return [parts]
    heads = []
    for c in holder.children:
        if c.dep_ == "prep" and c.text.lower() == "with":
            heads += [p for p in c.children if p.dep_ == "pobj"]
            # "met separately with Phuc and with Trong": the second preposition is conjoined to the first
            for cp in c.children:
                if cp.dep_ == "conj" and cp.text.lower() == "with":
                    heads += [p for p in cp.children if p.dep_ == "pobj"]
        elif c.dep_ in ("dobj", "obj"):
            heads.append(c)
    partners: list[list[ActorRef]] = []
    stack = list(heads)
    while stack:
        x = stack.pop(0)
        own = register.by_token.get(x.i)
        found = [own] if own is not None and own in parts else [a for a in register.resolve(x) if a in parts][:1]
        if found:
            partners.append(found)
        stack += [c for c in x.children if c.dep_ == "conj"]
    if len(partners) < 2:
        return [parts]
    taken = {id(a) for group in partners for a in group}
    base = [a for a in parts if id(a) not in taken]
    return [base + group for group in partners]


def _people_in_phrase(s, register) -> list[ActorRef]:
    out = []
    stack = [s]
    while stack:
        x = stack.pop()
        if x.ent_type_ == "PERSON" and x.i in register.by_token and register.by_token[x.i].kind == "person":
            a = register.by_token[x.i]
            if a not in out:
                out.append(a)
        stack.extend(c for c in x.children if c.dep_ in ("compound", "appos", "conj", "cc", "nmod", "amod", "punct", "pobj")
                     or (c.dep_ == "prep" and c.text.lower() in ("including", "like", "such")))
    return out


def _location(doc, tr, register: actors.ArticleActors) -> str | None:
    t = doc[tr.token]
    gov = doc[tr.governor]
    # "arrived in Cairo from Riyadh, where he met the crown prince": the place the clause modifies
    if gov.dep_ == "relcl" and any(c.dep_ == "advmod" and c.text.lower() == "where" for c in gov.children):
        pl = register.place(gov.head)
        if pl:
            return pl
    preps = ("in", "at", "inside", "to", "into") if tr.type == "visit" or tr.rule in (
        "welcome-person", "receive-person", "host-person") else ("in", "at", "inside", "outside", "near")
    if tr.type == "visit" and gov.text.lower() in ("leave", "leaves", "left", "leaving", "depart", "departs",
                                                      "departed", "departing", "head", "heads", "headed", "heading"):
        preps = preps + ("for",)  # "leave for Washington"
    heads = [t] if gov.i == t.i else [t, gov]
    # for "said in Moscow ... at a press conference" the saying verb carries the place
    cands = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.text.lower() in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        cands.append(p)
                        # "at the South Lawn of the White House", "at the Capella hotel on Sentosa island in
                        # Singapore": the places the phrase narrows down through
                        stack = [(p, 0)]
                        while stack:
                            x, depth = stack.pop()
                            for pp in x.children:
                                if pp.dep_ == "prep" and pp.text.lower() in ("of", "on", "in", "at") and depth < 3:
                                    for y in pp.children:
                                        if y.dep_ == "pobj":
                                            cands.append(y)
                                            stack.append((y, depth + 1))
            if tr.type == "visit" and c.dep_ in ("dobj",) and not tr.nominal:
                cands.append(c)
            if c.dep_ == "npadvmod" and c.ent_type_ in ("GPE", "LOC", "FAC"):
                cands.append(c)
            if c.dep_ == "advmod" and c.text.lower() in ("here", "there"):
                cands.append(c)
    if tr.nominal:
        # "a ceremony with 21-gun salute at the South Lawn": places within the noun phrase, not in clauses below it
        stack = [(c, 0) for c in t.children if c.dep_ in ("prep", "compound", "nmod", "acl")]
        while stack:
            x, d = stack.pop()
            if x.dep_ == "compound" and x.ent_type_ in ("GPE", "LOC", "FAC"):
                cands.append(x)
            if x.dep_ == "pobj" and x.head.text.lower() in (("at", "in", "to") if tr.type == "visit" else ("at", "in", "outside", "near")) and x not in cands:
                cands.append(x)
            if d < 3:
                stack += [(c, d + 1) for c in x.children if c.dep_ in ("prep", "pobj") or (c.dep_ == "compound" and d == 0)
                          or (x.dep_ == "acl" and c.dep_ == "prep")]
    found = []
    for p in cands:
        pl = register.place(p)
        if pl:
            found.append(pl)
    if not found and not tr.nominal:
        # a place phrase the parser hung on an argument: "signed by Blinken and Tomita in Washington"
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep"):
                args = [c] if c.dep_ != "agent" and c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]
                for a in args:
                    for x in [a] + [cc for cc in a.children if cc.dep_ == "conj"]:
                        for pp in x.children:
                            if pp.dep_ == "prep" and pp.text.lower() in ("in", "at"):
                                for p in pp.children:
                                    if p.dep_ == "pobj":
                                        pl = register.place(p)
                                        if pl:
                                            found.append(pl)
    if not found:
        return None
    # a visit noun's own destination ("arrived in Abuja after a visit to Equatorial Guinea") is the visit's
    # place, whatever the clause around it says
    own = [register.place(p) for _, p in triggers._preps(t, {"to"})] if tr.nominal and tr.type == "visit" else []
    own = [pl for pl in own if pl]
    # a venue ("Kremlin, Moscow") says more than its city, a city more than its country
    found.sort(key=lambda s: -_place_rank(s))
    if own and _state(found[0]) != _state(own[0]):
        return own[0]  # not a city of the destination ("arrived in Beijing for a visit to China" keeps Beijing)
    return found[0]


def _state(place: str) -> str | None:
    p = actors.place_of(place.split(",")[-1].strip())
    return p[1] if p else None


def _place_rank(name: str) -> int:
    if "," in name:
        return 3
    p = actors.place_of(name)
    if p is None:
        return 1
    return 0 if p[0] == p[1] else 2


def _presupposes(doc, tr, register) -> bool:
    """A definite reference with a place or a named organizer presupposes its event ('the Paris forum')."""
    t = doc[tr.token]
    if tr.type not in ("conference", "summit"):
        return False
    if t.tag_ == "NNS":
        return False  # "the earlier US-North Korea summits": a kind, not one event
    has_det = any(c.dep_ == "det" and c.text.lower() == "the" for c in t.children)
    named = [c for c in t.children if c.dep_ in ("compound", "nmod") and c.ent_type_ in ("GPE", "ORG", "LOC")]
    return has_det and bool(named)


def _join_settings(doc, mentions: list[Mention]) -> None:
    """'Israel signed agreements ... at a White House ceremony on Tuesday': a ceremony that is the setting of
    a signing in its own clause is that signing (one event); its date and place are the signing's."""
    signings = {m.trigger.token: m for m in mentions if m.trigger.type == "signing" and not m.trigger.nominal and m.creating}
    for m in mentions:
        if m.trigger.type != "ceremony" or not m.creating or not m.trigger.why.startswith("setting"):
            continue
        cur = doc[m.trigger.token]
        for _ in range(4):
            if cur.head.i == cur.i or cur.dep_ in ("ccomp", "relcl", "parataxis"):
                break
            cur = cur.head
            s = signings.get(cur.i)
            if s is None:
                continue
            if m.date.rank > s.date.rank:
                s.date = m.date
            if m.location and not s.location:
                s.location = m.location
            m.creating = False
            m.join = s.trigger.token
            m.reasons.append(f"the setting of '{s.trigger.text}'")
            break


def _inherit_places(doc, mentions: list[Mention]) -> None:
    """An event with no place of its own happens where the clause that governs it does ("arrived in
    Algeria to attend a meeting"), or where the one other event of its sentence does ("Welcomed ... at the
    White House, Xi held formal talks")."""
    by_token = {m.trigger.token: m for m in mentions}
    for m in mentions:
        if m.location or m.headline:
            continue
        cur = doc[m.trigger.governor]
        # "goes to Brussels for a NATO summit": the visit that governs the noun, before any clause above it
        gov_visit = by_token.get(cur.i) if cur.i != m.trigger.token else None
        if gov_visit is not None and gov_visit.location and gov_visit.trigger.type == "visit":
            m.location = gov_visit.location
            m.place_inherited = True
            m.reasons.append(f"place of '{gov_visit.trigger.text}'")
            continue
        for _ in range(6):
            if cur.dep_ in ("ccomp", "relcl", "parataxis") or cur.head.i == cur.i:
                break
            cur = cur.head
            o = by_token.get(cur.i)
            if o is not None and o.location and o.trigger.type == "visit":
                m.location = o.location
                m.place_inherited = True
                m.reasons.append(f"place of '{o.trigger.text}'")
                break
        if m.location:
            continue
        places = {o.location for o in mentions if o is not m and o.location and o.sentence.start == m.sentence.start}
        if len(places) == 1:
            m.location = places.pop()
            m.place_inherited = True
            m.reasons.append("place of its sentence")


# ---------------------------------------------------------------------------------------------- dates

FLASHBACK_ADVERBS = {"previously", "earlier", "once", "formerly", "before", "last"}


def _story_day(doc, lines: list[Line], sentences, attacher: attach.Attacher) -> Timex | None:
    """The day the story's lead establishes: a day-level date on the main verb of the first body sentence
    ("Putin and Erdogan agreed on Monday ...", "Iran reached an agreement on Tuesday"), whatever that verb is.
    Follow-up events of the narrative that have no date of their own belong to that day."""
    body = next((ln for ln in lines if ln.paragraph is not None and not ln.headline), None)
    if body is None:
        return None
    first = next((s for s in sentences if s.end_char > body.start + body.dateline_end and s.start_char < body.end), None)
    if first is None:
        return None
    root = first.root
    if root.text.lower() in attach.REPORTING:
        return None  # "the ministry said on Monday that ...": the day of a statement, not of the story's events
    heads = {root.i} | {c.i for c in root.children if c.dep_ in ("dobj", "obj")}  # "reached an agreement on Tuesday"
    for k, a in attacher._local(root.i):
        tx = attacher.timexes[k]
        if a in heads and tx.granularity == "day" and tx.earliest is not None:
            return tx
    return None


def _flashback(doc, m: Mention) -> bool:
    """'had failed to agree when they met', 'had previously visited': a look back, not the narrative day."""
    gov = doc[m.trigger.governor]
    chain = [doc[m.trigger.token], gov]
    cur = gov
    # "Trump had attended a summit in Brussels and visited Britain before flying to Finland": the conjoined
    # and subordinate verbs share the past perfect of the clause they hang on
    for _ in range(4):
        if cur.dep_ not in ("conj", "pcomp", "advcl", "xcomp") or cur.head.i == cur.i:
            break
        if cur.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            break
        cur = cur.head.head if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" else cur.head
        chain.append(cur)
    for w in chain:
        for c in w.children:
            if c.dep_ == "aux" and c.text.lower() in ("had", "'d") and w.tag_ == "VBN":
                return True
            if c.dep_ == "advmod" and c.text.lower() in FLASHBACK_ADVERBS and w.i in (gov.i, m.trigger.token):
                return True
    return False


def _narrative_dates(doc, mentions: list[Mention], attacher: attach.Attacher, register, dct: date,
                     story: Timex | None = None) -> None:
    lead = None
    for m in mentions:
        if m.creating and not m.headline and m.date.rank >= attach.RANK["sentence"]:
            lead = m
            break
    if story is not None:
        # the lead sentence's own day tells the narrative day, even when its verb is no event ("agreed on
        # Monday"); a flashback told first in the article does not
        lead_m = Mention(lead.trigger if lead else None, None, None, -1, [], None,
                         attach.DateChoice(story, "lead sentence", attach.RANK["sentence"], None), "occurred", True, False)
        lead = lead_m
    # places with a date in the same clause, for "an event at a place takes that place's date"
    place_tokens = {}
    for t in doc:
        if t.dep_ == "pobj" and t.head.text.lower() in ("in", "at") and t.ent_type_ in ("GPE", "LOC", "FAC"):
            pl = register.place(t)
            if pl:
                place_tokens[t.i] = pl
    place_dates = attacher.place_dates(place_tokens)
    for m in mentions:
        if m.date.timex is not None:
            continue
        if m.headline or not (m.creating or m.presupposed):
            # a reference takes its date (and its status) from the event it refers to
            continue
        anchor = attacher.anchor_of(m.trigger)
        if anchor:
            tx = _anchor_date(anchor[1], m, mentions)
            if tx is not None:
                tx = attach.relative_to(tx, anchor[0], attacher.anchor_shift(m.trigger))
            anchor = anchor[1]
            if tx is not None:
                m.date = attach.DateChoice(attach.as_inherited(tx), f"anchor '{anchor}'", attach.RANK["anchor"], None)
            else:
                m.date = attach.DateChoice(attach.open_interval(m.status, dct), f"anchor '{anchor}' (undated)",
                                           attach.RANK["anchor"], None)
            continue
        shift = attacher.repeat_shift(m.trigger) if " repeats '" in m.trigger.reasons[0] else 0
        src = next((o for o in reversed(mentions[:mentions.index(m)]) if o.trigger.type == m.trigger.type
                    and o.date.timex is not None and o.date.timex.earliest is not None), None) if shift else None
        if src is not None:
            # "Khan laid the foundation stone on Wednesday; Naidu did the same two days later": the source's day, moved
            m.date = attach.DateChoice(attach.as_inherited(attach.relative_to(src.date.timex, "", shift)),
                                       f"the event repeated, {shift:+d} days", attach.RANK["anchor"], None)
            continue
        prev = _previous_dated(m, mentions, lead)
        if prev is not None and _sequenced(doc, m) and attach.compatible_with_status(prev.date.timex, m.status, dct):
            m.date = attach.DateChoice(attach.as_inherited(prev.date.timex), "the event before ('later')",
                                       attach.RANK["anchor"], None)
            continue
        if m.location and not m.place_inherited:
            best = None
            for ti, pl, tx in place_dates:
                if pl == m.location:
                    if not attach.compatible_with_status(tx, m.status, dct):
                        continue
                    dist = abs(ti - m.trigger.token)
                    if best is None or dist < best[0]:
                        best = (dist, tx)
            if best:
                m.date = attach.DateChoice(attach.as_inherited(best[1]), f"place '{m.location}'", attach.RANK["place"], None)
                continue
        k = attacher.speaker_date(m.trigger) if m.status == "occurred" else None
        if k is not None:
            m.date = attach.DateChoice(attach.as_inherited(attacher.timexes[k]), "the speaker's report before",
                                       attach.RANK["anchor"], None)
            continue
        if m.status == "planned" and _decided(m):
            # "agreed to resume negotiations": the narrative day is the day of the decision, not of the plan
            m.date = attach.DateChoice(attach.open_interval(m.status, dct), "no date in the text", attach.RANK["open"], None)
            continue
        near = _nearby_episode(m, mentions, lead)
        if near is not None and attach.compatible_with_status(near.date.timex, m.status, dct):
            m.date = attach.DateChoice(attach.as_inherited(near.date.timex), "the paragraph before", attach.RANK["lead"], None)
            continue
        if lead is not None and lead is not m and attach.compatible_with_status(lead.date.timex, m.status, dct) \
                and not _flashback(doc, m) and not _elsewhere_before(m, lead):
            m.date = attach.DateChoice(attach.as_inherited(lead.date.timex), "lead event", attach.RANK["lead"], None)
            continue
        m.date = attach.DateChoice(attach.open_interval(m.status, dct), "no date in the text", attach.RANK["open"], None)


OPENING_VERBS = {"began", "begun", "started", "opened", "convened"}


def _run_since_opening(doc, mentions: list[Mention], attacher: attach.Attacher, story: Timex | None) -> None:
    """'a deal brokered at the end of talks in Beijing that began on Monday' (told on Friday): an event whose
    relative clause tells when it began runs from that day to the story's day."""
    if story is None or story.latest is None:
        return
    for m in mentions:
        tx = m.date.timex
        if not m.trigger.nominal or m.date.source != "clause" or tx is None or tx.earliest is None \
                or tx.latest is None or tx.latest >= story.latest or m.status != "occurred":
            continue
        k = next((k for k, x in enumerate(attacher.timexes) if x is tx), None)
        a = attacher.attach.get(k) if k is not None else None
        if a is None or doc[a].text.lower() not in OPENING_VERBS or doc[a].dep_ not in ("relcl", "acl") \
                or not (doc[a].head.i == m.trigger.token or attach._place_of(doc[a].head, doc[m.trigger.token])):
            continue
        span = Timex(start=tx.start, end=tx.end, text=tx.text, type=tx.type, value=tx.value, earliest=tx.earliest,
                     latest=story.latest, granularity=tx.granularity)
        m.date = attach.DateChoice(span, "clause", m.date.rank, m.date.mention_span)
        m.reasons.append(f"began '{tx.text}', runs to the story's day")


def _narrative_places(mentions: list[Mention]) -> None:
    """An event with no place of its own, told on the same day as the event just before it (same or
    previous paragraph) that has one, happens there: 'held talks in Sochi on Monday. ... The two leaders
    then told a news conference' is in Sochi. A flashback on another day does not carry the place."""
    for i, m in enumerate(mentions):
        tx = m.date.timex
        if m.location or m.headline or tx is None or tx.earliest is None or tx.earliest != tx.latest \
                or m.line.paragraph is None or m.trigger.type == "phone_call":  # a call joins two places
            continue
        for o in reversed(mentions[:i]):
            if o.line.paragraph is None or m.line.paragraph - o.line.paragraph > 1:
                break
            ot = o.date.timex
            if not o.location or not o.creating or ot is None or ot.earliest != tx.earliest or ot.latest != tx.latest:
                continue
            m.location = o.location
            m.place_inherited = True
            m.reasons.append(f"place of '{o.trigger.text}' told before on the same day")
            break


def _nearby_episode(m: Mention, mentions: list[Mention], lead: Mention | None) -> Mention | None:
    """The dated event told just before (same or previous paragraph) when it belongs to the main story
    (within a week of the lead's date): the narrative continues from it. A flashback ("in November 2014")
    does not carry the narrative."""
    if lead is None or m.line.paragraph is None:
        return None
    prev = None
    for o in mentions:
        if o.trigger.token >= m.trigger.token:
            break
        if o.creating and o.date.rank >= attach.RANK["sentence"] and o.line.paragraph is not None \
                and m.line.paragraph - o.line.paragraph <= 1 and not _background(o, mentions):
            prev = o
    if prev is None or prev is lead or prev.date.timex is lead.date.timex:
        return None
    a, b = prev.date.timex, lead.date.timex
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return None
    if abs((a.earliest - b.earliest).days) > 7 or (a.latest - a.earliest).days > 7:
        return None
    return prev


def _elsewhere_before(m: Mention, lead: Mention) -> bool:
    """'Biden will meet Putin for a summit in Geneva ... He will attend the Group of Seven summit in Cornwall
    from June 11 to 13': an event told in a sentence before the lead event's, at a place of its own that is
    not the lead's, is not on the lead's day."""
    if lead.trigger is None or lead.line is None or m.trigger.token > lead.trigger.token \
            or m.sentence.start == lead.sentence.start:
        return False
    if not m.location or m.place_inherited or not lead.location or lead.place_inherited:
        return False
    return not _same_place(m.location, lead.location)


def _background(o: Mention, mentions: list[Mention]) -> bool:
    """'held talks ... on the first full day of a visit that began late on Sunday': an event named inside
    the phrase of another dated event of its sentence is its background; the narrative goes on from the
    event told in the main clause, not from the background's own date."""
    if o.background is None:
        o.background = _background_of(o, mentions)
    return o.background


def _background_of(o: Mention, mentions: list[Mention]) -> bool:
    if not o.trigger.nominal:
        return False
    doc = o.sentence.doc
    for x in mentions:
        if x is o or not x.creating or x.sentence.start != o.sentence.start or x.date.rank < attach.RANK["sentence"] \
                or x.trigger.token == o.trigger.governor or attach.overlaps(x.date.timex, o.date.timex):
            continue
        cur, via_prep = doc[o.trigger.token], False
        for _ in range(12):
            if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis"):
                break
            via_prep = via_prep or cur.dep_ == "pobj"
            cur = cur.head
            if cur.i == x.trigger.governor:
                if via_prep:
                    return True
                break
    return False


def _sequenced(doc, m: Mention) -> bool:
    """The clause follows on the event told before it: 'The two leaders later held a press conference'."""
    gov = doc[m.trigger.governor]
    return any(c.dep_ == "advmod" and c.text.lower() in SEQUENCE_ADVERBS for c in gov.children) or any(
        c.dep_ == "prep" and c.text.lower() == "after" and any(x.text.lower() in ("that", "this") for x in c.children)
        for c in gov.children)


def _previous_dated(m: Mention, mentions: list[Mention], lead: Mention | None = None) -> Mention | None:
    """The dated event told just before m. Across a paragraph break, 'later' follows on that event only if it
    belongs to the main story (within a week of the lead's date), not on a look back ('an interim accord
    struck in Geneva in November 2013. ... He later spoke by phone')."""
    prev = None
    for o in mentions:
        if o.trigger.token >= m.trigger.token:
            break
        if o.creating and o.date.timex is not None and o.date.rank >= attach.RANK["sentence"] \
                and not _background(o, mentions):
            prev = o
    if prev is None or prev.line.paragraph == m.line.paragraph or lead is None:
        return prev
    a, b = prev.date.timex, lead.date.timex
    if None in (a.earliest, b.earliest) or abs((a.earliest - b.earliest).days) > 7:
        return None
    return prev


ANCHOR_TYPES = {
    "talks": {"meeting", "talks"}, "meeting": {"meeting", "talks"}, "summit": {"summit", "conference"},
    "conference": {"summit", "conference"}, "visit": {"visit"}, "trip": {"visit"}, "tour": {"visit"},
    "ceremony": {"ceremony", "signing"}, "signing": {"signing", "ceremony"}, "call": {"phone_call"},
}


def _anchor_date(anchor: str, m: Mention, mentions: list[Mention]) -> Timex | None:
    """The date of the event an anchor names ("before the talks"), when the article dates it: one that shares
    a participant, else the nearest one told before ("Israel signed ... at a ceremony on Tuesday. Before the
    ceremony, Trump met Netanyahu")."""
    tx = _anchor_search(anchor, m, mentions, True)
    return tx if tx is not None else _anchor_search(anchor, m, mentions, False)


def _anchor_search(anchor: str, m: Mention, mentions: list[Mention], by_name: bool) -> Timex | None:
    names = {p.name for p in m.participants} if by_name else set()
    found = None
    for o in mentions:
        if not by_name and o.trigger.token > m.trigger.token:
            break
        if o is m or o.date.timex is None or o.date.rank < attach.RANK["place"] or not o.creating:
            continue
        trig = o.trigger
        if anchor == "arrival" and trig.rule != "arrive":
            continue
        if anchor != "arrival" and trig.type not in ANCHOR_TYPES.get(anchor, ()):
            continue
        if names and not names & {p.name for p in o.participants}:
            continue
        if by_name:
            return o.date.timex
        found = o.date.timex
    return found


def _final_status(m: Mention, dct: date) -> None:
    tx = m.date.timex
    if tx is None or m.date.rank < attach.RANK["sentence"]:
        return
    if m.status == "planned" and tx.latest is not None and tx.latest < dct and _past_tense(m):
        # "will be their first encounter since they met in Bali last November": a past event inside a plan
        m.status = "occurred"
        m.reasons.append("past tense and a date before publication: occurred")
        return
    if m.status == "occurred" and tx.earliest is not None and tx.earliest > dct:
        if _past_tense(m):
            # "last visited Paris in July" with a date after publication: the grammar says it happened; the
            # date is doubtful, and an editor should see it
            m.reasons.append("past tense, but the date is after publication")
            return
        m.status = "planned"
        m.reasons.append("date after publication: planned")


def _past_tense(m: Mention) -> bool:
    doc = m.sentence.doc
    v = doc[m.trigger.governor]
    if v.tag_ == "VBD":
        return True
    return v.tag_ == "VBN" and any(c.dep_ == "aux" and c.text.lower() in ("had", "has", "have", "'d") for c in v.children)


# ---------------------------------------------------------------------------------------------- merging

def _names(ps: list[ActorRef]) -> set[str]:
    return {p.name for p in ps}


def _part_of_summit(ev: _Event, m: Mention) -> bool:
    """'at the first inter-Korean summit ... before they sat down for talks': talks of the very leaders of a
    summit, on its day, are that summit."""
    types = {ev.type, m.trigger.type}
    if "summit" not in types or not types & {"talks", "meeting"}:
        return False
    ep = {p.name for p in ev.participants() if p.kind == "person"}
    mp = {p.name for p in m.participants if p.kind == "person"}
    a, b = _best(ev).date.timex, m.date.timex
    return len(ep) >= 2 and ep == mp and a is not None and b is not None and a.earliest is not None \
        and a.earliest == a.latest == b.earliest == b.latest


def _can_merge(ev: _Event, m: Mention) -> bool:
    if not compatible_types(ev.type, m.trigger.type) and not _part_of_summit(ev, m):
        return False
    gov = m.sentence.doc[m.trigger.governor]
    if m.creating and any(c.dep_ == "advmod" and c.text.lower() in ("again", "anew") for c in gov.children):
        return False  # "the two leaders met again": another occurrence
    noun = m.sentence.doc[m.trigger.token]
    if m.creating and m.trigger.nominal and any(
            c.dep_ in ("det", "amod") and c.text.lower() in ("another", "further", "fresh") for c in noun.children):
        return False  # "held another meeting", "further meetings later Tuesday": not the one told before
    best = _best(ev)
    # two mentions whose own dates (their clause's, not the narrative's) do not overlap are two events:
    # "held talks in Tokyo on Thursday" and "On Friday Yoon meets business leaders"
    own = _own_date(m)
    if own is not None and any(not attach.overlaps(own, d) for d in map(_own_date, ev.mentions) if d is not None):
        return False
    # a reference with a date of its own ("a schedule for wider talks", in mid-January) is the event only
    # if the event's date, told or inherited, overlaps it
    if not m.creating and own is not None and best.date.timex is not None \
            and not attach.overlaps(own, best.date.timex):
        return False
    if not _same_name(ev, m):
        return False
    # dates: two dates the text gives (clause or sentence) must overlap
    firm = (attach.RANK["sentence"], attach.RANK["governing clause"], attach.RANK["clause"], attach.RANK["open"],
            attach.RANK["place"])
    if m.date.rank in firm and best.date.rank in firm:
        # dates the text gives, or "before / after publication" for undated ones, must overlap
        if not attach.overlaps(m.date.timex, best.date.timex):
            return False
    elif m.creating and m.date.timex is not None and best.date.timex is not None and ev.type != "visit" \
            and min(m.date.rank, best.date.rank) >= attach.RANK["lead"] \
            and max(m.date.rank, best.date.rank) >= attach.RANK["sentence"] \
            and "open" not in (m.date.timex.granularity, best.date.timex.granularity) \
            and not attach.overlaps(m.date.timex, best.date.timex):
        # an event told on the narrative day ("After talks that ran for hours, ...") is not the one the
        # text dates last September
        return False
    if m.creating and not m.headline and any(x.creating and not x.headline for x in ev.mentions) and all(
            x.status != m.status for x in ev.mentions if x.creating and not x.headline):
        # "agreed to resume negotiations after the two leaders met": what is planned is not what happened
        return False
    # an episode anchored on something undated ("upon his arrival, he had a meeting") is not the event
    # the text dates elsewhere
    if m.creating and (_undated_anchor(m) or any(_undated_anchor(x) for x in ev.mentions)) \
            and all(x.sentence.start != m.sentence.start for x in ev.mentions):
        return False
    if m.creating and ev.type == "ceremony" == m.trigger.type and not _bare_definite(m) and all(
            x.creating and _lemma(x) != _lemma(m) and x.sentence.start != m.sentence.start for x in ev.mentions):
        # a visit has many ceremonies: a welcome is not a tree planting nor a wreath-laying
        return False
    locs = [x.location for x in ev.mentions if x.location and not x.place_inherited]
    if m.location and not m.place_inherited and locs and not _same_place(m.location, locs[0]):
        return False
    ep, mp = _names(ev.participants()), _names(m.participants)
    if not m.creating and m.trigger.nominal and _head(m) not in GENERIC_NOUNS \
            and _head(m) not in {_head(x) for x in ev.mentions}:
        # "since his enthronement" does not refer to a funeral: a specific noun refers to its like
        return False
    if not m.creating:
        # a reference that names someone names someone the event has ("the TPP talks" are not a 2011 meeting)
        if ep and mp and not ep & mp:
            return False
        ep = {p.name for p in ev.participants() if p.kind == "person"}
        mp = {p.name for p in m.participants if p.kind == "person"}
    if ep and mp and not (ep <= mp or mp <= ep):
        # neither list contains the other: two different encounters, unless the text says it is the
        # same one ("Hagel is also attending the ... meeting", "travelled to London for the ceremony")
        if _bare_definite(m) and any(x.trigger.token < m.trigger.token for x in ev.mentions):
            return True
        return _anaphoric(m) and m.date.rank >= attach.RANK["sentence"] and best.date.rank >= attach.RANK["sentence"]
    return True


def _own_date(m: Mention) -> Timex | None:
    """The date a mention's own clause or sentence gives it (not one inherited from the narrative)."""
    tx = m.date.timex
    if tx is None or m.date.rank < attach.RANK["sentence"] or tx.granularity == "open":
        return None
    return tx


NAME_ENTS = ("ORG", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART")


def _event_name(m: Mention) -> str | None:
    """The name a summit or conference noun carries ('the Group of Seven summit', 'a NATO summit',
    'the G20 summit'): an organization or event name, not a country pair ('the U.S.-Japan summit')."""
    if not m.trigger.nominal or m.trigger.type not in ("summit", "conference"):
        return None
    doc = m.sentence.doc
    tok = doc[m.trigger.token]
    own = actors.ent_at(doc, tok.i)
    if own is not None and own.label_ in NAME_ENTS and len(own) > 1:
        return " ".join(w.text.lower() for w in own if w.i != tok.i)
    for c in tok.children:
        if c.dep_ in ("compound", "nmod", "amod") and c.ent_type_ in NAME_ENTS:
            ent = actors.ent_at(doc, c.i)
            return (ent.text if ent is not None else c.text).lower()
    return None


def _same_name(ev: _Event, m: Mention) -> bool:
    """'the Group of Seven summit' and 'a NATO summit' are two summits; a named summit is not the summit of
    a pair told before ('Biden will meet Putin ... the summit') unless its organization takes part."""
    name = _event_name(m)
    names = {n for n in map(_event_name, ev.mentions) if n}
    if name and names:
        return name in names or any(name in n or n in name for n in names)
    if names and not name:
        return True  # "the summit" after "the G20 summit"
    if name and not names and ev.type in ("summit", "conference"):
        people = {p.name for p in ev.participants() if p.kind == "person"}
        orgs = {p.name.lower() for p in ev.participants() if p.kind != "person"}
        # "the Geneva Summit" is named after where the pair meets
        at_place = any(x.location and _same_place(name, x.location) for x in ev.mentions)
        if len(people) >= 2 and not at_place and not any(o in name or name in o for o in orgs):
            return False
    return True


def _lemma(m: Mention) -> str:
    """The trigger's rule: 'welcoming ceremony' (n-ceremony), 'planted a tree' (plant-tree)."""
    return m.trigger.rule


def _head(m: Mention) -> str:
    return m.sentence.doc[m.trigger.token].text.lower()


def _bare_definite(m: Mention) -> bool:
    """'the ceremony', 'the summit': a definite noun with nothing to tell it from the one told before."""
    t = m.trigger
    if not t.nominal:
        return False
    tok = m.sentence.doc[t.token]
    kids = list(tok.children)
    return any(c.dep_ == "det" and c.text.lower() == "the" for c in kids) and not any(
        c.dep_ in ("amod", "compound", "nmod", "poss", "nummod") for c in kids)


def _undated_anchor(m: Mention) -> bool:
    return m.date.source.startswith("anchor") and m.date.source.endswith("(undated)")


def _anaphoric(m: Mention) -> bool:
    """A definite nominal ('the ... meeting') in a clause marked with 'also' joins an event already told."""
    t = m.trigger
    if not t.nominal:
        return False
    doc = m.sentence.doc
    tok = doc[t.token]
    definite = any(c.dep_ == "det" and c.text.lower() == "the" for c in tok.children)
    also = any(c.dep_ == "advmod" and c.text.lower() in ("also", "too", "likewise") for c in doc[t.governor].children)
    return definite and also


PLACE_FILLER = {"new", "the", "of", "city", "san", "santa", "st", "saint", "el", "al", "port", "fort", "north",
                "south", "east", "west", "great", "hall", "house", "palace", "square", "castle", "people"}


def _same_place(a: str, b: str) -> bool:
    ta = {w.strip().lower() for w in a.split(",")}
    tb = {w.strip().lower() for w in b.split(",")}
    if ta & tb:
        return True
    # "Bratislava Castle" is in Bratislava: a venue named after its city
    wa = set(re.findall(r"[a-z]+", a.lower())) - PLACE_FILLER
    wb = set(re.findall(r"[a-z]+", b.lower())) - PLACE_FILLER
    if wa & wb:
        return True
    ca = actors.place_of(a.split(",")[-1].strip())
    cb = actors.place_of(b.split(",")[-1].strip())
    return bool(ca and cb and ca[1] and ca[1] == cb[1])


def _best(ev: _Event) -> Mention:
    """The mention whose date governs the event: the most direct date source, then the finest date."""
    gran = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6,
            "decade": 7, "century": 8, "open": 9}

    def key(m: Mention):
        # the own dates of an event's mentions overlap (_can_merge): the finest of them is the most specific
        own = _own_date(m)
        # "talks that began on Monday" (told on Friday) spans the days the other mentions fall on
        runs = any(r.endswith("runs to the story's day") for r in m.reasons)
        # of two ranges of days, the narrower ("visit Laos from Nov. 19 to 20" in a tour "from Nov. 15 to 26")
        span = (own.latest - own.earliest).days if own is not None and own.earliest and own.latest else 0
        return (runs, own is not None, -gran.get(own.granularity, 9) if own is not None else 0,
                -span if span > 0 else 0, m.date.rank,
                -gran.get(m.date.timex.granularity, 9) if m.date.timex else -10, not m.headline, m.creating,
                -m.trigger.token)
    return max(ev.mentions, key=key)


def _merge(mentions: list[Mention], dct: date) -> list[_Event]:
    events: list[_Event] = []
    for m in mentions:
        if not m.creating:
            continue
        target = _merge_target(events, m)
        if target is None:
            events.append(_Event(m.trigger.type, [m]))
        else:
            target.mentions.append(m)
    by_token = {}
    for ev in events:
        for x in ev.mentions:
            by_token[x.trigger.token] = ev
    for m in mentions:
        if m.creating:
            continue
        # "meet again at the G20 summit": a reference inside an event's own clause belongs to it
        host = by_token.get(m.trigger.governor)
        if m.join is not None and m.join in by_token:
            by_token[m.join].mentions.append(m)
            continue
        if host is not None and compatible_types(host.type, m.trigger.type) and _can_merge_dates(host, m):
            host.mentions.append(m)
            continue
        target = _merge_target(events, m, reference=True)
        if target is not None:
            target.mentions.append(m)
        elif m.presupposed or (m.date.rank == attach.RANK["clause"] and _own_date(m) is not None
                               and _event_name(m) and not m.headline):
            # "and a NATO summit in Brussels on June 14": a named summit with a date of its own that is no
            # event told before is one of its own
            events.append(_Event(m.trigger.type, [m]))
        elif m.line.title and not m.trigger.nominal and m.participants:
            # the title's event, which the body tells in words we did not take as an event of its own
            events.append(_Event(m.trigger.type, [m]))
    for ev in events:
        ev.mentions.sort(key=lambda x: (x.line.start if x.line.paragraph is not None else -1, x.trigger.token))
    return events


def _can_merge_dates(ev: _Event, m: Mention) -> bool:
    """A reference inside an event's clause with a date of its own that the event's does not overlap is
    another event ('travels on June 9 for the Group of Seven summit from June 11 to 13')."""
    own = _own_date(m)
    if own is None:
        return True
    return all(attach.overlaps(own, x.date.timex) for x in ev.mentions if x.date.timex is not None) and _same_name(ev, m)


def _merge_target(events: list[_Event], m: Mention, reference: bool = False) -> _Event | None:
    cands = []
    for i, ev in enumerate(events):
        if not _can_merge(ev, m):
            continue
        shared = len(_names(ev.participants()) & _names(m.participants))
        if not reference and not shared and m.participants and ev.participants() and not _anaphoric(m) \
                and not _bare_definite(m):
            continue

        first = min((x.trigger.token for x in ev.mentions if x.creating), default=m.trigger.token)
        if m.headline:
            # a headline or a caption shows the article's main event: the one that shares most, is at the
            # same place, and comes first in the body
            same_place = bool(m.location) and any(x.location and _same_place(m.location, x.location) for x in ev.mentions)
            cands.append((shared, same_place, 0, -first, ev))
            continue
        same_type = ev.type == m.trigger.type
        before = first < m.trigger.token
        # a reference points back ("after the meeting" is the one told before, not the one told next), then
        # to its own kind ("during their formal talks" is the talks, not another meeting of the same men)
        cands.append((before, same_type, shared, i if before else -i, ev))
    if not cands:
        return None
    cands.sort(key=lambda c: c[:4])
    return cands[-1][4]


# ---------------------------------------------------------------------------------------------- output

def _candidate(ev: _Event, doc, dct: date) -> EventCandidate | None:
    best = _best(ev)
    lead_m = best if best.creating else next((m for m in ev.mentions if m.creating), best)
    ev.type = lead_m.trigger.type
    if ev.type in ("meeting", "talks") and any(m.trigger.type == "summit" for m in ev.mentions):
        # "Biden will meet Putin in Geneva ..., in the first summit between the two leaders": the summit
        ev.type = "summit"
    tx = best.date.timex or attach.open_interval(best.status, dct)
    status = best.status
    if best.date.rank < attach.RANK["sentence"] or not best.creating:
        # a reference ("the last day of the trip") tells the date, not whether the event is still to come
        # with no date of its own, the plainest statement about the event decides
        statuses = [m.status for m in ev.mentions if m.creating] or [m.status for m in ev.mentions if not m.headline] or [status]
        status = "planned" if all(s == "planned" for s in statuses) else statuses[0]
    participants = _represented(_Event(ev.type, [best] + [m for m in ev.mentions if m is not best]).participants())
    location = next((m.location for m in ev.mentions if m.location and m is best and not m.place_inherited), None) or next(
        (m.location for m in ev.mentions if m.location and not m.headline and not m.place_inherited), None) or next(
        (m.location for m in ev.mentions if m.location and not m.headline), None) or next(
        (m.location for m in ev.mentions if m.location), None)
    if location and ev.type in ("visit", "conference", "summit"):
        place = actors.place_of(location.split(",")[-1].strip())
        country = place[1] if place else None
        if country and (ev.type == "visit" or not participants) and all(p.name != country for p in participants):
            participants = participants + [ActorRef(name=country, kind="country")]
    mentions = []
    for m in ev.mentions:
        ln = m.line
        s0 = m.sentence.start_char - ln.start
        raw = m.sentence.text
        if ln.dateline_end and s0 < ln.dateline_end:
            raw = raw[ln.dateline_end - s0:]
            s0 = ln.dateline_end
        sent_text = raw.strip()
        lead_ws = len(raw) - len(raw.lstrip())
        ds = de = None
        if m.date.mention_span and m.date.timex is not None and m.date.timex.start >= 0:
            ds, de = m.date.mention_span[0] - ln.start, m.date.mention_span[1] - ln.start
        mentions.append(MentionCandidate(
            paragraph=ln.paragraph, sentence_index=m.sentence_index, sentence=sent_text,
            sentence_start=max(0, s0 + lead_ws), sentence_end=max(0, s0 + lead_ws) + len(sent_text),
            trigger=m.trigger.text, trigger_start=m.trigger.start - ln.start, trigger_end=m.trigger.end - ln.start,
            date_text=m.date.timex.text if (m.date.timex is not None and ds is not None) else None,
            date_start=ds, date_end=de,
        ))
    # the evidence shown first is the mention that carries the date, else the first body mention
    first = ev.mentions.index(best) if not best.headline else next(
        (i for i, m in enumerate(ev.mentions) if not m.headline), 0)
    mentions.insert(0, mentions.pop(first))
    conf, reasons = _confidence(ev, best, participants)
    if conf < MIN_CONFIDENCE:
        return None
    return EventCandidate(
        type=ev.type, status=status, date=tx, participants=participants, location=location,
        mentions=mentions, confidence=conf, reasons=reasons, extractor_version=EXTRACTOR_VERSION,
    )


def _represented(parts: list[ActorRef]) -> list[ActorRef]:
    """A state whose person takes part is not a party of its own: 'Tillerson met his Mexican counterpart,
    Luis Videgaray' is Tillerson and Videgaray, not Mexico as well."""
    states = {actors.country_of(w) for p in parts if p.kind == "person" for w in (p.role or "").split()}
    return [p for p in parts if p.kind != "country" or p.name not in states]


def _decided(m: Mention) -> bool:
    doc = m.sentence.doc
    cur = doc[m.trigger.governor]
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "ccomp", "conj"):
            return False
        cur = cur.head
        if cur.text.lower() in attach.DECISION_VERBS:
            return True
    return False


def _in_quote(m: Mention) -> bool:
    """Whether the trigger stands inside quotation marks within its paragraph."""
    before = m.sentence.doc.text[m.line.start:m.trigger.start]
    opened = before.count("“") - before.count("”")
    straight = before.count('"') % 2
    return opened > 0 or straight == 1


def _confidence(ev: _Event, best: Mention, participants: list[ActorRef]) -> tuple[float, list[str]]:
    body = [m for m in ev.mentions if not m.headline]
    lead = body[0] if body else best
    conf = lead.trigger.confidence
    reasons = list(lead.reasons)
    src = best.date.source
    conf += {"clause": 0.2, "governing clause": 0.12, "sentence": 0.08}.get(src, 0.0)
    reasons.append(best.date.reason)
    people = [p for p in participants if p.kind == "person"]
    if participants:
        conf += 0.1 if len(participants) >= 2 else 0.05
        reasons.append("participants: " + ", ".join(p.name + (f" ({p.role})" if p.role else "") for p in participants))
    else:
        conf -= 0.15
        reasons.append("no participants found")
    if not people and ev.type in ("meeting", "talks", "phone_call", "press_conference"):
        conf -= 0.05
    if best.location:
        reasons.append(f"location: {best.location}")
    n = len(ev.mentions)
    if n > 1:
        conf += min(0.15, 0.05 * (n - 1))
        reasons.append(f"{n} mentions merged")
    if ev.type == "visit" and participants and all(p.kind == "country" for p in participants) and len(participants) == 1 \
            and best.location and actors.place_of(best.location.split(",")[-1].strip()) \
            and actors.place_of(best.location.split(",")[-1].strip())[1] == participants[0].name:
        # "40 percent of its exports go to Iraq": a destination and no visitor is no visit
        conf -= 0.25
        reasons.append("a destination with no visitor")
    if all(m.presupposed for m in ev.mentions):
        conf -= 0.1
        reasons.append("presupposed by a definite reference")
    elif all(m.headline for m in ev.mentions):
        conf -= 0.1
        reasons.append("told only in the title")
    vague_plan = best.date.source == "no date in the text" and best.status == "planned"
    if vague_plan and (not best.location or best.place_inherited):
        conf -= 0.2
        reasons.append("a plan with no date and no place of its own")
    if vague_plan and _decided(best):
        # "agreed to resume trade negotiations": an intention agreed, not yet an event with a date
        conf -= 0.15
        reasons.append("an undated plan that a decision only announces")
    if vague_plan and all(_in_quote(m) for m in ev.mentions):
        # "We will continue our talks," he said: an intention voiced, not an event announced
        conf -= 0.1
        reasons.append("an undated plan voiced only in a quotation")
    return max(0.05, min(0.99, conf)), reasons
