"""Find and resolve the temporal expressions of a text.

  manage.py tag_dates FILE --dct YYYY-MM-DD     prints {"timexes": [...]}
  manage.py tag_dates --jsonl IN                 IN has lines {"id", "dct", "text"} (other keys ignored;
                                                 "-" reads stdin); prints {"id", "timexes": [...]} per line

The spaCy pipeline is loaded once and documents go through it in batches.
"""
from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from events.cli import jsonl_objects, read_input
from events.cli import parse_date as _parse_date


class Command(BaseCommand):
    help = "Tag and resolve the dates of a text file (--dct) or of a JSONL file of documents (--jsonl)."
    # No database, models or URLs are used: the system checks (which import every view) only cost start-up.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="a plain-text file (with --dct)")
        parser.add_argument("--dct", help="publication date of FILE, YYYY-MM-DD")
        parser.add_argument("--jsonl", metavar="IN", help='lines {"id", "dct", "text"}; "-" for stdin')
        parser.add_argument("--batch-size", type=int, default=64)

    def handle(self, *args, **opts):
        if opts["jsonl"]:
            if opts["file"]:
                raise CommandError("give either FILE --dct or --jsonl IN, not both")
            self._jsonl(opts["jsonl"], opts["batch_size"])
            return
        if not opts["file"]:
            raise CommandError("give FILE --dct YYYY-MM-DD or --jsonl IN")
        if not opts["dct"]:
            raise CommandError("FILE needs --dct YYYY-MM-DD (the publication date)")
        dct = _parse_date(opts["dct"], "--dct")
        text = read_input(opts["file"])
        from events.extraction.temporal import tag_texts

        timexes = next(tag_texts([(text, dct)]))
        self._write({"timexes": [t.to_json() for t in timexes]})

    def _jsonl(self, path: str, batch_size: int) -> None:
        docs: list[tuple[str, str, date]] = []
        for n, d in jsonl_objects(path):
            if "text" not in d or "dct" not in d:
                raise CommandError(f'{path} line {n}: expected an object with "id", "dct" and "text"')
            if not isinstance(d["text"], str):
                raise CommandError(f'{path} line {n}: "text" must be a string')
            docs.append((d.get("id", n), d["text"], _parse_date(d["dct"], f"{path} line {n}")))
        from events.extraction.temporal import tag_texts

        results = tag_texts([(text, dct) for _, text, dct in docs], batch_size=batch_size)
        for (doc_id, _, _), timexes in zip(docs, results, strict=True):
            self._write({"id": doc_id, "timexes": [t.to_json() for t in timexes]})

    def _write(self, obj: dict) -> None:
        self.stdout.write(json.dumps(obj, ensure_ascii=False))
