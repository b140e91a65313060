from __future__ import annotations

import logging

from ogi.web.logfilters import StripQueryString


def test_it_drops_the_query_string_of_a_logged_request_line():
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s',
                               ("GET /applications/?q=张三&status=open HTTP/1.1", "200", "5120"), None)
    StripQueryString().filter(record)
    line = record.getMessage()
    assert "张三" not in line and "/applications/?…" in line and "200" in line
