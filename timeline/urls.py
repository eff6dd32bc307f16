from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ingest/", include("events.urls_ingest")),
    path("", include("events.urls")),
]
