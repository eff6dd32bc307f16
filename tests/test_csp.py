"""The Content-Security-Policy header (django-csp): present and strict on every kind of response, and no
template carries the inline script, inline style or eval-needing htmx attribute it would block.

The browser check that nothing is blocked in practice is tests/test_csp_browser.py.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from events.models import Event
from tests.factories import make_actor, make_article, make_event, make_mention

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    parts = [p.strip().split(None, 1) for p in header.split(";") if p.strip()]
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


@pytest.fixture
def stored():
    article = make_article(["Leaders held a summit in Singapore on Tuesday."], published=date(2018, 6, 13))
    actor = make_actor("Kim Jong-un")
    event = make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=[actor], location="Singapore")
    make_mention(event, article, 0, "summit")
    return {"article": article, "actor": actor, "event": event}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/?type=summit", "/chart/", "/articles/", "/admin/login/", "/no-such-page/"])
def test_every_response_has_the_strict_policy(client, stored, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert directives(response) == EXPECTED
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_htmx_fragments_and_admin_pages_have_it_too(admin_client, stored):
    fragment = admin_client.get("/?type=summit", headers={"HX-Request": "true", "HX-Target": "results"})
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert directives(fragment) == EXPECTED
    for path in (f"/actors/{stored['actor'].pk}/", "/admin/events/event/",
                 f"/admin/events/event/{stored['event'].pk}/change/", f"/admin/events/event/{stored['event'].pk}/history/"):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert directives(response) == EXPECTED, path


@pytest.mark.django_db
def test_pages_tell_htmx_not_to_inject_styles_or_eval(client, stored):
    html = client.get("/").content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false, "allowEval": false}'>""" in html
    # htmx's indicator rules, no longer injected by htmx, are in our stylesheet.
    css = (ROOT / "static" / "css" / "app.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


INLINE_STYLE = re.compile(r"""\sstyle\s*=""", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)
HTMX_EVAL = re.compile(r"""hx-on|hx-trigger="[^"]*\[|hx-vals=["']js:|hx-vars""", re.I)


def test_no_template_has_inline_script_style_handler_or_htmx_eval():
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("events/templates/**/*.html")]
    assert len(templates) > 10
    offending = []
    for path in templates:
        text = path.read_text()
        for name, pattern in (("style", INLINE_STYLE), ("script", INLINE_SCRIPT), ("handler", INLINE_HANDLER),
                              ("htmx eval", HTMX_EVAL)):
            offending += [f"{path.relative_to(ROOT)}: {name}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offending == []


@pytest.mark.django_db
def test_the_chart_svg_is_styled_by_classes(client, stored):
    html = client.get("/chart/").content.decode()
    assert "<svg" in html
    assert not INLINE_STYLE.search(html) and "<style" not in html
