"""The database's own refusals, for the tests of the tables its triggers guard (``lib/frozen.Guards``,
the audit trail): a statement run as raw SQL fails with the trigger's message and leaves nothing done."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction


def refused(sql: str, match: str) -> None:
    """``sql`` raises the database's error ``match`` (a pattern) in a transaction rolled back after it.
    A TRUNCATE first makes the foreign keys' checks immediate: a test's own inserts leave them pending,
    and PostgreSQL refuses to truncate a table with pending checks for its own reason, not the trigger's."""
    with pytest.raises(DatabaseError, match=match), transaction.atomic(), connection.cursor() as cursor:
        if sql.lstrip().upper().startswith("TRUNCATE"):
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(sql)
