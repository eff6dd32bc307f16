"""Store an article, its paragraphs and its events: `manage.py ingest FILE --published YYYY-MM-DD`."""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.cli import parse_date
from events.ingest import IngestError, decode_bytes, ingest_article
from events.webpage import page_from_html


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


def read_bytes(path: str) -> tuple[bytes, str]:
    """The bytes of a file, or of standard input for "-", and a name for messages."""
    if path == "-":
        return sys.stdin.buffer.read(), "standard input"
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        return p.read_bytes(), path
    except OSError as e:
        raise CommandError(f"{path}: {e.strerror}") from None


class Command(BaseCommand):
    help = (
        "Ingest an article: store it with its paragraphs, extract its events and merge them with known "
        "events. Idempotent: the same article twice changes nothing. FILE may be plain text (one paragraph "
        "a line, the first line the title unless --title is given), an HTML page, or - for standard input; "
        "UTF-8 (a byte-order mark is dropped), or another encoding that is detected (Latin-1, cp1252...)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a text or HTML file, or - for standard input")
        parser.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
        parser.add_argument("--title", default=None)
        parser.add_argument("--url", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument(
            "--update-metadata", action="store_true",
            help="when the article is already stored with another --published, --title, --url or --outlet, "
            "apply the new values (a new date re-dates its events; editors' corrections are kept)",
        )

    def handle(self, *args, **opts):
        published = parse_date(opts["published"], "--published")
        data, name = read_bytes(opts["file"])
        try:
            text = decode_bytes(data, name)
            title, outlet = opts["title"], opts["outlet"]
            if looks_like_html(text):
                # the page's own <title> and site name, unless given on the command line
                page = page_from_html(text, opts["url"] or "")
                text, title, outlet = page.text, title or page.title or None, outlet or page.outlet or outlet
            result = ingest_article(
                text, published, title=title, url=opts["url"], outlet=outlet,
                update_metadata=opts["update_metadata"],
            )
        except IngestError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(result.summary())
