"""The task queue with real workers: django-tasks-db's db_worker and RQ's rqworker, as separate processes
against the test database (and Redis db 3): enqueue → process → stored, two workers on one queue, and a
worker killed in the middle of a job."""
from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse

from events import jobs
from events.models import Article
from events.models_jobs import IngestJob
from tests import workers
from tests.workers import article_text, published

pytestmark = pytest.mark.django_db(transaction=True)
S = IngestJob.Status
DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_BACKEND = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@pytest.fixture
def db_backend(settings):
    settings.TASKS = DB_BACKEND


@pytest.fixture
def rq_backend(settings):
    client = workers.redis_or_skip()
    client.flushdb()  # nothing left from an earlier test's tasks in the test database of Redis
    settings.TASKS = RQ_BACKEND
    settings.RQ_QUEUES = {"default": {"URL": workers.TEST_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    yield client
    client.flushdb()


def queue(numbers, chunk: int = 1, **fields) -> list[IngestJob]:
    with transaction.atomic():
        made = [jobs.create_job(source=IngestJob.Source.BATCH, text=article_text(i), published=published(i),
                                name=f"story {i}", **fields) for i in numbers]
        jobs.enqueue(made, chunk=chunk)
    return made


def assert_each_stored_once(made: list[IngestJob]) -> None:
    states = dict(IngestJob.objects.filter(pk__in=[j.pk for j in made]).values_list("pk", "status"))
    assert set(states.values()) == {S.STORED}, states
    hashes = list(Article.objects.values_list("content_hash", flat=True))
    assert len(hashes) == len(set(hashes)) == len(made)
    assert set(IngestJob.objects.values_list("article_id", flat=True)) == set(Article.objects.values_list("pk", flat=True))


def test_db_worker_process_takes_a_queued_article_to_stored(db_backend):
    (job,) = queue([1])
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.ready().count() == 1 and job.status == S.QUEUED
    out = workers.finish(workers.db_worker("--batch"))
    job.refresh_from_db()
    assert job.status == S.STORED, (job.reason, out)
    assert job.article.title.startswith("Ministers") and job.article.mentions.exists()
    assert job.events_created >= 1 and job.attempts == 1 and job.text == ""
    assert DBTaskResult.objects.successful().count() == 1


def test_two_db_workers_on_200_queued_articles_store_each_exactly_once(db_backend):
    made = queue(range(200), chunk=10)
    # Every job queued twice more in tasks of other sizes: the workers race for the same jobs.
    jobs.enqueue(made[::-1], chunk=7)
    jobs.enqueue(made, chunk=25)
    procs = [workers.db_worker("--batch"), workers.db_worker("--batch")]
    outs = [workers.finish(p, timeout=600) for p in procs]
    assert_each_stored_once(made)
    ran_by = set(IngestJob.objects.values_list("worker", flat=True))
    assert len(ran_by) == 2, ("both workers took jobs", ran_by, outs[0][-500:])
    assert set(IngestJob.objects.values_list("attempts", flat=True)) == {1}


def test_the_same_text_in_two_jobs_is_stored_once_and_the_other_is_already_stored(db_backend):
    a, b = queue([5]) + queue([5])
    workers.finish(workers.db_worker("--batch"))
    a.refresh_from_db(), b.refresh_from_db()
    assert a.status == b.status == S.STORED and a.article_id == b.article_id
    assert Article.objects.count() == 1 and {a.already_stored, b.already_stored} == {True, False}


def _long_text(i: int, copies: int = 60) -> str:
    """A long article (several seconds to parse), so that a worker can be killed in the middle of it."""
    body = [article_text(i * 1000 + k).split("\n", 1)[1].strip() for k in range(copies)]
    return f"A long week of meetings (part {i})\n" + "\n".join(body)


def _kill_while_running(job: IngestJob, proc) -> None:
    workers.wait_for(lambda: IngestJob.objects.get(pk=job.pk).status in IngestJob.RUNNING, what="the job to start")
    time.sleep(0.5)
    assert IngestJob.objects.get(pk=job.pk).status in IngestJob.RUNNING, "it finished before it could be killed"
    workers.kill(proc)


def test_a_db_worker_killed_mid_job_leaves_it_retried_and_stored(db_backend):
    with transaction.atomic():
        job = jobs.create_job(source=IngestJob.Source.PASTE, text=_long_text(1), published=published(1))
        jobs.enqueue([job])
    _kill_while_running(job, workers.db_worker())
    job.refresh_from_db()
    assert job.status in IngestJob.RUNNING and Article.objects.count() == 0  # nothing half-stored
    # The next worker to start a task (here: the status page being polled) sees the dead process.
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get().status == "RUNNING"  # what the killed worker left
    assert jobs.recover_abandoned() == [job.pk]
    job.refresh_from_db()
    assert job.status == S.QUEUED and "stopped during attempt 1" in job.reason
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "READY"]  # closed, queued anew
    workers.finish(workers.db_worker("--batch"), timeout=300)
    job.refresh_from_db()
    assert job.status == S.STORED and job.attempts == 2 and Article.objects.count() == 1


def test_a_job_whose_workers_keep_dying_is_failed_retryable_and_retried_from_the_admin(db_backend, settings, client):
    settings.INGEST_JOB_ATTEMPTS = 1
    with transaction.atomic():
        job = jobs.create_job(source=IngestJob.Source.PASTE, text=_long_text(2), published=published(2))
        jobs.enqueue([job])
    _kill_while_running(job, workers.db_worker())
    # Polling the job's status fragment recovers it: one attempt allowed, so it is failed and retryable.
    staff = User.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(staff)
    html = client.get(reverse("ingest:status", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == S.FAILED and job.retryable and "stopped during attempt 1 of 1" in job.reason
    assert "Retry" in html and job.reason in html and "every 1s" not in html
    response = client.post(reverse("admin:events_ingestjob_changelist"),
                           {"action": "retry_jobs", "_selected_action": [job.pk]})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == S.QUEUED and job.attempts == 0
    workers.finish(workers.db_worker("--batch"), timeout=300)
    job.refresh_from_db()
    assert job.status == S.STORED and Article.objects.count() == 1


def test_rq_worker_process_takes_queued_articles_to_stored(rq_backend):
    made = queue(range(6), chunk=2)
    assert rq_backend.llen("rq:queue:default") == 3  # three tasks wait in Redis, none ran here
    assert IngestJob.objects.filter(status=S.QUEUED).count() == 6
    out = workers.finish(workers.rq_worker("--burst"))
    assert_each_stored_once(made)
    from events.tasks import ingest_jobs_task

    result = ingest_jobs_task.get_result(IngestJob.objects.first().task_id)
    assert result.status == "SUCCESSFUL" and result.return_value["stored"] == 2, out[-2000:]


def test_two_rq_workers_on_one_queue_store_each_article_once(rq_backend):
    made = queue(range(40), chunk=4)
    jobs.enqueue(made[::-1], chunk=3)  # the same jobs in other tasks: the two workers race for them
    procs = [workers.rq_worker("--burst"), workers.rq_worker("--burst")]
    for p in procs:
        workers.finish(p, timeout=600)
    assert_each_stored_once(made)


def test_an_rq_worker_killed_mid_job_leaves_it_retried_and_stored(rq_backend):
    with transaction.atomic():
        job = jobs.create_job(source=IngestJob.Source.PASTE, text=_long_text(3), published=published(3))
        jobs.enqueue([job])
    _kill_while_running(job, workers.rq_worker())
    assert Article.objects.count() == 0
    assert jobs.recover_abandoned() == [job.pk]
    workers.finish(workers.rq_worker("--burst"), timeout=300)
    job.refresh_from_db()
    assert job.status == S.STORED and job.attempts == 2 and Article.objects.count() == 1
