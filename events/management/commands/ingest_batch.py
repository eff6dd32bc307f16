"""Ingest many articles: `manage.py ingest_batch PATH [--workers N] [--batch-size B] [--enqueue]`.

PATH is a folder of .txt/.html files (dated by the folder's articles.json, an HTML page's own metadata
or --published) or a JSONL file of {"id", "published", "text"[, "title", "url", "outlet"]} lines.
"""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events import batch as batch_module
from events.cli import parse_date


class Command(BaseCommand):
    help = (
        "Ingest a folder of .txt/.html articles or a JSONL file: the same validation and extraction as `ingest`, "
        "parsed in batches with nlp.pipe and committed per batch. Articles already stored are skipped, so running "
        "it again after an interruption resumes without storing anything twice. Prints a progress bar (stderr) "
        "and a summary: stored, skipped, refused with reasons."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help='a folder of .txt/.html files, or a JSONL file of {"id", "published", "text"}')
        parser.add_argument("--workers", type=int, default=1, help="processes that parse and store (default 1)")
        parser.add_argument("--batch-size", type=int, default=32, help="articles parsed and committed together")
        parser.add_argument("--published", default=None,
                            help="YYYY-MM-DD: the date of files that articles.json and their HTML do not date")
        parser.add_argument("--enqueue", action="store_true",
                            help="hand the articles to the task queue (one task per batch) instead of working here")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, path, workers, batch_size, published, enqueue, no_progress, **opts):
        if workers < 1 or batch_size < 1:
            raise CommandError("--workers and --batch-size must be at least 1")
        default_date = parse_date(published, "--published") if published else None
        try:
            total, items = batch_module.read_items(Path(path), default_date)
        except (FileNotFoundError, ValueError) as e:
            raise CommandError(str(e)) from None
        bar = self._bar(total, "queue" if enqueue else "ingest", no_progress)
        try:
            if enqueue:
                lines = self._enqueue(items, batch_size, bar)
            else:
                summary = batch_module.BatchRun(batch_size=batch_size, workers=workers).run(
                    items, on_outcome=lambda o: self._tick(bar, o)
                )
                lines = summary.lines()
        finally:
            if bar is not None:
                bar.close()
        for line in lines:
            self.stdout.write(line)

    def _bar(self, total: int, what: str, off: bool):
        if off:
            return None
        from tqdm import tqdm

        # The bare stream: Django's wrapper would end every redraw with a newline.
        return tqdm(total=total, desc=what, unit="article", file=self.stderr._out, dynamic_ncols=True,
                    mininterval=0.5, smoothing=0.1)

    @staticmethod
    def _tick(bar, outcome):
        """One more article done; the running counts are shown beside the bar."""
        if bar is None:
            return
        if not hasattr(bar, "counts"):
            bar.counts = {}
        bar.counts[outcome.status] = bar.counts.get(outcome.status, 0) + 1
        bar.set_postfix(bar.counts, refresh=False)
        bar.update(1)

    def _enqueue(self, items, batch_size, bar) -> list[str]:
        from events import jobs
        from events.models_jobs import IngestJob

        queued = tasks = 0
        summary = batch_module.Summary()
        seen: set[str] = set()
        for raw in batch_module._batches(items, batch_size):
            todo, done = batch_module.check(raw, seen)
            waiting = set(
                IngestJob.objects.filter(content_hash__in=[v.hash for v in todo], status__in=[
                    IngestJob.Status.QUEUED, *IngestJob.RUNNING]).values_list("content_hash", flat=True)
            )
            for v in todo:
                if v.hash in waiting:
                    done.append(batch_module.Outcome(v.key, "skipped", "already queued"))
            todo = [v for v in todo if v.hash not in waiting]
            for o in done:
                summary.add(o)
                self._tick(bar, o)
            if not todo:
                continue
            with transaction.atomic():
                made = [
                    jobs.create_job(source=IngestJob.Source.BATCH, text=v.text, published=v.published, title=v.title,
                                    url=v.url, outlet=v.outlet, name=v.key)
                    for v in todo
                ]
                jobs.enqueue(made, chunk=batch_size)
            queued += len(made)
            tasks += 1
            for v in todo:
                self._tick(bar, batch_module.Outcome(v.key, "queued"))
        lines = [f"Queued {queued} articles in {tasks} tasks; skipped {summary.skipped} already stored or queued, "
                 f"refused {len(summary.refused)}."]
        lines += [f"  refused {key}: {reason}" for key, reason in summary.refused]
        if queued:
            lines.append("Workers store them: `manage.py db_worker` (TASKS_BACKEND=db) or `manage.py rqworker` (rq); "
                         "their state is in the admin under Ingest jobs.")
        return lines
