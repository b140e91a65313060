"""Logging filters: request lines are logged without their query strings, which may carry what a
clerk typed into a search box (an applicant's name, an ID number)."""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"\?[^ ]*")


class StripQueryString(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            record.args = (_QUERY.sub("?…", record.args[0]), *record.args[1:])
        if isinstance(record.msg, str) and "?" in record.msg:
            record.msg = _QUERY.sub("?…", record.msg)
        return True
