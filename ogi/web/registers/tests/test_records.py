from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogi.web.registers import records
from ogi.web.registers.models import AuditEntry, ProactiveCount


def test_it_refuses_an_appeal_decided_before_it_was_filed(application, people, organs):
    appeal = records.record_appeal(people["clerk"], organs["rfb"], kind="review", filed_on=date(2025, 5, 1), application=application)
    with pytest.raises(ValidationError) as info:
        records.decide_appeal(people["clerk"], appeal, appeal.version, result="upheld", decided_on=date(2025, 4, 1))
    assert "decided_on" in info.value.message_dict
    appeal = records.decide_appeal(people["clerk"], appeal, appeal.version, result="upheld", decided_on=date(2025, 7, 1))
    assert (appeal.result, appeal.version) == ("upheld", 2)


def test_it_refuses_an_appeal_about_another_organs_application(application, people, organs):
    with pytest.raises(PermissionDenied):
        records.record_appeal(people["other_clerk"], organs["rfb"], kind="review", filed_on=date(2025, 5, 1))
    with pytest.raises(ValidationError) as info:
        records.record_appeal(people["admin"], organs["edu"], kind="review", filed_on=date(2025, 5, 1), application=application)
    assert "application" in info.value.message_dict


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
