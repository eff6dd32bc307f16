"""Benchmark of the date resolver on the dates of gold diplomatic events in news articles.

For every gold event with a non-null date "text" in benchmarks/heldout/*.json, ../shared/corpus/seed/gold.json
(text in seed.txt) and ../shared/corpus/dev/*.json, the date text is located in the article (inside the event's
evidence when it is there, else its first occurrence), the article is tagged with `tag_texts` and the timexes
overlapping that occurrence are joined into one interval (earliest of the first, latest of the last: "Monday and
Tuesday" is two timexes). The interval is right when both ends are within the tolerance of
../shared/tools/score_events.py: 0 days for a single day, 3 for a week, 31 for a month, 366 for a year or an
open interval.

    .venv/bin/python benchmarks/news_dates.py [--quiet]

Prints per-corpus accuracy and every miss. The blind set (benchmarks/blind) is left out on purpose.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


@dataclass
class Case:
    corpus: str
    doc_id: str
    text: str
    dct: date
    date_text: str
    evidence: str
    gold: dict


def _day(s: str | None) -> date | None:
    return date.fromisoformat(s[:10]) if s else None


def tolerance(g: dict) -> int:
    e, x = _day(g.get("earliest")), _day(g.get("latest"))
    if e is None or x is None:
        return 366
    w = (x - e).days
    return 0 if w == 0 else 3 if w <= 7 else 31 if w <= 31 else 366


def dated(sys_e: date | None, sys_l: date | None, gold: dict) -> bool:
    """score_events.dated on a system interval."""
    tol = tolerance(gold)
    for g, s, k in ((_day(gold.get("earliest")), sys_e, "earliest"), (_day(gold.get("latest")), sys_l, "latest")):
        if g is None and s is None:
            continue
        if g is None or s is None:
            gl = _day(gold.get("latest"))
            if g is None and s is not None and k == "earliest" and gl and (gl - s).days >= 365 * 5:
                continue
            return False
        if abs((g - s).days) > tol:
            return False
    return True


def _docs(path: Path, corpus: str) -> list[tuple[str, dict]]:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    out = []
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        for doc in d if isinstance(d, list) else [d]:
            if "text" not in doc and doc.get("id", "").startswith("seed"):
                meta = json.loads((f.parent / "meta.json").read_text(encoding="utf-8"))
                doc = {**doc, "text": (f.parent / meta.get("file", "seed.txt")).read_text(encoding="utf-8")}
            out.append((corpus, doc))
    return out


def load_cases() -> list[Case]:
    sources = [(ROOT / "benchmarks" / "heldout", "heldout"), (SHARED / "corpus" / "seed" / "gold.json", "seed"),
               (SHARED / "corpus" / "dev", "dev")]
    cases = []
    for path, corpus in sources:
        if not path.exists():
            print(f"(missing {path}, skipped)", file=sys.stderr)
            continue
        for corpus_name, doc in _docs(path, corpus):
            for ev in doc.get("events", []):
                dt = ev.get("date") or {}
                if not dt.get("text"):
                    continue
                cases.append(Case(corpus_name, doc["id"], doc["text"], date.fromisoformat(doc["published"]),
                                  dt["text"], ev.get("evidence") or "", dt))
    return cases


def locate(case: Case) -> tuple[int, int] | None:
    """Where the date text is: inside the evidence if it is there, else its first occurrence."""
    text, needle = case.text, case.date_text
    pieces = [p.strip() for p in re.split(r"\.\.\.|…", needle) if p.strip()]
    # "Next week ... on Monday and Tuesday": the pieces in order, the span of the last (the specific one)
    body = r".{0,300}?".join("(" + r"\s+".join(re.escape(w) for w in p.split()) + ")" for p in pieces)
    pat = re.compile(body, re.I | re.S)
    ev_at = case.text.find(case.evidence) if case.evidence else -1
    if ev_at >= 0:
        m = pat.search(text, ev_at, ev_at + len(case.evidence))
        if m:
            return m.span(m.lastindex)
        # the date may sit right after the evidence ("... in Cairo, on Thursday")
        m = pat.search(text, ev_at, min(len(text), ev_at + len(case.evidence) + 200))
        if m:
            return m.span(m.lastindex)
    m = pat.search(text)
    return m.span(m.lastindex) if m else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quiet", action="store_true", help="accuracy only, no misses")
    a = ap.parse_args(argv)
    from events.extraction.temporal import tag_texts

    cases = load_cases()
    texts: dict[tuple[str, str], tuple[str, date]] = {}
    for c in cases:
        texts.setdefault((c.doc_id, c.text), (c.text, c.dct))
    keys = list(texts)
    tagged = dict(zip(keys, tag_texts([texts[k] for k in keys]), strict=True))
    per: dict[str, list[int]] = {}
    misses = []
    for c in cases:
        tally = per.setdefault(c.corpus, [0, 0])
        tally[1] += 1
        where = locate(c)
        got = None
        ok = False
        if where is not None:
            s, e = where
            hits = [t for t in tagged[(c.doc_id, c.text)] if t.start < e and s < t.end and t.type in ("DATE", "TIME")]
            if hits:
                earliest = hits[0].earliest
                latest = hits[-1].latest
                got = (" + ".join(f"{t.text!r}={t.value}" for t in hits), earliest, latest)
                ok = dated(earliest, latest, c.gold)
        if ok:
            tally[0] += 1
        else:
            misses.append((c, where, got))
    total = [0, 0]
    for corpus, (n_ok, n) in per.items():
        total[0] += n_ok
        total[1] += n
        print(f"{corpus:8s} {n_ok:3d}/{n:3d}  {n_ok / n:.3f}")
    print(f"{'all':8s} {total[0]:3d}/{total[1]:3d}  {total[0] / max(total[1], 1):.3f}")
    if not a.quiet and misses:
        print("\nmisses:")
        for c, where, got in misses:
            g = c.gold
            ctx = c.text[max(0, where[0] - 60):where[1] + 30].replace("\n", " | ") if where else "(date text not found)"
            print(f"- {c.doc_id} ({c.dct} {c.dct:%a}) {c.date_text!r}: gold {g.get('value')} "
                  f"[{g.get('earliest')}..{g.get('latest')}]")
            if got:
                print(f"    system {got[0]} [{got[1]}..{got[2]}]")
            else:
                print("    system: no timex")
            print(f"    …{ctx}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
