"""manage.py extract: print the diplomatic events of an article (or of a JSONL file of articles) as JSON.

    python manage.py extract FILE --published 2016-06-07 [--title T]   -> {"events": [...]}
    python manage.py extract --jsonl IN                                  -> one {"id", "events"} line per document

Nothing is written to the database. With --jsonl the model is loaded once and documents go through
the pipeline in batches (--batch-size).
"""
import json

from django.core.management.base import BaseCommand, CommandError

from events.cli import parse_date, read_input


class Command(BaseCommand):
    help = "Extract diplomatic events from an article and print them as JSON (writes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="a plain-text article, one paragraph a line ('-' for stdin)")
        parser.add_argument("--published", help="publication date of FILE, YYYY-MM-DD")
        parser.add_argument("--title", default=None, help="the title, when it is not the first line of FILE")
        parser.add_argument("--jsonl", help='a file of {"id", "published", "text"[, "title"]} lines')
        parser.add_argument("--batch-size", type=int, default=16)

    def handle(self, *args, **opts):
        from events.extraction import pipeline

        if opts["jsonl"]:
            self._jsonl(opts["jsonl"], opts["batch_size"], pipeline)
            return
        if not opts["file"]:
            raise CommandError("give FILE --published YYYY-MM-DD, or --jsonl IN")
        if not opts["published"]:
            raise CommandError("--published YYYY-MM-DD is required with FILE")
        published = parse_date(opts["published"], "--published")
        text = read_input(opts["file"])
        events = pipeline.extract(text, published, title=opts["title"])
        self.stdout.write(json.dumps({"events": [e.to_json() for e in events]}, ensure_ascii=False, indent=1))

    def _jsonl(self, path, batch_size, pipeline):
        docs = []
        for n, line in enumerate(read_input(path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                published = parse_date(str(d["published"])[:10], f"{path}:{n}")
                docs.append((d["id"], d["text"], published, d.get("title") or None))
            except (ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"{path}:{n}: bad line ({exc})") from exc
        items = ((text, published, title) for _, text, published, title in docs)
        for (doc_id, *_), events in zip(docs, pipeline.extract_many(items, batch_size=batch_size), strict=True):
            self.stdout.write(json.dumps({"id": doc_id, "events": [e.to_json() for e in events]}, ensure_ascii=False))
