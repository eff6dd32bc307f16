"""Background work through the django-tasks API (the same API as `django.tasks` in Django 6).

The backend is a setting (TASKS_BACKEND): "db" (django-tasks-db: tasks in this database, run by
`manage.py db_worker`), "rq" (django-tasks-rq: Redis at REDIS_URL, run by `manage.py rqworker --job-class
django_tasks_rq.Job`) or "immediate" (in the calling process). Arguments are plain JSON values, so every
backend runs the same tasks; what an ingest task did is recorded on its IngestJob rows, which the
browser polls (events/jobs.py).
"""
from django_tasks import task
from django_tasks.signals import task_started

from events import jobs
from events.ingest import reextract_article
from events.models import Article


@task()
def ingest_jobs_task(job_ids: list[int]) -> dict:
    """Run these ingest jobs (those still queued; a job another worker holds is left alone)."""
    return jobs.run_jobs(job_ids)


@task()
def reextract_article_task(article_id: int) -> dict:
    """Re-extract one stored article; returns the counts for the task result."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return {"article": article_id, "missing": True}
    r = reextract_article(article)
    return {"article": article_id, "events_created": r.events_created, "events_merged": r.events_merged,
            "mentions_created": r.mentions_created}


# A worker that starts a task first recovers the ingest jobs a dead worker left running.
task_started.connect(jobs.sweep_on_task_start, dispatch_uid="events.recover_abandoned_ingest_jobs")
