"""The database's own guards on 定稿 versions (triggers, ``lib.frozen.Guards``): ``reports_finalreport``
refuses UPDATE, DELETE and TRUNCATE; inserts are free (a change is a new version). Registered with the
audit trail's guards (``ReportsConfig.ready``), so what lifts those for a test's flush lifts these too. A
migration that makes SQLite rebuild the table drops its triggers: it must end with
``GUARDS.operation(reverse=False)``.
"""

from __future__ import annotations

from ogi.web.lib.frozen import Guards

GUARDS = Guards("reports", ("reports_finalreport",), "年度报告定稿版本不可修改、删除或清空")
