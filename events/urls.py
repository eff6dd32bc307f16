from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
]
