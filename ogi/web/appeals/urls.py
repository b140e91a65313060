from __future__ import annotations

from django.urls import path

from ogi.web.lib import converters  # noqa: F401  (registers <id:…> and <year:…>)

from . import views

app_name = "appeals"

urlpatterns = [
    path("appeals/", views.appeal_list, name="list"),
    path("appeals/new/", views.appeal_new, name="new"),
    path("appeals/<id:pk>/", views.appeal_edit, name="detail"),
]
