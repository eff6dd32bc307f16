"""Run the current extractor again over stored articles, keeping every editor's correction."""
from django.core.management.base import BaseCommand, CommandError

from events.ingest import reextract_article
from events.models import Article
from events.tasks import reextract_article_task


class Command(BaseCommand):
    help = (
        "Re-extract events from stored articles with the current extractor. Events an editor changed or "
        "verified keep their fields and only gain sources, and are never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="article ids (default: all articles)")
        parser.add_argument(
            "--background", action="store_true",
            help="enqueue one task per article on the TASKS backend instead of working here",
        )

    def handle(self, *args, ids, background, **opts):
        articles = Article.objects.filter(pk__in=ids) if ids else Article.objects.all()
        if ids and len(set(ids)) != articles.count():
            missing = sorted(set(ids) - set(articles.values_list("pk", flat=True)))
            raise CommandError(f"no article with id {', '.join(map(str, missing))}")
        for pk in articles.order_by("pk").values_list("pk", flat=True):
            if background:
                result = reextract_article_task.enqueue(pk)
                self.stdout.write(f"Article #{pk}: task {result.id} {result.status.lower()}.")
                continue
            r = reextract_article(Article.objects.get(pk=pk))
            self.stdout.write(
                f"Article #{pk}: {r.events_created} new events, {r.events_merged} refreshed or merged, "
                f"{r.mentions_created} new mentions."
            )
