"""manage.py extract: one article or a JSONL batch in, JSON events out, nothing written to the database.

These tests are not marked django_db: any database access would make them fail, which is the point."""
import io
import json

import pytest
from django.core.management import CommandError, call_command

ARTICLE = """Lavrov and Wang hold talks in Moscow
Russian Foreign Minister Sergei Lavrov held talks with Chinese Foreign Minister Wang Yi in Moscow on Monday.
Lavrov will visit Beijing next month, the ministry said.
"""


def run(*args, **opts):
    out = io.StringIO()
    call_command("extract", *args, stdout=out, **opts)
    return out.getvalue()


def test_it_prints_the_events_of_one_article(tmp_path, nlp):
    f = tmp_path / "article.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    data = json.loads(run(str(f), published="2023-03-21"))
    events = data["events"]
    assert [(e["type"], e["status"], e["date"]["earliest"]) for e in events] == [
        ("talks", "occurred", "2023-03-20"), ("visit", "planned", "2023-04-01")]
    talks = events[0]
    assert talks["participants"] == ["Sergei Lavrov", "Wang Yi"]
    assert talks["location"] == "Moscow"
    assert talks["paragraph"] == 1
    assert talks["evidence"].startswith("Russian Foreign Minister Sergei Lavrov held talks")
    assert talks["trigger"] == "held talks"
    assert talks["date"] == {"text": "Monday", "value": "2023-03-20", "earliest": "2023-03-20",
                             "latest": "2023-03-20", "granularity": "day"}
    assert [m["paragraph"] for m in talks["mentions"]] == [1, 0]


def test_a_title_given_apart_is_a_mention_without_paragraph(tmp_path, nlp):
    f = tmp_path / "article.txt"
    f.write_text(ARTICLE.split("\n", 1)[1], encoding="utf-8")
    data = json.loads(run(str(f), published="2023-03-21", title="Lavrov and Wang hold talks in Moscow"))
    assert [m["paragraph"] for m in data["events"][0]["mentions"]] == [0, None]


def test_jsonl_gives_one_line_per_document_in_order(tmp_path, nlp):
    f = tmp_path / "in.jsonl"
    docs = [
        {"id": "a", "published": "2023-03-21", "text": ARTICLE},
        {"id": "b", "published": "2023-03-21", "title": "Nothing", "text": "The weather was fine.\n"},
        {"id": "c", "published": "2016-06-07", "text": "Lavrov will be meeting on Wednesday with Riad al-Malki.\n"},
    ]
    f.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    lines = [json.loads(x) for x in run(jsonl=str(f), batch_size=2).splitlines()]
    assert [x["id"] for x in lines] == ["a", "b", "c"]
    assert len(lines[0]["events"]) == 2 and lines[1]["events"] == []
    assert lines[2]["events"][0]["date"]["value"] == "2016-06-08"
    assert lines[2]["events"][0]["status"] == "planned"


def test_it_needs_a_publication_date(tmp_path):
    f = tmp_path / "article.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CommandError, match="--published"):
        run(str(f))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run(str(f), published="last Tuesday")


def test_a_bad_jsonl_line_is_reported_with_its_number(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "published": "2023-03-21", "text": "x"}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match=":2: bad line"):
        run(jsonl=str(f))
