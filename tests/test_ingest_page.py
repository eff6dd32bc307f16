"""Ingest from the browser for staff (and the admin's Add article): the same validation as `manage.py ingest`,
enqueued at once, the job's state polled through a status fragment, what was extracted shown with links."""
from __future__ import annotations

import http.server
import threading
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events import jobs
from events.models import Article, Event
from events.models_jobs import IngestJob
from tests.test_ingest_batch import FRENCH
from tests.workers import article_text

pytestmark = pytest.mark.django_db
S = IngestJob.Status
DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def staff(client):
    user = User.objects.create_user("desk", password="pw", is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def queue_only(settings):
    """The database backend with no worker running: jobs wait in the queue until the test runs one."""
    settings.TASKS = DB_BACKEND


def post(client, django_capture_on_commit_callbacks, **data):
    data.setdefault("published", "2019-03-04")
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("ingest:form"), data)


def run_worker():
    """What a db_worker does with the queued tasks, in this process (tests/test_workers.py runs real ones)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test", excluded_queue_names=[])
    for result in DBTaskResult.objects.ready():  # its loop, without the connection handling a test cannot have
        result.claim("test")
        worker.run_task(result)


def test_the_page_is_for_staff_only(client):
    assert client.get(reverse("ingest:form")).status_code == 302
    client.force_login(User.objects.create_user("reader", password="pw"))
    response = client.get(reverse("ingest:form"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_pasted_text_is_queued_at_once_polled_and_shown_with_its_events(client, staff, queue_only,
                                                                         django_capture_on_commit_callbacks):
    response = post(client, django_capture_on_commit_callbacks, text=article_text(1), outlet="Desk")
    job = IngestJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == S.QUEUED and job.created_by == staff and Article.objects.count() == 0
    page = client.get(job.get_absolute_url()).content.decode()
    status_url = reverse("ingest:status", args=[job.pk])
    assert f'hx-get="{status_url}"' in page and 'hx-trigger="every 1s"' in page and "Waiting for a worker" in page
    run_worker()
    fragment = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    job.refresh_from_db()
    assert job.status == S.STORED and job.outlet == "Desk"
    assert "every 1s" not in fragment  # finished: the polling stops
    assert f'href="{job.article.get_absolute_url()}"' in fragment
    assert Event.objects.exists() and "Meeting" in fragment and "Anna Lindqvist" in fragment
    for event in Event.objects.all():
        assert f"#event-{event.pk}" in fragment
    # The timeline shows it.
    assert "Anna Lindqvist" in client.get(reverse("events:timeline")).content.decode()


@pytest.mark.parametrize("data, message", [
    ({"text": FRENCH}, "does not look like English"),
    ({"text": article_text(2), "published": "2031-05-01"}, "is in the future"),
    ({"text": article_text(2), "published": ""}, "A publication date is required"),
    ({"text": "   "}, "upload a file or give its URL"),
    ({"url": "ftp://example.org/a"}, "Give an http(s) URL"),
])
def test_bad_input_is_refused_on_the_form_and_nothing_is_queued(client, staff, queue_only,
                                                                 django_capture_on_commit_callbacks, data, message):
    response = post(client, django_capture_on_commit_callbacks, **data)
    assert response.status_code == 200 and message in response.content.decode()
    assert IngestJob.objects.count() == 0 and Article.objects.count() == 0


def test_an_uploaded_text_or_html_file_is_read_as_the_command_reads_it(client, staff,
                                                                        django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("story.txt", article_text(3).encode("utf-8"), content_type="text/plain")
    post(client, django_capture_on_commit_callbacks, file=upload)
    paras = "".join(f"<p>{line}</p>" for line in article_text(4).split("\n")[1:] if line)
    html = (f'<html><head><title>Ministers meet</title><meta property="article:published_time" content="2019-05-06">'
            f"</head><body><article><h1>Ministers meet</h1>{paras}</article></body></html>")
    post(client, django_capture_on_commit_callbacks, published="",
         file=SimpleUploadedFile("page.html", html.encode(), content_type="text/html"))
    first, second = IngestJob.objects.order_by("pk")
    assert first.status == second.status == S.STORED and first.name == "story.txt"  # immediate backend in tests
    assert second.article.published == date(2019, 5, 6) and "<p>" not in second.article.text
    latin = SimpleUploadedFile("x.txt", "caf\xe9 ".encode("latin-1") * 40)
    response = post(client, django_capture_on_commit_callbacks, file=latin)
    assert "not UTF-8 text" in response.content.decode()


def test_text_already_stored_points_to_the_stored_article(client, staff, queue_only,
                                                          django_capture_on_commit_callbacks):
    from events.ingest import ingest_article

    article = ingest_article(article_text(5), date(2019, 1, 1)).article
    post(client, django_capture_on_commit_callbacks, text="  " + article_text(5).replace(" ", "  "))
    job = IngestJob.objects.get()
    assert job.status == S.STORED and job.already_stored and job.article == article
    assert "was stored already" in client.get(job.get_absolute_url()).content.decode()


@pytest.fixture
def news_site(settings):
    """A local web server with one news page, one undated page and nothing else (404)."""
    settings.INGEST_FETCH_PRIVATE_HOSTS = True  # it is on 127.0.0.1
    paras = "".join(f"<p>{line}</p>" for line in article_text(6).split("\n")[1:] if line)
    pages = {
        "/story": (f'<html><head><title>Ministers meet in Lima</title><meta property="og:site_name" content="Lima Post">'
                   f'<meta property="article:published_time" content="2019-06-10T08:00:00Z"></head><body><article>'
                   f"<h1>Ministers meet in Lima</h1>{paras}</article></body></html>"),
        "/undated": f"<html><head><title>Ministers</title></head><body><article>{paras}</article></body></html>",
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "<html><body>Not found</body></html>").encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_url_is_fetched_by_the_worker_and_dated_by_the_page(client, staff, queue_only, news_site,
                                                               django_capture_on_commit_callbacks):
    post(client, django_capture_on_commit_callbacks, url=news_site + "/story", published="")
    job = IngestJob.objects.get()
    assert job.status == S.QUEUED and job.text == ""  # the request did not wait for the download
    run_worker()
    job.refresh_from_db()
    assert job.status == S.STORED, job.reason
    article = job.article
    assert article.published == date(2019, 6, 10) and article.outlet == "Lima Post"
    assert article.url == news_site + "/story" and article.title == "Ministers meet in Lima"


def test_a_url_that_fails_is_shown_with_its_reason_and_a_retry_button(client, staff, queue_only, news_site,
                                                                       django_capture_on_commit_callbacks):
    post(client, django_capture_on_commit_callbacks, url=news_site + "/gone", published="2019-01-01")
    post(client, django_capture_on_commit_callbacks, url=news_site + "/undated", published="")
    run_worker()
    gone, undated = IngestJob.objects.order_by("pk")
    assert gone.status == undated.status == S.FAILED
    html = client.get(reverse("ingest:status", args=[gone.pk])).content.decode()
    assert "HTTP 404" in html and gone.retryable and "Retry" in html
    html = client.get(reverse("ingest:status", args=[undated.pk])).content.decode()
    assert "does not say when it was published" in html and not undated.retryable and "Retry" not in html
    with django_capture_on_commit_callbacks(execute=True):
        fragment = client.post(reverse("ingest:retry", args=[gone.pk]), HTTP_HX_REQUEST="true").content.decode()
    gone.refresh_from_db()
    assert gone.status == S.QUEUED and "every 1s" in fragment


def test_fetch_preview_fills_the_form_with_the_pages_text_and_date(client, staff, news_site):
    html = client.get(reverse("ingest:preview"), {"url": news_site + "/story"}).content.decode()
    assert 'id="id_published" value="2019-06-10" hx-swap-oob' in html
    assert "Lima Post" in html and "Ministers meet in Lima" in html
    assert 'hx-swap-oob="outerHTML:#id_text"' in html
    html = client.get(reverse("ingest:preview"), {"url": news_site + "/gone"}).content.decode()
    assert "HTTP 404" in html


# --- the admin's Add article: the same validation, and events --------------------------------------------------


def _article_form(**overrides):
    data = {
        "title": "Ministers meet", "outlet": "Desk", "url": "", "published": "2019-03-04", "text": article_text(7),
        "paragraphs-TOTAL_FORMS": "0", "paragraphs-INITIAL_FORMS": "0",
        "paragraphs-MIN_NUM_FORMS": "0", "paragraphs-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("overrides, message", [
    ({"published": "2031-01-01"}, "is in the future"),
    ({"text": FRENCH}, "does not look like English"),
])
def test_the_admin_refuses_what_the_command_refuses(admin_client, overrides, message):
    response = admin_client.post(reverse("admin:events_article_add"), _article_form(**overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert Article.objects.count() == 0


def test_an_article_added_in_the_admin_gets_its_events_through_the_queue(admin_client,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:events_article_add"), _article_form(), follow=True)
    article = Article.objects.get()
    job = IngestJob.objects.get()
    assert job.source == IngestJob.Source.ADMIN and job.article == article and job.status == S.STORED
    assert Event.objects.filter(mentions__article=article).exists()
    assert job.get_absolute_url() in response.content.decode()


def test_the_admin_lists_jobs_and_recovers_those_of_dead_workers(admin_client, settings):
    job = jobs.create_job(source=IngestJob.Source.PASTE, text=article_text(8), published=date(2019, 1, 1))
    # A worker on this machine that no longer exists held it.
    IngestJob.objects.filter(pk=job.pk).update(status=S.PARSING, worker=jobs.worker_name().rsplit(":", 1)[0] + ":999999",
                                               claim="x", attempts=settings.INGEST_JOB_ATTEMPTS)
    html = admin_client.get(reverse("admin:events_ingestjob_changelist")).content.decode()
    job.refresh_from_db()
    assert job.status == S.FAILED and job.retryable and "stopped during attempt" in html


def test_the_job_pages_of_the_admin_load(admin_client):
    job = jobs.create_job(source=IngestJob.Source.PASTE, text=article_text(9), published=date(2019, 1, 1))
    assert admin_client.get(reverse("admin:events_ingestjob_changelist")).status_code == 200
    html = admin_client.get(reverse("admin:events_ingestjob_change", args=[job.pk])).content.decode()
    assert job.get_absolute_url() in html
    assert admin_client.get(reverse("admin:events_ingestjob_add")).status_code == 403


def test_ingest_jobs_recover_queues_an_abandoned_job_again_and_it_is_stored(capsys, django_capture_on_commit_callbacks):
    from django.core.management import call_command
    from django.utils import timezone

    job = jobs.create_job(source=IngestJob.Source.PASTE, text=article_text(10), published=date(2019, 1, 1))
    host = jobs.worker_name().rsplit(":", 1)[0]
    IngestJob.objects.filter(pk=job.pk).update(status=S.EXTRACTING, worker=f"{host}:999999", claim="x", attempts=1,
                                               heartbeat_at=timezone.now())
    with_live_worker = jobs.create_job(source=IngestJob.Source.PASTE, text=article_text(11), published=date(2019, 1, 1))
    IngestJob.objects.filter(pk=with_live_worker.pk).update(status=S.PARSING, worker=jobs.worker_name(), claim="y",
                                                            heartbeat_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest_jobs", "--recover")
    out = capsys.readouterr().out
    job.refresh_from_db(), with_live_worker.refresh_from_db()
    assert "Recovered 1 abandoned jobs." in out
    assert job.status == S.STORED and job.attempts == 2  # queued again; the immediate backend ran it at once
    assert with_live_worker.status == S.PARSING  # its worker (this process) is alive: left alone
