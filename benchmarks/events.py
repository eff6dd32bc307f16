"""Benchmark of the event extractor: score tables per corpus and articles per second.

Corpora: the seed and dev articles (../shared/corpus/seed: seed.txt + meta.json + gold.json, and
../shared/corpus/dev/*.json), the held-out set written for the project (benchmarks/heldout/*.json, gold
inside each file) and, only with --blind, the blind set (benchmarks/blind/*.json, same format; it measures
generalisation and is never used for development). For each corpus one JSONL input is built and
`manage.py extract --jsonl` runs on it as a separate process (Django start-up and model loading included);
the output is scored with ../shared/tools/score_events.py and printed as one table per corpus (seed alone,
seed + dev, held-out, blind) with its throughput. It then times the extraction in-process on the seed and
dev articles repeated (--repeat), against spaCy's parse alone with and without the lemmatizer (which the
extractor needs), to show what the lemmatizer and the extraction add to the bare parse (best of three
interleaved rounds each, since the machine may be shared).

    .venv/bin/python benchmarks/events.py [--show N] [--repeat N] [--keep DIR] [--blind]
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


def in_process(docs: list[dict], repeat: int) -> tuple[float, float, float, int]:
    """Seconds for nlp.pipe without the lemmatizer, nlp.pipe as extraction runs it (with the lemmatizer),
    and the whole extraction, over the articles repeated."""
    sys.path.insert(0, str(ROOT))
    from events.extraction import nlp as nlp_module
    from events.extraction import pipeline

    nlp = nlp_module.load()
    items = [(d["text"], date.fromisoformat(d["published"]), d.get("title") or None) for d in docs] * repeat
    texts = [pipeline.prepare(t, p, ti).text for t, p, ti in items]
    list(pipeline.extract_many(items[:2], nlp=nlp))  # warm up

    def bare_parse():
        with nlp.select_pipes(disable=["lemmatizer"]):
            for _ in nlp.pipe(texts, batch_size=16):
                pass

    def parse_only():
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def extraction():
        for _ in pipeline.extract_many(items, nlp=nlp, batch_size=16):
            pass

    # best of three interleaved rounds: the machine is shared, and the fastest round is the least disturbed
    best = {f: float("inf") for f in (bare_parse, parse_only, extraction)}
    for _ in range(3):
        for f in best:
            t0 = time.perf_counter()
            f()
            best[f] = min(best[f], time.perf_counter() - t0)
    bare, parse, full = best[bare_parse], best[parse_only], best[extraction]
    return bare, parse, full, len(items)


def folder_docs(folder: Path) -> list[dict]:
    """{"id", "published", "title", "text"} for every gold file of a folder in the dev format."""
    docs = []
    for p in sorted(folder.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        for x in d if isinstance(d, list) else [d]:
            docs.append({"id": x["id"], "published": x["published"], "title": x.get("title", ""), "text": x["text"]})
    return docs


def run_extract(docs: list[dict], tmp: Path, name: str) -> tuple[Path, float]:
    """The system output of `manage.py extract --jsonl` on docs, and the seconds it took."""
    inp, out = tmp / f"{name}.in.jsonl", tmp / f"{name}.out.jsonl"
    inp.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "extract", "--jsonl", str(inp)],
                       stdout=f, check=True, cwd=ROOT)
    return out, time.perf_counter() - t0


def score(scorer: Path, gold: Path, out: Path, label: str, show: int, n_docs: int, seconds: float | None) -> None:
    cmd = [sys.executable, str(scorer), str(gold), str(out)] + (["--show", str(show)] if show else [])
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    print(f"== {label}")
    print(res.stdout.rstrip())
    if seconds:
        print(f"{n_docs} articles in {seconds:.2f} s: {n_docs / seconds:.2f} articles per second, whole process "
              f"(`manage.py extract --jsonl`, model loading included)")
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--show", type=int, default=20, help="misses and spurious events to list (not for --blind)")
    ap.add_argument("--repeat", type=int, default=20, help="copies of the articles for the in-process timing")
    ap.add_argument("--keep", type=Path, help="also write the system outputs into this folder")
    ap.add_argument("--blind", action="store_true", help="also score benchmarks/blind (the final measure only)")
    a = ap.parse_args(argv)
    scorer = a.shared / "tools" / "score_events.py"
    if not scorer.exists() or not (a.shared / "corpus" / "seed" / "seed.txt").exists():
        print(f"missing {a.shared}/corpus or {scorer}: ../shared is not beside this checkout", file=sys.stderr)
        return 2
    docs = build_input(a.shared)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        gold = tmp / "gold"
        gold.mkdir()
        for p in (a.shared / "corpus" / "dev").glob("*.json"):
            shutil.copy(p, gold / p.name)
        shutil.copy(a.shared / "corpus" / "seed" / "gold.json", gold / "seed.json")
        out, whole = run_extract(docs, tmp, "seed_dev")
        seed_out = tmp / "seed_out.jsonl"
        seed_out.write_text(out.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        score(scorer, a.shared / "corpus" / "seed" / "gold.json", seed_out, "seed", 0, 1, None)
        score(scorer, gold, out, "seed + dev", a.show, len(docs), whole)
        outputs = {"seed_dev": out}
        corpora = [("heldout", ROOT / "benchmarks" / "heldout", a.show)]
        if a.blind:
            corpora.append(("blind", ROOT / "benchmarks" / "blind", 0))
        for name, folder, show in corpora:
            cdocs = folder_docs(folder)
            if not cdocs:
                print(f"== {name}: no articles in {folder}\n")
                continue
            cout, secs = run_extract(cdocs, tmp, name)
            outputs[name] = cout
            score(scorer, folder, cout, name, show, len(cdocs), secs)
        if a.keep:
            a.keep.mkdir(parents=True, exist_ok=True)
            for name, path in outputs.items():
                (a.keep / f"{name}.jsonl").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    bare, parse, full, n = in_process(docs, a.repeat)
    print(f"{n} articles in-process: bare parse (no lemmatizer) {n / bare:.1f} articles/s, parse with the "
          f"lemmatizer {n / parse:.1f} articles/s (lemmatizer adds {100 * (parse - bare) / bare:.0f}%), parse + "
          f"extraction {n / full:.1f} articles/s (extraction adds {100 * (full - parse) / parse:.0f}% to the parse; "
          f"{bare / full:.2f} of the bare parse speed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
