"""Back up the whole timeline as one JSON Lines file: `manage.py export_timeline FILE`."""
from django.core.management.base import BaseCommand, CommandError

from events.backup import VERSION, export_timeline


class Command(BaseCommand):
    help = (
        "Write articles, paragraphs, events, mentions, actors with aliases, and editorial state (edited, "
        f"verified, rejected, the audit trail of events) to FILE as JSON Lines, format version {VERSION}."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **opts):
        try:
            n = export_timeline(file)
        except OSError as e:
            raise CommandError(f"{file}: {e.strerror}") from None
        self.stdout.write(f"Exported {n} records to {file}.")
