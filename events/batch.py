"""Batch ingestion: many articles from a folder or a JSONL file, parsed with nlp.pipe, committed per batch.

    items = read_items(Path("articles.jsonl"))                 # Item per article, lazily
    summary = BatchRun(batch_size=32, workers=2).run(items, total, on_outcome=print)

- Every article goes through the validation of `manage.py ingest` (events/ingest.py: validate); the refused
  are reported with their reason and nothing of them is written.
- An article whose text is stored already (its content hash) is skipped before it is parsed: running the
  same command again after an interruption resumes where the last committed batch ended, and an article
  never goes in twice (the hash is unique in the database; losing a race to another process counts as
  "already stored").
- A batch is parsed outside any transaction, then stored in one: a kill loses at most the batches in flight,
  which the next run does again.
- With workers > 1 the parse and the store run in that many processes (forked after the model is loaded,
  so they share its memory); this process reads, validates and skips, and keeps a bounded number of
  batches in flight, so memory does not grow with the size of the input.
"""
from __future__ import annotations

import gc
import json
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, connections, transaction

from events import ingest
from events.models import Article, content_hash

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
MANIFEST = "articles.json"


@dataclass
class Item:
    key: str  # where it came from, for the person reading the summary: "a.txt", "in.jsonl:12 (id X)"
    text: str = ""
    published: object = None
    title: str = ""
    url: str = ""
    outlet: str = ""
    error: str = ""  # the input could not even be read as an article


@dataclass
class Outcome:
    key: str
    status: str  # stored | skipped | refused
    reason: str = ""
    article_id: int | None = None
    events_created: int = 0
    events_merged: int = 0
    words: int = 0


@dataclass
class Summary:
    stored: int = 0
    skipped: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    events_created: int = 0
    events_merged: int = 0
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def add(self, o: Outcome) -> None:
        if o.status == "stored":
            self.stored += 1
            self.events_created += o.events_created
            self.events_merged += o.events_merged
            self.words += o.words
        elif o.status == "skipped":
            self.skipped += 1
        else:
            self.refused.append((o.key, o.reason))

    def lines(self) -> list[str]:
        head = "Interrupted after storing" if self.interrupted else "Stored"
        out = [
            f"{head} {self.stored} articles ({self.events_created} new events, {self.events_merged} merged into known "
            f"events), skipped {self.skipped} already stored, refused {len(self.refused)}."
        ]
        out += [f"  refused {key}: {reason}" for key, reason in self.refused]
        if self.seconds:
            rate = self.words / self.seconds if self.seconds else 0
            out.append(f"{self.words:,} words stored in {self.seconds:.1f} s ({rate:,.0f} words/s).")
        if self.interrupted:
            out.append("Run the same command again to continue: stored articles are skipped.")
        return out


# ----------------------------------------------------------------------------------------- reading


