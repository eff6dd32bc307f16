"""The admin's view of the ingest queue: every job with its state, and "Retry" for the failed ones.

Listing the jobs first recovers those a dead worker left running (events/jobs.py: recover_abandoned).
"""
from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.utils.html import format_html

from events import jobs
from events.models_jobs import IngestJob


def queue_extraction(request, article) -> IngestJob:
    """An article typed into the admin is stored; its events are extracted by a worker (an ingest job)."""
    with transaction.atomic():
        job = jobs.create_job(source=IngestJob.Source.ADMIN, article=article, user=request.user,
                              title=article.title, published=article.published, name=f"article #{article.pk}")
        jobs.enqueue([job])
    messages.info(request, format_html(
        'Its events are being extracted in the background: <a href="{}">follow ingest job #{}</a>.',
        job.get_absolute_url(), job.pk,
    ))
    return job


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = ("id", "label_display", "source", "status", "attempts", "reason_short", "article_link", "worker",
                    "created_at", "finished_at")
    list_filter = ("status", "source", "retryable")
    search_fields = ("name", "title", "url", "reason")
    list_select_related = ("article",)
    actions = ("retry_jobs",)
    readonly_fields = [f.name for f in IngestJob._meta.fields if f.name != "id"] + ["status_page"]
    exclude = ("text",)

    def has_add_permission(self, request):
        return False  # articles come in through the ingest page, the admin's Add article or the commands

    def changelist_view(self, request, extra_context=None):
        jobs.recover_abandoned()
        return super().changelist_view(request, extra_context)

    @admin.display(description="Article or input")
    def label_display(self, obj):
        return obj.label[:80]

    @admin.display(description="Reason")
    def reason_short(self, obj):
        return obj.reason[:120]

    @admin.display(description="Article")
    def article_link(self, obj):
        if not obj.article_id:
            return "—"
        return format_html('<a href="{}">#{}</a>', obj.article.get_absolute_url(), obj.article_id)

    @admin.display(description="Status page")
    def status_page(self, obj):
        return format_html('<a href="{}">Follow this job</a>', obj.get_absolute_url())

    @admin.action(description="Retry selected failed jobs")
    def retry_jobs(self, request, queryset):
        retried = skipped = 0
        for job in queryset:
            with transaction.atomic():
                if jobs.retry(job):
                    retried += 1
                else:
                    skipped += 1
        self.message_user(request, f"{retried} jobs queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(request, f"{skipped} were not failed and retryable, and were left as they are.",
                              messages.WARNING)
