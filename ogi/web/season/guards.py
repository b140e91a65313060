"""The database's own guards on submitted versions (triggers, ``lib.frozen.Guards``):
``season_submission`` and its cells ``season_submissioncell`` refuse UPDATE, DELETE and TRUNCATE; inserts
are free (a correction is a new version). What changes about a submission (the entry's status, the
review's comments and events) is kept in other tables. Registered with the audit trail's guards
(``SeasonConfig.ready``), so what lifts those for a test's flush lifts these too. A migration that makes
SQLite rebuild either table drops its triggers: it must end with ``GUARDS.operation(reverse=False)``.
"""

from __future__ import annotations

from ogi.web.lib.frozen import Guards

GUARDS = Guards("season", ("season_submission", "season_submissioncell"), "已报送的年度报告不可修改、删除或清空")
