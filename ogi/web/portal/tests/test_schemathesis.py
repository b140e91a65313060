"""The API against its own OpenAPI document (schemathesis 4): every operation, with generated inputs —
valid and invalid — answered as the document says (status codes, content types, response schemas) and
never with a server error. Published reports exist so that some generated requests find one."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from ogi.web.organs.models import Organ

from .helpers import insert


@pytest.fixture
def in_process():
    """The WSGI app runs in the test's own transaction: as Django's test client does, keep the request
    signals from closing the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(organs, people, in_process):
    for code in ("a", "b-1", "x_2"):
        organ = Organ.objects.create(code=code, name=f"机关{code}", kind="department", parent=organs["gov"])
        insert(organ, 2025, people["supervisor"])
    insert(organs["rfb"], 2024, people["supervisor"])
    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_openapi_document(case):
    case.call_and_validate()
