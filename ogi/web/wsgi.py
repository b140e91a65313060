"""WSGI entry point: ``gunicorn ogi.web.wsgi`` or Django's own server via ``ogi serve``."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogi.web.settings")
application = get_wsgi_application()
