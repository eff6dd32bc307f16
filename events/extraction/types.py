"""Plain data that crosses module boundaries inside extraction, and out of it.

Dates are `datetime.date`; an open end of an interval is None. Character offsets are into the
text the function was given (for a mention: into its paragraph).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
GRANULARITIES = ("time", "day", "week", "month", "quarter", "season", "half", "year", "decade", "century", "open")
EVENT_TYPES = (
    "meeting", "visit", "press_conference", "conference", "summit", "talks", "phone_call", "signing", "ceremony",
)
STATUSES = ("occurred", "planned")
ACTOR_KINDS = ("person", "country", "organization")


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in text and resolved against the publication date.

    `earliest`/`latest` bound the interval it denotes (None for an open end); `value` is the
    TIMEX3 value (2016-06-07, 2016-W23, 2016-Q2, 199, PAST_REF, P2Y, ...); `granularity` is one of
    GRANULARITIES; `approximate` marks "about", "nearly", "more than" and the like.
    """

    start: int
    end: int
    text: str
    type: str = "DATE"
    value: str = ""
    earliest: date | None = None
    latest: date | None = None
    granularity: str = "day"
    approximate: bool = False
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, APPROX, START, MID, END, MORE_THAN, LESS_THAN

    @property
    def is_date(self) -> bool:
        return self.type in ("DATE", "TIME")

    def to_json(self) -> dict:
        return {
            "start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value,
            "earliest": iso(self.earliest), "latest": iso(self.latest),
        }


@dataclass
class ActorRef:
    """A participant as the extractor understood it: canonical name, kind, the role/title seen, aliases seen."""

    name: str
    kind: str = "person"  # one of ACTOR_KINDS
    role: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class MentionCandidate:
    """Where an event was found: paragraph (None for a title given apart from the text), sentence, spans."""

    paragraph: int | None
    sentence_index: int  # index of the sentence within its paragraph
    sentence: str
    sentence_start: int  # offsets of the sentence within the paragraph text
    sentence_end: int
    trigger: str
    trigger_start: int  # offsets within the paragraph text
    trigger_end: int
    date_text: str | None = None
    date_start: int | None = None
    date_end: int | None = None


@dataclass
class EventCandidate:
    type: str  # one of EVENT_TYPES
    status: str  # occurred / planned
    date: Timex | None
    participants: list[ActorRef] = field(default_factory=list)
    location: str | None = None
    mentions: list[MentionCandidate] = field(default_factory=list)
    confidence: float = 0.5
    reasons: list[str] = field(default_factory=list)
    extractor_version: str = ""

    @property
    def first(self) -> MentionCandidate:
        return self.mentions[0]

    def to_json(self) -> dict:
        """The event as `manage.py extract` prints it."""
        d = self.date
        m = self.first if self.mentions else None
        return {
            "type": self.type,
            "status": self.status,
            "date": {
                "text": d.text if d else None,
                "value": d.value if d else None,
                "earliest": iso(d.earliest) if d else None,
                "latest": iso(d.latest) if d else None,
                "granularity": d.granularity if d else None,
            },
            "participants": [p.name for p in self.participants],
            "location": self.location,
            "paragraph": m.paragraph if m else None,
            "evidence": m.sentence if m else None,
            "trigger": m.trigger if m else None,
            "confidence": round(self.confidence, 3),
            "reasons": self.reasons,
            "actors": [{"name": p.name, "kind": p.kind, "role": p.role} for p in self.participants],
            "mentions": [
                {
                    "paragraph": x.paragraph, "sentence_index": x.sentence_index, "evidence": x.sentence,
                    "trigger": x.trigger, "trigger_span": [x.trigger_start, x.trigger_end],
                    "date_text": x.date_text,
                    "date_span": [x.date_start, x.date_end] if x.date_start is not None else None,
                }
                for x in self.mentions
            ],
            "extractor_version": self.extractor_version,
        }
