"""The database's own guards on issued letters (triggers, ``lib.frozen.Guards``): ``letters_letter``
refuses UPDATE, DELETE and TRUNCATE; inserts are free (a correction is a new letter). What changes about
a letter after it is issued — its deliveries, its e-mails' state — is kept in ``letters_delivery`` and
``letters_mail``. Registered with the audit trail's guards (``LettersConfig.ready``), so what lifts those
for a test's flush lifts these too. A migration that makes SQLite rebuild the table drops its triggers:
it must end with ``GUARDS.operation(reverse=False)``.
"""

from __future__ import annotations

from ogi.web.lib.frozen import Guards

GUARDS = Guards("letters", ("letters_letter",), "已发出的文书不可修改、删除或清空")
