"""Recount the chart's cells (events/models_chart.py) from the events: after a bulk load or raw SQL."""
from django.core.management.base import BaseCommand

from events.models_chart import rebuild


class Command(BaseCommand):
    help = "Recount the chart's counts per month, type, status, verified and kind of date from the events."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database="default", **options):
        cells = rebuild(using=database)
        self.stdout.write(f"{cells} chart cells counted.")
