"""The source articles: an index of all of them, newest first, and one article with its paragraphs."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render

from events.ingest import split_paragraphs
from events.models import Actor, Article, Mention
from events.views.errors import NotFound, get_or_not_found, not_found
from events.views.listing import paragraph_with_triggers, timeline_url_for

ARTICLES_PER_PAGE = 50


def article_index(request):
    # A correlated count per article shown (not a GROUP BY over every mention), so a page's cost is its 50 rows.
    events_of = (
        Mention.objects.filter(article=OuterRef("pk")).order_by().values("article")
        .annotate(n=Count("event", distinct=True)).values("n")
    )
    articles = (
        Article.objects.defer("text")
        .annotate(event_count=Coalesce(Subquery(events_of), 0))
        .order_by("-published", "-id")
    )
    paginator = Paginator(articles, ARTICLES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {"page": page, "articles": page.object_list, "paginator": paginator}
    return render(request, "events/article_index.html", context)


def article_detail(request, pk):
    try:
        article = get_or_not_found(Article.objects.all(), "There is no article with this number.", pk=pk)
    except NotFound as exc:
        return not_found(request, exc.message)
    paragraphs = list(article.paragraphs.all())
    mentions = list(
        Mention.objects.filter(article=article)
        .select_related("event", "paragraph")
        .prefetch_related(Prefetch("event__participants", queryset=Actor.objects.only("id", "name")))
        .order_by("paragraph__index", "sentence_index", "trigger_start")
    )
    by_paragraph: dict[int | None, list[Mention]] = {}
    for m in mentions:
        m.event.timeline_url = timeline_url_for(m.event)
        by_paragraph.setdefault(m.paragraph_id, []).append(m)

    if paragraphs:
        rows = [
            {
                "index": p.index,
                "html": paragraph_with_triggers(p.text, by_paragraph.get(p.pk, [])),
                "mentions": by_paragraph.get(p.pk, []),
                "is_headline": p.text.strip() == article.title.strip(),
            }
            for p in paragraphs
        ]
    else:
        # An article typed into the admin has no Paragraph rows yet: number its non-empty lines.
        rows = [{"index": i, "html": line, "mentions": []} for i, line in enumerate(split_paragraphs(article.text))]

    context = {
        "article": article,
        "paragraphs": rows,
        "title_mentions": by_paragraph.get(None, []),
        "event_count": len({m.event_id for m in mentions}),
    }
    return render(request, "events/article.html", context)
