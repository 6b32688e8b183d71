"""Configuration errors: exit code 2, one message naming file, line and problem, no traceback."""

from __future__ import annotations

import pytest

from conftest import SIMPLE_RULES
from linter.kinds import known_kinds


def expect_error(run_cli, project, expected: str) -> None:
    project.write("a.md", "Text.\n")
    r = run_cli(["a.md"], cwd=project.root)
    assert r.code == 2, r
    assert r.out == ""
    assert r.err == f"lint-corpus: error: {expected}\n"


@pytest.mark.parametrize("yaml_text, expected", [
    ("rules:\n  style.x:\n    kind: existence\n    tokens: [a, b\n",
     # libyaml's wording (PyYAML's wheels have it); the pure-Python parser's differs
     "rules/test.yml:5: invalid YAML: did not find expected ',' or ']'"
     if hasattr(__import__("yaml"), "CSafeLoader") else
     "rules/test.yml:5: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ("rules:\n  style.x:\n    kind: existance\n    tokens: [a]\n",
     "rules/test.yml:3: rule 'style.x': unknown kind 'existance' (known kinds: "
     + ", ".join(known_kinds()) + ")"),
    ("rules:\n  style.x:\n    kind: existence\n    patterns:\n      - ok\n      - '(unclosed'\n",
     "rules/test.yml:6: rule 'style.x': 'patterns' item 2: invalid regex '(unclosed': "
     "missing ) at position 9"),
    ("rules:\n  style.x:\n    kind: existence\n    tokens: [a]\n    colour: red\n",
     "rules/test.yml:5: rule 'style.x': unknown option 'colour' (this kind takes: exceptions, "
     "ignorecase, patterns, scope, tokens)"),
    ("rules:\n  style.x:\n    kind: existence\n    severity: fatal\n    tokens: [a]\n",
     "rules/test.yml:4: rule 'style.x': unknown severity 'fatal' (expected error, warning or info)"),
    ("rules:\n  prose.x:\n    kind: existence\n    tokens: [a]\n",
     "rules/test.yml:2: rule 'prose.x': unknown family 'prose' (families: readability, grammar, "
     "terminology, claims, style)"),
    ("rules:\n  style.x:\n    kind: existence\n    tokens: [a]\n  style.x:\n    kind: repetition\n",
     "rules/test.yml:5: invalid YAML: duplicate key 'style.x'"),
    ("rules:\n  style.x:\n    kind: existence\n    ignorecase: maybe\n    tokens: [a]\n",
     "rules/test.yml:4: rule 'style.x': 'ignorecase' must be true or false, not 'maybe'"),
    ("rules:\n  style.x:\n    tokens: [a]\n", "rules/test.yml:2: rule 'style.x': missing 'kind:'"),
    ("unknown_section: 1\nrules: {}\n",
     "rules/test.yml:1: unknown top-level key 'unknown_section' (expected 'rules:' or a section "
     "that a rule kind reads)"),
    ("- just\n- a list\n", "rules/test.yml:1: a rule file must be a mapping with a 'rules:' key"),
])
def test_rule_file_errors(run_cli, project, yaml_text, expected):
    project.rules(yaml_text)
    expect_error(run_cli, project, expected)


def test_rule_defined_twice_across_files(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("rules/z.yml", "rules:\n  style.puffery:\n    kind: repetition\n")
    expect_error(run_cli, project,
                 "rules/z.yml:2: rule 'style.puffery' is already defined in test.yml:2")


def test_catastrophic_regex_times_out_instead_of_hanging(run_cli, project):
    project.rules("rules:\n  style.slow:\n    kind: existence\n    message: slow\n"
                  "    patterns: ['(a|aa)+$']\n")
    project.write("a.md", "a" * 60 + "b\n\nA second block.\n")
    r = run_cli(["a.md", "--format", "json"], cwd=project.root)
    assert r.code == 0
    import json

    notices = json.loads(r.out)["summary"]["notices"]
    assert notices == ["style.slow: a pattern timed out on a.md:1; that block was not checked"]


@pytest.mark.parametrize("toml_text, expected", [
    ('[tool.lint-corpus]\nrules = "rules"\nfail-on = "sometimes"\n',
     "pyproject.toml:3: 'fail-on': expected error, warning, info or never, not 'sometimes'"),
    ('[tool.lint-corpus]\nrules = "rules"\ncolour = true\n',
     "pyproject.toml:3: unknown key 'colour' in [tool.lint-corpus] (known: cache-dir, exclude, "
     "fail-on, grammar, ignore, include, jobs, rules, select, severity)"),
    ('[tool.lint-corpus]\nrules = "rules"\nselect = ["style.nope"]\n',
     "pyproject.toml:3: select: unknown rule id or prefix 'style.nope'"),
    ('[tool.lint-corpus]\nrules = "rules"\n[tool.lint-corpus.severity]\n"style.puffery" = "loud"\n',
     "pyproject.toml:4: severity of 'style.puffery': unknown severity 'loud' (expected error, "
     "warning or info)"),
    ('[tool.lint-corpus]\nrules = "missing-dir"\n',
     "pyproject.toml:2: rules directory '{root}/missing-dir' does not exist"),
    ('[tool.lint-corpus]\nrules = "rules"\nselect = [\n',
     "pyproject.toml:4: invalid TOML: Invalid value (at end of document)"),
    ('[tool.lint-corpus]\nrules = "rules"\nfail-on = error\n',
     "pyproject.toml:3: invalid TOML: Invalid value (column 11)"),
])
def test_pyproject_errors(run_cli, project, toml_text, expected):
    project.rules(SIMPLE_RULES)
    project.write("pyproject.toml", toml_text)
    project.write("a.md", "Text.\n")
    r = run_cli(["a.md"], cwd=project.root)
    assert r.code == 2
    assert "Traceback" not in r.err
    head = expected.split("{root}")[0]
    assert r.err.startswith(f"lint-corpus: error: {head}"), r.err
    if "{root}" in expected:
        assert r.err.rstrip().endswith(expected.split("{root}")[1])


def test_explicit_config_file(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("other.toml", 'rules = "rules"\nselect = ["style.wordiness"]\n')
    project.write("a.md", "A phenomenal result in order to test.\n")
    r = run_cli(["a.md", "--config", "other.toml", "--format", "json"], cwd=project.root)
    import json

    assert [f["rule"] for f in json.loads(r.out)["findings"]] == ["style.wordiness"]
    r = run_cli(["a.md", "--config", "missing.toml"], cwd=project.root)
    assert r.code == 2 and r.err == "lint-corpus: error: missing.toml: config file not found\n"


def test_config_found_by_walking_up(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("deep/er/a.md", "A phenomenal result.\n")
    r = run_cli(["a.md", "--format", "json"], cwd=project.root / "deep" / "er")
    import json

    assert [f["rule"] for f in json.loads(r.out)["findings"]] == ["style.puffery"]
