"""The register of one article's actors: people with their names, roles and gender, states and organizations."""
from __future__ import annotations

import re

from ..types import ActorRef
from .coreference import Coreference
from .locations import Locations
from .names import (
    GENDER_WORDS,
    HONORIFICS,
    ROYAL_TITLES,
    _expand_title,
    _known_tokens,
    _lookup,
    _name_tokens,
    _norm,
    _royal,
    _title,
    country_of,
    ent_at,
    gazetteer,
    place_of,
)


class ArticleActors(Coreference, Locations):
    """The actors of one article, built from its Doc in one pass; resolves argument tokens to actors."""

    def __init__(self, doc, skip: set[int] | None = None, here: str | None = None):
        self.doc = doc
        self.skip = skip or set()
        self.here = here  # the dateline's place: what "here" means in the story
        self.g = gazetteer()
        self.people: list[ActorRef] = []
        self.mentions: list[tuple[int, ActorRef]] = []  # (token index, person) in text order
        self.by_token: dict[int, ActorRef] = {}
        self.places: dict[int, object] = {}  # places the tagger took for people ("Sochi")
        self.weak: set[int] = set()  # id() of people named once by a lone word the tagger may have guessed
        self.gender: dict[int, str] = {}  # id() of a person -> 'f' / 'm', where the text tells it
        self.last_group: list[ActorRef] = []
        self.last_group_at = -1
        self.groups: list[tuple[int, list[ActorRef]]] = []  # every event group, in text order
        self._build()

    # -- building

    def _build(self):
        doc = self.doc
        for ent in doc.ents:
            if ent.start in self.skip:
                continue
            if ent.label_ == "PERSON" and place_of(ent.text) is None and (country_of(ent.text) or self._title_only(ent)):
                # a demonym the tagger took for a name ("Sri Lankan Minister of Trade ..."), or a headline's
                # title with no name ("Georgian FM visits Moscow")
                continue
            if ent.label_ == "PERSON" and place_of(ent.text) is None:
                self._add_person(ent)
            elif ent.label_ == "PERSON":
                self.places[ent.start] = ent
            elif ent.label_ in ("GPE", "LOC", "NORP") and self._titled_name(ent):
                self._add_person(ent)
            elif ent.label_ in ("GPE", "NORP", "ORG", "LOC", "FAC"):
                ref = self._non_person(ent)
                if ref:
                    for t in ent:
                        self.by_token[t.i] = ref
        # a royal title and a name the tagger left unlabelled: "Queen Elizabeth II", "King Abdullah"
        for t in doc:
            if t.text.lower() in ROYAL_TITLES and t.text[:1].isupper() and t.ent_type_ == "" and t.i not in self.skip:
                j = t.i + 1
                while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].ent_type_ in ("", "PERSON") \
                        and j - t.i <= 3 and "\n" not in doc[j - 1].whitespace_:
                    j += 1
                if j > t.i + 1 and not any(k in self.by_token for k in range(t.i, j)):
                    self._add_person(doc[t.i:j])
        # single proper nouns the tagger missed or mislabelled ("between Park and ..." as a place, "Modi" as an
        # organization): a word that is part of a person's name is that person unless it names a state
        for t in doc:
            if t.i in self.skip or t.pos_ != "PROPN":
                continue
            if t.i in self.by_token:
                ref = self.by_token[t.i]
                ent = ent_at(doc, t.i)
                if ref.kind == "person" or ent is None or len(ent) > 1 or country_of(t.text) or _lookup("organizations", t.text):
                    continue
            else:
                ent = None
            ref = self._person_by_token(t.text, before=t.i)
            if ref is None and ent is None and self._unknown_actor_subject(t):
                # "Sisi had visited Riyadh": a name the tagger missed, acting as the subject of a verb
                ref = ActorRef(name=t.text, kind="person")
                self.people.append(ref)
            if ref is not None:
                self.by_token[t.i] = ref
                self.mentions.append((t.i, ref))
        self.mentions.sort(key=lambda x: x[0])

    def _title_only(self, ent) -> bool:
        """'Georgian FM', 'Egyptian PM': a demonym and a title (or its abbreviation), no name."""
        words = [t.text for t in ent]
        return len(words) >= 2 and bool(country_of(words[0])) and all(
            w.lower() in self.g["title_words"] or (w.isupper() and len(w) <= 3) for w in words[1:])

    def _unknown_actor_subject(self, t) -> bool:
        if t.dep_ != "nsubj" or t.head.pos_ != "VERB" or not t.text[:1].isupper() or not t.text.isalpha():
            return False
        if t.text.lower() in self.g["title_words"] or t.text.isupper():
            return False
        if any(c.dep_ in ("compound", "det", "amod") for c in t.children):
            return False
        text = t.text
        return not (country_of(text) or place_of(text) or _lookup("organizations", text) or _lookup("demonyms", text))

    def _titled_name(self, ent) -> bool:
        """A name the tagger took for a place but the text gives a title: "the Japanese emperor, Naruhito"."""
        if place_of(ent.text) is not None or country_of(ent.text) or _lookup("organizations", ent.text):
            return False
        root = ent.root
        tw = self.g["title_words"]
        if root.dep_ == "appos" and root.head.text.lower() in tw:
            return True
        if any(c.dep_ == "appos" and c.text.lower() in tw for c in root.children):
            return True
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        return prev is not None and prev.text.lower() in tw and prev.text[:1].isupper() and prev.text.lower() not in ("state",)

    def _name_tokens(self, ent):
        """The words of a person's name: titles at the start ("President", "FM") and a possessive dropped."""
        titles = self.g["title_words_bare"]
        words = list(ent)
        while len(words) > 1 and words[0].text.lower().rstrip(".") in titles:
            words = words[1:]
        while words and words[-1].text in ("'s", "’s", "'", "’"):
            words = words[:-1]
        return words

    def _role(self, ent, words) -> str:
        doc = self.doc
        head_words = [t for t in ent if t.i < words[0].i] if words else []
        j = ent.start - 1
        left = []
        tw = self.g["title_words"]
        while j >= 0 and j >= ent.start - 10:
            t = doc[j]
            lw = t.text.lower()
            if j in self.skip or (t.text.isupper() and len(t.text) > 3) or t.is_sent_start and lw == "-":
                break
            # a title written before a name is capitalized and part of the name's phrase ("the first foreign
            # leader Xi has received" gives Xi no role)
            attached = t.text[:1].isupper() or lw in ("-", "of", "for", "and")
            if attached and (lw in tw or (t.ent_type_ in ("NORP", "GPE", "ORG") and t.pos_ != "PART") or lw in ("-", "of", "for", "and")):
                left.insert(0, t)
                j -= 1
                continue
            break
        while left and left[0].text.lower() in ("of", "for", "and", "-"):
            left = left[1:]
        role_toks = left + head_words
        role = " ".join(t.text for t in role_toks)
        return role

    def _add_person(self, ent):
        doc = self.doc
        # a given name the tagger left outside the name ("Cécilia" of "Cécilia Sarkozy")
        start = ent.start
        while start > 0 and start - 1 not in self.skip and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].ent_type_ == "" and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].text.isalpha() and doc[start - 1].text.lower() not in HONORIFICS \
                and doc[start - 1].text.lower() not in self.g["title_words"] \
                and doc[start - 1].text.lower() not in self.g["title_words_bare"] \
                and "\n" not in doc[start - 1].whitespace_ and ent.start - start < 2:
            start -= 1
        # a family name the tagger cut off and labelled apart ("Shah Mahmood" | "Qureshi" as an organization)
        end = ent.end
        while end < len(doc) and end not in self.skip and doc[end].pos_ == "PROPN" and doc[end].ent_type_ in (
                "ORG", "GPE", "") and doc[end].ent_iob_ in ("B", "O") and doc[end].text[:1].isupper() \
                and doc[end].text.isalpha() and "\n" not in doc[end - 1].whitespace_ and end - ent.end < 1 \
                and place_of(doc[end].text) is None and not country_of(doc[end].text) \
                and not _lookup("organizations", doc[end].text) \
                and (end + 1 >= len(doc) or (doc[end + 1].ent_iob_ != "I" and doc[end + 1].text != "-")):
            end += 1
        if start != ent.start or end != ent.end:
            ent = doc[start:end]
        words = self._name_tokens(ent)
        if not words:
            return
        end = words[-1].i + 1
        # "Moon Jae-in": a hyphenated given name the tagger cut at the hyphen
        doc = self.doc
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and doc[end + 1].text.isalpha() and doc[end + 1].text.islower():
            end += 2
        name = doc[words[0].i: end].text.strip()
        name = re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", name))
        role = self._role(ent, words)
        key_tokens = self._tokens(name)
        title = doc[words[0].i - 1] if words[0].i > 0 else None
        regnal = title is not None and title.text.lower() in ROYAL_TITLES and len(key_tokens) == 1
        if regnal:
            name = f"{title.text.capitalize()} {name}"  # "King Hussein", "Pope Francis", "King Abdullah II"
        ref = None
        # same person: every name token seen before (a surname after the full name), or the other way round;
        # with two people of one surname ("Donald Trump", "Melania Trump"), the one named more often
        counts: dict[int, int] = {}
        for _i, q in self.mentions:
            counts[id(q)] = counts.get(id(q), 0) + 1
        # (ties go to the one introduced first: the article's principal)
        order = sorted(self.people, key=lambda q: -counts.get(id(q), 0)) if len(key_tokens) == 1 else reversed(self.people)
        g0 = self._gender_of(ent, words, role)
        if g0:
            # someone the text gives the same gender comes first
            order = sorted(order, key=lambda q: self.gender.get(id(q)) != g0)
        for p in order:
            pt = self._tokens(p.name)
            if g0 and self.gender.get(id(p)) not in (None, g0):
                continue  # "Mrs Sarkozy" is not the Nicolas Sarkozy named before
            if not self._roles_agree(role, p.role):
                continue  # "King Salman" is not "Crown Prince Mohammed bin Salman"
            if regnal and not _royal(p.role) and not p.name.lower().startswith(title.text.lower()):
                continue  # "King Hussein" is not the Saddam Hussein named before
            if key_tokens and (key_tokens <= pt or pt <= key_tokens) and (key_tokens & pt):
                ref = p
                if len(key_tokens) > len(pt):
                    p.aliases = tuple(dict.fromkeys(p.aliases + (p.name,)))
                    p.name = name
                elif name != p.name:
                    p.aliases = tuple(dict.fromkeys(p.aliases + (name,)))
                break
        if ref is None:
            ref = ActorRef(name=name, kind="person", role=role)
            self.people.append(ref)
            # a lone capitalized word opening a sentence may be a common noun the tagger took for a name
            # ("Schedule was tight"); one that does something ("Sisi had visited") is a name
            acts = ent.root.dep_ == "nsubj" and ent.root.head.pos_ == "VERB"
            if len(words) == 1 and not role and ent[0].is_sent_start and not acts:
                self.weak.add(id(ref))
        elif id(ref) in self.weak and (len(words) > 1 or not ent[0].is_sent_start):
            self.weak.discard(id(ref))
        if not role:
            role = self._appositive_role(ent)
        g = g0 or self._gender_of(ent, words, role)
        if g and id(ref) not in self.gender:
            self.gender[id(ref)] = g
        if role and not ref.role:
            ref.role = role
        elif role and len(role) > len(ref.role) and role.lower().endswith(ref.role.lower()):
            ref.role = role
        for i in range(ent.start, max(ent.end, end)):
            self.by_token[i] = ref
        self.mentions.append((words[-1].i, ref))

    def _gender_of(self, ent, words, role: str) -> str | None:
        """'f' / 'm' where the text tells it: an honorific or royal title before the name ('Mrs Sarkozy',
        'Queen Elizabeth II'), or an apposition ('Cécilia Sarkozy, wife of the French president')."""
        doc = self.doc
        first = words[0].i if words else ent.start
        before = [doc[first - 1].text.lower().rstrip(".")] if first > 0 else []
        before += [w.text.lower().rstrip(".") for w in ent if w.i < first]
        for w in before + role.lower().split()[:1]:
            if w in GENDER_WORDS:
                return GENDER_WORDS[w]
        for c in ent.root.children:
            if c.dep_ == "appos" and c.text.lower() in GENDER_WORDS:
                return GENDER_WORDS[c.text.lower()]
        return None

    def _appositive_role(self, ent) -> str:
        """A title told after the name: 'Tsai Ing-wen, the president of Taiwan' -> 'president of Taiwan'."""
        for c in ent.root.children:
            if c.dep_ == "appos" and c.text.lower() in self.g["title_words"] and c.ent_type_ != "PERSON":
                words = [x for x in c.subtree if x.dep_ not in ("det", "punct", "poss") and x.ent_type_ != "PERSON"]
                if words and len(words) <= 6:
                    return " ".join(x.text for x in words)
        return ""

    def _roles_agree(self, a: str, b: str) -> bool:
        """Two titles can belong to one person unless their title words have nothing in common."""
        wa = {w for w in _expand_title(a).split() if w in self.g["title_words"] and w not in ("of", "and", "for", "the")}
        wb = {w for w in _expand_title(b).split() if w in self.g["title_words"] and w not in ("of", "and", "for", "the")}
        return not wa or not wb or bool(wa & wb)

    @staticmethod
    def _tokens(name: str) -> frozenset[str]:
        return _name_tokens(name)

    def _person_by_token(self, text: str, before: int) -> ActorRef | None:
        toks = self._tokens(text)
        if not toks:
            return None
        # anyone named before with that name; of two ("Donald Trump", "Melania Trump") the one named more
        # often, then the most recent
        found: dict[int, list] = {}
        for rank, (i, p) in enumerate(self.mentions):
            if i >= before:
                continue
            if toks <= _known_tokens(p.name, p.aliases):
                entry = found.setdefault(id(p), [p, 0, 0])
                entry[1] += 1
                entry[2] = rank
        if found:
            intro = {id(p): n for n, p in enumerate(self.people)}
            return max(found.values(), key=lambda e: (e[1], -intro.get(id(e[0]), 0)))[0]
        for p in reversed(self.people):
            if toks <= _known_tokens(p.name, p.aliases):
                return p
        return None

    def _non_person(self, ent) -> ActorRef | None:
        text = ent.text
        label = ent.label_
        if label == "ORG" and (_lookup("demonyms", text) or self._title_only(ent)):
            # "her Angolan counterpart", "Georgian FM visits Moscow": a demonym (with a bare title) the tagger
            # took for a name stands for its state
            label, text = "NORP", ent[0].text
        if label == "NORP":
            c = _lookup("demonyms", text) or _lookup("countries", text) or country_of(text)
            if c:
                return ActorRef(name=c, kind="organization" if c not in self.g["country_names"] else "country")
            return None
        if label in ("GPE", "LOC"):
            c = _lookup("countries", text) or (_lookup("demonyms", text) or country_of(text) if " " not in text else None)
            if c:
                return ActorRef(name=c, kind="country")
            c = _lookup("capitals", text)
            if c:
                return ActorRef(name=c, kind="country", aliases=(_title(text),))
            o = _lookup("organizations", text)
            if o:
                return ActorRef(name=o, kind="organization")
            if label == "GPE":
                return ActorRef(name=_title(text), kind="country")
            return None
        if label in ("ORG", "FAC"):
            o = _lookup("organizations", text)
            if o:
                kind = "country" if o in self.g["country_names"] else "organization"
                return ActorRef(name=o, kind=kind)
            c = _lookup("countries", text)
            if c:
                return ActorRef(name=c, kind="country")
            if label == "ORG" and not self._is_venue(text):
                name = _title(text)
                # "U.S. Congress" keeps its qualifier; leading demonyms are kept as part of an org name
                return ActorRef(name=name, kind="organization")
        return None

    def _is_venue(self, text: str) -> bool:
        return _norm(text) in self.g["venues"]
