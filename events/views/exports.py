"""Downloads of exactly the events the timeline's current filters show (events/exports.py writes them)."""
from __future__ import annotations

from django.http import StreamingHttpResponse

from events import exports
from events.views.errors import not_found
from events.views.timeline import filtered_events


def export(request, fmt: str):
    if fmt not in exports.FORMATS:
        return not_found(request, f"There is no export as “{fmt}”: choose csv, json, ics or timelinejs.")
    _filterset, parts = filtered_events(request.GET)
    content_type, extension = exports.FORMATS[fmt]
    response = StreamingHttpResponse(
        exports.chunks(fmt, parts, request.build_absolute_uri, request.get_host()), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="diplomatic-events.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
