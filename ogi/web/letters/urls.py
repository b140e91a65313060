from __future__ import annotations

from django.urls import path

from ogi.web.lib import converters  # noqa: F401  (registers <id:…>)

from . import views

app_name = "letters"

urlpatterns = [
    path("applications/<id:pk>/letters/new/<slug:kind>/", views.new, name="new"),
    path("letters/<id:pk>/", views.letter, name="letter"),
    path("letters/<id:pk>/file.<slug:fmt>", views.download, name="download"),
    path("letters/<id:pk>/delivery/", views.delivery, name="delivery"),
    path("letters/<id:pk>/mails/<id:mail_id>/resend/", views.resend, name="resend"),
    path("organs/<slug:code>/letters/", views.settings_page, name="settings"),
    path("organs/<slug:code>/letters/<slug:key>/", views.template_page, name="template"),
]
