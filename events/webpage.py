"""A news page fetched from its URL with trafilatura: its main text, and the title, outlet and
publication date the page declares (trafilatura reads them from its metadata, when it has any)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from events.ingest import IngestError, html_to_text


@dataclass
class Page:
    url: str
    text: str
    title: str = ""
    outlet: str = ""
    published: date | None = None


def page_from_html(html: str, url: str = "") -> Page:
    """The article in an HTML document; IngestError when it has no main text."""
    import trafilatura

    text = html_to_text(html)
    meta = trafilatura.extract_metadata(html, default_url=url or None)
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            published = None
    return Page(
        url=url, text=text, title=((meta.title if meta else "") or "")[:500],
        outlet=((meta.sitename if meta else "") or "")[:200], published=published,
    )


def fetch(url: str) -> Page:
    """Download `url` and read the article in it; IngestError with the reason when that fails."""
    import trafilatura
    from django.conf import settings
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura refuses loopback and private addresses (no fetching the server's own network for a visitor);
    # INGEST_FETCH_PRIVATE_HOSTS lifts that for an intranet deployment (and the tests' local server).
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if settings.INGEST_FETCH_PRIVATE_HOSTS else "on")
    response = trafilatura.fetch_response(url, decode=True, config=config)
    if response is None:
        raise IngestError(f"Could not download {url}: no answer from the server.")
    if response.status != 200:
        raise IngestError(f"Could not download {url}: the server answered HTTP {response.status}.")
    if not response.html:
        raise IngestError(f"{url} is not a web page that could be read (empty or not text).")
    return page_from_html(response.html, url)
