"""One racer of tests/test_merging.py's race: `python -m tests.race_worker WORKFILE N`.

It loads the reports (a pickle of {case: [(text, published, candidates), ...]}), says "ready", then for each
"CASE START" line on stdin ingests report N of CASE at the time START (seconds since the epoch) and says
"done", or "error ..." on one line. RACE_DELAY (seconds) slows "find the matching event" as in the test's
own process. It ends when stdin closes.
"""
from __future__ import annotations

import os
import pickle
import sys
import time
import traceback


def slow_find(find, delay: float):
    """`find_same_event` with `delay` seconds between finding (or not) and returning: a busy machine."""
    def find_slowly(cand, actors):
        found = find(cand, actors)
        time.sleep(delay)
        return found

    return find_slowly


def main(workfile: str, n: int) -> None:
    import django

    django.setup()
    from events import ingest

    delay = float(os.environ.get("RACE_DELAY", "0"))
    if delay:
        ingest.find_same_event = slow_find(ingest.find_same_event, delay)
    with open(workfile, "rb") as f:
        cases = pickle.load(f)
    print("ready", flush=True)
    for line in sys.stdin:
        case, start = line.split()
        time.sleep(max(0.0, float(start) - time.time()))
        text, published, candidates = cases[case][n]
        try:
            ingest.ingest_article(text, published, candidates=candidates)
            print("done", flush=True)
        except Exception:  # noqa: BLE001 - reported to the test on one line
            print("error " + traceback.format_exc().replace("\n", " | "), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
