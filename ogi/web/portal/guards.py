"""The database's own guards on what has been published (triggers, ``lib.frozen.Guards``).

``portal_publication`` (a published version) and ``portal_publishedfile`` (the files it is offered as):
no UPDATE, no DELETE, no TRUNCATE. Inserts are free: a correction is a new row. The guards are
registered with the audit trail's (``PortalConfig.ready``), so what lifts those for a test's flush lifts
these too.
"""

from __future__ import annotations

from ogi.web.lib.frozen import Guards

GUARDS = Guards("portal", ("portal_publication", "portal_publishedfile"), "已公开的年度报告不可修改、删除或清空")
