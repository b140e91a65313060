from __future__ import annotations

from django.urls import path

from ogi.web.lib import converters  # noqa: F401  (registers <id:…> and <year:…>)

from . import views

app_name = "applications"

urlpatterns = [
    path("applications/", views.register_list, name="register"),
    path("applications/new/", views.application_new, name="new"),
    path("applications/export.xlsx", views.register_export, name="export"),
    path("applications/<id:pk>/", views.application_detail, name="detail"),
    path("applications/<id:pk>/edit/", views.application_edit, name="edit"),
    path("applications/<id:pk>/do/<slug:action>/", views.application_action, name="action"),
    path("applications/<id:pk>/attach/", views.application_attach, name="attach"),
    path("applications/<id:pk>/files/<id:attachment_id>/", views.attachment_download, name="attachment"),
    path("applications/<id:pk>/audit/", views.application_audit, name="audit"),
]
