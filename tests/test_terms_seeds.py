"""The issue's "done when" on the seed articles, measured exactly."""

from __future__ import annotations

import json
import shutil

from linter.cli import main
from termhelp import ROOT

SEEDS = ROOT / "seeds"
FILES = {p.name[:3]: p.name for p in SEEDS.iterdir()}

N, C, U, CU, W = "Islamic Nation", "Islamic countries", "Islamic Ummah", "Islamic ummah", "Islamic world"
# (file, line, column, end column, rule, text at that span)
EXPECTED = [
    ("000", 1, 70, 84, "preferred", N), ("000", 3, 5, 19, "preferred", N),
    ("000", 7, 5, 19, "preferred", N), ("000", 9, 99, 116, "consistency", C),
    ("000", 13, 63, 77, "preferred", N), ("000", 19, 5, 18, "consistency", U),
    ("000", 19, 286, 299, "case", W), ("000", 19, 467, 481, "preferred", N),
    ("000", 21, 130, 143, "consistency", U), ("000", 25, 246, 260, "preferred", N),
    ("000", 27, 71, 85, "preferred", N),
    ("001", 1, 50, 64, "preferred", N), ("001", 3, 16, 30, "preferred", N),
    ("001", 9, 15, 29, "preferred", N), ("001", 11, 4, 18, "preferred", N),
    ("001", 13, 5, 19, "preferred", N), ("001", 13, 179, 193, "preferred", N),
    ("001", 15, 22, 36, "preferred", N), ("001", 15, 210, 224, "preferred", N),
    ("001", 17, 58, 72, "preferred", N), ("001", 21, 39, 53, "preferred", N),
    ("001", 21, 233, 247, "preferred", N), ("001", 23, 54, 68, "preferred", N),
    ("001", 27, 153, 167, "preferred", N), ("001", 29, 67, 81, "preferred", N),
    ("001", 29, 317, 331, "preferred", N),
    ("002", 3, 108, 118, "agreement", "recognises"), ("002", 3, 128, 139, "agreement", "prioritises"),
    ("002", 11, 17, 34, "consistency", C), ("002", 15, 52, 69, "consistency", C),
    ("002", 23, 171, 184, "case", CU),
    ("004", 1, 56, 70, "preferred", N), ("004", 3, 136, 150, "preferred", N),
    ("004", 13, 147, 161, "preferred", N), ("004", 17, 60, 74, "preferred", N),
]


