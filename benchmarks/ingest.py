"""Benchmark of ingestion at scale: words per second and peak memory, each as a ratio to bare spaCy.

On the texts of ../shared/data/timebank_dev.jsonl (and, with --copies K, K copies of them with changed ids
and a changed last line, so that each copy is a new article), every case runs as its own process, timed
from start to end (Django start-up and model loading included, as a user runs it), its memory (PSS)
sampled from /proc over the whole process tree (worker processes included):

  (a) bare `nlp.pipe` with the same pipeline (events/extraction/nlp.py: load), nothing else
  (b) `manage.py extract --jsonl`
  (c) `manage.py ingest_batch` into a fresh SQLite database
  (d) `manage.py ingest_batch` into a fresh PostgreSQL database, with 1 and with 2 workers

    .venv/bin/python benchmarks/ingest.py [--copies 1 10] [--batch-size 32] [--pg postgres://postgres@127.0.0.1:5432]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BARE = """
import json, sys
from events.extraction import nlp as nlp_module
nlp = nlp_module.load()
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip())
for doc in nlp.pipe(texts, batch_size=int(sys.argv[2])):
    pass
"""


def tree_rss(pid: int) -> int:
    """Memory of a process and its descendants, in bytes: the sum of their proportional set sizes (Linux
    /proc/PID/smaps_rollup), so that the model pages forked workers share are counted once, not per worker."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measure(cmd: list[str], env: dict) -> tuple[float, int]:
    """(seconds, peak bytes of the process tree) of one run of `cmd`."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.read()[-3000:]}")
    return seconds, peak


def make_corpus(src: Path, copies: int, out: Path) -> int:
    docs = [json.loads(line) for line in src.open(encoding="utf-8") if line.strip()]
    words = 0
    with out.open("w", encoding="utf-8") as f:
        for k in range(copies):
            for d in docs:
                text = d["text"] if k == 0 else f"{d['text'].rstrip()}\nCopy {k} of this story."
                words += len(text.split())
                f.write(json.dumps({"id": f"{d['id']}#{k}", "published": d.get("published") or d["dct"],
                                    "title": d.get("title") or "", "text": text}) + "\n")
    return words


def fresh_postgres(base: str, name: str) -> str | None:
    try:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
    except Exception as e:  # noqa: BLE001 - no PostgreSQL: those cases are left out
        print(f"PostgreSQL cases left out: {e}", file=sys.stderr)
        return None
    return f"{base}/{name}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, default=SHARED / "data" / "timebank_dev.jsonl")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server ('' to skip)")
    a = ap.parse_args(argv)
    if not a.source.exists():
        print(f"missing {a.source}: ../shared is not beside this checkout", file=sys.stderr)
        return 2
    py, manage = sys.executable, str(ROOT / "manage.py")
    base_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "timeline.settings", "PYTHONPATH": str(ROOT)}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in a.copies:
            corpus = Path(tmp) / f"corpus-{copies}.jsonl"
            words = make_corpus(a.source, copies, corpus)
            cases = [("(a) bare nlp.pipe", [py, "-c", "import django; django.setup()\n" + BARE, str(corpus),
                                            str(a.batch_size)], {})]
            cases.append(("(b) extract --jsonl", [py, manage, "extract", "--jsonl", str(corpus)], {}))
            sqlite = Path(tmp) / f"bench-{copies}.sqlite3"
            cases.append(("(c) ingest_batch SQLite", [py, manage, "ingest_batch", str(corpus), "--no-progress",
                                                      "--batch-size", str(a.batch_size)],
                          {"DATABASE_URL": f"sqlite:///{sqlite}"}))
            for n in (1, 2):
                url = a.pg and fresh_postgres(a.pg, f"bench_ingest_{copies}_{n}")
                if url:
                    cases.append((f"(d) ingest_batch PostgreSQL, {n} worker{'s' if n > 1 else ''}",
                                  [py, manage, "ingest_batch", str(corpus), "--no-progress", "--workers", str(n),
                                   "--batch-size", str(a.batch_size)], {"DATABASE_URL": url}))
            bare = None
            for label, cmd, extra in cases:
                env = {**base_env, **extra}
                if "DATABASE_URL" in extra:
                    subprocess.run([py, manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
                seconds, peak = measure(cmd, env)
                rate = words / seconds
                bare = bare or (rate, peak)
                rows.append((copies, words, label, seconds, rate, rate / bare[0], peak / 2**20))
                print(f"{copies:>3}× {words:>9,} words  {label:<38} {seconds:7.1f} s {rate:9,.0f} words/s "
                      f"{rate / bare[0]:5.2f}× bare   peak {peak / 2**20:7.0f} MiB", flush=True)
    print()
    print("| copies | words | case | seconds | words/s | ratio to (a) | peak MiB |")
    print("|---|---|---|---|---|---|---|")
    for copies, words, label, seconds, rate, ratio, mib in rows:
        print(f"| {copies} | {words:,} | {label} | {seconds:.1f} | {rate:,.0f} | {ratio:.2f} | {mib:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
