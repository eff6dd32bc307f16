"""Benchmark of event dating: `anchor_events` on the TimeBank-Dense event anchors, sieve by sieve.

Input: ../shared/data/anchors_dev.jsonl (36 documents, 1,487 event mentions with a gold interval of days).
The gold is stripped from the input; `manage.py anchor_events --jsonl` runs on it as its own process, and
its output is scored with ../shared/tools/score_anchors.py (the scorer's whole table is printed). Then, for
each sieve in order, how many events it decided and how many of those it got right (tolerant and exact, the
scorer's own functions), so that every sieve shows its precision on real events. Last, the cost of dating:
on the same documents parsed once, the seconds of the parse alone against the parse plus dating, and on the
seed and dev articles the share of `extract`'s time spent in dating (tagging dates and attaching them).

    .venv/bin/python benchmarks/anchors.py [--shared ../shared] [--keep OUT.jsonl]
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_anchors", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def per_sieve(scorer, gold_docs: list[dict], system: dict) -> list[tuple[str, int, int, int]]:
    """(sieve, decided, tolerant right, exact right) in the order of the sieves."""
    sys.path.insert(0, str(ROOT))
    from events.extraction.anchoring import SIEVES

    counts = collections.defaultdict(lambda: [0, 0, 0])
    for d in gold_docs:
        got = {e["id"]: e for e in system.get(d["id"], [])}
        for e in d["events"]:
            s = got.get(e["id"], {})
            c = counts[s.get("reason", "missing")]
            c[0] += 1
            c[1] += scorer.dated(s, e["gold"])
            c[2] += scorer.exact(s, e["gold"]) if s else 0
    order = [name for name, _, _ in SIEVES] + sorted(set(counts) - {n for n, _, _ in SIEVES})
    return [(n, *counts[n]) for n in order if n in counts]


def timing(gold_docs: list[dict], shared: Path) -> tuple[float, float, float, float]:
    """(parse s, parse + anchoring s) on the anchor documents; (extract s, dating s) on seed + dev."""
    sys.path.insert(0, str(ROOT))
    from events.extraction import attach, pipeline, temporal, triggers
    from events.extraction import nlp as nlp_module
    from events.extraction.anchoring import anchor_doc

    nlp = nlp_module.load()
    texts = [d["text"] for d in gold_docs]
    list(nlp.pipe(texts[:2]))
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d, doc in zip(gold_docs, docs, strict=True):
        anchor_doc(doc, date.fromisoformat(d["dct"]), [(e["start"], e["end"]) for e in d["events"]])
    anchoring = time.perf_counter() - t0

    spec = importlib.util.spec_from_file_location("bench_events", ROOT / "benchmarks" / "events.py")
    bench_events = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_events)
    articles = bench_events.build_input(shared)
    preps = [pipeline.prepare(a["text"], date.fromisoformat(a["published"]), a.get("title") or None) for a in articles]
    t0 = time.perf_counter()
    adocs = list(nlp.pipe([p.text for p in preps], batch_size=16))
    aparse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc, prep in zip(adocs, preps, strict=True):
        pipeline.extract_doc(doc, prep)
    extract = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc, prep in zip(adocs, preps, strict=True):
        trs = triggers.find_triggers(doc)
        a = attach.Attacher(doc, temporal.tag_doc(doc, prep.published), prep.published)
        a.set_triggers(trs)
        for tr in trs:
            a.choose(tr, doc[tr.token].sent)
    t_trig = time.perf_counter()
    for doc in adocs:
        triggers.find_triggers(doc)
    dating = (t_trig - t0) - (time.perf_counter() - t_trig)
    return parse, parse + anchoring, aparse + extract, max(dating, 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--keep", type=Path, help="also write the system output here")
    a = ap.parse_args(argv)
    gold_path = a.shared / "data" / "anchors_dev.jsonl"
    scorer_path = a.shared / "tools" / "score_anchors.py"
    if not gold_path.exists() or not scorer_path.exists():
        print(f"missing {gold_path} or {scorer_path}: ../shared is not beside this checkout", file=sys.stderr)
        return 2
    gold_docs = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        inp.write_text("".join(json.dumps({"id": d["id"], "dct": d["dct"], "text": d["text"], "events": [
            {"id": e["id"], "start": e["start"], "end": e["end"]} for e in d["events"]]}) + "\n" for d in gold_docs),
            encoding="utf-8")
        t0 = time.perf_counter()
        with out.open("w", encoding="utf-8") as f:
            subprocess.run([sys.executable, str(ROOT / "manage.py"), "anchor_events", "--jsonl", str(inp)],
                           stdout=f, check=True, cwd=ROOT)
        whole = time.perf_counter() - t0
        res = subprocess.run([sys.executable, str(scorer_path), str(gold_path), str(out)], check=True,
                             capture_output=True, text=True)
        print(res.stdout.rstrip())
        system = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            system[d["id"]] = d["events"]
        if a.keep:
            a.keep.write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    n_events = sum(len(d["events"]) for d in gold_docs)
    print(f"\n{len(gold_docs)} documents, {n_events} events in {whole:.2f} s, whole process "
          f"(`manage.py anchor_events --jsonl`, model loading included)\n")
    print("| sieve | decided | tolerant right | precision (tolerant) | exact right | precision (exact) |")
    print("|---|---|---|---|---|---|")
    for name, n, ok, ex in per_sieve(load_scorer(scorer_path), gold_docs, system):
        print(f"| {name} | {n} | {ok} | {ok / n:.3f} | {ex} | {ex / n:.3f} |")
    parse, anchored, extract, dating = timing(gold_docs, a.shared)
    print(f"\nanchor documents in-process: parse alone {parse:.2f} s, parse + dating {anchored:.2f} s "
          f"(dating adds {100 * (anchored - parse) / parse:.1f}% to the parse)")
    print(f"seed + dev articles in-process: parse + extract {extract:.2f} s, of which dating (tagging dates and "
          f"attaching them) {dating:.2f} s = {100 * dating / extract:.1f}% of extract's time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
