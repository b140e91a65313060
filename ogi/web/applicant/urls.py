from __future__ import annotations

app_name = "applicant"
urlpatterns: list = []
