"""Staff ingest from the browser: the form, a URL preview, and each job's page, status fragment and retry."""
from django.urls import path

from events import views_ingest

app_name = "ingest"
urlpatterns = [
    path("", views_ingest.ingest_page, name="form"),
    path("preview/", views_ingest.fetch_preview, name="preview"),
    path("jobs/<int:pk>/", views_ingest.job_page, name="job"),
    path("jobs/<int:pk>/status/", views_ingest.job_status, name="status"),
    path("jobs/<int:pk>/retry/", views_ingest.job_retry, name="retry"),
]
