"""The command line: discovery, exit codes, formats, suppression, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO, SIMPLE_RULES


def findings(result) -> list[tuple]:
    data = json.loads(result.out)
    return [(f["path"], f["line"], f["column"], f["end_line"], f["end_column"], f["rule"])
            for f in data["findings"]]


def test_seeds_report_style_findings_at_exact_positions(run_cli):
    r = run_cli(["seeds/", "--format", "json", "--select", "style"], cwd=REPO)
    assert r.code == 0, r.err  # style reports warnings only; default --fail-on error
    got = findings(r)
    assert ("seeds/000_09d03fb506c19b10.txt", 19, 30, 19, 39, "style.puffery") in got  # pathmaker
    assert ("seeds/004_0443f05b859c6105.txt", 9, 190, 9, 208, "style.puffery") in got  # radiantly palpable
    assert ("seeds/004_0443f05b859c6105.txt", 7, 69, 7, 82, "style.wordiness") in got  # orbits around
    # Check the columns against the file itself.
    lines = (REPO / "seeds/004_0443f05b859c6105.txt").read_text("utf-8").split("\n")
    assert lines[8][189:207] == "radiantly palpable"


def test_seeds_have_no_heading_to_paragraph_repetition(run_cli):
    # proselint flags "## Moving Forward" followed by "Focusing on…"/"Moving forward" style
    # repeats across the heading boundary; headings are their own blocks here.
    r = run_cli(["seeds/", "--format", "json", "--select", "grammar.repeated-word"], cwd=REPO)
    assert findings(r) == []
    assert json.loads(r.out)["summary"]["files"] == 5


def test_repetition_across_line_break_but_not_across_blocks(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", "# Growth\n\nGrowth is good and the\nthe rest follows.\n")
    r = run_cli(["a.md", "--format", "json"], cwd=project.root)
    assert findings(r) == [("a.md", 3, 20, 4, 4, "style.repetition")]


def test_exit_codes_follow_fail_on(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", "A phenomenal result.\n")
    assert run_cli(["a.md"], cwd=project.root).code == 0  # a warning, fail-on error
    assert run_cli(["a.md", "--fail-on", "warning"], cwd=project.root).code == 1
    assert run_cli(["a.md", "--fail-on", "info"], cwd=project.root).code == 1
    assert run_cli(["a.md", "--fail-on", "never", "--select", "style"], cwd=project.root).code == 0
    project.write("clean.md", "Nothing to see.\n")
    assert run_cli(["clean.md", "--fail-on", "info"], cwd=project.root).code == 0


def test_fail_on_from_config(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("pyproject.toml", '[tool.lint-corpus]\nrules = "rules"\nfail-on = "warning"\n')
    project.write("a.md", "A phenomenal result.\n")
    assert run_cli(["a.md"], cwd=project.root).code == 1


def test_text_output_line_source_and_summary(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", "Intro.\n\nA café’s\tphenomenal result.\n")
    r = run_cli(["a.md", "--show-source"], cwd=project.root)
    lines = r.out.splitlines()
    assert lines[0] == "a.md:3:10: warning style.puffery 'phenomenal' is puffery."
    caret_line = next(l for l in lines if "^" in l)
    source_line = lines[lines.index(caret_line) - 1]
    # The caret sits under "phenomenal" in the displayed (tab-expanded) line.
    col = caret_line.index("^")
    assert source_line[col:col + len("phenomenal")] == "phenomenal"
    assert caret_line.count("^") == len("phenomenal")
    assert lines[-1].startswith("Found 1 finding")
    r = run_cli(["a.md", "--no-show-source"], cwd=project.root)
    assert "^" not in r.out


def test_output_is_deterministic_and_sorted(run_cli):
    a = run_cli(["seeds/004_0443f05b859c6105.txt", "seeds/", "--format", "json"], cwd=REPO)
    b = run_cli(["seeds/", "--format", "json"], cwd=REPO)
    assert a.out == b.out
    got = findings(a)
    assert got == sorted(got)


def test_select_and_ignore_prefixes(run_cli):
    r = run_cli(["seeds/", "--format", "json", "--select", "style.puffery"], cwd=REPO)
    assert {f[5] for f in findings(r)} == {"style.puffery"}
    r = run_cli(["seeds/", "--format", "json", "--select", "style", "--ignore", "style.puffery"], cwd=REPO)
    rules = {f[5] for f in findings(r)}
    assert "style.puffery" not in rules and "style.wordiness" in rules


def test_unknown_select_prefix_is_a_usage_error(run_cli):
    r = run_cli(["seeds/", "--select", "style.nonexistent"], cwd=REPO)
    assert r.code == 2
    assert r.err == "lint-corpus: error: --select: unknown rule id or prefix 'style.nonexistent'\n"
    assert "Traceback" not in r.err


def test_github_format_is_default_under_actions(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", "A phenomenal result.\n")
    r = run_cli(["a.md"], cwd=project.root, env={"GITHUB_ACTIONS": "true"})
    assert r.out.splitlines()[0] == (
        "::warning file=a.md,line=1,endLine=1,col=3,endColumn=13,title=style.puffery::"
        "'phenomenal' is puffery.")


def test_output_file(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", "A phenomenal result.\n")
    r = run_cli(["a.md", "--format", "json", "--output", "out/report.json"], cwd=project.root)
    assert r.code == 2 and "cannot write out/report.json" in r.err  # no such directory
    r = run_cli(["a.md", "--format", "json", "--output", "report.json"], cwd=project.root)
    assert r.code == 0 and r.out == ""
    data = json.loads((project.root / "report.json").read_text("utf-8"))
    assert data["findings"][0]["rule"] == "style.puffery"


def test_list_rules_and_explain(run_cli):
    r = run_cli(["--list-rules"], cwd=REPO)
    assert r.code == 0
    assert any(l.startswith("style.puffery ") for l in r.out.splitlines())
    r = run_cli(["--explain", "style.puffery"], cwd=REPO)
    assert r.code == 0 and "kind existence" in r.out and "puffery" in r.out
    r = run_cli(["--explain", "style.nope"], cwd=REPO)
    assert r.code == 2 and "unknown rule 'style.nope'" in r.err


def test_directory_walk_skips_hidden_ignored_and_other_files(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("docs/a.md", "A phenomenal result.\n")
    project.write("docs/b.markdown", "A phenomenal result.\n")
    project.write("docs/c.txt", "A phenomenal result.\n")
    project.write("docs/d.rst", "A phenomenal result.\n")
    project.write("docs/.hidden/e.md", "A phenomenal result.\n")
    project.write("docs/ignored/f.md", "A phenomenal result.\n")
    project.write(".gitignore", "ignored/\n")
    subprocess.run(["git", "init", "-q", str(project.root)], check=True)
    r = run_cli(["docs", "--format", "json"], cwd=project.root)
    assert sorted({f[0] for f in findings(r)}) == ["docs/a.md", "docs/b.markdown", "docs/c.txt"]


def test_exclude_glob_from_config(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("pyproject.toml", '[tool.lint-corpus]\nrules = "rules"\nexclude = ["drafts/**"]\n')
    project.write("drafts/a.md", "A phenomenal result.\n")
    project.write("final/b.md", "A phenomenal result.\n")
    r = run_cli([".", "--format", "json"], cwd=project.root)
    assert {f[0] for f in findings(r)} == {"final/b.md"}


# -- suppression comments ---------------------------------------------------------

SUPPRESSED = """\
A phenomenal start.

