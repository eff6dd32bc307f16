"""Benchmark of the date resolver on the TimeBank dev documents: accuracy and whole-process speed.

Runs `manage.py tag_dates --jsonl` on ../shared/data/timebank_dev.jsonl as a separate process (Django
start-up and model loading included, as a user would run it), scores the output with
../shared/tools/score_timex.py (DATE and TIME expressions, TempEval-3 style) and prints the score
table and the throughput in words per second (words = whitespace-separated tokens of the texts).

    .venv/bin/python benchmarks/timebank.py [--gold PATH] [--runs N] [--keep OUT.jsonl]

With --runs N the command runs N times and the best time is reported (the score is the same). The CPU
time of the process (user + system) is printed too: on a shared machine the wall time also counts the
time other processes held the cores, the CPU time does not.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "data" / "timebank_dev.jsonl")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_timex.py")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="also write the system output here")
    ap.add_argument("--examples", type=int, default=20)
    a = ap.parse_args(argv)
    if not a.gold.exists() or not a.scorer.exists():
        print(f"missing {a.gold} or {a.scorer}: ../shared is not beside this checkout", file=sys.stderr)
        return 2
    words = sum(len(json.loads(line)["text"].split()) for line in a.gold.open(encoding="utf-8") if line.strip())
    cmd = [sys.executable, str(ROOT / "manage.py"), "tag_dates", "--jsonl", str(a.gold)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "system.jsonl"
        times, cpus = [], []
        for _ in range(max(a.runs, 1)):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            with out.open("w", encoding="utf-8") as f:
                subprocess.run(cmd, stdout=f, check=True, cwd=ROOT)
            times.append(time.perf_counter() - t0)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        if a.keep:
            a.keep.write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
        score = subprocess.run([sys.executable, str(a.scorer), str(a.gold), str(out), "--examples", str(a.examples)],
                               check=True, capture_output=True, text=True)
    print(score.stdout.rstrip())
    best = min(times)
    print()
    print(f"{words} words in {best:.2f} s (best of {len(times)}): {words / best:,.0f} words per second, "
          f"whole process (`manage.py tag_dates --jsonl`, model loading included)")
    cpu = min(cpus)
    print(f"CPU time of the process {cpu:.2f} s (best of {len(cpus)}): {words / cpu:,.0f} words per CPU second; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
