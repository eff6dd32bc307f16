"""The records the pipeline passes between its steps: lines, prepared input, mentions, events."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .. import actors, attach, triggers
from ..types import ActorRef

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


def role_states(p: ActorRef) -> set[str]:
    """The states a person's title names: 'Egyptian Prime Minister' -> {'Egypt'}."""
    if p.kind != "person":
        return set()
    return {c for c in map(actors.country_of, (p.role or "").split()) if c}


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


