from __future__ import annotations

from django.urls import path

from ogi.web.lib import converters  # noqa: F401  (registers <id:…> and <year:…>)

from . import views

app_name = "reports"

urlpatterns = [
    path("organs/<slug:code>/<year:year>/proactive/", views.proactive, name="proactive"),
    path("organs/<slug:code>/<year:year>/report/", views.report, name="report"),
    path("organs/<slug:code>/<year:year>/report/texts/", views.report_texts, name="texts"),
    path("organs/<slug:code>/<year:year>/report/finalise/", views.report_finalise, name="finalise"),
    path("organs/<slug:code>/<year:year>/report/versions/<id:version>/", views.report_version, name="version"),
    path("organs/<slug:code>/<year:year>/report/export/<slug:kind>/", views.report_export, name="export"),
    path("organs/<slug:code>/<year:year>/report/cells/<str:path>/", views.report_cell, name="cell"),
]
