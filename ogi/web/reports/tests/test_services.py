from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ogi.web.audit.models import AuditEntry
from ogi.web.reports import services as records
from ogi.web.reports.models import ProactiveCount


def test_it_stores_proactive_counts_and_refuses_bad_cells(organs, people):
    clerk, rfb = people["clerk"], organs["rfb"]
    records.set_proactive_counts(clerk, rfb, 2020, {
        "s2.art20_5.admin_licensing.change": "-8",  # 本年增/减 may be negative
        "s2.art20_9.gov_centralized_procurement.total_amount_wan_yuan": "25.1",
    })
    assert ProactiveCount.objects.get(path="s2.art20_5.admin_licensing.change").value == Decimal("-8")
    for bad in ({"s2.art20_5.admin_licensing.decisions": "-1"}, {"s2.art20_5.admin_licensing.decisions": "1.5"},
                {"s2.nowhere.x.y": "1"}, {"s2.art20_5.admin_licensing.decisions": "abc"}):
        with pytest.raises(ValidationError) as info:
            records.set_proactive_counts(clerk, rfb, 2020, bad)
        assert list(info.value.message_dict) == list(bad)
    records.set_proactive_counts(clerk, rfb, 2020, {"s2.art20_5.admin_licensing.change": ""})
    assert not ProactiveCount.objects.filter(path="s2.art20_5.admin_licensing.change").exists()
    assert AuditEntry.objects.filter(action="delete_proactive").count() == 1
