"""Date every event word of a document: the date-attachment engine of `extract`, for any event.

  manage.py anchor_events --jsonl IN    IN has lines {"id", "dct", "text", "events": [{"id", "start", "end"}]}
                                        (other keys ignored; "-" reads stdin); prints one line per document
                                        {"id", "events": [{"id", "earliest", "latest", "value", "reason"}]}

`start`/`end` are character offsets of the event word in `text`. `earliest`/`latest` bound the days the
event lies in (null: open); `reason` names the sieve that decided.
"""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from events.cli import jsonl_objects, parse_date


class Command(BaseCommand):
    help = "Date the given event words of JSONL documents (--jsonl IN) with the extractor's anchoring sieves."

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", metavar="IN", required=True,
                            help='lines {"id", "dct", "text", "events": [{"id", "start", "end"}]}; "-" for stdin')
        parser.add_argument("--batch-size", type=int, default=16)

    def handle(self, *args, **opts):
        path = opts["jsonl"]
        docs = []
        for n, d in jsonl_objects(path):
            if not isinstance(d.get("text"), str) or "dct" not in d:
                raise CommandError(f'{path} line {n}: expected an object with "id", "dct", "text" and "events"')
            events = d.get("events", [])
            if not isinstance(events, list):
                raise CommandError(f'{path} line {n}: "events" must be a list')
            spans = []
            for e in events:
                try:
                    s, t = int(e["start"]), int(e["end"])
                except (KeyError, TypeError, ValueError):
                    raise CommandError(f'{path} line {n}: every event needs integer "start" and "end"') from None
                if not 0 <= s < t <= len(d["text"]):
                    raise CommandError(f"{path} line {n}: event {e.get('id')!r} span {s}-{t} is outside the text")
                spans.append((s, t))
            docs.append((d.get("id", n), d["text"], parse_date(d["dct"], f"{path} line {n}"),
                         [e.get("id") for e in events], spans))
        from events.extraction.anchoring import anchor_texts

        results = anchor_texts([(text, dct, spans) for _, text, dct, _, spans in docs], batch_size=opts["batch_size"])
        for (doc_id, _, _, ids, _), anchors in zip(docs, results, strict=True):
            out = []
            for eid, a in zip(ids, anchors, strict=True):
                row = {"id": eid, "earliest": None, "latest": None, "value": None, "reason": "no token at that span"}
                if a is not None:
                    row.update(a.to_json())
                out.append(row)
            self.stdout.write(json.dumps({"id": doc_id, "events": out}, ensure_ascii=False))
