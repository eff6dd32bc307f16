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

from .datelines import DATELINE, WIRE_DATELINE, dateline
from .names import (
    DATA,
    GENDER_WORDS,
    GROUP_PRONOUNS,
    HONORIFICS,
    NOT_NAME_TOKENS,
    PERSON_PRONOUNS,
    PLACE_LABELS,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    ROYAL_TITLES,
    TITLE_ABBREVIATIONS,
    _canonical_country,
    _expand_title,
    _known_tokens,
    _lookup,
    _name_tokens,
    _norm,
    _royal,
    _span_index,
    _title,
    complete_organizations,
    country_of,
    ent_at,
    gazetteer,
    place_of,
    sent_at,
)
from .register import ArticleActors

__all__ = [
    "ArticleActors",
    "complete_organizations",
    "DATA",
    "DATELINE",
    "GENDER_WORDS",
    "GROUP_PRONOUNS",
    "HONORIFICS",
    "NOT_NAME_TOKENS",
    "PERSON_PRONOUNS",
    "PLACE_LABELS",
    "PRONOUN_GENDER",
    "RELATIVE_PRONOUNS",
    "ROYAL_TITLES",
    "TITLE_ABBREVIATIONS",
    "WIRE_DATELINE",
    "_canonical_country",
    "_expand_title",
    "_known_tokens",
    "_lookup",
    "_name_tokens",
    "_norm",
    "_royal",
    "_span_index",
    "_title",
    "country_of",
    "dateline",
    "ent_at",
    "gazetteer",
    "place_of",
    "sent_at",
]
