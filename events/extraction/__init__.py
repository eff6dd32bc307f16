"""Text in, events out: pure Python, no Django imports.

    from events.extraction import pipeline
    candidates = pipeline.extract(text, published=date(2016, 6, 7))

Modules:
    nlp        loads the spaCy pipeline once per process
    types      the plain dataclasses that cross module boundaries (Timex, EventCandidate, ...)
    temporal   finds temporal expressions and resolves them against the publication date
    triggers   event triggers, negation and modality
    actors/    participants and locations: names (the gazetteer, titles, name tokens, states, venues),
               datelines, register (one article's people with roles and gender), coreference (names,
               titles, roles, pronouns), locations (the place a token heads)
    geo        states and cities of the world beyond the gazetteer (GeoNames)
    places     the place of an event told without one: the trip its participant is on
    attach     which date governs which trigger
    pipeline/  extract(text, published) -> [EventCandidate]: prepare (lines, datelines), participants,
               locations, dates (the narrative), merge (one event, many mentions), output (confidence)
"""

EXTRACTOR_VERSION = "0.4.4"
