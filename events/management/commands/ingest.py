"""Store an article, its paragraphs and its events: `manage.py ingest FILE --published YYYY-MM-DD`."""
from django.core.management.base import BaseCommand, CommandError

from events.cli import parse_date, read_input
from events.ingest import IngestError, html_to_text, ingest_article


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


class Command(BaseCommand):
    help = (
        "Ingest an article: store it with its paragraphs, extract its events and merge them with known "
        "events. Idempotent: the same article twice changes nothing. FILE may be plain text (one paragraph "
        "a line, the first line the title unless --title is given), an HTML page, or - for standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a UTF-8 text or HTML file, or - for standard input")
        parser.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
        parser.add_argument("--title", default=None)
        parser.add_argument("--url", default="")
        parser.add_argument("--outlet", default="")

    def handle(self, *args, **opts):
        published = parse_date(opts["published"], "--published")
        text = read_input(opts["file"])
        try:
            if looks_like_html(text):
                text = html_to_text(text)
            result = ingest_article(
                text, published, title=opts["title"], url=opts["url"], outlet=opts["outlet"]
            )
        except IngestError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(result.summary())
