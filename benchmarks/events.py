"""Benchmark of the event extractor on the seed and dev articles: score table and articles per second.

Builds one JSONL input from ../shared/corpus/seed (seed.txt + meta.json) and ../shared/corpus/dev/*.json,
runs `manage.py extract --jsonl` on it as a separate process (Django start-up and model loading included),
scores the output with ../shared/tools/score_events.py (seed alone, then seed + dev) and prints the
tables and the throughput. It then times the extraction in-process on the same articles repeated
(--repeat), against spaCy's parse alone, to show what extraction adds to the parse.

    .venv/bin/python benchmarks/events.py [--show N] [--repeat N] [--keep OUT.jsonl]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def build_input(shared: Path) -> list[dict]:
    meta = json.loads((shared / "corpus" / "seed" / "meta.json").read_text(encoding="utf-8"))
    docs = [{"id": meta["id"], "published": meta["published"], "title": meta["title"],
             "text": (shared / "corpus" / "seed" / meta["file"]).read_text(encoding="utf-8")}]
    for p in sorted((shared / "corpus" / "dev").glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        docs.append({"id": d["id"], "published": d["published"], "title": d.get("title", ""), "text": d["text"]})
    return docs


def in_process(docs: list[dict], repeat: int) -> tuple[float, float, int]:
    """Seconds for nlp.pipe alone and for the whole extraction, over the articles repeated."""
    sys.path.insert(0, str(ROOT))
    from events.extraction import nlp as nlp_module
    from events.extraction import pipeline

    nlp = nlp_module.load()
    items = [(d["text"], date.fromisoformat(d["published"]), d.get("title") or None) for d in docs] * repeat
    texts = [pipeline.prepare(t, p, ti).text for t, p, ti in items]
    list(pipeline.extract_many(items[:2], nlp=nlp))  # warm up
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in pipeline.extract_many(items, nlp=nlp, batch_size=16):
        pass
    full = time.perf_counter() - t0
    return parse, full, len(items)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--show", type=int, default=20, help="misses and spurious events to list")
    ap.add_argument("--repeat", type=int, default=20, help="copies of the articles for the in-process timing")
    ap.add_argument("--keep", type=Path, help="also write the system output here")
    a = ap.parse_args(argv)
    scorer = a.shared / "tools" / "score_events.py"
    if not scorer.exists() or not (a.shared / "corpus" / "seed" / "seed.txt").exists():
        print(f"missing {a.shared}/corpus or {scorer}: ../shared is not beside this checkout", file=sys.stderr)
        return 2
    docs = build_input(a.shared)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inp, out = tmp / "in.jsonl", tmp / "out.jsonl"
        inp.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        gold = tmp / "gold"
        gold.mkdir()
        for p in (a.shared / "corpus" / "dev").glob("*.json"):
            shutil.copy(p, gold / p.name)
        shutil.copy(a.shared / "corpus" / "seed" / "gold.json", gold / "seed.json")
        t0 = time.perf_counter()
        with out.open("w", encoding="utf-8") as f:
            subprocess.run([sys.executable, str(ROOT / "manage.py"), "extract", "--jsonl", str(inp)],
                           stdout=f, check=True, cwd=ROOT)
        whole = time.perf_counter() - t0
        if a.keep:
            a.keep.write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
        seed_out = tmp / "seed_out.jsonl"
        seed_out.write_text(out.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        for label, g, o, show in (("seed", a.shared / "corpus" / "seed" / "gold.json", seed_out, 0),
                                  ("seed + dev", gold, out, a.show)):
            cmd = [sys.executable, str(scorer), str(g), str(o)] + (["--show", str(show)] if show else [])
            res = subprocess.run(cmd, check=True, capture_output=True, text=True)
            print(f"== {label}")
            print(res.stdout.rstrip())
            print()
    print(f"{len(docs)} articles in {whole:.2f} s: {len(docs) / whole:.2f} articles per second, whole process "
          f"(`manage.py extract --jsonl`, model loading included)")
    parse, full, n = in_process(docs, a.repeat)
    print(f"{n} articles in-process: parse alone {n / parse:.1f} articles/s, parse + extraction {n / full:.1f} "
          f"articles/s (extraction adds {100 * (full - parse) / parse:.0f}% to the parse)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
