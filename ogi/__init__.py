"""ogi — 政府信息公开工作年度报告 as exact data.

    import ogi
    report = ogi.parse("2024年度报告.pdf")       # Report (report-model.md §1)
    findings = ogi.check(report)                 # list[Finding] (report-model.md §3)
    pdf = ogi.render(report, "pdf")              # bytes in the official layout

Only ``ogi.web`` imports Django. Heavy readers and renderers load on first use.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Finding", "Report", "__version__", "blank_report", "check", "parse", "render"]

_LAZY = {
    "parse": ("ogi.parse", "parse"),
    "check": ("ogi.rules", "check"),
    "render": ("ogi.render", "render"),
    "Report": ("ogi.model", "Report"),
    "blank_report": ("ogi.model", "blank_report"),
    "Finding": ("ogi.rules", "Finding"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'ogi' has no attribute {name!r}")
