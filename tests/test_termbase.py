"""The term base format (rules/terminology.yml `terms:`) and its errors."""

from __future__ import annotations

import textwrap

import pytest

from linter.cli import main
from linter.config import ConfigError
from linter.terms.termbase import load_termbase
from linter.vocabulary import accepted_words
from termhelp import RULES, custom_pack, repo_pack


def test_shipped_term_base_loads():
    tb = load_termbase(repo_pack())
    names = [g.name for g in tb.groups]
    assert names == ["islamic-nations", "ummah", "islamic-world", "muslims"]
    nations = tb.group("islamic-nations")
    assert [(f.text, f.status, f.number) for f in nations.forms] == [
        ("Islamic nations", "preferred", "plural"),
        ("Islamic nation", "preferred", "singular"),
        ("Islamic countries", "accepted", "plural"),
        ("Islamic country", "accepted", "singular"),
        ("Islamic Nation", "rejected", "singular"),
    ]
    rejected = nations.by_text("Islamic Nation")
    assert rejected.use == "Islamic nations" and "one state" in rejected.reason
    # Singular and plural of one form are one variant for consistency.
    assert nations.by_text("Islamic country").variant == nations.by_text("Islamic countries").variant
    assert nations.by_text("Islamic nation").variant == "preferred"
    assert nations.case_sensitive and nations.autofix


def test_accepted_words_are_forms_and_accept_list_only():
    words = accepted_words(repo_pack())
    assert {"Ummah", "Rizwan", "Islamic", "nations", "Muslims"} <= words
    # The reasons and meanings are prose, not vocabulary.
    assert "dozens" not in words and "civilisation" not in words


def test_shorthand_forms(tmp_path):
    pack = custom_pack(tmp_path, """
    ebook:
      case: insensitive
      autofix: false
      preferred: ebook
      accepted: [e-book reader]
      rejected:
        e book: Two words read as a typo.
    """)
    g = load_termbase(pack).group("ebook")
    assert [(f.text, f.status, f.number) for f in g.forms] == [
        ("ebook", "preferred", None), ("e-book reader", "accepted", None),
        ("e book", "rejected", None)]
    assert g.forms[2].reason == "Two words read as a typo."
    assert not g.case_sensitive and not g.autofix


# (term base, expected message fragment, expected line in the rule file)
ERRORS = [
    ("- just a list", "terms: must map group names to groups", 1),
    ("g: [a, b]", "group 'g' must be a mapping", 2),
    ("g:\n  preferred: {x: plural}\n  colour: red", "group 'g': unknown key 'colour'", 4),
    ("g:\n  case: maybe\n  preferred: {x: plural}", "'case' must be sensitive or insensitive", 3),
    ("g:\n  autofix: sometimes\n  preferred: {x: plural}", "'autofix' must be true or false", 3),
    ("g:\n  preferred: {x: many}", "number must be one of singular, plural, collective, not 'many'", 3),
    ("g:\n  preferred: {x: plural}\n  rejected:\n    y: {number: plural}",
     "'y' needs a 'reason:'", 5),
    ("g:\n  preferred: {x: plural}\n  rejected:\n    y:\n      reason: Not this.\n      use: z",
     "'use' must be one of this group's preferred or accepted forms, not 'z'", 7),
    ("g:\n  accepted: {x: plural}\n  rejected:\n    y: Not this.",
     "rejected form 'y' needs 'use:' (the group has no preferred form)", 5),
    ("g:\n  rejected:\n    y: Not this.", "group 'g' needs at least one 'preferred' or 'accepted' form", 2),
    ("g:\n  preferred: {Ummah: collective}\nh:\n  preferred: {ummah: collective}",
     "group 'h': form 'ummah' is already listed in group 'g' as 'Ummah'", 5),
    ("g:\n  case: insensitive\n  preferred: {Ummah: collective}\n  accepted: {ummah: collective}",
     "form 'ummah' is already listed in this group as 'Ummah'", 5),
    ("g:\n  preferred: {'-x': plural}", "form '-x' must start and end with a letter or digit", 3),
    ("g:\n  preferred: {}", "'preferred' must map each form to its number", 3),
    ("g:\n  preferred: {x: plural}\n  rejected:\n    y: {reason: r, colour: red}",
     "'y': unknown key 'colour'", 5),
    ("'bad name':\n  preferred: {x: plural}", "group name 'bad name' must be letters", 2),
]


@pytest.mark.parametrize("terms,message,line", ERRORS)
def test_errors_name_file_line_and_problem(tmp_path, terms, message, line):
    with pytest.raises(ConfigError) as err:
        custom_pack(tmp_path, textwrap.indent(terms, ""))
    assert message in err.value.message
    assert err.value.path.endswith("terminology.yml")
    assert err.value.line == line, str(err.value)


def test_case_sensitive_group_may_list_forms_differing_in_case(tmp_path):
    pack = custom_pack(tmp_path, """
    g:
      preferred: {Islamic nation: singular}
      rejected:
        Islamic Nation: {reason: One state., use: Islamic nation}
    """)
    assert len(load_termbase(pack).group("g").forms) == 2


def test_cli_exits_2_with_one_clear_line(tmp_path, monkeypatch, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "terminology.yml").write_text(
        "terms:\n  g:\n    preferred: {x: lots}\n" + RULES, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.lint-corpus]\nrules = "rules"\n')
    (tmp_path / "a.md").write_text("Text.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["a.md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "terminology.yml:3: terms: group 'g': 'preferred': 'x': number must be one of" in err


def test_terms_without_terminology_rules_is_an_unknown_section(tmp_path):
    with pytest.raises(ConfigError) as err:
        custom_pack(tmp_path, "g:\n  preferred: {x: plural}", rules="rules: {}\n")
    assert "unknown top-level key 'terms'" in err.value.message


def test_empty_term_base_means_no_findings(tmp_path):
    from termhelp import lint

    pack = custom_pack(tmp_path, "{}")
    assert lint("Islamic nations recognises this.", pack) == []
