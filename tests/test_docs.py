"""The docs are generated or checked against the code."""

from __future__ import annotations

from pathlib import Path

from ogi.diagnostics import CODES, rewrite, structure_markdown
from ogi.rules import RULES
from ogi.rules.doc import rules_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_it_keeps_docs_rules_md_current():
    assert (ROOT / "docs/rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run python -m ogi.rules.doc > docs/rules.md"
    )


def test_it_documents_every_rule_id_of_the_contract():
    contract = {"R3-1", "R3-2", "R3-3", "R3-4", "R4-1", "R4-2", "R2-1", "R2-2", "R2-3", "R2-4",
                "RX-1", "RX-2", "RX-3", "RT-1", "RT-2", "RT-3", "RT-4", "RT-5"}
    assert contract <= set(RULES)


def test_it_documents_every_command_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("ogi parse", "ogi check", "ogi render", "ogi dataset", "ogi deadline", "ogi demo",
                    "ogi serve", "ogi report", "ogi organs", "ogi passwd"):
        assert command in readme, command


def test_it_documents_every_environment_variable_of_the_settings():
    import re

    settings = (ROOT / "ogi/web/settings.py").read_text(encoding="utf-8")
    used = set(re.findall(r"""environ(?:\.get)?[\[(]\s*["']([A-Z_]+)["']""", settings))
    used |= set(re.findall(r"""env\w*\(\s*["']([A-Z_]+)["']""", settings))
    documented = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")
    assert used, "no variables found: the test would pass vacuously"
    assert {v for v in used if f"`{v}`" not in documented} == set()


def test_it_keeps_docs_structure_md_current():
    text = (ROOT / "docs/structure.md").read_text(encoding="utf-8")
    assert text.startswith(structure_markdown()) and rewrite(text) == text, (
        "docs/structure.md is stale: run python -m ogi.diagnostics docs/structure.md"
    )
    assert "# Layout of the web system" in text  # the hand-written part is kept


def test_it_catalogues_every_structure_code_the_code_base_emits():
    import re

    emitted = set()
    for path in (ROOT / "ogi").rglob("*.py"):
        emitted |= set(re.findall(r'"(S-[a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    assert len(emitted) > 10
    assert emitted - set(CODES) == set()


def test_it_refuses_a_structure_code_outside_the_catalogue():
    import pytest

    from ogi.model import Report

    report = Report()
    report.diagnose("S-missing-row", "未找到“（一）予以公开”这一行", cells=["s3.r_open.total"])
    assert [(d.level, d.code, d.cells) for d in report.diagnostics] == [
        ("warning", "S-missing-row", ["s3.r_open.total"])
    ]
    with pytest.raises(ValueError, match="S-made-up"):
        report.diagnose("S-made-up", "x")
