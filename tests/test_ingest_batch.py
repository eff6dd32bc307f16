"""manage.py ingest_batch: folders and JSONL files, refusals with reasons, skipping what is stored, resuming
after being killed, N worker processes, the progress bar, and --enqueue."""
from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Article, Event
from events.models_jobs import IngestJob
from tests import workers
from tests.workers import article_text, published

FRENCH = ("Le ministre des affaires étrangères a rencontré son homologue à Paris lundi pour parler du commerce, "
          "des visas et de la coopération entre les deux pays, a indiqué le ministère dans un communiqué publié "
          "dans la soirée après une longue journée de discussions.")


def write_jsonl(path, numbers, extra_lines=()):
    lines = [json.dumps({"id": f"s{i}", "published": published(i).isoformat(), "text": article_text(i),
                         "outlet": "Test Wire"}) for i in numbers]
    path.write_text("\n".join([*lines, *extra_lines]) + "\n", encoding="utf-8")
    return path


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_batch", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def assert_once_each(n: int) -> None:
    hashes = list(Article.objects.values_list("content_hash", flat=True))
    assert len(hashes) == len(set(hashes)) == n


@pytest.mark.django_db
def test_a_jsonl_file_is_stored_refusals_are_reported_and_a_second_run_skips_everything(tmp_path):
    bad = [
        json.dumps({"id": "fr", "published": "2019-02-01", "text": FRENCH}),
        json.dumps({"id": "future", "published": "2031-01-01", "text": article_text(90)}),
        json.dumps({"id": "nodate", "text": article_text(91)}),
        "{not json",
    ]
    path = write_jsonl(tmp_path / "in.jsonl", range(6), bad)
    out, err = run(path, "--batch-size", 4)
    assert "Stored 6 articles" in out and "skipped 0 already stored, refused 4." in out
    assert "in.jsonl:7 (id fr): The article does not look like English" in out
    assert re.search(r"in.jsonl:8 \(id future\): Publication date 2031-01-01 is in the future", out)
    assert 'in.jsonl:9 (id nodate): no "published" date' in out and "in.jsonl:10: not a JSON object" in out
    assert_once_each(6)
    assert Event.objects.exists() and set(Article.objects.values_list("outlet", flat=True)) == {"Test Wire"}
    out, _ = run(path)
    assert "Stored 0 articles" in out and "skipped 6 already stored, refused 4." in out
    assert_once_each(6)


@pytest.mark.django_db
def test_the_progress_bar_counts_articles_with_rate_and_eta(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", range(5), [json.dumps({"id": "x", "published": "2019-01-01", "text": ""})])
    _, err = run(path, "--batch-size", 2)
    last = err.strip().split("\r")[-1]
    # e.g. "ingest: 100%|██████████| 6/6 [00:02<00:00,  2.51article/s, stored=5, refused=1]"
    assert re.search(r"ingest: 100%\|.*\| 6/6 \[\d\d:\d\d<00:00, +[\d.]+(article/s|s/article), stored=5, refused=1\]", last), last
    assert err.count("\r") >= 2  # redrawn in place as it went, not printed once at the end
    _, err = run(path, "--no-progress")
    assert err == ""


@pytest.mark.django_db
def test_a_folder_of_text_and_html_files_dated_by_its_manifest_the_page_or_the_option(tmp_path):
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(article_text(2), encoding="utf-8")
    paras = "".join(f"<p>{line}</p>" for line in article_text(3).split("\n")[1:] if line)
    (tmp_path / "c.html").write_text(
        f'<html><head><title>Ministers meet in Geneva</title><meta property="article:published_time" '
        f'content="2019-05-06"></head><body><article><h1>Ministers meet in Geneva</h1>{paras}</article></body></html>',
        encoding="utf-8")
    (tmp_path / "d.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "articles.json").write_text(json.dumps({"articles": [
        {"file": "a.txt", "published": "2019-03-04", "title": "Ministers meet", "outlet": "Manifest Wire"}]}))
    out, _ = run(tmp_path, "--published", "2019-07-01")
    assert "Stored 3 articles" in out and "refused 1." in out and "refused d.txt: not UTF-8 text" in out
    dates = {a.outlet or a.title: a.published.isoformat() for a in Article.objects.all()}
    assert dates["Manifest Wire"] == "2019-03-04"  # from articles.json
    assert "2019-05-06" in dates.values()  # the HTML page's own date
    assert "2019-07-01" in dates.values()  # sub/b.txt: --published
    with pytest.raises(CommandError, match="no such file or folder"):
        run(tmp_path / "missing")


@pytest.mark.django_db
def test_an_undated_file_is_refused_with_the_reason(tmp_path):
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    out, _ = run(tmp_path)
    assert "refused a.txt: no publication date" in out and Article.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_store_every_article_once(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", range(24), [json.dumps({"id": "dup", "published": "2019-01-05",
                                                                      "text": article_text(3)})])
    out, _ = run(path, "--workers", 2, "--batch-size", 3)
    assert "Stored 24 articles" in out and "skipped 1 already stored" in out
    assert_once_each(24)


@pytest.mark.django_db(transaction=True)
def test_killed_mid_run_it_resumes_and_ends_with_every_article_stored_once(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", range(80))
    proc = workers.manage("ingest_batch", str(path), "--batch-size", "4")
    workers.wait_for(lambda: Article.objects.count() >= 8 or proc.poll() is not None, what="two committed batches")
    workers.kill(proc)
    stored_before = Article.objects.count()
    assert 8 <= stored_before < 80, "killed after the end: make the input longer"
    assert stored_before % 4 == 0  # whole batches: a batch is committed together or not at all
    out = workers.finish(workers.manage("ingest_batch", str(path), "--batch-size", "4", "--no-progress"))
    assert f"skipped {stored_before} already stored" in out and f"Stored {80 - stored_before} articles" in out, out
    assert_once_each(80)


@pytest.mark.django_db(transaction=True)
def test_enqueue_hands_the_batch_to_the_queue_and_a_worker_stores_it(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    path = write_jsonl(tmp_path / "in.jsonl", range(10), [json.dumps({"id": "fr", "published": "2019-02-01",
                                                                      "text": FRENCH})])
    out, _ = run(path, "--enqueue", "--batch-size", 4)
    assert "Queued 10 articles in 3 tasks" in out and "refused 1." in out and Article.objects.count() == 0
    out, _ = run(path, "--enqueue")
    assert "Queued 0 articles" in out and "skipped 10 already stored or queued" in out
    workers.finish(workers.db_worker("--batch"))
    assert set(IngestJob.objects.values_list("status", flat=True)) == {IngestJob.Status.STORED}
    assert_once_each(10)
