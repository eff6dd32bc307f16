from django.shortcuts import get_object_or_404, render

from events.models import Article, Event


def timeline(request):
    events = Event.objects.in_timeline_order().prefetch_related("participants")[:50]
    return render(request, "events/timeline.html", {"events": events})


def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    return render(request, "events/article.html", {"article": article, "paragraphs": article.paragraphs.all()})
