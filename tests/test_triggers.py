"""Triggers: which words name a diplomatic event, its type, and whether the text says it happened.

Sentences are written for these tests (retelling real diplomatic events in our own words)."""
import json

import pytest

from events.extraction import triggers
from events.extraction.types import EVENT_TYPES


def events_in(nlp, text):
    return [t for t in triggers.find_triggers(nlp(text)) if t.is_event]


def one(nlp, text):
    found = [t for t in triggers.find_triggers(nlp(text)) if t.creating]
    assert found, f"no trigger in {text!r}"
    return found[0]


@pytest.mark.parametrize("text, etype, phrase", [
    ("Netanyahu and Putin held talks in Moscow on Tuesday.", "talks", "held talks"),
    ("The two leaders sat down to talk in the Kremlin on Tuesday afternoon.", "talks", "sat down to talk"),
    ("Merkel and Macron had a face-to-face meeting in Aachen.", "meeting", "face-to-face meeting"),
    ("Lavrov told a news briefing in Moscow that the talks had been useful.", "press_conference", "told a news briefing"),
    ("Xi and Obama held a joint press conference at the White House.", "press_conference", "joint press conference"),
    ("Macron paid a visit to Berlin on Friday.", "visit", "paid a visit"),
    ("The Indian prime minister arrived in Paris on Thursday.", "visit", "arrived"),
    ("Putin and Erdogan spoke by phone on Monday.", "phone_call", "spoke by phone"),
    ("Scholz and Biden held a telephone conversation on Sunday.", "phone_call", "telephone conversation"),
    ("Kerry called Yun to congratulate him on his appointment.", "phone_call", "called"),
    ("The two ministers signed a memorandum on water cooperation.", "signing", "signed a memorandum"),
    ("He laid a wreath at the Tomb of the Unknown Soldier.", "ceremony", "laid a wreath"),
    ("Leaders of the Arab League gathered in Algiers for the summit.", "summit", "summit"),
    ("Blinken met the press after the talks.", "press_conference", "met the press"),
    ("Wang met his Japanese counterpart in Tokyo.", "meeting", "met"),
    ("Lavrov spoke at a press conference in Moscow after the talks.", "press_conference", "press conference"),
    ("Blinken landed in Beijing on Sunday.", "visit", "landed"),
    ("Putin and Xi exchanged views by phone on Monday.", "phone_call", "exchanged"),
    ("Sisi received a phone call from the Saudi crown prince.", "phone_call", "phone call"),
    ("An agreement on trade was signed by the two ministers.", "signing", "signed"),
    ("Hundreds of leaders attended the state funeral in London.", "ceremony", "funeral"),
])
def test_it_finds_verbal_and_nominal_triggers(nlp, text, etype, phrase):
    t = one(nlp, text)
    assert t.type == etype
    assert phrase in t.text or t.text in phrase
    assert t.is_event


@pytest.mark.parametrize("text", [
    "Lavrov told reporters in Moscow that the talks had been useful.",
    "The aide spoke to journalists after the talks.",
    "As the Kremlin aide told journalists, the date was not fixed.",
])
def test_an_attribution_to_reporters_is_no_press_conference(nlp, text):
    # GUIDELINES: "X told reporters" attributes words; only a conference or briefing the text names is one
    assert not [t for t in events_in(nlp, text) if t.type == "press_conference"]


@pytest.mark.parametrize("text", [
    "Trump did not meet Kim during the visit to Hanoi.",
    "Abbas refused to attend the summit in Sharm el-Sheikh.",
    "No meeting was held between the two foreign ministers.",
    "The president cancelled his visit to Warsaw.",
])
def test_it_marks_negated_events(nlp, text):
    trigs = triggers.find_triggers(nlp(text))
    main = [t for t in trigs if t.creating]
    assert main and all(t.modality == "negated" for t in main)
    assert not any(t.is_event and t.creating for t in trigs)


@pytest.mark.parametrize("text", [
    "If they meet in Geneva, the two sides could agree on a ceasefire.",
    "Wang could visit Washington later this year.",
    "The envoy is considering a trip to Seoul next week.",
    "Moscow called for new talks between the two sides.",
    "Lavrov and Blinken are unlikely to meet in Geneva next week.",
])
def test_it_does_not_take_hypotheticals_for_events(nlp, text):
    assert not [t for t in triggers.find_triggers(nlp(text)) if t.is_event and t.creating]


@pytest.mark.parametrize("text", [
    "Lavrov will meet his Palestinian counterpart on Wednesday.",
    "Kerry plans to visit Seoul next month.",
    "The foreign minister arrived in Algiers to attend a preparatory meeting.",
    "Leaders are expected to hold a closed meeting to approve the agenda.",
    "Kerry to travel to Japan next week",
])
def test_it_marks_plans_as_planned(nlp, text):
    t = [x for x in triggers.find_triggers(nlp(text)) if x.creating and x.is_event][-1]
    assert t.status == "planned"
    assert t.modality == "planned"


def test_a_reference_does_not_present_an_event(nlp):
    trigs = triggers.find_triggers(nlp("Xi described the meeting as fruitful and constructive."))
    assert [t.creating for t in trigs] == [False]
    assert trigs[0].why.startswith("reference")


def test_counted_meetings_are_not_one_event(nlp):
    trigs = triggers.find_triggers(nlp("They will have two separate meetings in as many weeks."))
    assert trigs and not trigs[0].creating


def test_spans_point_into_the_text(nlp):
    doc = nlp("Prime Minister Netanyahu and President Putin held a face-to-face meeting at the Kremlin.")
    t = one(nlp, doc.text)
    assert doc.text[t.start:t.end] == t.text == "held a face-to-face meeting"
    assert doc[t.governor].text == "held"
    assert any("support verb" in r for r in t.reasons)


def test_the_lexicon_is_data_one_rule_a_line():
    lines = [json.loads(x) for x in (triggers.DATA / "triggers.jsonl").read_text().splitlines() if x.strip()]
    ids = [r["id"] for r in lines]
    assert len(ids) == len(set(ids))
    assert {r["type"] for r in lines} <= set(EVENT_TYPES)
    assert {r["type"] for r in lines} == set(EVENT_TYPES)
    assert len(triggers.load_rules()) == len(lines)
