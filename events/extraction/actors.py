"""Participants and locations: people, countries and organizations as actors with canonical names.

Within one article (one Doc), `ArticleActors` keeps a register of the actors seen so far:

- a person's canonical name is the fullest form of the name seen ("Prime Minister Benjamin Netanyahu"
  becomes "Benjamin Netanyahu" with the role "Prime Minister"); a later "Netanyahu", "the prime minister"
  or "he" is the same actor;
- titles become the actor's role, never part of the name;
- demonyms and capitals used for states ("Russian", "Moscow called for") map to the country;
- "the two men", "both leaders", "they" take the participants of the event they refer to.

Places: the city, venue or country where an event took place; a venue maps to its city ("at the
Kremlin" is in Moscow). The dateline ("WASHINGTON (Reuters) -") is where the story was filed, not where
anything happened; `dateline()` finds it so that the pipeline can ignore it.

The lexicon (countries, demonyms, capitals, venues, organizations, titles) is data, in
`data/gazetteer.json`.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from . import geo
from .types import ActorRef

DATA = Path(__file__).resolve().parent / "data"

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
# words before or about a name that tell a person's gender
GENDER_WORDS = {"mrs": "f", "ms": "f", "miss": "f", "madame": "f", "mme": "f", "dame": "f", "lady": "f",
                "queen": "f", "princess": "f", "empress": "f", "wife": "f", "widow": "f", "daughter": "f",
                "mother": "f", "sister": "f", "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
                "emperor": "m", "husband": "m", "son": "m", "father": "m", "brother": "m", "monsieur": "m"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "both", "themselves"}
RELATIVE_PRONOUNS = {"who", "whom", "whose", "which", "that"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict:
    g = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    for k in ("countries", "demonyms", "capitals", "cities", "venues", "organizations"):
        g[k] = {key.lower(): v for key, v in g[k].items()}
    for k in ("titles", "title_words", "group_nouns", "pair_nouns"):
        g[k] = frozenset(x.lower() for x in g[k])
    g["summit_orgs"] = frozenset(g["summit_orgs"])
    g["title_words_bare"] = frozenset(w.rstrip(".") for w in g["title_words"])
    g["country_names"] = frozenset(g["countries"].values())
    return g


TITLE_ABBREVIATIONS = {"fm": "foreign minister", "pm": "prime minister", "sg": "secretary general",
                       "gen.": "general", "sen.": "senator", "rep.": "representative", "amb.": "ambassador",
                       "pres.": "president", "min.": "minister"}


def _expand_title(role: str) -> str:
    return " ".join(TITLE_ABBREVIATIONS.get(w, w) for w in role.lower().split())


# Titles that go with a regnal or religious name: "King Hussein" is not Saddam Hussein, and is called so.
ROYAL_TITLES = {"king", "queen", "pope", "emir", "sultan", "prince", "princess", "emperor", "empress", "shah"}
# Words before a name that are no part of it (beside the gazetteer's titles)
HONORIFICS = {"sir", "dame", "lord", "lady", "colonel", "col", "general", "gen", "admiral", "major", "captain",
              "sheikh", "sheik", "mr", "mrs", "ms", "miss", "dr", "madame", "mme", "monsieur", "herr", "frau",
              "senor", "señor", "senora", "señora", "comrade", "marshal", "brigadier", "lieutenant", "rev", "father"}
# Particles and regnal numerals: "Abdullah II" and "Elizabeth II" share no name.
NOT_NAME_TOKENS = {"al", "el", "bin", "ibn", "de", "van", "von", "la", "le", "ii", "iii", "iv", "v", "vi", "vii", "viii",
                   "ix", "x",  # not "xi": Xi Jinping
                   "jr", "sr"}


@functools.lru_cache(maxsize=8192)
def _name_tokens(name: str) -> frozenset[str]:
    # letters of any script: "cécilia" is one word, not "c" and "cilia"
    return frozenset(w for w in re.findall(r"[^\W\d_]+", name.lower().replace("'", "")) if w not in NOT_NAME_TOKENS)


def _royal(role: str) -> bool:
    return bool(set(role.lower().split()) & ROYAL_TITLES)


@functools.lru_cache(maxsize=8192)
def _known_tokens(name: str, aliases: tuple[str, ...]) -> frozenset[str]:
    out = set(_name_tokens(name))
    for a in aliases:
        out |= _name_tokens(a)
    return frozenset(out)


def _span_index(doc, key: str, spans) -> dict:
    """Token index -> the span covering it, built once per Doc and kept in doc.user_data[key]."""
    idx = doc.user_data.get(key)
    if idx is None:
        idx = {j: span for span in spans() for j in range(span.start, span.end)}
        doc.user_data[key] = idx
    return idx


def ent_at(doc, i: int):
    """The entity span covering token i, or None."""
    return _span_index(doc, "_ent_at", lambda: doc.ents).get(i)


def sent_at(doc, i: int):
    """The sentence span holding token i (Token.sent scans from the start of the Doc every time)."""
    return _span_index(doc, "_sent_at", lambda: doc.sents)[i]


@functools.lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").strip()
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    text = re.sub(r"'s$|'$", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.-–—").lower()


def _lookup(table: str, text: str) -> str | None:
    key = _norm(text)
    val = gazetteer()[table].get(key)
    if val is None and "." in text:
        key = key + "."
        val = gazetteer()[table].get(key)
    if val is None:
        return None
    # short all-capital aliases ("US", "AL", "UN") only match when written in capitals
    raw = text.strip()
    if len(key.replace(".", "")) <= 3 and not raw.replace("'s", "").replace("’s", "").isupper():
        return None
    return val


def country_of(text: str) -> str | None:
    """The state a name, demonym or capital stands for: 'Russian' -> Russia, 'Moscow' -> Russia."""
    for table in ("countries", "demonyms", "capitals"):
        v = _lookup(table, text)
        if v:
            return v
    return _canonical_country(geo.country(text))


def _canonical_country(name: str | None) -> str | None:
    """A GeoNames state under the name the gazetteer gives it ('Republic of Korea' style aliases)."""
    if name is None:
        return None
    return _lookup("countries", name) or name


def place_of(text: str) -> tuple[str, str | None] | None:
    """(display name, country) for a place name; venues are shown with their city ('Kremlin, Moscow')."""
    key = _norm(text)
    g = gazetteer()
    if key in g["venues"]:
        city = g["venues"][key]
        name = re.sub(r"^(the)\s+", "", text.strip(), flags=re.I).rstrip(",. ")
        return f"{name}, {city}", g["capitals"].get(city.lower()) or g["cities"].get(city.lower())
    for table in ("capitals", "cities"):
        if key in g[table]:
            return _title(text), g[table][key]
    c = _lookup("countries", text)
    if c:
        return c, c
    # the rest of the world: any state, any sizeable city or capital (GeoNames)
    c = _canonical_country(geo.country(text))
    if c:
        return c, c
    hit = geo.city(text.strip())
    if hit:
        return hit[0], _canonical_country(hit[1])
    return None


def _title(text: str) -> str:
    t = re.sub(r"^(the)\s+", "", text.strip(), flags=re.I).rstrip(",. ")
    t = re.sub(r"['’]s$", "", t)
    return t


# ---------------------------------------------------------------------------------------------- datelines

DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Z.'’\- ]{2,}?(?:,\s*[A-Z][A-Za-z0-9.'’ ]+?){0,2})\s*
        (?:\((?P<agency>[^)]{1,40})\))?\s*
        (?:[-–—]+|:|\.\s*/[A-Za-z\- ]{2,20}/\.?)\s*
        (?:(?P<date>[^:\n]{0,40}?\d{4})\s*:\s*)?""",
    re.X,
)


