from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogi.web.appeals import services as records


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
