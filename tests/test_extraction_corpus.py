"""The seed article and the dev articles in ../shared, scored with ../shared/tools/score_events.py.

Skipped where ../shared is absent. On the seed: every required event with the right date and
precision_dated >= 0.8 (the issue's threshold). On seed + dev the issue's goal (f1_dated, participants F1 >=
0.85, location >= 0.75) was reached on 2026-12-02 (0.864, 0.856, 0.823), so these tests hold the figures
reached as regression floors: CI catches a step back. The floors only go up: raise them as the extractor
improves, never lower them to make a change pass."""
import importlib.util
import json
from datetime import date

import pytest

from events.extraction import pipeline

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("score_events", shared_dir / "tools" / "score_events.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpus(shared_dir):
    meta = json.loads((shared_dir / "corpus" / "seed" / "meta.json").read_text(encoding="utf-8"))
    gold = json.loads((shared_dir / "corpus" / "seed" / "gold.json").read_text(encoding="utf-8"))
    docs = [(meta["id"], (shared_dir / "corpus" / "seed" / meta["file"]).read_text(encoding="utf-8"),
             meta["published"], meta["title"], gold)]
    for p in sorted((shared_dir / "corpus" / "dev").glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        docs.append((d["id"], d["text"], d["published"], d.get("title") or None, d))
    return docs


@pytest.fixture(scope="module")
def system(corpus, nlp):
    items = [(text, date.fromisoformat(pub), title) for _, text, pub, title, _ in corpus]
    return {doc_id: [e.to_json() for e in events]
            for (doc_id, *_), events in zip(corpus, pipeline.extract_many(items, nlp=nlp), strict=True)}


def score(scorer, corpus, system, ids):
    req = req_dated = n_sys = ok_dated = 0
    for doc_id, _, _, _, gold in corpus:
        if doc_id not in ids:
            continue
        pairs = scorer.score_doc(gold, system[doc_id])
        by_gold = {gi: ok for gi, _, ok in pairs}
        for gi, g in enumerate(gold["events"]):
            if g.get("required", True):
                req += 1
                req_dated += bool(by_gold.get(gi))
        n_sys += len(system[doc_id])
        ok_dated += sum(ok for _, _, ok in pairs)
    r, p = req_dated / req, ok_dated / max(1, n_sys)
    return r, p, 2 * p * r / (p + r) if p + r else 0.0


def test_the_seed_events_are_all_found_with_their_dates(scorer, corpus, system):
    r, p, _ = score(scorer, corpus, system, {corpus[0][0]})
    assert r == 1.0
    assert p >= 0.8


# Regression floors on seed + dev (27 real articles), the figures reached rounded down. They only go up.
FLOOR = 0.85  # f1_dated (issue 8's goal: 0.85; 0.864 reached)
PRECISION_FLOOR = 0.80  # precision_dated (0.816 reached)
PARTICIPANTS_FLOOR = 0.85  # participants F1 over matched events (goal: 0.85; 0.856 reached)
LOCATION_FLOOR = 0.82  # location accuracy over matched events with a gold location (goal: 0.75; 0.823 reached)


def test_seed_and_dev_hold_the_regression_floor(scorer, corpus, system):
    _, p, f1 = score(scorer, corpus, system, {c[0] for c in corpus})
    assert f1 >= FLOOR
    assert p >= PRECISION_FLOOR


def test_seed_and_dev_participants_and_locations_hold_their_floors(scorer, corpus, system):
    tp = n_gold = n_sys = loc_ok = loc_n = 0
    for doc_id, _, _, _, gold in corpus:
        sys_events = system[doc_id]
        for gi, si, _ in scorer.score_doc(gold, sys_events):
            g, e = gold["events"][gi], sys_events[si]
            gp = [scorer.tokens([n]) for n in g.get("participants") or []]
            sp = [scorer.tokens([n]) for n in e.get("participants") or []]
            n_gold, n_sys = n_gold + len(gp), n_sys + len(sp)
            tp += sum(1 for t in gp if any(t & u for u in sp))
            if g.get("location"):
                loc_n += 1
                loc_ok += bool(scorer.tokens([g["location"]]) & scorer.tokens([e.get("location") or ""]))
    p, r = tp / max(1, n_sys), tp / max(1, n_gold)
    assert 2 * p * r / (p + r) >= PARTICIPANTS_FLOOR
    assert loc_ok / max(1, loc_n) >= LOCATION_FLOOR


def test_the_seed_meeting_has_its_mentions_merged(system, corpus):
    seed = system[corpus[0][0]]
    kremlin = [e for e in seed if e["date"]["earliest"] == "2016-06-07" and "Vladimir Putin" in e["participants"]
               and e["type"] in ("meeting", "talks")]
    assert len(kremlin) == 1
    ev = kremlin[0]
    # the title (separate, so paragraph None), the two captions, the lead and "the two men sat down to talk"
    assert len(ev["mentions"]) >= 4
    assert ev["location"] == "Kremlin, Moscow"
    assert ev["evidence"].startswith("Prime Minister Benjamin Netanyahu and Russian President Vladimir Putin held")


def test_the_planned_meeting_and_the_past_proposal(system, corpus):
    seed = system[corpus[0][0]]
    planned = [e for e in seed if e["type"] == "meeting" and e["status"] == "planned"]
    assert [(e["date"]["value"], e["participants"]) for e in planned] == [("2016-06-08", ["Sergei Lavrov", "Riad al-Malki"])]
    conf = [e for e in seed if e["type"] == "conference" and e["date"]["value"] == "PAST_REF"]
    assert conf and conf[0]["date"]["latest"] == "2006-06-07" and conf[0]["status"] == "planned"