# "Mexico City, Feb 3 (IANS)", "Kampala, June 24 (Xinhua) --": a place in ordinary case, a date and an agency
WIRE_DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Za-z.'’\- ]{2,30}?),\s*
        (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?\s*
        \((?P<agency>[A-Za-z][A-Za-z .]{1,24})\)\s*(?:[-–—:]+\s*)?""",
    re.X,
)


def dateline(line: str) -> tuple[int, str | None]:
    """Characters taken by a dateline at the start of a paragraph, and its place: 'WASHINGTON (Reuters) -'
    gives (22, 'Washington'), and so does a dateline with a region and a date ('BRATISLAVA, Slovakia, Feb 24
    (Reuters) -'). (0, None) when the paragraph has none."""
    m = DATELINE.match(line)
    if not m:
        # in ordinary case only a place the gazetteer or GeoNames knows ("Hu Jintao, Nov 3 (...)" is none)
        w = WIRE_DATELINE.match(line)
        if w is None or place_of(w.group("place")) is None:
            return 0, None
        return w.end(), w.group("place").strip()
    place = m.group("place").strip()
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return 0, None
    return m.end(), place.split(",")[0].title()


# ---------------------------------------------------------------------------------------------- the register

class ArticleActors:
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
        if start != ent.start:
            ent = doc[start:ent.end]
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
        if label == "NORP":
            c = _lookup("demonyms", text) or _lookup("countries", text)
            if c:
                return ActorRef(name=c, kind="organization" if c not in self.g["country_names"] else "country")
            return None
        if label in ("GPE", "LOC"):
            c = _lookup("countries", text)
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

    # -- resolving

    def person_before(self, i: int, _depth: int = 0) -> ActorRef | None:
        """The person a he/she/his at token i refers to: the last one named in the sentence before it,
        else the subject of the previous sentence (a pronoun subject of the same gender there refers on:
        "She had talks planned with President Paz. Before that, she laid a wreath" is hers), else the last
        one named. A person whose gender the text gives (an honorific, a royal title, 'wife of') is never
        the referent of a pronoun of the other gender."""
        doc = self.doc
        want = PRONOUN_GENDER.get(doc[i].text.lower())

        def fits(p):
            return want is None or self.gender.get(id(p)) in (None, want)
        sent = sent_at(doc, i)
        strong = [(j, p) for j, p in self.mentions if id(p) not in self.weak and fits(p)]
        inside = [p for j, p in strong if sent.start <= j < i]
        if inside:
            return inside[-1]
        prev = [p for j, p in strong if j < sent.start]
        if not prev:
            return None
        prev_sent = sent_at(doc, sent.start - 1) if sent.start > 0 else None
        prev_sent_start = prev_sent.start if prev_sent is not None else 0
        subjects = [p for j, p in strong if prev_sent_start <= j < sent.start and doc[j].dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        if prev_sent is not None and want is not None and _depth < 4:
            pron = next((t for t in prev_sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
                         and PRONOUN_GENDER.get(t.text.lower()) == want), None)
            if pron is not None:
                return self.person_before(pron.i, _depth + 1)
        return prev[-1]

    def group_before(self, i: int, role: str | None = None) -> list[ActorRef]:
        """'the two men', 'both', 'they': two people named in the same sentence before, else the last
        event with two or more participants, else the last two people named. A pair named by a title ('the
        two presidents') is the last group whose people all hold it, when the last group does not."""
        sent = sent_at(self.doc, i)
        title = role[:-1] if role and role.endswith("s") and role[:-1] in self.g["title_words"] else None
        if title:
            def holds(p):
                return p.kind != "person" or title in (p.role or "").lower().split()
            if self.last_group and not all(holds(p) for p in self.last_group):
                for at, group in reversed(self.groups):
                    if at < i and len([p for p in group if p.kind == "person"]) >= 2 and all(holds(p) for p in group):
                        return list(group)
        inside = []
        for j, p in self.mentions:
            if sent.start <= j < i and p not in inside:
                inside.append(p)
        if len(inside) >= 2:
            return inside[-2:]
        if self.last_group and self.last_group_at >= sent.start - 200:
            return list(self.last_group)
        seen = []
        for _j, p in reversed([(j, p) for j, p in self.mentions if j < i]):
            if p not in seen:
                seen.append(p)
            if len(seen) == 2:
                break
        return list(reversed(seen)) if len(seen) == 2 else []

    def by_role(self, word: str, i: int, state: str | None = None) -> ActorRef | None:
        """The last person named before token i whose title holds `word`; with `state` ('the French
        minister'), only one whose title names that state ('French Defence Minister')."""
        word = word.lower()

        def holds(p):
            if not p.role or word not in p.role.lower().split():
                return False
            return state is None or any(country_of(w) == state for w in p.role.split())
        for j, p in reversed(self.mentions):
            if j < i and holds(p):
                return p
        for p in reversed(self.people):
            if holds(p):
                return p
        return None

    def _state_of_title(self, t) -> str | None:
        """The state a demonym on a title noun names: 'the French minister' -> France."""
        for c in t.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in ("NORP", "GPE"):
                return country_of(c.text)
        return None

    def resolve(self, t, _depth: int = 0) -> list[ActorRef]:
        """The actors an argument headed by token t names (with its conjuncts and appositions)."""
        out: list[ActorRef] = []
        self._resolve_one(t, out, _depth)
        for c in t.children:
            if c.dep_ == "conj" or (c.dep_ == "appos" and not out):
                self._resolve_one(c, out, _depth)
                for cc in c.children:
                    if cc.dep_ == "conj":
                        self._resolve_one(cc, out, _depth)
        uniq: list[ActorRef] = []
        for a in out:
            if all(a is not b and a.name != b.name for b in uniq) and all(a is not b for b in uniq):
                uniq.append(a)
        return uniq

    def _resolve_one(self, t, out: list, depth: int):
        if depth > 3 or t.i in self.skip:
            return
        lw = t.text.lower()
        if t.i in self.by_token:
            out.append(self.by_token[t.i])
            return
        if t.pos_ == "PRON" or t.tag_ in ("PRP", "PRP$", "WP"):
            if lw in PERSON_PRONOUNS:
                p = self.person_before(t.i)
                if p:
                    out.append(p)
            elif lw in GROUP_PRONOUNS:
                out.extend(self.group_before(t.i))
            elif lw in RELATIVE_PRONOUNS and t.head.dep_ == "relcl":
                out.extend(self.resolve(t.head.head, depth + 1))
            return
        if t.pos_ == "PROPN":
            ref = self._person_by_token(t.text, before=t.i)
            if ref:
                out.append(ref)
                return
        # "the two men", "both leaders"; "the two presidents" are the last pair who are both presidents
        if lw in self.g["pair_nouns"] and any(
                (c.dep_ == "nummod" and c.text.lower() in ("two", "2")) or c.text.lower() in ("both",) for c in t.children):
            out.extend(self.group_before(t.i, role=lw))
            return
        # "The two first met in Vladivostok": a bare "the two" as subject
        if lw == "two" and t.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "det" and c.text.lower() == "the" for c in t.children):
            out.extend(self.group_before(t.i))
            return
        # an appositive or a compound that names someone: "her counterpart, Barack Obama"
        for c in t.children:
            if c.dep_ in ("appos",) and (c.i in self.by_token or c.pos_ == "PROPN"):
                n = len(out)
                self._resolve_one(c, out, depth + 1)
                state = self._state_of_title(t) if lw in self.g["title_words"] else None
                for p in out[n:]:
                    if state and p.kind == "person" and not p.role:
                        # "his Mexican counterpart, Luis Videgaray": the title is his
                        p.role = " ".join(x.text for x in t.subtree if x.i <= t.i and x.dep_ != "poss")
                return
        # a demonym or a named modifier on a group noun: "Japanese leaders", "U.S. Congress leaders"
        if lw in self.g["group_nouns"] or lw in self.g["title_words"]:
            found = []
            # "the Chinese premier", "the minister": a title alone is the person who holds it
            if lw in self.g["title_words"] and lw not in self.g["group_nouns"] and lw not in ("counterpart", "head", "chief"):
                p = self.by_role(lw, t.i, self._state_of_title(t))
                if p is not None and any(c.dep_ in ("det", "poss", "amod", "compound") for c in t.children):
                    out.append(p)
                    return
            # "his counterpart Barack Obama" parsed apart: the name right after the title
            nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B" and nxt.i in self.by_token:
                out.append(self.by_token[nxt.i])
                return
            for c in t.children:
                if c.dep_ in ("amod", "compound", "nmod", "poss") and (c.i in self.by_token):
                    found.append(self.by_token[c.i])
                    for cc in c.children:
                        if cc.dep_ == "conj" and cc.i in self.by_token:
                            found.append(self.by_token[cc.i])
                elif c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
                    found.extend(self.resolve(c, depth + 1))
                elif c.dep_ == "prep" and c.text.lower() in ("from", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            found.extend(self.resolve(p, depth + 1))
            if not found and lw in self.g["title_words"] and lw not in self.g["group_nouns"]:
                if any(c.dep_ == "det" and c.text.lower() == "the" for c in t.children) or any(
                        c.dep_ == "poss" for c in t.children):
                    p = self.by_role(lw, t.i, self._state_of_title(t))
                    if p:
                        found.append(p)
            out.extend(f for f in found if f not in out)
            return
        # "APEC-member economies", "the French"
        if t.ent_type_ == "" and t.pos_ in ("NOUN",):
            for c in t.lefts:
                for x in c.subtree:
                    if x.i in self.by_token and self.by_token[x.i].kind != "person" and self.by_token[x.i] not in out:
                        out.append(self.by_token[x.i])

    def note_group(self, actors: list[ActorRef], at: int):
        """Remember the participants of the last event with two or more ('the two ministers' later)."""
        if len(actors) >= 2:
            self.last_group = list(actors)
            self.last_group_at = at
            self.groups.append((at, list(actors)))

    def place(self, t) -> str | None:
        """The place a token heads ('in Moscow', 'at the Kremlin', 'to Japan'), or None."""
        if t.i in self.skip:
            return None
        doc = self.doc
        if t.ent_type_ in PLACE_LABELS | {"ORG"} or (t.ent_type_ == "PERSON" and ent_at(doc, t.i) is not None
                                                     and ent_at(doc, t.i).start in self.places):
            span = ent_at(doc, t.i)
            text = span.text if span is not None else t.text
            p = place_of(text)
            if p is None and " in " in text:
                # "the Great Hall of the People in Beijing"
                p = place_of(text.split(" in ")[0]) or place_of(text.rsplit(" in ", 1)[1])
            if p:
                return p[0]
            if t.ent_type_ == "FAC" or (t.ent_type_ in ("GPE", "LOC") and not _lookup("organizations", text)):
                return _title(text)
            return None
        if t.pos_ == "PROPN" and t.ent_type_ not in ("PERSON", "NORP", "DATE", "TIME"):
            # a city the tagger took for something else ("in Montevideo" as a product)
            span = ent_at(doc, t.i)
            p = place_of(span.text if span is not None else t.text)
            if p:
                return p[0]
        # a venue the tagger did not label: "Zhongnanhai compound", "the South Lawn"
        phrase = doc[min(x.i for x in t.subtree if x.dep_ in ("compound", "det", "amod") or x.i == t.i): t.i + 1].text
        for cand in (phrase, t.text):
            p = place_of(cand)
            if p and _norm(cand) in self.g["venues"]:
                return p[0]
        for c in t.children:
            if c.dep_ == "compound":
                p = place_of(c.text)
                if p and _norm(c.text) in self.g["venues"]:
                    return p[0]
        if t.text.lower() == "there":
            # "hosted Netanyahu at the White House and received Abbas there": the last place named before it,
            # but not one inside the verb's own arguments ("meet the ministers of Japan there" is not Japan)
            args = {x.i for c in t.head.children if c.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "dative")
                    for x in c.subtree}
            start = sent_at(doc, t.i).start
            for x in reversed(doc[max(0, start - 60): t.i]):
                if x.ent_type_ in ("GPE", "LOC", "FAC") and x.i not in self.skip and x.ent_iob_ == "B" \
                        and x.i not in args:
                    p = place_of(ent_at(doc, x.i).text)
                    if p:
                        return p[0]
            return None
        if t.text.lower() == "here" and self.here:
            # "a visit here by President Park": the text itself says the event is where the story was filed
            p = place_of(self.here)
            return p[0] if p else self.here
        return None
