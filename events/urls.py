from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("chart/", views.chart, name="chart"),
    path("export.<str:fmt>", views.export, name="export"),
    path("articles/", views.article_index, name="articles"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("actors/<int:pk>/", views.actor_detail, name="actor"),
]
