"""The web system's apps import one way: each app only from the apps below it (docs/structure.md).

The order is the one of INSTALLED_APPS; ``lib`` is below every app and imports none. Tests and
migrations obey the same rule. Project modules (settings, urls, cli, demo, conftest) sit on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[1]
LAYERS = ["lib", "security", "organs", "audit", "workcalendar", "applications", "letters", "appeals", "reports", "season", "portal",
          "applicant", "home"]


def imports_of(path: Path) -> set[str]:
    """The ``ogi.web.<app>`` names a module imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("ogi", "web", *path.relative_to(WEB).parent.parts))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[:2] == ["ogi", "web"] and len(parts) > 2 and parts[2] in LAYERS:
                found.add(parts[2])
    return found


def app_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {app: set() for app in LAYERS}
    for app in LAYERS:
        for path in (WEB / app).rglob("*.py"):
            graph[app] |= imports_of(path) - {app}
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return None

    for node in graph:
        if node not in state and (found := visit(node)):
            return found
    return None


def test_it_finds_no_import_cycle_between_the_apps():
    assert cycle(app_graph()) is None


def test_it_imports_only_from_apps_below():
    upward = [
        f"{app} → {dep}"
        for app, deps in app_graph().items()
        for dep in deps
        if LAYERS.index(dep) > LAYERS.index(app)
    ]
    assert upward == []


def test_it_detects_a_cycle_and_an_upward_import():
    # the checks themselves must be able to fail
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None
    probe = WEB / "organs" / "_probe_upward.py"
    probe.write_text("from ogi.web.reports import build\nfrom ..home import views\n", encoding="utf-8")
    try:
        assert imports_of(probe) == {"reports", "home"}
    finally:
        probe.unlink()


def test_it_lists_every_app_in_installed_apps_order():
    from django.conf import settings

    ours = [a.rsplit(".", 1)[1] for a in settings.INSTALLED_APPS if a.startswith("ogi.web.")]
    assert ours == LAYERS[1:]
