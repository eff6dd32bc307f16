"""An actor's page: who they are, the actors they met most, and their events as a timeline."""
from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from events.models import Actor, ActorAlias, ActorTimeline, Event
from events.views.errors import NotFound, get_or_not_found, not_found
from events.views.listing import event_page
from events.views.paging import ACTOR_KEYSET, capped_count, decode_cursor, for_actor, segments

MET_MOST = 12
COUNT_CAP = 1000
# The actors met most are counted over the actor's most recent MET_OVER events (a bounded range of their
# timeline index), so the page's cost does not grow with a long career.
MET_OVER = 1000


def met_most(actor: Actor, limit: int = MET_MOST) -> list[dict]:
    """The actors who share the most events with `actor`: [{'id', 'name', 'kind', 'count'}], most first.

    Counted over the actor's MET_OVER most recent events."""
    through = Event.participants.through
    theirs = ActorTimeline.objects.filter(actor_id=actor.pk).order_by("-sort_date", "-event")[:MET_OVER].values(
        "event_id")
    rows = (
        through.objects.filter(event_id__in=theirs).exclude(actor_id=actor.pk)
        .values("actor_id", "actor__name", "actor__kind")
        .annotate(count=Count("event_id"))
        .order_by("-count", "actor__name")[:limit]
    )
    return [{"id": r["actor_id"], "name": r["actor__name"], "kind": r["actor__kind"], "count": r["count"]} for r in rows]


def actor_detail(request, pk):
    actors = Actor.objects.prefetch_related(Prefetch("aliases", queryset=ActorAlias.objects.order_by("alias")))
    try:
        actor = get_or_not_found(actors, "There is no actor with this number.", pk=pk)
    except NotFound as exc:
        return not_found(request, exc.message)

    htmx = getattr(request, "htmx", None)
    cursor = decode_cursor(request.GET.get("after"))
    first_page = cursor is None
    appending = bool(htmx) and not htmx.history_restore_request and not first_page
    page_size = max(1, settings.TIMELINE_PAGE_SIZE)
    parts = segments(for_actor(Event.objects.all(), actor), keyset=ACTOR_KEYSET)
    page = event_page(parts, cursor, page_size, appending=appending)
    next_query = None
    if page.has_more:
        q = QueryDict(mutable=True)
        q["after"] = page.next_cursor
        next_query = q.urlencode()
    context = {
        "actor": actor,
        "aliases": [a.alias for a in actor.aliases.all() if a.alias != actor.name],
        "groups": page.groups,
        "events": page.events,
        "has_more": page.has_more,
        "next_query": next_query,
        "list_url": request.path,
        "first_page": first_page,
    }
    if appending:
        response = render(request, "events/timeline.html#page", context)
    else:
        if first_page:
            capped = capped_count(parts, COUNT_CAP)
            context.update(count=min(capped, COUNT_CAP), count_capped=capped > COUNT_CAP, met=met_most(actor),
                           met_over=MET_OVER if capped > MET_OVER else None)
        response = render(request, "events/actor.html", context)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response
