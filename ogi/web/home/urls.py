from __future__ import annotations

from django.urls import path

from ogi.web.lib import converters  # noqa: F401  (registers <id:…> and <year:…>)

from . import views

app_name = "home"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("organs/", views.organ_list, name="organs"),
]
