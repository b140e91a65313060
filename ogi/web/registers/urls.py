from __future__ import annotations

from django.urls import path

from . import views

app_name = "registers"

urlpatterns = [
    path("applications/", views.register_list, name="register"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/do/<slug:action>/", views.application_action, name="action"),
    path("applications/<int:pk>/attach/", views.application_attach, name="attach"),
    path("applications/<int:pk>/files/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("applications/<int:pk>/audit/", views.application_audit, name="audit"),
    path("appeals/", views.appeal_list, name="appeals"),
    path("appeals/new/", views.appeal_new, name="appeal_new"),
    path("appeals/<int:pk>/", views.appeal_edit, name="appeal"),
]
