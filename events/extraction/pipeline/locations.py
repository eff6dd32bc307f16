"""Where an event takes place: its own place, the setting it joins, the place it inherits."""
from __future__ import annotations

from .. import actors, places, triggers
from .model import Mention


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
    pred = triggers.passive_predicate(t) if tr.nominal else None
    if pred is not None:
        heads.append(pred)  # "the summit to be held ... in the Dominican Republic"
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
    if own and places.state_of(found[0]) != places.state_of(own[0]):
        return own[0]  # not a city of the destination ("arrived in Beijing for a visit to China" keeps Beijing)
    return found[0]


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
    _trip_cities(doc, mentions)
    by_token = {m.trigger.token: m for m in mentions}
    for m in mentions:
        if m.location or m.headline:
            continue
        arrival = _arrival_place(doc, m, mentions)
        if arrival:
            m.location = arrival
            m.place_inherited = True
            m.reasons.append(f"told at the arrival of its participant: {arrival}")
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
        places -= _origins(m.sentence, mentions)
        if len(places) == 1:
            m.location = places.pop()
            m.place_inherited = True
            m.reasons.append("place of its sentence")




# words of going somewhere, by lemma: what the destination phrase of a trip hangs on
TRAVEL_LEMMAS = {"visit", "trip", "tour", "journey", "stop", "stopover", "leave", "head", "travel", "fly", "go",
                 "arrive", "depart", "proceed", "return"}


def _traveller(x):
    """Who makes the trip a travel word tells: its possessor or subject ("Mbeki's visit", "she flew"), or for
    a clause with no subject of its own ("Before leaving for Aqaba, Arafat ...") the subject it depends on."""
    cur = x
    for _ in range(3):
        for c in cur.children:
            if c.dep_ in ("poss", "nsubj", "nsubjpass", "agent"):
                return c
        if cur.dep_ not in ("pcomp", "advcl", "xcomp", "prep", "pobj", "acl") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _trip_cities(doc, mentions: list[Mention]) -> None:
    """A visit to a country goes to the city of it where the article sends the same visitor ("travel to Ivory
    Coast on Monday ... Following Mbeki's one-day visit to Abidjan"; "headed for Jordan ... Before leaving for
    the Red Sea resort of Aqaba, Arafat ..."): when the visitor has that one trip to the country and the
    article sends them to one city of it."""
    trips: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        if m.trigger.type != "visit" or not m.creating or m.headline or not m.location or m.place_inherited \
                or not m.participants or m.participants[0].kind != "person":
            continue
        p = actors.place_of(m.location)
        if p and p[0] == p[1]:
            trips.setdefault((m.participants[0].name.split()[-1], p[1]), []).append(m)
    if not trips:
        return
    sent_to: dict[tuple[str, str], set[str]] = {}
    for x in doc:
        if x.lemma_.lower() not in TRAVEL_LEMMAS:
            continue
        who = _traveller(x)
        if who is None:
            continue
        for prep in x.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("to", "for", "in"):
                continue
            for y in prep.children:
                if y.dep_ != "pobj":
                    continue
                # "the Red Sea resort of Aqaba": the name the phrase narrows down to
                for z in [y] + [q for pp in y.children if pp.dep_ == "prep" and pp.lower_ == "of"
                                for q in pp.children if q.dep_ == "pobj"]:
                    span = actors.ent_at(doc, z.i)
                    pl = actors.place_of(span.text) if span is not None and z.ent_type_ in ("GPE", "LOC", "FAC") else None
                    if pl and pl[1] and pl[0] != pl[1]:
                        sent_to.setdefault((who.text, pl[1]), set()).add(pl[0])
    for key, ms in trips.items():
        cities = sent_to.get(key, set())
        if len(cities) != 1 or len({m.sentence.start for m in ms}) != 1:
            continue
        city = cities.pop()
        for m in ms:
            m.reasons.append(f"the city of {m.location} the article sends {key[0]} to: {city}")
            m.location = city


def _arrival_place(doc, m: Mention, mentions: list[Mention]) -> str | None:
    """'Upon his arrival, he had a meeting with Obama', 'on arrival', 'after her arrival': an event told at
    its participant's arrival is where that participant's visit goes (the last one told before it)."""
    heads = {doc[m.trigger.token], doc[m.trigger.governor]}
    at_arrival = any(c.dep_ == "prep" and c.lower_ in ("upon", "on", "after")
                     and any(p.dep_ == "pobj" and p.lemma_.lower() == "arrival" for p in c.children)
                     for h in heads for c in h.children)
    if not at_arrival:
        return None
    names = {p.name for p in m.participants if p.kind == "person"}
    visits = [v for v in mentions if v.trigger.type == "visit" and v.creating and not v.headline and v.location
              and v.participants and v.participants[0].name in names and v.trigger.token < m.trigger.token]
    return max(visits, key=lambda v: v.trigger.token).location if visits else None


def _origins(sent, mentions: list[Mention]) -> set[str]:
    """The places a sentence names as where someone came from ("flew here from neighbouring Malaysia, where
    he was on a visit"): what the "from" phrase of a verb holds, and the events told in it; they are not
    where the sentence's other events are."""
    origins = set()
    doc = sent.doc
    for t in sent:
        if t.lower_ != "from" or t.dep_ != "prep" or t.head.pos_ != "VERB":
            continue
        inside = {x.i for x in t.subtree}
        for o in mentions:
            if o.location and o.trigger.token in inside:
                origins.add(o.location)
        for x in t.subtree:
            if x.ent_type_ in ("GPE", "LOC", "FAC") and x.ent_iob_ == "B":
                pl = actors.place_of(actors.ent_at(doc, x.i).text)
                if pl:
                    origins.add(pl[0])
    return origins


def cities_named(doc, skip: set[int]) -> dict[str, set[str]]:
    """Country -> the cities of it that the article names (outside its datelines)."""
    out: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "GPE" or ent.start in skip:
            continue
        pl = actors.place_of(ent.text)
        if pl and pl[1] and pl[0] != pl[1] and "," not in pl[0]:
            out.setdefault(pl[1], set()).add(pl[0])
    return out