def _json(capsys, *args):
    code = main([*args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_expected_spans_are_where_the_text_is():
    # The expectations themselves are checked against the files, character by character.
    for file, line, col, end, _rule, text in EXPECTED:
        source = (SEEDS / FILES[file]).read_text("utf-8").split("\n")[line - 1]
        assert source[col - 1:end - 1] == text, (file, line, col)


def test_seed_findings_at_exact_positions(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, report = _json(capsys, "seeds/", "--select", "terminology")
    got = [(f["path"][6:9], f["line"], f["column"], f["end_column"], f["rule"].split(".")[1])
           for f in report["findings"]]
    assert got == [e[:5] for e in EXPECTED]
    assert all(f["end_line"] == f["line"] for f in report["findings"])
    assert code == 1


def test_agreement_only_in_seed_002(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, report = _json(capsys, "seeds/", "--select", "terminology.agreement")
    assert [(f["path"][6:9], f["line"], f["column"], f["suggestions"]) for f in report["findings"]] == [
        ("002", 3, 108, ["recognise"]), ("002", 3, 128, ["prioritise"])]


def test_summary_terms_in_json(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, report = _json(capsys, "seeds/")
    terms = report["summary"]["terms"]
    assert list(terms) == ["islamic-nations", "ummah", "islamic-world", "muslims"]
    nations = {f["form"]: f for f in terms["islamic-nations"]["forms"]}
    assert nations["Islamic Nation"]["count"] == 26
    assert nations["Islamic Nation"]["documents"] == {
        "seeds/" + FILES["000"]: 7, "seeds/" + FILES["001"]: 15, "seeds/" + FILES["004"]: 4}
    assert nations["Islamic countries"] == {
        "form": "Islamic countries", "status": "accepted", "case": "ok", "number": "plural",
        "count": 3, "documents": {"seeds/" + FILES["000"]: 1, "seeds/" + FILES["002"]: 2}}
    ummah = {f["form"]: f for f in terms["ummah"]["forms"]}
    assert ummah["Islamic ummah"]["case"] == "wrong"
    assert ummah["Islamic ummah"]["written_for"] == "Islamic Ummah"
    assert terms["ummah"]["preferred"] == "Ummah"


def test_stats_terms_table(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["seeds/", "--stats", "terms"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "islamic-nations — The Muslim-majority countries, each a state of its own."
    assert lines[1] == "  preferred: Islamic nations · 5 documents"
    assert lines[2].split() == ["form", "status", "number", "uses", "documents"]
    row = next(line for line in lines if line.startswith("  Islamic Nation "))
    assert row.split()[2:5] == ["rejected", "singular", "26"]
    assert f"seeds/{FILES['001']} (15)" in row
    assert "  Islamic world  case of 'Islamic World'  singular     1  seeds/" + FILES["000"] + " (1)" in out
    assert "warning" not in out  # the tables replace the findings


def test_fix_on_a_copy_changes_only_term_spans(tmp_path, capsys, monkeypatch):
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    monkeypatch.chdir(tmp_path)
    before = {p.name: p.read_bytes() for p in copy.iterdir()}
    main(["seeds", "--fix", "--select", "terminology", "--no-show-source"])
    assert "note: fixed 9 findings in 3 files" in capsys.readouterr().out

    # (file, line, column, old text, new text): the only changes, found by the
    # findings above whose fix is safe (the verb goes with "Islamic nations").
    changes = [
        ("000", 3, 5, "Islamic Nation is", "Islamic nations are"),
        ("000", 9, 99, C, "Islamic nations"),
        ("000", 19, 286, W, "Islamic World"),
        ("000", 19, 5, U, "Ummah"),
        ("000", 21, 130, U, "Ummah"),
        ("001", 3, 16, "Islamic Nation has", "Islamic nations have"),
        ("002", 11, 17, C, "Islamic nations"),
        ("002", 15, 52, C, "Islamic nations"),
        ("002", 23, 171, CU, "Islamic Ummah"),
    ]
    expected = {name: data.decode("utf-8").split("\n") for name, data in before.items()}
    for file, line, col, old, new in changes:  # right to left within a line
        lines = expected[FILES[file]]
        assert lines[line - 1][col - 1:col - 1 + len(old)] == old
        lines[line - 1] = lines[line - 1][:col - 1] + new + lines[line - 1][col - 1 + len(old):]
    for name in before:
        assert (copy / name).read_bytes() == "\n".join(expected[name]).encode("utf-8"), name

    # The rerun reports only terminology findings that --fix cannot apply.
    _, report = _json(capsys, "seeds", "--select", "terminology")
    left = report["findings"]
    assert left and all(f["rule"] in ("terminology.preferred", "terminology.agreement") for f in left)
    assert not any(f["rule"] in ("terminology.case", "terminology.consistency") for f in left)
    from linter.engine import Engine
    from termhelp import repo_pack

    engine = Engine(repo_pack())
    for p in copy.iterdir():
        for f in engine.lint_path(p, p.name).findings:
            assert f.fix is None or not f.fix.safe, (p.name, f.line, f.column, f.rule)
    # And a second --fix changes nothing.
    after = {p.name: p.read_bytes() for p in copy.iterdir()}
    main(["seeds", "--fix", "--select", "terminology", "--no-show-source"])
    capsys.readouterr()
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == after


def test_stats_terms_without_terminology_rules_says_so(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["seeds/", "--stats", "terms", "--select", "style"]) == 0
    assert capsys.readouterr().out.startswith("No term statistics: no terminology rule ran")


def test_stats_unknown_kind_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    import pytest

    with pytest.raises(SystemExit) as exit_:
        main(["seeds/", "--stats", "terms,colours"])
    assert exit_.value.code == 2
    assert "unknown statistics 'colours' (choose from readability, terms)" in capsys.readouterr().err
