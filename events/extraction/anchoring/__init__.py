"""When did an event happen? Ordered sieves, each one linguistic rule, for any event word.

The same engine dates the diplomatic events of `pipeline.extract` and any event word that
`anchor_events` is given (verbs, nouns, states, reporting verbs). See `sieves.py` for the order.
"""
from .engine import Anchor, anchor_doc, anchor_texts, event_word
from .sieves import SIEVES

__all__ = ["SIEVES", "Anchor", "anchor_doc", "anchor_texts", "event_word"]