def read_items(path: Path, published=None) -> tuple[int, Iterator[Item]]:
    """(how many items, the items) of a folder of .txt/.html files or a JSONL file. `published` is the date
    of a file that neither the folder's articles.json nor its HTML metadata dates."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES)
        return len(files), _folder_items(path, files, published)
    if path.is_file():
        with path.open(encoding="utf-8", errors="replace") as f:
            total = sum(1 for line in f if line.strip())
        return total, _jsonl_items(path)
    raise FileNotFoundError(f"{path}: no such file or folder")


def _manifest(folder: Path) -> dict[str, dict]:
    """The optional articles.json of a folder (as demo/articles.json): file → its title, outlet, url, published."""
    p = folder / MANIFEST
    if not p.is_file():
        return {}
    data = json.loads(p.read_text(encoding="utf-8"))
    entries = data.get("articles", []) if isinstance(data, dict) else data
    return {str((folder / e["file"]).resolve()): e for e in entries if isinstance(e, dict) and e.get("file")}


def _folder_items(folder: Path, files: list[Path], published) -> Iterator[Item]:
    manifest = _manifest(folder)
    for p in files:
        key = str(p.relative_to(folder))
        meta = manifest.get(str(p.resolve()), {})
        item = Item(key, published=meta.get("published") or published, title=meta.get("title") or "",
                    url=meta.get("url") or "", outlet=meta.get("outlet") or "")
        try:
            raw = p.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            item.error = "not UTF-8 text"
            yield item
            continue
        if p.suffix.lower() in HTML_SUFFIXES:
            from events.webpage import page_from_html

            try:
                page = page_from_html(raw, item.url)
            except ingest.IngestError as e:
                item.error = str(e)
                yield item
                continue
            item.text = page.text
            item.title = item.title or page.title
            item.outlet = item.outlet or page.outlet
            if not meta.get("published") and page.published:
                item.published = page.published
        else:
            item.text = raw
        if item.published is None:
            item.error = "no publication date (give --published, or list the file in the folder's articles.json)"
        yield item


def _jsonl_items(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                yield Item(f"{path.name}:{n}", error=f"not a JSON object ({e.msg})")
                continue
            if not isinstance(d, dict):
                yield Item(f"{path.name}:{n}", error="not a JSON object")
                continue
            key = f"{path.name}:{n} (id {d['id']})" if "id" in d else f"{path.name}:{n}"
            text, published = d.get("text"), d.get("published", d.get("dct"))
            if not isinstance(text, str):
                yield Item(key, error='no "text" string')
                continue
            if published in (None, ""):
                yield Item(key, error='no "published" date')
                continue
            yield Item(key, text=text, published=str(published)[:10], title=str(d.get("title") or ""),
                       url=str(d.get("url") or ""), outlet=str(d.get("outlet") or ""))


# ----------------------------------------------------------------------------------------- checking


@dataclass
class Valid:
    key: str
    text: str
    published: object
    title: str
    url: str
    outlet: str
    hash: str


def check(items: list[Item], seen: set[str] | None = None) -> tuple[list[Valid], list[Outcome]]:
    """Validate a batch and drop what is stored already (one query): (to store, outcomes of the rest)."""
    valid, done = [], []
    for it in items:
        if it.error:
            done.append(Outcome(it.key, "refused", it.error))
            continue
        try:
            text, published, title = ingest.validate(it.text, it.published, it.title or None, it.url)
        except ingest.IngestError as e:
            done.append(Outcome(it.key, "refused", str(e)))
            continue
        valid.append(Valid(it.key, text, published, title, it.url, it.outlet, content_hash(text)))
    stored = set(Article.objects.filter(content_hash__in=[v.hash for v in valid]).values_list("content_hash", flat=True))
    seen = set() if seen is None else seen
    keep = []
    for v in valid:
        if v.hash in stored or v.hash in seen:
            done.append(Outcome(v.key, "skipped", "already stored"))
        else:
            seen.add(v.hash)
            keep.append(v)
    return keep, done


# ----------------------------------------------------------------------------------------- storing


def parse_and_store(batch: list[Valid], pipe_batch: int = 32) -> list[Outcome]:
    """Parse the batch with nlp.pipe, then store it in one transaction (retried while SQLite is locked)."""
    from events.extraction import nlp as nlp_module
    from events.extraction import pipeline

    nlp = nlp_module.load(settings.SPACY_MODEL)
    preps = [pipeline.prepare(v.text, v.published, v.title) for v in batch]
    candidates = []
    with nlp.memory_zone():
        for prep, doc in zip(preps, nlp.pipe((p.text for p in preps), batch_size=pipe_batch), strict=True):
            candidates.append(pipeline.extract_doc(doc, prep))
            doc.user_data.clear()  # the extractor's span indexes point back at the Doc: free it now, not at gc
    for attempt in range(8):
        try:
            with transaction.atomic():
                return [_store_one(v, c) for v, c in zip(batch, candidates, strict=True)]
        except OperationalError as e:
            if "locked" not in str(e) or attempt == 7:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def _store_one(v: Valid, candidates) -> Outcome:
    try:
        r = ingest.ingest_article(v.text, v.published, title=v.title, url=v.url, outlet=v.outlet, candidates=candidates)
    except ingest.IngestError as e:
        return Outcome(v.key, "refused", str(e))
    if not r.created:
        return Outcome(v.key, "skipped", "already stored", r.article.pk)
    return Outcome(v.key, "stored", "", r.article.pk, r.events_created, r.events_merged, len(v.text.split()))


def _worker_init():
    import django

    django.setup()  # a no-op when forked from a process that has it set up already
    connections.close_all()


def _worker_run(batch: list[Valid]) -> list[Outcome]:
    try:
        return parse_and_store(batch)
    finally:
        gc.collect()


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class BatchRun:
    def __init__(self, batch_size: int = 32, workers: int = 1):
        self.batch_size = max(1, batch_size)
        self.workers = max(1, workers)

    def run(self, items: Iterable[Item], on_outcome: Callable[[Outcome], None] = lambda o: None) -> Summary:
        summary, start, seen = Summary(), time.monotonic(), set()

        def record(outcomes):
            for o in outcomes:
                summary.add(o)
                on_outcome(o)

        from events.extraction import nlp as nlp_module

        nlp_module.load(settings.SPACY_MODEL)  # before forking: the workers share the loaded model
        pool = self._pool() if self.workers > 1 else None
        pending = []
        try:
            for raw in _batches(items, self.batch_size):
                todo, done = check(raw, seen)
                record(done)
                if not todo:
                    continue
                if pool is None:
                    record(parse_and_store(todo))
                    gc.collect()
                    continue
                pending.append(pool.apply_async(_worker_run, (todo,)))
                while len(pending) >= 2 * self.workers:  # bounded: the input is not read ahead of the workers
                    record(pending.pop(0).get())
            for p in pending:
                record(p.get())
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            if pool is not None:
                if summary.interrupted:
                    pool.terminate()
                else:
                    pool.close()
                pool.join()
            summary.seconds = time.monotonic() - start
        return summary

    def _pool(self):
        connections.close_all()  # no database connection may be shared with the children
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        return ctx.Pool(self.workers, initializer=_worker_init)
