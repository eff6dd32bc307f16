"""Run the current extractor again over stored articles, keeping every editor's correction."""
from django.core.management.base import BaseCommand, CommandError

from events.ingest import reextract_article
from events.models import Article


class Command(BaseCommand):
    help = (
        "Re-extract events from stored articles with the current extractor. Events an editor changed keep "
        "their fields and only gain sources; verified or edited events are never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="article ids (default: all articles)")

    def handle(self, *args, ids, **opts):
        articles = Article.objects.filter(pk__in=ids) if ids else Article.objects.all()
        if ids and len(ids) != articles.count():
            missing = sorted(set(ids) - set(articles.values_list("pk", flat=True)))
            raise CommandError(f"no article with id {', '.join(map(str, missing))}")
        for article in articles.order_by("pk").iterator():
            r = reextract_article(article)
            self.stdout.write(
                f"Article #{article.pk}: {r.events_created} new events, {r.events_merged} refreshed or merged, "
                f"{r.mentions_created} new mentions."
            )
