"""Names of actors and places: the gazetteer, titles, name tokens, states, cities and venues."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from spacy.tokens import Span

from .. import geo

DATA = Path(__file__).resolve().parent.parent / "data"

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


def complete_organizations(doc) -> None:
    """An organisation the tagger cut short after a linking word ("Group of" | "Seven"): the entity becomes the
    known name that runs on over the next words, when the lexicon has one. Call before any ent_at."""
    ents, changed = list(doc.ents), False
    for k, ent in enumerate(ents):
        if ent.label_ != "ORG" or ent[-1].lower_ not in ("of", "for", "and"):
            continue
        for end in range(min(len(doc), ent.end + 3), ent.end, -1):
            if _lookup("organizations", doc[ent.start:end].text):
                ents[k] = Span(doc, ent.start, end, label="ORG")
                changed = True
                break
    if changed:
        kept, last = [], -1
        for e in sorted(ents, key=lambda e: (e.start, -e.end)):
            if e.start >= last:
                kept.append(e)
                last = e.end
        doc.ents = kept


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
    # a demonym the table lacks, made from the state's name: 'Ugandan', 'Malian', 'Sudanese', 'Omani'
    for suffix in ("ese", "ian", "an", "n", "i"):
        if text[:1].isupper() and text.endswith(suffix) and len(text) > len(suffix) + 3:
            stem = text[: -len(suffix)]
            v = _lookup("countries", stem) or _canonical_country(geo.country(stem))
            if v:
                return v
            if suffix == "ian":  # 'Ukrainian' -> Ukraine, 'Mauritanian' -> Mauritania
                for tail in ("e", "a"):
                    v = _lookup("countries", stem + tail)
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
