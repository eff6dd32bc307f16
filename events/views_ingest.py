"""Ingest from the browser, for staff: pasted text, an uploaded .txt/.html file, or a URL.

The form runs the validation of `manage.py ingest` at once (a French text or a 2031 date is refused on
the form), then enqueues the article and redirects to its job page, which polls a small status fragment
through htmx (queued, parsing, extracting, stored, or failed with the reason and a retry button) until
the job is finished, then lists what was extracted with links to the timeline and the article.
"""
from __future__ import annotations

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from events import jobs
from events.ingest import IngestError, validate
from events.models import Article, Event, content_hash
from events.models_jobs import IngestJob

UPLOAD_MAX_BYTES = 5 * 1024 * 1024


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


class IngestForm(forms.Form):
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 12}),
                           help_text="One paragraph a line; the first line is the title unless you give one.")
    file = forms.FileField(required=False, help_text="A UTF-8 .txt file or a saved .html page.")
    url = forms.CharField(required=False, max_length=1000, label="URL",
                          help_text="With no text, the page is fetched and its main text read (trafilatura).")
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                help_text="Relative dates in the text are resolved against it. "
                                          "For a URL it may be left empty when the page gives its date.")
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200)

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if not f:
            return None
        if not f.name.lower().endswith((".txt", ".html", ".htm")):
            raise ValidationError("Upload a .txt or .html file.")
        if f.size > UPLOAD_MAX_BYTES:
            raise ValidationError(f"The file is larger than {UPLOAD_MAX_BYTES // (1024 * 1024)} MB.")
        raw = f.read()
        try:
            return f.name, raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("The file is not UTF-8 text.") from None

    def clean_url(self):
        url = self.cleaned_data.get("url", "").strip()
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise ValidationError("Give an http(s) URL.") from None
        return url

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        text, upload, url = data.get("text", ""), data.get("file"), data.get("url", "")
        if text.strip() and upload:
            raise ValidationError("Paste a text or upload a file, not both.")
        source = IngestJob.Source.PASTE
        if upload:
            source, (data["name"], text) = IngestJob.Source.FILE, upload
        elif not text.strip() and url:
            data["source"], data["name"] = IngestJob.Source.URL, url
            return data  # fetched and validated by the worker
        elif not text.strip():
            raise ValidationError("Paste the article's text, upload a file or give its URL.")
        try:
            if looks_like_html(text):
                from events.webpage import page_from_html

                page = page_from_html(text, url)
                text = page.text
                data["title"] = data.get("title") or page.title
                data["outlet"] = data.get("outlet") or page.outlet
                data["published"] = data.get("published") or page.published
            data["text"], data["published"], _ = validate(text, data.get("published"), data.get("title") or None, url)
        except IngestError as e:
            raise ValidationError(str(e)) from None
        data["source"] = source
        return data


@staff_member_required
def ingest_page(request):
    form = IngestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            job = jobs.create_job(source=d["source"], text=d.get("text", "") if d["source"] != "url" else "",
                                  published=d.get("published"), title=d.get("title", ""), url=d.get("url", ""),
                                  outlet=d.get("outlet", ""), name=d.get("name", ""), user=request.user)
            existing = job.text and Article.objects.filter(content_hash=content_hash(job.text)).first()
            if existing:
                IngestJob.objects.filter(pk=job.pk).update(
                    status=IngestJob.Status.STORED, article=existing, already_stored=True, text="",
                    finished_at=timezone.now(),
                )
            else:
                jobs.enqueue([job])
        return redirect(job)
    recent = IngestJob.objects.select_related("article").filter(created_by=request.user)[:10]
    return render(request, "events/ingest/form.html", {"form": form, "recent": recent})


@staff_member_required
@require_GET
def fetch_preview(request):
    """The page at ?url= as trafilatura reads it: fills the form's text, title, outlet and date (htmx)."""
    from events.webpage import fetch

    url = request.GET.get("url", "").strip()
    page, error = None, ""
    try:
        URLValidator(schemes=["http", "https"])(url)
        page = fetch(url)
    except ValidationError:
        error = "Give an http(s) URL."
    except IngestError as e:
        error = str(e)
    return render(request, "events/ingest/_preview.html", {"page": page, "error": error, "url": url})


def _job_context(job: IngestJob) -> dict:
    events = []
    if job.status == IngestJob.Status.STORED and job.article_id:
        from events.views import timeline_url_for

        events = list(
            Event.objects.filter(mentions__article_id=job.article_id).distinct()
            .prefetch_related("participants").order_by("sort_date", "id")
        )
        for e in events:
            e.permalink = timeline_url_for(e)
    steps = [IngestJob.Status.QUEUED, IngestJob.Status.PARSING, IngestJob.Status.EXTRACTING, IngestJob.Status.STORED]
    reached = steps.index(job.status) if job.status in steps else -1
    return {"job": job, "events": events, "steps": [(s, s.label, i < reached, i == reached) for i, s in enumerate(steps)]}


@staff_member_required
def job_page(request, pk):
    job = get_object_or_404(IngestJob.objects.select_related("article"), pk=pk)
    return render(request, "events/ingest/job.html", _job_context(job))


@staff_member_required
@require_GET
def job_status(request, pk):
    """The status fragment the job page polls; a job whose worker died is recovered here too."""
    job = get_object_or_404(IngestJob, pk=pk)
    if job.status in IngestJob.RUNNING and jobs.recover_abandoned([job.pk]):
        job.refresh_from_db()
    job = IngestJob.objects.select_related("article").get(pk=pk)
    return render(request, "events/ingest/_status.html", _job_context(job))


@staff_member_required
@require_POST
def job_retry(request, pk):
    job = get_object_or_404(IngestJob, pk=pk)
    with transaction.atomic():
        jobs.retry(job)
    job.refresh_from_db()
    if request.htmx:
        return render(request, "events/ingest/_status.html", _job_context(job))
    return redirect(job)

