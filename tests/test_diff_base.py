"""--diff-base REF / --diff-context N: findings on changed lines only."""

from __future__ import annotations

from pathlib import Path

import pytest
from workflow_support import (TEST_KINDS, commit_all, git, init_repo, lint_json, spans)

from linter.changed_lines import _unquote, parse_diff

BASE_TEXT = """# Notes

The first paragraph is phenomenal.

The second paragraph is plain.

The third paragraph is remarkable.
"""


def on_main(repo: Path, message: str) -> None:
    """Commit the work tree to main, then continue on a fresh branch from it."""
    git(repo, "checkout", "-q", "main")
    commit_all(repo, message)
    git(repo, "checkout", "-q", "-B", "feature")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: an article with findings on lines 3 and 7; branch `feature` checked out."""
    repo = init_repo(tmp_path / "repo")
    (repo / "article.md").write_text(BASE_TEXT, encoding="utf-8")
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "feature")
    return repo


# -- the diff parser -------------------------------------------------------------------
def test_parse_diff_added_lines_and_context():
    diff = (b"diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n"
            b"@@ -3,0 +4,2 @@\n+x\n+y\n"
            b"@@ -10 +12 @@\n-old\n+new\n"
            b"@@ -20,2 +21,0 @@\n-gone\n-gone\n"
            b"diff --git a/d.md b/d.md\n--- a/d.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n")
    assert parse_diff(diff) == {b"a.md": {4, 5, 12}}
    # Context widens added stretches both ways and marks the lines around a deletion.
    assert parse_diff(diff, 1) == {b"a.md": {3, 4, 5, 6, 11, 12, 13, 21, 22}}


def test_parse_diff_odd_path_names():
    diff = (b'+++ "b/caf\\303\\251 \\"x\\".md"\n@@ -0,0 +1 @@\n+a\n'
            b"+++ b/with space.md\t\n@@ -1 +1 @@\n+b\n")
    assert parse_diff(diff) == {'café "x".md'.encode(): {1}, b"with space.md": {1}}
    assert _unquote(b'"a\\tb"') == b"a\tb"


# -- in a real repository --------------------------------------------------------------
def test_untouched_line_is_not_reported_new_line_is(repo, monkeypatch, capsys):
    text = BASE_TEXT.replace("The second paragraph is plain.",
                             "The second paragraph is plain.\n\nA new line that is unwavering.")
    (repo / "article.md").write_text(text, encoding="utf-8")
    commit_all(repo, "add a line")

    code, full = lint_json(monkeypatch, capsys, repo, "article.md")
    assert {line for _, line, _ in spans(full)} == {3, 7, 9}  # 7 is the new line

    code, report = lint_json(monkeypatch, capsys, repo, "article.md", "--diff-base", "main")
    assert spans(report) == {("article.md", 7, "style.puffery")}
    assert report["summary"]["outside_diff"] == 2
    assert code == 0  # warnings do not fail at the default --fail-on error


def test_uncommitted_and_staged_changes_count(repo, monkeypatch, capsys):
    lines = BASE_TEXT.splitlines()
    lines[4] = "The second paragraph is exemplary."  # line 5, staged
    (repo / "article.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(repo, "add", "article.md")
    lines.append("\nAn unstaged line that is groundbreaking.")  # line 9, unstaged
    (repo / "article.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, report = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main")
    assert {line for _, line, _ in spans(report)} == {5, 9}


def test_line_shift_keeps_old_findings_hidden(repo, monkeypatch, capsys):
    # Two lines inserted at the top move the old findings to lines 5 and 9.
    (repo / "article.md").write_text("Intro that is commendable.\n\n" + BASE_TEXT, encoding="utf-8")
    _, report = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main")
    assert spans(report) == {("article.md", 1, "style.puffery")}


def test_diff_context_widens(repo, monkeypatch, capsys):
    # Change line 5 only; the finding on line 3 is two lines away, line 7 too.
    (repo / "article.md").write_text(BASE_TEXT.replace("is plain", "is quite plain"),
                                     encoding="utf-8")
    code, narrow = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main",
                             "--fail-on", "warning")
    assert narrow["findings"] == []
    assert code == 0  # hidden findings do not fail the run
    _, one = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main",
                       "--diff-context", "1")
    assert one["findings"] == []
    _, two = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main",
                       "--diff-context", "2")
    assert {line for _, line, _ in spans(two)} == {3, 7}


def test_renamed_file_reports_only_its_changed_lines(repo, monkeypatch, capsys):
    git(repo, "mv", "article.md", "renamed.md")
    with open(repo / "renamed.md", "a", encoding="utf-8") as fh:
        fh.write("\nA closing line that is extraordinary.\n")
    commit_all(repo, "rename and extend")
    _, report = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main")
    assert spans(report) == {("renamed.md", 9, "style.puffery")}


def test_untracked_file_is_all_new(repo, monkeypatch, capsys):
    (repo / "new.md").write_text(BASE_TEXT, encoding="utf-8")
    _, report = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main")
    assert spans(report) == {("new.md", 3, "style.puffery"), ("new.md", 7, "style.puffery")}


def test_paths_from_a_subdirectory(repo, monkeypatch, capsys):
    sub = repo / "docs"
    sub.mkdir()
    (sub / "a.md").write_text(BASE_TEXT, encoding="utf-8")
    on_main(repo, "docs")
    with open(sub / "a.md", "a", encoding="utf-8") as fh:
        fh.write("\nOne more line that is illustrious.\n")
    _, report = lint_json(monkeypatch, capsys, sub, ".", "--diff-base", "main")
    assert spans(report) == {("a.md", 9, "style.puffery")}


def test_corpus_and_document_rules_see_whole_documents(repo, monkeypatch, capsys):
    """The corpus rule needs the unchanged files to know the majority spelling;
    the document rule needs the unchanged lines to count words."""
    monkeypatch.setattr("linter.kinds.BUILTIN", {**__import__("linter.kinds").kinds.BUILTIN,
                                                 **TEST_KINDS})
    rules = repo / "rules"
    rules.mkdir()
    (rules / "test.yml").write_text(
        "rules:\n"
        "  terminology.spelling:\n    kind: test-majority-spelling\n"
        "  readability.long:\n    kind: test-long-document\n", encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.lint-corpus]\nrules = "rules"\n')
    (repo / "a.md").write_text("Send an email.\n\nAnother email.\n", encoding="utf-8")
    (repo / "b.md").write_text("Reply by email.\n", encoding="utf-8")
    long_text = "# Long\n\n" + " ".join(["word"] * 45) + ".\n"
    (repo / "c.md").write_text(long_text, encoding="utf-8")
    on_main(repo, "corpus")

    # Alone, b.md would make 'e-mail' the majority (2 to 1) and flag line 1.
    (repo / "b.md").write_text("Reply by email.\n\nOr by e-mail.\n\nOr e-mail again.\n",
                               encoding="utf-8")
    (repo / "c.md").write_text(long_text + "\nOne more.\n", encoding="utf-8")
    _, full = lint_json(monkeypatch, capsys, repo, ".", "--select", "terminology,readability")
    assert spans(full) == {("b.md", 3, "terminology.spelling"), ("b.md", 5, "terminology.spelling"),
                           ("c.md", 1, "readability.long")}
    _, report = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main",
                          "--select", "terminology,readability")
    # The spelling finding is on a new line and reported; the long-document
    # finding sits on untouched line 1, so --diff-base hides it.
    assert spans(report) == {("b.md", 3, "terminology.spelling"),
                             ("b.md", 5, "terminology.spelling")}
    assert report["summary"]["files"] == 4  # every file was linted for the corpus rule


def test_without_corpus_rules_unchanged_files_are_not_read(repo, monkeypatch, capsys):
    (repo / "other.md").write_text(BASE_TEXT, encoding="utf-8")
    on_main(repo, "other")
    with open(repo / "article.md", "a", encoding="utf-8") as fh:
        fh.write("\nIt is trailblazing.\n")
    # Only per-document rules: the terminology pack has a corpus rule.
    _, report = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "main",
                          "--select", "style")
    assert [f["path"] for f in report["files"]] == ["article.md"]
    assert spans(report) == {("article.md", 9, "style.puffery")}


# -- shallow clones and errors -----------------------------------------------------------
def _feature_with_change(repo: Path) -> None:
    with open(repo / "article.md", "a", encoding="utf-8") as fh:
        fh.write("\nA line that is visionary.\n")
    commit_all(repo, "feature work")


def test_shallow_clone_without_merge_base_says_what_to_fetch(repo, tmp_path, monkeypatch, capsys):
    _feature_with_change(repo)
    git(repo, "checkout", "-q", "main")
    (repo / "main.md").write_text("Main moved on.\n", encoding="utf-8")
    commit_all(repo, "main moves")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo}",
        str(clone))
    git(clone, "checkout", "-q", "feature")
    run = lint_json(monkeypatch, capsys, clone, ".", "--diff-base", "origin/main")
    code, err = run[0], run.err
    assert code == 2
    assert "shallow clone" in err and "fetch-depth: 0" in err
    assert "Traceback" not in err


def test_shallow_clone_deep_enough_works(repo, tmp_path, monkeypatch, capsys):
    """Depth 2 on the feature branch holds its parent, the merge base with main."""
    _feature_with_change(repo)
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", "--branch", "feature", f"file://{repo}",
        str(clone))
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    code, report = lint_json(monkeypatch, capsys, clone, ".", "--diff-base", "origin/main")
    assert code == 0
    assert spans(report) == {("article.md", 9, "style.puffery")}


def test_unknown_ref_and_no_repo_are_usage_errors(repo, tmp_path, monkeypatch, capsys):
    run = lint_json(monkeypatch, capsys, repo, ".", "--diff-base", "origin/nope")
    code, err = run[0], run.err
    assert code == 2 and "unknown revision 'origin/nope'" in err and "git fetch origin nope" in err
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "a.md").write_text("Text.\n", encoding="utf-8")
    run = lint_json(monkeypatch, capsys, outside, ".", "--diff-base", "main")
    assert run[0] == 2 and "needs a git repository" in run.err


def test_diff_context_needs_diff_base(repo, monkeypatch, capsys):
    run = lint_json(monkeypatch, capsys, repo, ".", "--diff-context", "2")
    assert run[0] == 2 and "--diff-context needs --diff-base" in run.err
