"""The ingest queue from the command line: `manage.py ingest_jobs [--recover] [--retry-failed]`."""
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from events import jobs
from events.models_jobs import IngestJob


class Command(BaseCommand):
    help = (
        "Show how many ingest jobs are in each state. --recover queues again the jobs a dead worker left running "
        "(or fails them after INGEST_JOB_ATTEMPTS); --retry-failed queues again every failed, retryable job."
    )

    def add_arguments(self, parser):
        parser.add_argument("--recover", action="store_true", help="recover jobs abandoned by a dead worker")
        parser.add_argument("--retry-failed", action="store_true", help="queue every failed, retryable job again")

    def handle(self, *args, recover, retry_failed, **opts):
        if recover:
            self.stdout.write(f"Recovered {len(jobs.recover_abandoned())} abandoned jobs.")
        if retry_failed:
            n = 0
            for job in IngestJob.objects.filter(status=IngestJob.Status.FAILED, retryable=True):
                with transaction.atomic():
                    n += jobs.retry(job)
            self.stdout.write(f"Queued {n} failed jobs again.")
        counts = dict(IngestJob.objects.values_list("status").annotate(n=Count("id")))
        self.stdout.write(", ".join(f"{s.label.lower()} {counts.get(s.value, 0)}" for s in IngestJob.Status))
