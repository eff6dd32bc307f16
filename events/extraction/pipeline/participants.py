"""Who takes part in an event: subjects, objects, hosts, destinations, "met separately with A and B"."""
from __future__ import annotations

from .. import actors, attach, triggers
from ..types import ActorRef
from .merge import _names
from .model import HOSTING_VERBS, SOURCE_WORDS

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
    # ("held talks in Turkey, then flew to Israel": a second verb the parser leaves as 'dep' of the first)
    if t.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "ccomp") or t.dep_ == "relcl" or (
            t.dep_ == "dep" and t.pos_ == "VERB" and t.head.pos_ in ("VERB", "AUX")):
        if t.dep_ == "relcl" and not _visit_purpose(t):
            return [t.head]
        if t.dep_ in ("xcomp", "ccomp"):
            # object control: "Erdogan invited Putin to visit Turkey" -> Putin visits
            # ("which Trump left early to fly": a relative pronoun is no controller, the subject is)
            objs = [c for c in t.head.children if c.dep_ in ("dobj", "obj") and c.i < t.i and c.tag_ not in ("WDT", "WP")]
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
        if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN"):
            if _visit_purpose(t):
                # "arrived in China for a two-day visit to attend the dialogue": the visitor attends
                cur = t.head
                for _ in range(3):
                    cur = cur.head
                    if cur.pos_ in ("VERB", "AUX"):
                        return _clause_subjects(cur, depth + 1)
                    if cur.head.i == cur.i:
                        break
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
        # "an opening round of talks with Kyuma", "their second round of talks": the round's parties
        for c in list(t.children) + (list(doc[tr.phrase].children) if tr.phrase is not None else []):
            if c.dep_ == "poss" and not (not tr.creating and c.lower_ in ("their", "its")):
                # ("during their formal talks": a reference's 'their' points back at the event, it names no one new)
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
                if tr.type == "visit" and c.ent_type_ in ("NORP", "GPE", "LOC") and t.lemma_.lower() in triggers.VISIT_NOUNS:
                    continue  # "a week-long European trip", "his Asian tour": where the trip goes, not who is met
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
            states = [actors.country_of(part) for part in parts]
            if not all(states):
                continue  # "the Ibero-American Summit" is no American party's: a pair names a state on each side
            for c in states:
                if all(c != a.name for a in pair_countries):
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
                    # ("a welcome ceremony for Monti", "... for the Italian leader": the honoured guest)
                    slots += [p for p in c.children if p.dep_ == "pobj" and (
                        c.text.lower() == "with" or p.pos_ == "PROPN" or p.lower_ in actors.gazetteer()["title_words"]
                        or p.lower_ == "leader")]
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
    # "the China-Pakistan Foreign Ministers' Strategic Dialogue": the event's own name is no party to it
    own_name = register.by_token.get(t.i) if tr.nominal else None
    at: dict[int, int] = {}  # id(actor) -> where the text names it, for a reading order
    for s in slots:
        if _is_source(s) or s.i in register.skip or s.i == t.i:
            continue
        # a place that is where the event happens is its location, not a participant
        if s.dep_ == "pobj" and s.head.text.lower() in ("in", "at", "to") and s.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        if tr.type == "visit" and s.dep_ in ("dobj",) and s.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        found = [a for a in register.resolve(s) if a is not own_name]
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
    if len(out) == 1 and out[0].kind == "person" and _jointly(t, gov):
        # "while jointly meeting the press, Xi stressed ...", "at a joint news conference, Abe said": the
        # people of the last encounter of two or more people told before, with the one named among them
        for at_tok, group in reversed(register.groups):
            people = [a for a in group if a.kind == "person"]
            if at_tok < t.i and len(people) >= 2 and any(a.name == out[0].name for a in people):
                out += [a for a in people if a.name not in _names(out)]
                break
    for a in pair_countries:
        if all(a.name != b.name for b in out):
            out.append(a)
    return out


def _jointly(t, gov) -> bool:
    """'jointly meeting the press', 'a joint press conference', 'held a joint news conference'."""
    return any((c.dep_ == "advmod" and c.lower_ == "jointly") or (c.dep_ == "amod" and c.lower_ == "joint")
               for w in {t.i: t, gov.i: gov}.values() for c in w.children)


EVENT_NOUNS = {"talks", "meeting", "meetings", "consultations", "negotiations", "discussions", "summit"}


def _visit_purpose(t) -> bool:
    """'a two-day visit to attend the dialogue': an infinitive on a trip noun tells what the trip is for."""
    return t.head.lemma_.lower() in triggers.VISIT_NOUNS and any(c.tag_ == "TO" for c in t.children)


def _hosts(doc, t, gov) -> list:
    """The host of a visit, where the clause names one: 'at the invitation of President Hu', 'at Wen's
    invitation', 'headed for Jordan for talks with King Hussein' (the partner of the talks it is for)."""
    out = []
    for h in {t.i: t, gov.i: gov}.values():
        for c in h.children:
            if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in ("see", "meet") and any(
                    a.tag_ == "TO" for a in c.children):
                # "will travel to the West Bank Monday to see Abbas": whom the trip is made to see hosts it
                out += [x for x in c.children if x.dep_ in ("dobj", "obj") and x.ent_type_ == "PERSON"]
                out += [x for pp in c.children if pp.dep_ == "prep" and pp.lower_ == "with"
                        for x in pp.children if x.dep_ == "pobj" and x.ent_type_ == "PERSON"]
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

