from __future__ import annotations

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("organs/<slug:code>/<int:year>/proactive/", views.proactive, name="proactive"),
    path("organs/<slug:code>/<int:year>/report/", views.report, name="report"),
    path("organs/<slug:code>/<int:year>/report/texts/", views.report_texts, name="texts"),
    path("organs/<slug:code>/<int:year>/report/export/<slug:kind>/", views.report_export, name="export"),
    path("organs/<slug:code>/<int:year>/report/cells/<str:path>/", views.report_cell, name="cell"),
]
