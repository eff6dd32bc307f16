"""Events out: one EventCandidate per merged event, with its confidence and the reasons for it."""
from __future__ import annotations

from datetime import date

from .. import EXTRACTOR_VERSION, actors, attach
from ..types import ActorRef, EventCandidate, MentionCandidate
from .merge import _best
from .model import MIN_CONFIDENCE, Mention, _Event, role_states

# ---------------------------------------------------------------------------------------------- output

def _candidate(ev: _Event, doc, dct: date) -> EventCandidate | None:
    best = _best(ev)
    lead_m = best if best.creating else next((m for m in ev.mentions if m.creating), best)
    ev.type = lead_m.trigger.type
    if ev.type in ("meeting", "talks") and any(m.trigger.type == "summit" for m in ev.mentions):
        # "Biden will meet Putin in Geneva ..., in the first summit between the two leaders": the summit
        ev.type = "summit"
    tx = best.date.timex or attach.open_interval(best.status, dct)
    status = best.status
    if best.date.rank < attach.RANK["sentence"] or not best.creating:
        # a reference ("the last day of the trip") tells the date, not whether the event is still to come
        # with no date of its own, the plainest statement about the event decides
        statuses = [m.status for m in ev.mentions if m.creating] or [m.status for m in ev.mentions if not m.headline] or [status]
        status = "planned" if all(s == "planned" for s in statuses) else statuses[0]
    participants = _represented(_Event(ev.type, [best] + [m for m in ev.mentions if m is not best]).participants())
    location = next((m.location for m in ev.mentions if m.location and m is best and not m.place_inherited), None) or next(
        (m.location for m in ev.mentions if m.location and not m.headline and not m.place_inherited), None) or next(
        (m.location for m in ev.mentions if m.location and not m.headline), None) or next(
        (m.location for m in ev.mentions if m.location), None)
    if location and ev.type in ("visit", "conference", "summit"):
        place = actors.place_of(location.split(",")[-1].strip())
        country = place[1] if place else None
        if country and (ev.type == "visit" or not participants) and all(p.name != country for p in participants):
            participants = participants + [ActorRef(name=country, kind="country")]
    mentions = []
    for m in ev.mentions:
        ln = m.line
        s0 = m.sentence.start_char - ln.start
        raw = m.sentence.text
        if ln.dateline_end and s0 < ln.dateline_end:
            raw = raw[ln.dateline_end - s0:]
            s0 = ln.dateline_end
        sent_text = raw.strip()
        lead_ws = len(raw) - len(raw.lstrip())
        ds = de = None
        if m.date.mention_span and m.date.timex is not None and m.date.timex.start >= 0:
            ds, de = m.date.mention_span[0] - ln.start, m.date.mention_span[1] - ln.start
        mentions.append(MentionCandidate(
            paragraph=ln.paragraph, sentence_index=m.sentence_index, sentence=sent_text,
            sentence_start=max(0, s0 + lead_ws), sentence_end=max(0, s0 + lead_ws) + len(sent_text),
            trigger=m.trigger.text, trigger_start=m.trigger.start - ln.start, trigger_end=m.trigger.end - ln.start,
            date_text=m.date.timex.text if (m.date.timex is not None and ds is not None) else None,
            date_start=ds, date_end=de,
        ))
    # the evidence shown first is the mention that carries the date, else the first body mention
    first = ev.mentions.index(best) if not best.headline else next(
        (i for i, m in enumerate(ev.mentions) if not m.headline), 0)
    mentions.insert(0, mentions.pop(first))
    conf, reasons = _confidence(ev, best, participants)
    if conf < MIN_CONFIDENCE:
        return None
    return EventCandidate(
        type=ev.type, status=status, date=tx, participants=participants, location=location,
        mentions=mentions, confidence=conf, reasons=reasons, extractor_version=EXTRACTOR_VERSION,
    )


def _represented(parts: list[ActorRef]) -> list[ActorRef]:
    """A state whose person takes part is not a party of its own: 'Tillerson met his Mexican counterpart,
    Luis Videgaray' is Tillerson and Videgaray, not Mexico as well."""
    states = {c for p in parts for c in role_states(p)}
    return [p for p in parts if p.kind != "country" or p.name not in states]


def _decided(m: Mention) -> bool:
    doc = m.sentence.doc
    cur = doc[m.trigger.governor]
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "ccomp", "conj"):
            return False
        cur = cur.head
        if cur.text.lower() in attach.DECISION_VERBS:
            return True
    return False


def _in_quote(m: Mention) -> bool:
    """Whether the trigger stands inside quotation marks within its paragraph."""
    before = m.sentence.doc.text[m.line.start:m.trigger.start]
    opened = before.count("“") - before.count("”")
    straight = before.count('"') % 2
    return opened > 0 or straight == 1


def _confidence(ev: _Event, best: Mention, participants: list[ActorRef]) -> tuple[float, list[str]]:
    body = [m for m in ev.mentions if not m.headline]
    lead = body[0] if body else best
    conf = lead.trigger.confidence
    reasons = list(lead.reasons)
    src = best.date.source
    conf += {"clause": 0.2, "governing clause": 0.12, "sentence": 0.08}.get(src, 0.0)
    reasons.append(best.date.reason)
    people = [p for p in participants if p.kind == "person"]
    if participants:
        conf += 0.1 if len(participants) >= 2 else 0.05
        reasons.append("participants: " + ", ".join(p.name + (f" ({p.role})" if p.role else "") for p in participants))
    else:
        conf -= 0.15
        reasons.append("no participants found")
    if not people and ev.type in ("meeting", "talks", "phone_call", "press_conference"):
        conf -= 0.05
    if best.location:
        reasons.append(f"location: {best.location}")
    n = len(ev.mentions)
    if n > 1:
        conf += min(0.15, 0.05 * (n - 1))
        reasons.append(f"{n} mentions merged")
    if ev.type == "visit" and participants and all(p.kind == "country" for p in participants) and len(participants) == 1 \
            and best.location and actors.place_of(best.location.split(",")[-1].strip()) \
            and actors.place_of(best.location.split(",")[-1].strip())[1] == participants[0].name:
        # "40 percent of its exports go to Iraq": a destination and no visitor is no visit
        conf -= 0.25
        reasons.append("a destination with no visitor")
    if all(m.presupposed for m in ev.mentions):
        conf -= 0.1
        reasons.append("presupposed by a definite reference")
    elif all(m.headline for m in ev.mentions):
        conf -= 0.1
        reasons.append("told only in the title")
    vague_plan = best.date.source == "no date in the text" and best.status == "planned"
    if vague_plan and (not best.location or best.place_inherited):
        conf -= 0.2
        reasons.append("a plan with no date and no place of its own")
    if vague_plan and _decided(best):
        # "agreed to resume trade negotiations": an intention agreed, not yet an event with a date
        conf -= 0.15
        reasons.append("an undated plan that a decision only announces")
    if vague_plan and all(_in_quote(m) for m in ev.mentions):
        # "We will continue our talks," he said: an intention voiced, not an event announced
        conf -= 0.1
        reasons.append("an undated plan voiced only in a quotation")
    return max(0.05, min(0.99, conf)), reasons
