#!/usr/bin/env python
"""Django's command-line utility for the ogi registers web system."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogi.web.settings")
    from django.core.management import execute_from_command_line  # noqa: TID251

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
