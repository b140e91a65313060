from __future__ import annotations

from django.urls import path

from . import views

app_name = "organs"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("calendar/", views.working_calendar, name="calendar"),
    path("organs/<slug:code>/audit/", views.organ_audit, name="audit"),
    path("organs/<slug:code>/<int:year>/proactive/", views.proactive, name="proactive"),
    path("organs/<slug:code>/<int:year>/report/", views.report, name="report"),
    path("organs/<slug:code>/<int:year>/report/texts/", views.report_texts, name="report_texts"),
    path("organs/<slug:code>/<int:year>/report/export/<slug:kind>/", views.report_export, name="report_export"),
    path("organs/<slug:code>/<int:year>/report/cells/<str:path>/", views.report_cell, name="report_cell"),
]
