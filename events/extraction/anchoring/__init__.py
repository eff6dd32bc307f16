"""When did an event happen? Ordered sieves, each one linguistic rule, for any event word.

Any event word that `anchor_events` is given (verbs, nouns, states, reporting verbs) is dated here, through
the date attachment that `pipeline.extract` uses for diplomatic events (`attach.Attacher`: the clause, the
governing clause, never across reported speech), then the sieves that read the rest of the text and the
tense. See `sieves/__init__.py` for the order.
"""
from .engine import Anchor, anchor_doc, anchor_texts, event_word
from .sieves import SIEVES

__all__ = ["SIEVES", "Anchor", "anchor_doc", "anchor_texts", "event_word"]
