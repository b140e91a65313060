from __future__ import annotations

app_name = "season"
urlpatterns: list = []
