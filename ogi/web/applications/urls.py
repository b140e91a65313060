from __future__ import annotations

from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("applications/", views.register_list, name="register"),
    path("applications/new/", views.application_new, name="new"),
    path("applications/export.xlsx", views.register_export, name="export"),
    path("applications/<int:pk>/", views.application_detail, name="detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="edit"),
    path("applications/<int:pk>/do/<slug:action>/", views.application_action, name="action"),
    path("applications/<int:pk>/attach/", views.application_attach, name="attach"),
    path("applications/<int:pk>/files/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("applications/<int:pk>/audit/", views.application_audit, name="audit"),
]
