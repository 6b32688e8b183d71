"""Helpers for the terminology tests: a rule pack from a term base, lint a string."""

from __future__ import annotations

import textwrap
from pathlib import Path

from linter.config import Config, bundled_rules_dir
from linter.engine import Engine, finalize
from linter.pack import load_pack
from linter.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
RULES = """
rules:
  terminology.preferred: {kind: term-preferred}
  terminology.consistency: {kind: term-consistency}
  terminology.case: {kind: term-case}
  terminology.agreement: {kind: term-agreement}
  terminology.corpus: {kind: term-corpus, severity: info}
"""


def repo_pack(select=("terminology",)):
    """The shipped rule pack (rules/), terminology rules only by default."""
    return load_pack(Config(rules_dirs=[bundled_rules_dir()]), select=list(select), ignore=[])


def custom_pack(tmp_path: Path, terms: str, rules: str = RULES, select=None):
    """A pack with one rule file holding `terms` (YAML under `terms:`) and `rules`."""
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    body = "terms:\n" + textwrap.indent(textwrap.dedent(terms).strip("\n"), "  ") + "\n" + rules
    (d / "terminology.yml").write_text(body, encoding="utf-8")
    return load_pack(Config(rules_dirs=[d]), select=list(select or []), ignore=[])


def lint(text: str, pack, path: str = "doc.md"):
    """Findings for one document, sorted, as the engine reports them."""
    return Engine(pack).lint_bytes(path, text.encode("utf-8")).findings


def spans(findings, rule: str | None = None):
    """(rule, line, column, end_line, end_column, text) of each finding."""
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.span_text)
            for f in findings if rule is None or f.rule == rule]


def source_text(text: str) -> SourceText:
    return SourceText.from_str(text)


__all__ = ["ROOT", "custom_pack", "finalize", "lint", "repo_pack", "source_text", "spans"]
