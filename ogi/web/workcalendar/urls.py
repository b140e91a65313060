from __future__ import annotations

from django.urls import path

from . import views

app_name = "workcalendar"

urlpatterns = [
    path("calendar/", views.working_calendar, name="calendar"),
]
