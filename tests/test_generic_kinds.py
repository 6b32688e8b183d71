"""The generic kinds: existence, substitution, repetition."""

from __future__ import annotations

import textwrap

from linter.config import Config
from linter.engine import Engine
from linter.pack import load_pack


def lint(tmp_path, rules: str, text: str):
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / "r.yml").write_text(textwrap.dedent(rules), encoding="utf-8")
    engine = Engine(load_pack(Config(root=tmp_path, rules_dirs=[d])))
    return engine.lint_bytes("t.md", text.encode("utf-8")).findings


def spans(findings):
    return [(f.line, f.column, f.end_column, f.span_text) for f in findings]


EXISTENCE = """\
rules:
  style.puffery:
    kind: existence
    message: "'{match}' is puffery."
    tokens: [superior, first, radiantly palpable]
    patterns: ['\\bpath-?makers?\\b']
    exceptions: [first responders, superior to]
"""


def test_existence_tokens_patterns_exceptions(tmp_path):
    text = ("Superior imaging. It is superior to X. The first responders came first.\n"
            "A path-maker and pathmakers, radiantly\npalpable. Firstly, unsuperior.\n")
    found = lint(tmp_path, EXISTENCE, text)
    assert spans(found) == [
        (1, 1, 9, "Superior"),
        (1, 66, 71, "first"),
        (2, 3, 13, "path-maker"),
        (2, 18, 28, "pathmakers"),
        (2, 30, 9, "radiantly\npalpable"),
    ]
    assert found[0].message == "'Superior' is puffery."


def test_existence_skips_headings_unless_scoped(tmp_path):
    text = "# A superior heading\n\nBody.\n"
    assert lint(tmp_path, EXISTENCE, text) == []
    scoped = EXISTENCE + "    scope: [heading]\n"
    assert spans(lint(tmp_path, scoped, text)) == [(1, 5, 13, "superior")]


def test_existence_case_sensitive(tmp_path):
    rules = EXISTENCE + "    ignorecase: false\n"
    assert spans(lint(tmp_path, rules, "Superior and superior.\n")) == [(1, 14, 22, "superior")]


SUBSTITUTION = """\
rules:
  style.wordiness:
    kind: substitution
    message: "Write '{replacement}' instead of '{match}'."
    swap:
      in order to: to
      due to the fact that: because
"""


def test_substitution_keeps_initial_capital_and_carries_a_fix(tmp_path):
    found = lint(tmp_path, SUBSTITUTION, "In order to win, we act due to the fact that we must.\n")
    assert [(f.column, f.message, f.suggestions) for f in found] == [
        (1, "Write 'To' instead of 'In order to'.", ("To",)),
        (25, "Write 'because' instead of 'due to the fact that'.", ("because",)),
    ]
    edit = found[0].fix.edits[0]
    assert (edit.start, edit.end, edit.text, found[0].fix.safe) == (0, 11, "To", True)


def test_substitution_suggest_mode_is_not_safe(tmp_path):
    rules = SUBSTITUTION + "    fix: suggest\n"
    [f] = lint(tmp_path, rules, "We act in order to win.\n")
    assert f.fix is not None and not f.fix.safe


def test_substitution_regex_keys(tmp_path):
    rules = """\
    rules:
      style.spelling:
        kind: substitution
        message: "Use '{replacement}'."
        regex: true
        swap: {'organi[sz]ation(s)?': organization}
    """
    found = lint(tmp_path, rules, "Organisations and organization.\n")
    assert [(f.span_text, f.suggestions) for f in found] == [
        ("Organisations", ("Organization",)), ("organization", ("organization",))]


REPETITION = """\
rules:
  style.repetition:
    kind: repetition
    message: "'{match}' twice."
"""


def test_repetition(tmp_path):
    text = "The the cat. He had had enough. It is is fine. 4 4 and\nand more.\n"
    found = lint(tmp_path, REPETITION, text)
    assert spans(found) == [(1, 1, 8, "The the"), (1, 36, 41, "is is"), (1, 52, 4, "and\nand")]
    assert found[0].fix.edits[0].text == "The"


def test_repetition_never_crosses_blocks(tmp_path):
    assert lint(tmp_path, REPETITION, "# Growth\n\nGrowth matters.\n\n- item\n- item\n") == []
