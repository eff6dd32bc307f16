"""Run the sieves over the event words of one parsed document."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from .. import attach, triggers
from ..types import Timex, iso
from . import story, tense
from .sieves import SIEVES, TRIP_NOUNS, Context


@dataclass
class Anchor:
    """The interval of days an event lies in (None: open), its TIMEX3-like value and the sieve that decided."""

    earliest: date | None
    latest: date | None
    value: str
    sieve: str
    timex: Timex | None = None

    def to_json(self) -> dict:
        return {"earliest": iso(self.earliest), "latest": iso(self.latest), "value": self.value, "reason": self.sieve}


def event_word(doc, start: int, end: int) -> triggers.Trigger | None:
    """A trigger for the event word at characters [start, end) of doc: its head token, its governing
    predicate (the support verb of a noun) and its status from tense and modality."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    t = span.root
    nominal = not tense.is_verb(t)
    gov = triggers._governor(t, nominal)
    cls = tense.tense_of(t)
    status = "planned" if cls in ("future", "modal") else "occurred"
    return triggers.Trigger(
        type="event", status=status, modality="planned" if status == "planned" else "asserted", token=t.i,
        start=t.idx, end=t.idx + len(t.text), text=t.text, nominal=nominal, creating=True, rule="event word",
        confidence=1.0, governor=gov.i, reasons=[], why="event word",
    )


def anchor_doc(doc, dct: date, spans: list[tuple[int, int]], timexes: list[Timex] | None = None) -> list[Anchor | None]:
    """One Anchor per (start, end) character span of an event word in doc (None where no token is there)."""
    text = doc.text
    day = story.story_day(text, dct)
    if timexes is None:
        from .. import temporal

        timexes = temporal.tag_doc(doc, day)
    words = [event_word(doc, s, e) for s, e in spans]
    # the trips of the text are events whether or not they were asked about: their sub-events need them
    given = {w.token for w in words if w is not None}
    trips = [event_word(doc, t.idx, t.idx + len(t.text)) for t in doc
             if t.pos_ == "NOUN" and t.i not in given and (t.lower_ in TRIP_NOUNS or t.lemma_ in TRIP_NOUNS)]
    known = [w for w in words + trips if w is not None]
    attacher = attach.Attacher(doc, timexes, day)
    attacher.set_triggers(known)
    ctx = Context(doc=doc, dct=dct, day=day, attacher=attacher, timexes=timexes, text=text,
                  triggers={w.token: w for w in known},
                  sentence_starts=[s.start for s in doc.sents], register=tense.story_register(doc),
                  first_sentence=next((k for k, s in enumerate(doc.sents) if not all(t.is_space for t in s)), 0))
    return [None if w is None else decide(ctx, w) for w in words]


def decide(ctx: Context, tr) -> Anchor:
    for name, _rule, sieve in SIEVES:
        got = sieve(ctx, tr)
        if got is not None:
            tx = got
            return Anchor(tx.earliest, tx.latest, tx.value, name, tx)
    raise AssertionError("the last sieve always decides")


def anchor_texts(items: Iterable[tuple[str, date, list[tuple[int, int]]]], nlp=None,
                 batch_size: int = 16) -> Iterator[list[Anchor | None]]:
    """anchor_doc over many (text, dct, spans), parsed in batches with one pipeline."""
    if nlp is None:
        from .. import nlp as nlp_module

        nlp = nlp_module.load()
    items = items if isinstance(items, list) else list(items)
    docs = nlp.pipe((text for text, _, _ in items), batch_size=batch_size)
    for (_, dct, spans), doc in zip(items, docs, strict=True):
        yield anchor_doc(doc, dct, spans)
