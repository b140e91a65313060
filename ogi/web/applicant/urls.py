from __future__ import annotations

from django.urls import path

from ogi.web.lib import converters  # noqa: F401  (registers <id:…>)

from . import views

app_name = "applicant"

urlpatterns = [
    path("apply/", views.choose, name="choose"),
    path("apply/<slug:code>/", views.apply, name="apply"),
    path("track/", views.track, name="track"),
    path("track/letters/<id:pk>/", views.letter, name="letter"),
]
