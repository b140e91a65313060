"""Root URLs: the admin, the health check, login/logout, and the apps' screens."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from ogi.web.api import api


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/", api.urls),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    path("", include("ogi.web.home.urls")),
    path("", include("ogi.web.applications.urls")),
    path("", include("ogi.web.appeals.urls")),
    path("", include("ogi.web.reports.urls")),
    path("", include("ogi.web.audit.urls")),
    path("", include("ogi.web.workcalendar.urls")),
    path("", include("ogi.web.letters.urls")),
    path("", include("ogi.web.season.urls")),
    path("", include("ogi.web.portal.urls")),
    path("", include("ogi.web.applicant.urls")),
]
handler404 = "ogi.web.security.views.not_found"
