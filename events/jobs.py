"""The life of an IngestJob: created and enqueued at once, claimed by one worker, parsed, extracted, stored.

    job = create_job(source=IngestJob.Source.PASTE, text=..., published=date(2016, 6, 7))
    enqueue([job])            # after the surrounding transaction commits: a task on the TASKS backend

- Claiming is one conditional UPDATE (queued → parsing, with a token of this run), so two workers given
  the same job never both run it; a conflict on the article's content hash means "already stored".
- The same validation and extraction as `manage.py ingest` (events/ingest.py): validate, parse, extract,
  and store the article with its events in one transaction.
- A job whose worker died (killed, machine lost) is *abandoned*: on the worker's own machine that is seen
  at once (its process is gone), elsewhere after INGEST_JOB_TIMEOUT seconds without a heartbeat.
  `recover_abandoned()` queues it again, up to INGEST_JOB_ATTEMPTS attempts, then marks it failed and
  retryable. Recovery runs whenever any task starts, whenever a job's status is polled, in the admin's
  job list and before `make run` starts its worker (`manage.py ingest_jobs --recover`).
"""
from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from events import ingest
from events.models import Article, content_hash
from events.models_jobs import IngestJob

log = logging.getLogger(__name__)
S = IngestJob.Status


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# ----------------------------------------------------------------------------------------- create


def create_job(*, source: str, text: str = "", published=None, title: str = "", url: str = "", outlet: str = "",
               name: str = "", user=None, article: Article | None = None) -> IngestJob:
    return IngestJob.objects.create(
        source=source, text=text, published=published, title=(title or "")[:500], url=url, outlet=(outlet or "")[:200],
        name=(name or "")[:1000], created_by=user if user is not None and user.is_authenticated else None,
        article=article, content_hash=content_hash(text) if text else "",
    )


def enqueue(jobs: Sequence[IngestJob], chunk: int = 1) -> None:
    """Hand the jobs to the task queue, `chunk` jobs per task, once the current transaction commits (a
    worker must find the rows it is given)."""
    ids = [j.pk for j in jobs]
    if not ids:
        return

    def send():
        from events.tasks import ingest_jobs_task

        for i in range(0, len(ids), chunk):
            part = ids[i:i + chunk]
            result = ingest_jobs_task.enqueue(part)
            IngestJob.objects.filter(pk__in=part, task_id="").update(task_id=str(result.id)[:64])

    transaction.on_commit(send)


def retry(job: IngestJob) -> bool:
    """Queue a failed, retryable job again with fresh attempts; False when it is not in that state."""
    n = IngestJob.objects.filter(pk=job.pk, status=S.FAILED, retryable=True).update(
        status=S.QUEUED, reason="", retryable=False, attempts=0, claim="", worker="", task_id="",
        heartbeat_at=None, finished_at=None,
    )
    if n:
        enqueue([job])
    return bool(n)


# ----------------------------------------------------------------------------------------- run


def _mark(job: IngestJob, token: str, **fields) -> bool:
    """Update the job only while this run still holds it (recovery may have taken it away)."""
    fields.setdefault("heartbeat_at", timezone.now())
    n = IngestJob.objects.filter(pk=job.pk, claim=token).update(**fields)
    for k, v in fields.items():
        setattr(job, k, v)
    return bool(n)


def claim(job_ids: Iterable[int], token: str) -> list[IngestJob]:
    now = timezone.now()
    IngestJob.objects.filter(pk__in=list(job_ids), status=S.QUEUED).update(
        status=S.PARSING, claim=token, worker=worker_name(), attempts=F("attempts") + 1,
        started_at=now, heartbeat_at=now, reason="",
    )
    return list(IngestJob.objects.filter(claim=token).order_by("pk"))


def _fail(job: IngestJob, token: str, reason: str, retryable: bool) -> None:
    _mark(job, token, status=S.FAILED, reason=reason[:5000], retryable=retryable, finished_at=timezone.now())


def _prepare_input(job: IngestJob, token: str) -> tuple[str, object, str] | None:
    """The validated (text, published, title) of the job, fetching a web page first; None when it failed."""
    try:
        if job.source == IngestJob.Source.URL and not job.text:
            from events.webpage import fetch

            page = fetch(job.url)
            fields = {"text": page.text, "content_hash": content_hash(page.text)}
            if job.published is None and page.published is not None:
                fields["published"] = page.published
            if not job.title and page.title:
                fields["title"] = page.title
            if not job.outlet and page.outlet:
                fields["outlet"] = page.outlet
            _mark(job, token, **fields)
            if job.published is None:
                raise ingest.IngestError(
                    "The page does not say when it was published: give the publication date and submit it again."
                )
        return ingest.validate(job.text, job.published, job.title or None, job.url)
    except ingest.IngestError as e:
        _fail(job, token, str(e), retryable=job.source == IngestJob.Source.URL and not job.text)
        return None


