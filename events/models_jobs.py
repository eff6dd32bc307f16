"""IngestJob: one article on its way in through the task queue, and what became of it.

The job row is the state the browser polls and the admin lists; the queue (django-tasks-db or RQ) only
carries the job's id. A job moves queued → parsing → extracting → stored, or to failed with a reason
(retryable unless the input itself was refused). See events/jobs.py for the life cycle.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class IngestJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        PARSING = "parsing"
        EXTRACTING = "extracting"
        STORED = "stored"
        FAILED = "failed"

    class Source(models.TextChoices):
        PASTE = "paste", "Pasted text"
        FILE = "file", "Uploaded file"
        URL = "url", "Web page"
        ADMIN = "admin", "Added in the admin"
        BATCH = "batch", "Batch"

    RUNNING = (Status.PARSING, Status.EXTRACTING)

    source = models.CharField(max_length=10, choices=Source.choices)
    name = models.CharField(max_length=1000, blank=True, help_text="File name, batch item id or URL given.")
    text = models.TextField(blank=True, help_text="The text to ingest (empty for a web page until it is fetched).")
    published = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField(blank=True, help_text="Why it failed.")
    retryable = models.BooleanField(default=False, help_text="Failed for a reason other than its input: may be retried.")
    article = models.ForeignKey(
        "events.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="ingest_jobs"
    )
    already_stored = models.BooleanField(default=False, help_text="The article was stored before this job.")
    events_created = models.PositiveIntegerField(default=0)
    events_merged = models.PositiveIntegerField(default=0)
    mentions_created = models.PositiveIntegerField(default=0)

    attempts = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    claim = models.CharField(max_length=64, blank=True, editable=False)
    worker = models.CharField(max_length=200, blank=True, help_text="host:pid of the worker that runs it.")
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="ingestjob_status_heartbeat")]

    def __str__(self):
        return f"Ingest job #{self.pk} ({self.get_source_display()}: {self.label}) {self.status}"

    def get_absolute_url(self):
        return reverse("ingest:job", args=[self.pk])

    @property
    def label(self) -> str:
        return self.title or self.name or (self.text.split("\n", 1)[0][:80] if self.text else "") or "untitled"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.STORED, self.Status.FAILED)
