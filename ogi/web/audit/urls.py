from __future__ import annotations

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("organs/<slug:code>/audit/", views.organ_audit, name="organ"),
]
