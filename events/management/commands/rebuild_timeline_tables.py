"""Recount the tables derived from the events, after a bulk load or raw SQL that bypassed their signals:
the chart's counts (events/models_chart.py), each actor's chart counts (events/models_actor_chart.py), each
actor's events in order (events/models_actors.py) and each event's search terms with the counts per term
(events/models_term_chart.py)."""
from django.core.management.base import BaseCommand

from events import models_actor_chart, models_actors, models_chart, models_term_chart


class Command(BaseCommand):
    help = ("Rebuild the chart's counts per month (all events, per actor and per search term) and the actors' timelines"
            " from the events.")

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database="default", **options):
        cells = models_chart.rebuild(using=database)
        actor_cells = models_actor_chart.rebuild(using=database)
        rows = models_actors.rebuild(using=database)
        term_cells = models_term_chart.rebuild(using=database)
        self.stdout.write(f"{cells} chart cells counted, {actor_cells} actor chart cells counted,"
                          f" {rows} actor timeline rows copied, {term_cells} search term chart cells counted.")
