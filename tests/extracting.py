"""What the extraction tests share: extracting an article with the session's pipeline, and reading the result."""
from events.extraction import pipeline


def extract(nlp, text, published, title=None):
    return pipeline.extract(text, published, title=title, nlp=nlp)


def of_type(events, *types):
    return [e for e in events if e.type in types]


def names(ev):
    return {p.name for p in ev.participants}
