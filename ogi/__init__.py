"""ogi — 政府信息公开工作年度报告 as exact data.

    import ogi
    report = ogi.parse("2024年度报告.pdf")       # Report (report-model.md §1)
    findings = ogi.check(report)                 # list[Finding] (report-model.md §3)
    pdf = ogi.render(report, "pdf")              # bytes in the official layout

Only ``ogi.web`` imports Django. Heavy readers and renderers load on first use.

``ogi.parse`` and ``ogi.render`` are the packages of the same names, and callable: importing a
submodule binds its name on the parent package (``import ogi.parse`` sets ``ogi.parse`` to the
module), so the attribute holds the module whichever way it was reached, and calling the module
calls its function of the same name (``ogi.parse(p)`` is ``ogi.parse.parse(p)``).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

__version__ = "0.1.0"
__all__ = ["Finding", "Report", "__version__", "blank_report", "check", "parse", "render"]

_LAZY = {
    "parse": ("ogi.parse", None),  # the callable package itself
    "check": ("ogi.rules", "check"),
    "render": ("ogi.render", None),
    "Report": ("ogi.model", "Report"),
    "blank_report": ("ogi.model", "blank_report"),
    "Finding": ("ogi.rules", "Finding"),
}


class CallableModule(ModuleType):
    """A package that is also its main function: calling ``ogi.parse`` calls ``ogi.parse.parse``."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def make_callable(module_name: str) -> None:
    """Make the (already imported) module callable as its function of the same name."""
    sys.modules[module_name].__class__ = CallableModule


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        found = importlib.import_module(module)
        return found if attr is None else getattr(found, attr)
    raise AttributeError(f"module 'ogi' has no attribute {name!r}")
