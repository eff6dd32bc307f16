"""Hosts named apart from the visit they host ("as guest of Indian President Abdul Kalam"), joined to the
visit to their state once the article's events are built."""
from __future__ import annotations

from .. import actors
from ..types import ActorRef
from .model import role_states
from .participants import _people_in_phrase


def invited_hosts(doc, register) -> list[tuple[ActorRef, set[str]]]:
    """The people an article names as a visitor's hosts, each with the states their titles there name: 'as
    guest of Lao President Choummaly Sayasone and Indian President Abdul Kalam', 'at the invitation of
    President Hu'."""
    out: list[tuple[ActorRef, set[str]]] = []
    for t in doc:
        if t.lemma_.lower() not in ("guest", "invitation") or t.i in register.skip:
            continue
        for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"):
            for p in (c for c in prep.children if c.dep_ == "pobj"):
                for a in register.resolve(p) + _people_in_phrase(p, register):
                    if a.kind != "person" or any(a.name == b.name for b, _ in out):
                        continue
                    states = set(role_states(a))
                    at = next((j for j, q in register.mentions if q is a and prep.i < j), None)
                    if at is not None:
                        # the demonym written before the name in this phrase ("Lao President Choummaly Sayasone")
                        for k in range(at - 1, max(prep.i, at - 7), -1):
                            if doc[k].text in (",", "and", ";"):
                                break
                            c = actors.country_of(doc[k].text)
                            if c:
                                states.add(c)
                                break
                    out.append((a, states))
    return out


def add_hosts(cands, hosts: list[tuple[ActorRef, set[str]]], dct) -> None:
    """A visit to a state whose head the article names as the visitor's host has that host, in place of the
    state ('visit Laos' as guest of 'Lao President Choummaly Sayasone' is Hu and Choummaly Sayasone); not a
    visit the article tells as history (ended over a month before publication: 'a visit to China in 2002')."""
    for c in cands:
        if c.type != "visit" or not c.location:
            continue
        if c.date is not None and c.date.latest is not None and (dct - c.date.latest).days > 31:
            continue
        place = actors.place_of(c.location.split(",")[-1].strip())
        country = place[1] if place else None
        mine = [h for h, states in hosts if country and country in states and all(h.name != p.name for p in c.participants)]
        if mine and not any(country in role_states(p) for p in c.participants):
            c.participants = [p for p in c.participants if p.name != country] + mine
            c.reasons.append(f"host named elsewhere in the article: {', '.join(h.name for h in mine)}")