<!-- lint-corpus-disable style.puffery -->
A phenomenal middle, in order to test.
<!-- lint-corpus-enable style.puffery -->

A phenomenal end.

<!-- lint-corpus-disable-next-line style -->
A phenomenal line, in order to test.
A phenomenal next line.

```
<!-- lint-corpus-disable -->
```
A phenomenal line after a code block.
"""


def test_suppression_comments(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", SUPPRESSED)
    r = run_cli(["a.md", "--format", "json"], cwd=project.root)
    assert findings(r) == [
        ("a.md", 1, 3, 1, 13, "style.puffery"),
        ("a.md", 4, 22, 4, 33, "style.wordiness"),  # only puffery was disabled there
        ("a.md", 7, 3, 7, 13, "style.puffery"),
        ("a.md", 11, 3, 11, 13, "style.puffery"),  # next-line covers one line only
        ("a.md", 16, 3, 16, 13, "style.puffery"),  # a directive inside code does nothing
    ]


def test_suppression_whole_file_and_all_rules(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", "<!-- lint-corpus-disable-file style.puffery -->\n\nA phenomenal, "
                          "in order to x.\n")
    assert findings(run_cli(["a.md", "--format", "json"], cwd=project.root)) == [
        ("a.md", 3, 15, 3, 26, "style.wordiness")]
    project.write("b.md", "Text.\n\n<!-- lint-corpus-disable -->\n\nA phenomenal, in order to x.\n")
    assert findings(run_cli(["b.md", "--format", "json"], cwd=project.root)) == []


def test_inline_comment_disable_next_line(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", "Intro <!-- lint-corpus-disable-next-line -->\nA phenomenal line.\n")
    assert findings(run_cli(["a.md", "--format", "json"], cwd=project.root)) == []


# -- bad input ---------------------------------------------------------------------


def test_bad_input_is_reported_once_and_the_run_goes_on(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("good.md", "A phenomenal result.\n")
    project.write("latin1.md", "Caf\xe9 phenomenal.\n".encode("latin-1"))
    project.write("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    project.write("utf16.md", "phenomenal".encode("utf-16"))
    project.write("empty.md", b"")
    r = run_cli([".", "--format", "json"], cwd=project.root)
    data = json.loads(r.out)
    got = [(f["path"], f["rule"]) for f in data["findings"]]
    assert got == [("binary.md", "io.decode"), ("good.md", "style.puffery"),
                   ("latin1.md", "io.decode"), ("utf16.md", "io.decode")]
    messages = {f["path"]: f["message"] for f in data["findings"]}
    assert "not valid UTF-8 (byte 0xe9 at line 1)" in messages["latin1.md"]
    assert "binary" in messages["binary.md"]
    assert "UTF-16" in messages["utf16.md"]
    statuses = {f["path"]: f["status"] for f in data["files"]}
    assert statuses == {"binary.md": "error", "empty.md": "ok", "good.md": "ok",
                        "latin1.md": "error", "utf16.md": "error"}
    assert r.code == 1  # io findings are errors
    assert "Traceback" not in r.err


def test_missing_path_is_a_usage_error(run_cli, project):
    project.rules(SIMPLE_RULES)
    r = run_cli(["nope.md"], cwd=project.root)
    assert r.code == 2
    assert r.err == "lint-corpus: error: nope.md: no such file or directory\n"


def test_bad_flag_is_a_usage_error(run_cli, project):
    project.rules(SIMPLE_RULES)
    with pytest.raises(SystemExit) as exc:
        run_cli(["--format", "xml"], cwd=project.root)
    assert exc.value.code == 2


def test_unreadable_file(run_cli, project, monkeypatch):
    # Tests run as root in CI, where chmod 000 does not stop reads: fail the read itself.
    from pathlib import Path

    project.rules(SIMPLE_RULES)
    project.write("a.md", "A phenomenal result.\n")
    project.write("b.md", "A phenomenal result.\n")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "a.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = run_cli([".", "--format", "json"], cwd=project.root)
    got = [(f["path"], f["rule"], f["message"]) for f in json.loads(r.out)["findings"]]
    assert got == [("a.md", "io.read", "cannot read file: Permission denied"),
                   ("b.md", "style.puffery", "'phenomenal' is puffery.")]


def test_large_file_runs(run_cli, project):
    # ~5 MB of prose in one file: the run completes and finds every planted word.
    project.rules(SIMPLE_RULES)
    para = ("Editors read long articles. " * 30 + "A phenomenal claim.\n\n")
    project.write("big.md", para * 6000)
    r = run_cli(["big.md", "--format", "json", "--select", "style.puffery"], cwd=project.root)
    assert len(json.loads(r.out)["findings"]) == 6000


def test_console_script_runs_in_a_subprocess():
    proc = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True,
                          text=True, cwd=REPO)
    assert proc.returncode == 0 and proc.stdout.startswith("lint-corpus ")


def test_rdjson_byte_columns_from_the_engine(run_cli, project):
    project.rules(SIMPLE_RULES)
    project.write("a.md", "Zoë’s café – a phenomenal,\nradiantly palpable day.\n")
    r = run_cli(["a.md", "--format", "rdjson"], cwd=project.root)
    ranges = [json.loads(l)["location"]["range"] for l in r.out.splitlines()]
    line = "Zoë’s café – a phenomenal,".encode("utf-8")
    start = line.index(b"phenomenal") + 1
    assert ranges == [
        {"start": {"line": 1, "column": start}, "end": {"line": 1, "column": start + 10}},
        {"start": {"line": 2, "column": 1}, "end": {"line": 2, "column": 19}},
    ]


def test_very_long_line_keeps_a_window_and_exact_columns(run_cli, project):
    project.rules(SIMPLE_RULES)
    body = "Plain words here. " * 20000  # one 360 000-character line
    project.write("a.md", body + "A phenomenal end.\n")
    r = run_cli(["a.md", "--show-source", "--format", "text"], cwd=project.root)
    first = r.out.splitlines()[0]
    assert first == f"a.md:1:{len(body) + 3}: warning style.puffery 'phenomenal' is puffery."
    source, carets = r.out.splitlines()[1:3]
    col = carets.index("^")
    assert source[col:col + 10] == "phenomenal" and source.split("| ", 1)[1].startswith("…")


def test_sarif_of_the_seed_run_is_schema_valid(run_cli):
    import jsonschema

    schema = json.loads((REPO / "tests/schemas/sarif-schema-2.1.0.json").read_text("utf-8"))
    r = run_cli(["seeds/", "--format", "sarif", "--no-cache"], cwd=REPO)
    sarif = json.loads(r.out)
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert results and all(res["partialFingerprints"] for res in results)
    rule_ids = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {res["ruleId"] for res in results} <= rule_ids


def test_gitlab_fingerprints_survive_inserted_lines(run_cli, project):
    project.rules(SIMPLE_RULES)
    text = "# Title\n\nA phenomenal start.\n\nThen in order to win, a phenomenal end.\n"
    project.write("a.md", text)
    before = json.loads(run_cli(["a.md", "--format", "gitlab"], cwd=project.root).out)
    project.write("a.md", text.replace("# Title\n", "# Title\n\nA new paragraph.\n\nAnd another.\n"))
    after = json.loads(run_cli(["a.md", "--format", "gitlab"], cwd=project.root).out)
    assert [d["location"]["lines"]["begin"] for d in before] == [3, 5, 5]
    assert [d["location"]["lines"]["begin"] for d in after] == [7, 9, 9]
    assert [d["fingerprint"] for d in before] == [d["fingerprint"] for d in after]
    assert len({d["fingerprint"] for d in before}) == 3


def test_repo_seed_baseline_is_current(run_cli):
    # The repo's pre-commit hook lints seeds/ against this baseline; when rules
    # change, regenerate it: lint-corpus seeds/ --write-baseline .lint-corpus-baseline.json
    r = run_cli(["seeds/", "--baseline", ".lint-corpus-baseline.json", "--format", "json",
                 "--no-cache"], cwd=REPO)
    data = json.loads(r.out)
    assert data["findings"] == [], [f["rule"] + " " + f["path"] for f in data["findings"]]
    assert data["summary"]["suppressed_by_baseline"] > 100
