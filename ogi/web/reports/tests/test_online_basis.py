"""An online application waiting for confirmation (待确认) is not yet received (条例第三十一条): section 三
does not count it — neither 新收 nor 结转 — until the clerk confirms receipt, and then in the year of the
confirmation, not of the submission."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ogi.web.applications import services
from ogi.web.applications.models import Application
from ogi.web.reports.basis import section3

pytestmark = pytest.mark.django_db


def _cells(year: int, organ) -> dict:
    counts = section3(year).counts(Application.objects.filter(organ=organ))
    return counts.get(None, section3(year).empty())


def test_awaiting_confirmation_is_not_received_until_confirmed(organs, people):
    app = services.submit_online(
        organs["rfb"], id_scan=SimpleUploadedFile("id.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16),
        applicant_type="natural_person", applicant_name="赵六", content="某项信息",
    )
    # submitted on the last day of 2025 (Shanghai), confirmed on the first working day of 2026
    Application.objects.filter(pk=app.pk).update(submitted_at=datetime(2025, 12, 31, 20, tzinfo=ZoneInfo("Asia/Shanghai")))
    app.refresh_from_db()
    for year in (2025, 2026):
        cells = _cells(year, organs["rfb"])
        assert cells["new_received"]["natural_person"] == 0
        assert cells["carry_forward"]["natural_person"] == 0
    services.confirm_receipt(people["clerk"], app, app.version, on=date(2026, 1, 4))
    assert _cells(2025, organs["rfb"])["new_received"]["natural_person"] == 0
    assert _cells(2025, organs["rfb"])["carry_forward"]["natural_person"] == 0
    assert _cells(2026, organs["rfb"])["new_received"]["natural_person"] == 1
    assert _cells(2026, organs["rfb"])["new_received"]["total"] == 1
