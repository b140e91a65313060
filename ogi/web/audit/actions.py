"""The catalogue of audited actions: code → Chinese label, each defined once.

The admin's actions are defined here; every app declares its own in its ``AppConfig.ready`` (the
applications' come from their lifecycle table), so a label lives next to the action it names.
``services.record`` refuses an action that is not in the catalogue, and a test reads every
``record(…)`` call in the code and looks its action up here.
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    "admin.add": "系统管理：新增",
    "admin.change": "系统管理：修改",
    "admin.delete": "系统管理：删除",
    "admin.password": "系统管理：重设密码",
}


def declare(labels: dict[str, str]) -> None:
    """Add actions to the catalogue; an action already there keeps its one label."""
    for code, text in labels.items():
        if LABELS.get(code, text) != text:
            raise ValueError(f"审计操作 {code} 已定义为“{LABELS[code]}”，不能再定义为“{text}”")
        LABELS[code] = text


def label(code: str) -> str:
    return LABELS.get(code, code)


def require(code: str) -> None:
    if code not in LABELS:
        raise ValueError(f"审计操作 {code} 不在操作目录中（ogi/web/audit/actions.py：declare）")
