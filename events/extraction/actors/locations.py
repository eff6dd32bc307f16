"""Places: the place a token heads ('in Moscow', 'at the Kremlin', 'there', 'here')."""
from __future__ import annotations

import functools
import json

from .. import geo
from .names import DATA, PLACE_LABELS, _lookup, _norm, _title, country_of, ent_at, place_of, sent_at


@functools.lru_cache(maxsize=1)
def _gazetteer_capitals() -> dict[str, str]:
    """State -> its capital as the gazetteer first writes it (the seat of government: 'The Hague')."""
    out: dict[str, str] = {}
    for city, state in json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))["capitals"].items():
        out.setdefault(state, city)
    return out


def capital_of(state: str) -> str | None:
    """The capital of a state, shown as place_of shows it: 'Vietnam' -> 'Hanoi'."""
    city = _gazetteer_capitals().get(state) or geo.capital(state)
    if city and city.islower():
        city = " ".join(w.capitalize() for w in city.split())
    p = place_of(city) if city else None
    return p[0] if p and p[1] == state else None


def _capital_named(t) -> str | None:
    """'in Vietnam's capital Haoni', 'in the Malian capital', 'the capital of Mali': the state's capital,
    whatever the name beside 'capital' is spelt (the gazetteer knows the capital, not every spelling)."""
    # the name beside "capital" is a name ("the capital Haoni"), not a noun ("Iranian capital markets")
    word = t if t.lower_ == "capital" else next((c for c in t.children if c.dep_ in ("compound", "nmod")
                                                  and c.lower_ == "capital"), None) if t.pos_ == "PROPN" else None
    if word is None and t.dep_ == "appos" and t.head.lower_ == "capital":
        word = t.head
    if word is None:
        return None
    for c in list(word.children) + (list(t.children) if t is not word else []):
        x = None
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE")):
            x = c
        elif c.dep_ == "prep" and c.lower_ == "of":
            x = next((p for p in c.children if p.dep_ == "pobj"), None)
        if x is not None:
            span = ent_at(t.doc, x.i)
            state = country_of(span.text if span is not None else x.text)
            if state:
                return capital_of(state)
    return None


class Locations:
    """Methods of ArticleActors (register.py); they read its register of people and places."""

    def place(self, t) -> str | None:
        """The place a token heads ('in Moscow', 'at the Kremlin', 'to Japan'), or None."""
        if t.i in self.skip:
            return None
        doc = self.doc
        cap = _capital_named(t)
        if cap:
            return cap
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
