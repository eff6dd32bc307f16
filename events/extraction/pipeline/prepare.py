"""The input: lines, paragraphs, headlines and datelines of an article, before parsing."""
from __future__ import annotations

from datetime import date

from .. import actors
from ..anchoring import story
from .model import CAPTION, Line, Prepared

# ---------------------------------------------------------------------------------------------- input

def _headline_like(line: str) -> bool:
    s = line.strip()
    if CAPTION.search(s):
        return True
    if not s or s[-1] in ".!?\"”’'":
        return False
    return len(s.split()) <= 30


def prepare(text: str, published: date, title: str | None = None) -> Prepared:
    """The text to parse and where its lines (paragraphs) are. A title given apart comes first."""
    raw_lines = text.split("\n")
    first = next((ln.strip() for ln in raw_lines if ln.strip()), "")
    pieces: list[tuple[str, int | None, bool]] = []
    title_given = bool(title and title.strip())
    titles = set()
    if title_given and title.strip() != first:
        pieces.append((title.strip().replace("\n", " "), None, True))
        titles.add(0)
    para = 0
    first_done = False
    for ln in raw_lines:
        if not ln.strip():
            pieces.append((ln, -1, False))
            continue
        # the title given apart, repeated as the first line, is a headline; without a title the first line
        # is the title, but a first line that reads as a body paragraph ("WASHINGTON (Reuters) - ...") is body
        is_title = not first_done and title_given and ln.strip() == title.strip()
        headline = is_title or (_headline_like(ln) and not actors.dateline(ln)[0])
        if not first_done and headline and (is_title or not title_given) and not CAPTION.search(ln):
            titles.add(len(pieces))
        first_done = True
        pieces.append((ln, para, headline))
        para += 1
    out_lines, chunks, pos = [], [], 0
    for i, (ln, p, head) in enumerate(pieces):
        if p != -1:
            # a dateline opens the first paragraphs of the body (after a title, a caption)
            dl, dl_place = actors.dateline(ln) if len(out_lines) < 3 else (0, None)
            out_lines.append(Line(pos, pos + len(ln), p, head, dl, title=i in titles, dateline_place=dl_place))
            if dl:
                # blank the dateline (same length, offsets kept): it is no part of the first sentence
                ln = " " * dl + ln[dl:]
        chunks.append(ln)
        pos += len(ln) + (1 if i < len(pieces) - 1 else 0)
    day = story.story_day(text, published)
    return Prepared("\n".join(chunks), published, out_lines, day if day != published else None)


