from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ingest/", include("events.urls_ingest")),
    path("", include("events.urls")),
]

# The site's own error pages (templates/404.html, templates/500.html) when DEBUG is off.
handler404 = "events.views.errors.handler404"
