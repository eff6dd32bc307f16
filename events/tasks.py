"""Background work through the django-tasks API.

With the default ImmediateBackend a task runs in the calling process; a queue backend named in
TASKS_BACKEND runs the same tasks on workers, without changes here. Arguments are plain JSON values,
as queue backends require.
"""
from django_tasks import task

from events.ingest import reextract_article
from events.models import Article


@task()
def reextract_article_task(article_id: int) -> dict:
    """Re-extract one stored article; returns the counts for the task result."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return {"article": article_id, "missing": True}
    r = reextract_article(article)
    return {"article": article_id, "events_created": r.events_created, "events_merged": r.events_merged,
            "mentions_created": r.mentions_created}
