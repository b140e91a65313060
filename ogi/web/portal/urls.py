from __future__ import annotations

from django.urls import path

from ogi.web.lib import converters  # noqa: F401  (registers <id:…> and <year:…>)

from . import views

app_name = "portal"

urlpatterns = [
    path("public/", views.index, name="index"),
    path("public/data/", views.open_data, name="open_data"),
    path("public/api/", views.api_docs, name="api_docs"),
    path("public/publish/", views.publish_list, name="publish_list"),
    path("public/publish/<id:submission_id>/", views.publish_submission, name="publish"),
    path("public/tokens/", views.token_list, name="tokens"),
    path("public/tokens/<id:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("public/data/<year:year>.<slug:kind>", views.bulk, name="bulk"),
    path("public/<slug:code>/", views.organ_page, name="organ"),
    path("public/<slug:code>/<year:year>/", views.report, name="report"),
    path("public/<slug:code>/<year:year>/v<id:version>/", views.report, name="version"),
    path("public/<slug:code>/<year:year>/v<id:version>/<slug:kind>", views.download, name="download"),
]
