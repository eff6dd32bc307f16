"""Load the demo articles: `manage.py load_demo [--with-admin]`. Safe to run again: nothing is stored twice."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEFAULT_MANIFEST = Path(settings.BASE_DIR) / "demo" / "articles.json"


def read_manifest(path: Path) -> list[dict]:
    """The manifest's entries: a JSON list, or an object with an "articles" list; each needs file and published."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{path}: no such manifest") from None
    except json.JSONDecodeError as e:
        raise CommandError(f"{path}: not valid JSON ({e})") from None
    entries = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise CommandError(f"{path}: expected a list of articles")
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("file") or not entry.get("published"):
            raise CommandError(f"{path}: entry {i + 1} needs at least 'file' and 'published'")
    return entries


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Ingest the demo articles listed in demo/articles.json (file, title, outlet, url, published). "
        "Idempotent: articles already stored are reported and left as they are. "
        "--with-admin also creates the superuser admin/admin, for a local demo only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--manifest", default=str(DEFAULT_MANIFEST), help="path to the manifest JSON")
        parser.add_argument(
            "--with-admin", action="store_true",
            help="create the superuser 'admin' with password 'admin' (local demo only; never on a shared server)",
        )

    def handle(self, *args, **opts):
        from events.ingest import IngestError, ingest_article

        manifest = Path(opts["manifest"]).resolve()
        entries = read_manifest(manifest)
        failures = 0
        totals = {"new": 0, "known": 0, "events": 0, "merged": 0, "mentions": 0}
        for entry in entries:
            path = (manifest.parent / entry["file"]).resolve()
            label = entry.get("title") or path.name
            try:
                published = date.fromisoformat(str(entry["published"]))
            except ValueError as e:
                failures += 1
                self.stderr.write(f"  ✗ {label}: bad entry: {e}")
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                failures += 1
                self.stderr.write(f"  ✗ {label}: cannot read {path} ({e})")
                continue
            try:
                result = ingest_article(
                    text, published, title=entry.get("title") or None,
                    url=entry.get("url", ""), outlet=entry.get("outlet", ""),
                )
            except IngestError as e:  # refused input; any other error is a bug and propagates
                failures += 1
                self.stderr.write(f"  ✗ {label}: refused: {e}")
                continue
            article = result.article
            if result.created:
                totals["new"] += 1
                totals["events"] += result.events_created
                totals["merged"] += result.events_merged
                totals["mentions"] += result.mentions_created
                self.stdout.write(
                    f"  + #{article.pk} {article.title} ({article.published:%Y-%m-%d}): "
                    f"{_n(result.events_created, 'new event')}, {result.events_merged} merged into known events, "
                    f"{_n(result.mentions_created, 'mention')}"
                )
            else:
                totals["known"] += 1
                self.stdout.write(f"  = #{article.pk} {article.title}: already loaded, unchanged")
        self.stdout.write(self.style.SUCCESS(
            f"Demo articles: {totals['new']} loaded, {totals['known']} already there; "
            f"{_n(totals['events'], 'new event')}, {totals['merged']} merged, {_n(totals['mentions'], 'mention')}."
        ))
        if opts["with_admin"]:
            self._ensure_admin()
        if failures:
            raise CommandError(f"{failures} article(s) could not be loaded; see above.")

    def _ensure_admin(self):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Superuser 'admin' already exists; its password was left unchanged.")
            return
        User.objects.create_superuser("admin", "admin@example.com", "admin")
        self.stdout.write(self.style.WARNING(
            "Created superuser admin / admin for the local demo. Do not use this on a shared or public server."
        ))
