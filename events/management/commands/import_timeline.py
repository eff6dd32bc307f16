"""Restore or merge a timeline export: `manage.py import_timeline FILE`."""
from django.core.management.base import BaseCommand, CommandError

from events.backup import BackupError, import_timeline


class Command(BaseCommand):
    help = (
        "Read a file written by export_timeline and add what this database lacks: articles are matched by "
        "content hash, actors by name, events by their sources, so nothing is duplicated. One transaction: "
        "a bad file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **opts):
        try:
            with open(file, encoding="utf-8") as f:
                counts = import_timeline(f)
        except OSError as e:
            raise CommandError(f"{file}: {e.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file}: not UTF-8 text") from None
        except BackupError as e:
            raise CommandError(f"{file}: {e}") from None
        self.stdout.write("Imported " + ", ".join(f"{n} new {what}" for what, n in counts.items()) + ".")
