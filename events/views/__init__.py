"""The public pages, one module per page family (see each module's docstring)."""
from events.views.actors import actor_detail
from events.views.articles import article_detail, article_index
from events.views.chart import chart
from events.views.exports import export
from events.views.listing import mention_url, timeline_url_for
from events.views.paging import decode_cursor, encode_cursor
from events.views.timeline import timeline

__all__ = [
    "actor_detail", "article_detail", "article_index", "chart", "decode_cursor", "encode_cursor", "export",
    "mention_url", "timeline", "timeline_url_for",
]
