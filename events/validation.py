"""What every way in (the ingest command, the admin, the browser, a queue worker) checks before anything is stored.

    text, published, title = validate(text, published, title, url)    # or IngestError
    text = decode_bytes(data)                                           # bytes of a file → str, or IngestError

One function for all of them, so that a rule changed here holds everywhere.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from events.models import Article, normalize_text

URL_MAX = Article._meta.get_field("url").max_length
TITLE_MAX = Article._meta.get_field("title").max_length
# The identifier is sure a text is in another language when English gets under this probability
# (German, French and Spanish news get 0.000; name-heavy English leads, 0.19 at the least).
ENGLISH_MIN_PROBABILITY = 0.01
# The earliest time zone: no place on Earth has reached a later date than this one.
EARLIEST_ZONE = dt_timezone(timedelta(hours=14))
BOM = "\ufeff"
WESTERN = ("cp1252", "latin_1", "iso8859_15")
WESTERN_MAX_CHAOS = 0.2


class IngestError(ValueError):
    """The input cannot be ingested; the message says why, for the person who gave it."""


def split_paragraphs(text: str) -> list[str]:
    """Each non-empty line is a paragraph (the index is its position in this list)."""
    return [line for line in text.split("\n") if line.strip()]


# ----------------------------------------------------------------------------------------- bytes


def decode_bytes(data: bytes, name: str = "the input") -> str:
    """The text of a file: UTF-8 (with or without a byte-order mark), else the encoding charset-normalizer
    detects (Latin-1, cp1252, ...). Binary data is refused."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{name} contains NUL bytes: is it a binary file?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # English copy in a legacy encoding is nearly always Western (cp1252 / Latin-1), and on a short text
    # the detector cannot tell it from cp1257, cp1250 or cp850 ("Genève" or "Genčve"): a Western reading
    # that makes sense wins; other encodings are detected among all that charset-normalizer knows.
    best = from_bytes(data, cp_isolation=list(WESTERN)).best()
    if best is None or best.chaos > WESTERN_MAX_CHAOS:
        best = from_bytes(data).best()
    if best is None:
        raise IngestError(f"{name} is not text in any encoding that could be detected.")
    return str(best).lstrip(BOM)


# ----------------------------------------------------------------------------------------- language


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def english_probability(text: str) -> float:
    """How likely the identifier (py3langid, its model inside the package) finds the text English, 0 to 1."""
    return dict(_identifier().rank(text)).get("en", 0.0)


def detected_language(text: str) -> str:
    return _identifier().classify(text)[0]


def looks_english(text: str) -> bool:
    """False only when the identifier is sure the text is in another language. Texts of fewer than
    LANGUAGE_CHECK_MIN_WORDS words are too short to tell and pass."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < settings.LANGUAGE_CHECK_MIN_WORDS:
        return True
    return english_probability(text) >= ENGLISH_MIN_PROBABILITY


# ----------------------------------------------------------------------------------------- dates


def min_published() -> date:
    return date.fromisoformat(str(settings.MIN_PUBLISHED_DATE))


def max_published() -> date:
    """The latest publication date possible now: today where the day starts first (UTC+14)."""
    return timezone.now().astimezone(EARLIEST_ZONE).date()


def validate_published(published) -> date:
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published.strip())
        except ValueError:
            raise IngestError(f"Publication date {published!r} is not a date in the form YYYY-MM-DD.") from None
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise IngestError("A publication date is required.")
    if published < min_published():
        raise IngestError(
            f"Publication date {published.isoformat()} is before {min_published().isoformat()} (MIN_PUBLISHED_DATE): "
            "is it a typing error?"
        )
    latest = max_published()
    if published > latest:
        raise IngestError(
            f"Publication date {published.isoformat()} is in the future (it is {latest.isoformat()} at the latest "
            "anywhere on Earth)."
        )
    return published


# ----------------------------------------------------------------------------------------- the whole input


def validate_url(url: str) -> str:
    url = (url or "").strip()
    if len(url) > URL_MAX:
        raise IngestError(f"The URL has {len(url):,} characters; the limit is {URL_MAX:,}.")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise IngestError(f"{url!r} is not an http(s) URL.") from None
    return url


def validate(text: str, published, title: str | None, url: str = "") -> tuple[str, date, str]:
    """The normalized text, publication date and title, or IngestError. Writes nothing."""
    if isinstance(text, bytes):
        text = decode_bytes(text)
    if not isinstance(text, str):
        raise IngestError("The article text must be a string.")
    if "\x00" in text:
        raise IngestError("The article text contains NUL bytes: is it a binary file?")
    text = normalize_text(text.replace(BOM, ""))
    if not text.strip():
        raise IngestError("The article text is empty.")
    limit = settings.MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise IngestError(f"The article has {len(text):,} characters; the limit is {limit:,} (MAX_ARTICLE_CHARS).")
    if not looks_english(text):
        raise IngestError(
            f"The article does not look like English (it reads as {detected_language(text)!r}); "
            "the extractor reads English only."
        )
    published = validate_published(published)
    validate_url(url)
    title = (title or "").replace(BOM, "").strip() or split_paragraphs(text)[0].strip()
    return text, published, title[:TITLE_MAX]


def html_to_text(html: str) -> str:
    """The main text of an HTML page, one paragraph a line (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise IngestError("No article text could be found in that HTML.")
    return text
