"""Every change to an appeal: access checked, one transaction, an audit entry, a Chinese
ValidationError keyed by field; optimistic locking on decisions."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction

from ogi.web.applications.models import Application
from ogi.web.audit import services as audit
from ogi.web.lib.checks import not_before, refuse, require_choice, require_date, require_version
from ogi.web.organs.access import require_edit
from ogi.web.organs.models import Organ

from .choices import AppealKind, AppealResult
from .models import Appeal

log = logging.getLogger("ogi.appeals")


EDITING = "登记{organ}的复议/诉讼"  # what require_edit refuses: 无权…


# ---------------------------------------------------------------- appeals


def record_appeal(
    user, organ: Organ, *, kind: str, filed_on: date, application: Application | None = None,
    case_number: str = "", body: str = "", note: str = "",
) -> Appeal:
    """Register a 行政复议 or 行政诉讼 about the organ's disclosure work."""
    require_edit(user, organ, EDITING)
    require_choice("kind", kind, AppealKind, "类别")
    when = require_date("filed_on", filed_on, "申请复议/起诉日期")
    if application is not None:
        if application.organ_id != organ.pk:
            refuse("application", "关联的申请不属于本机关")
        not_before("filed_on", when, application.received_on, "申请复议/起诉日期", "该申请的收到日期")
    with transaction.atomic():
        appeal = Appeal.objects.create(
            organ=organ, kind=kind, filed_on=when, application=application,
            case_number=case_number.strip(), body=body.strip(), note=note.strip(),
        )
        audit.record(user, organ, "record_appeal", appeal, None, audit.snapshot(appeal))
    log.info("appeal %s recorded at organ %s", appeal.pk, organ.pk)
    return appeal


def decide_appeal(user, appeal: Appeal, version: int, *, result: str, decided_on: date | None) -> Appeal:
    """Record the result of an appeal (维持 / 纠正 / 其他; 尚未审结 clears the decision date)."""
    with transaction.atomic():
        current = Appeal.objects.select_for_update().select_related("organ").get(pk=appeal.pk)
        require_edit(user, current.organ, EDITING)
        require_version(current, version, "该复议/诉讼记录")
        require_choice("result", result, AppealResult, "结果")
        before = audit.snapshot(current)
        if result == AppealResult.PENDING:
            current.decided_on = None
        else:
            when = require_date("decided_on", decided_on, "审结日期")
            not_before("decided_on", when, current.filed_on, "审结日期", "申请复议/起诉日期")
            current.decided_on = when
        current.result, current.version = result, current.version + 1
        current.save()
        audit.record(user, current.organ, "decide_appeal", current, before, audit.snapshot(current))
    return current