def run_jobs(job_ids: Sequence[int], batch_size: int = 16) -> dict:
    """Run the queued jobs among `job_ids` in this process; the jobs another run holds are left alone."""
    from events.extraction import nlp as nlp_module
    from events.extraction import pipeline

    token = uuid.uuid4().hex
    jobs = claim(job_ids, token)
    counts = {"claimed": len(jobs), "stored": 0, "already_stored": 0, "failed": 0}
    try:
        todo = []
        for job in jobs:
            if job.article_id is not None:  # an article typed into the admin: stored, events still to find
                todo.append((job, (job.article.text, job.article.published, job.article.title)))
                continue
            valid = _prepare_input(job, token)
            if valid is None:
                counts["failed"] += 1
                continue
            existing = Article.objects.filter(content_hash=content_hash(valid[0])).first()
            if existing is not None:
                _done(job, token, existing, None)
                counts["already_stored"] += 1
                continue
            todo.append((job, valid))
        if todo:
            nlp = nlp_module.load(settings.SPACY_MODEL)
            preps = [pipeline.prepare(text, published, title) for _, (text, published, title) in todo]
            with nlp.memory_zone():
                docs = nlp.pipe((p.text for p in preps), batch_size=batch_size)
                for (job, valid), prep, doc in zip(todo, preps, docs, strict=True):
                    outcome = _extract_and_store(job, token, valid, prep, doc)
                    counts[outcome] += 1
    finally:
        # Whatever stopped this run midway (an error outside one article's handling) leaves no job "running".
        for job in IngestJob.objects.filter(claim=token, status__in=IngestJob.RUNNING):
            _fail(job, token, "The worker stopped while processing it.", retryable=True)
    return counts


def _extract_and_store(job: IngestJob, token: str, valid, prep, doc) -> str:
    from events.extraction import pipeline

    try:
        if not _mark(job, token, status=S.EXTRACTING):
            return "failed"  # taken over by recovery meanwhile
        candidates = pipeline.extract_doc(doc, prep)
        doc.user_data.clear()  # the extractor's span indexes point back at the Doc: free it now, not at gc
        text, published, title = valid
        if job.article_id is not None:
            result = ingest.reextract_article(job.article, candidates=candidates)
            result.created = True
        else:
            result = ingest.ingest_article(text, published, title=title, url=job.url, outlet=job.outlet,
                                           candidates=candidates)
    except ingest.IngestError as e:
        _fail(job, token, str(e), retryable=False)
        return "failed"
    except Exception as e:  # noqa: BLE001 - any other failure is recorded on the job, which may be retried
        log.exception("ingest job %s failed", job.pk)
        _fail(job, token, f"{type(e).__name__}: {e}", retryable=True)
        return "failed"
    _done(job, token, result.article, result)
    return "stored" if result.created else "already_stored"


def _done(job: IngestJob, token: str, article: Article, result: ingest.IngestResult | None) -> None:
    created = result is not None and result.created
    _mark(
        job, token, status=S.STORED, article=article, already_stored=not created, text="",
        events_created=result.events_created if result else 0, events_merged=result.events_merged if result else 0,
        mentions_created=result.mentions_created if result else 0, finished_at=timezone.now(), reason="",
    )


# ----------------------------------------------------------------------------------------- recovery


def process_alive(worker: str) -> bool | None:
    """Whether the worker process `host:pid` is alive; None when it runs on another machine."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process its parent has not reaped yet is a zombie: dead all the same
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def recover_abandoned(job_ids: Iterable[int] | None = None) -> list[int]:
    """Queue again (or fail, after INGEST_JOB_ATTEMPTS) every running job whose worker is gone; their ids."""
    cutoff = timezone.now() - timedelta(seconds=settings.INGEST_JOB_TIMEOUT)
    here = socket.gethostname() + ":"
    running = IngestJob.objects.filter(status__in=IngestJob.RUNNING)
    if job_ids is not None:
        running = running.filter(pk__in=list(job_ids))
    suspects = running.filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True) | Q(worker__startswith=here))
    requeued, recovered = [], []
    suspects = list(suspects.only("pk", "claim", "status", "worker", "attempts", "heartbeat_at", "task_id"))
    for job in suspects:
        stale = job.heartbeat_at is None or job.heartbeat_at < cutoff
        if not stale and process_alive(job.worker) is not False:
            continue
        what = f"the worker {job.worker} stopped during attempt {job.attempts}"
        held = IngestJob.objects.filter(pk=job.pk, claim=job.claim, status=job.status)
        if job.attempts < settings.INGEST_JOB_ATTEMPTS:
            if held.update(status=S.QUEUED, claim="", worker="", task_id="", reason=f"Queued again: {what}."):
                requeued.append(job)
        elif held.update(status=S.FAILED, retryable=True, finished_at=timezone.now(),
                         reason=f"Failed: {what} of {settings.INGEST_JOB_ATTEMPTS}."):
            recovered.append(job.pk)
    _close_dead_tasks([j.task_id for j in suspects if j.pk in {*recovered, *(r.pk for r in requeued)}])
    if requeued:
        log.warning("ingest jobs %s abandoned by their worker: queued again", [j.pk for j in requeued])
        enqueue(requeued)
    return [j.pk for j in requeued] + recovered


def _close_dead_tasks(task_ids: list[str]) -> None:
    """django-tasks-db leaves the task a killed worker was running as RUNNING for ever: mark it failed."""
    from django_tasks import task_backends

    task_ids = [t for t in task_ids if t]
    if not task_ids or type(task_backends["default"]).__name__ != "DatabaseBackend":
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id__in=task_ids, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now(), exception_class_path="events.jobs.WorkerStopped",
        traceback="The worker running this task stopped (events.jobs.recover_abandoned).",
    )


_last_sweep = [0.0]


def sweep_on_task_start(**_kwargs) -> None:
    """Receiver of django-tasks' task_started: a worker that starts any task first looks for abandoned jobs
    (at most once every 10 seconds per process)."""
    import time

    now = time.monotonic()
    if now - _last_sweep[0] < 10:
        return
    _last_sweep[0] = now
    try:
        recover_abandoned()
    except Exception:  # noqa: BLE001 - recovery must never stop the task that triggered it
        log.exception("recovering abandoned ingest jobs failed")
