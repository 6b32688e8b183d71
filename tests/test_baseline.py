"""--write-baseline / --baseline / --baseline-prune."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from workflow_support import lint_json, spans

ARTICLE = """# Notes

The first paragraph is phenomenal.

The second paragraph is plain.

The third paragraph is remarkable.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.md").write_text(ARTICLE, encoding="utf-8")
    (root / "b.md").write_text("Plain text that is unwavering.\n", encoding="utf-8")
    return root


def write_baseline(monkeypatch, capsys, root: Path, *paths: str) -> dict:
    run = lint_json(monkeypatch, capsys, root, *(paths or (".",)), "--write-baseline",
                    "baseline.json")
    assert run[0] == 0, run.err
    assert "wrote" in run.err
    return json.loads((root / "baseline.json").read_text("utf-8"))


def test_baseline_file_has_no_line_numbers_and_reads_well(corpus, monkeypatch, capsys):
    data = write_baseline(monkeypatch, capsys, corpus)
    assert data["version"] == 1
    assert [(e["path"], e["rule"], e["text"]) for e in data["findings"]] == [
        ("a.md", "style.puffery", "phenomenal"),
        ("a.md", "style.puffery", "remarkable"),
        ("b.md", "style.puffery", "unwavering"),
    ]
    assert all(set(e) == {"fingerprint", "rule", "path", "text"} for e in data["findings"])


def test_baseline_hides_known_findings_and_counts_them(corpus, monkeypatch, capsys):
    write_baseline(monkeypatch, capsys, corpus)
    code, report = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json",
                             "--fail-on", "warning")
    assert report["findings"] == []
    assert report["summary"]["suppressed_by_baseline"] == 3
    assert code == 0  # nothing new, so --fail-on warning passes


def test_new_finding_is_reported(corpus, monkeypatch, capsys):
    write_baseline(monkeypatch, capsys, corpus)
    with open(corpus / "a.md", "a", encoding="utf-8") as fh:
        fh.write("\nA new paragraph that is groundbreaking.\n")
    code, report = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json",
                             "--fail-on", "warning")
    assert spans(report) == {("a.md", 9, "style.puffery")}
    assert report["summary"]["suppressed_by_baseline"] == 3
    assert report["files"][0]["findings"] == 1  # per-file counts follow the filter
    assert code == 1


def test_line_shift_keeps_findings_suppressed(corpus, monkeypatch, capsys):
    write_baseline(monkeypatch, capsys, corpus)
    # Insert lines above every finding, and delete the heading: all findings move.
    text = ARTICLE.replace("# Notes\n\n", "")
    text = "Intro line.\n\nAnother intro.\n\nAnd a third one.\n\n" + text
    (corpus / "a.md").write_text(text, encoding="utf-8")
    _, report = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json")
    assert report["findings"] == []
    assert report["summary"]["suppressed_by_baseline"] == 3
    # The same run without the baseline shows they really moved.
    _, raw = lint_json(monkeypatch, capsys, corpus, "a.md")
    assert {f["line"] for f in raw["findings"]} == {7, 11}


def test_edited_sentence_is_new_again(corpus, monkeypatch, capsys):
    write_baseline(monkeypatch, capsys, corpus)
    (corpus / "a.md").write_text(ARTICLE.replace("The first paragraph is phenomenal.",
                                                 "The opening paragraph is phenomenal."),
                                 encoding="utf-8")
    _, report = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json")
    assert spans(report) == {("a.md", 3, "style.puffery")}


def test_a_second_copy_of_a_known_sentence_is_reported(corpus, monkeypatch, capsys):
    write_baseline(monkeypatch, capsys, corpus)
    (corpus / "b.md").write_text("Plain text that is unwavering.\n\n"
                                 "Plain text that is unwavering.\n", encoding="utf-8")
    _, report = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json")
    assert len(report["findings"]) == 1 and report["findings"][0]["path"] == "b.md"


def test_baseline_matches_from_another_directory(corpus, monkeypatch, capsys):
    """Paths in the file are relative to the file, not to where lint-corpus runs."""
    write_baseline(monkeypatch, capsys, corpus)
    _, report = lint_json(monkeypatch, capsys, corpus.parent, "corpus", "--baseline",
                          "corpus/baseline.json")
    assert report["findings"] == []
    assert report["summary"]["suppressed_by_baseline"] == 3


def test_baseline_fingerprints_are_the_engine_fingerprints(corpus, monkeypatch, capsys):
    data = write_baseline(monkeypatch, capsys, corpus)
    _, report = lint_json(monkeypatch, capsys, corpus, ".")
    assert {e["fingerprint"] for e in data["findings"]} == {f["fingerprint"]
                                                             for f in report["findings"]}


def test_stale_entries_are_noticed_then_pruned(corpus, monkeypatch, capsys):
    write_baseline(monkeypatch, capsys, corpus)
    (corpus / "a.md").write_text(ARTICLE.replace(" is remarkable", " is plain too"),
                                 encoding="utf-8")
    _, report = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json")
    assert report["findings"] == []
    assert any("1 entry no longer matches" in n for n in report["summary"]["notices"])

    run = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json",
                    "--baseline-prune")
    assert run[0] == 0
    assert "removed 1 stale entry" in run.err and "a.md: style.puffery 'remarkable'" in run.err
    data = json.loads((corpus / "baseline.json").read_text("utf-8"))
    assert [e["text"] for e in data["findings"]] == ["phenomenal", "unwavering"]
    run = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json",
                    "--baseline-prune")
    assert "no stale entries" in run.err


def test_entries_for_files_outside_the_run_are_not_stale(corpus, monkeypatch, capsys):
    """A pre-commit run lints only staged files; the rest of the baseline stays."""
    write_baseline(monkeypatch, capsys, corpus)
    run = lint_json(monkeypatch, capsys, corpus, "b.md", "--baseline", "baseline.json",
                    "--baseline-prune")
    assert "no stale entries" in run.err
    assert len(json.loads((corpus / "baseline.json").read_text("utf-8"))["findings"]) == 3
    # Nor are entries of rules this run did not select.
    run = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json",
                    "--baseline-prune", "--select", "grammar.repeated-word")
    assert "no stale entries" in run.err
    # But a deleted file's entries are.
    (corpus / "b.md").unlink()
    run = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json",
                    "--baseline-prune")
    assert "b.md: style.puffery 'unwavering'" in run.err


def test_writing_for_some_files_keeps_the_others(corpus, monkeypatch, capsys):
    write_baseline(monkeypatch, capsys, corpus)
    (corpus / "a.md").write_text("Nothing to see.\n", encoding="utf-8")
    data = write_baseline(monkeypatch, capsys, corpus, "a.md")
    assert [(e["path"], e["text"]) for e in data["findings"]] == [("b.md", "unwavering")]


def test_text_summary_mentions_the_baseline(corpus, monkeypatch, capsys):
    write_baseline(monkeypatch, capsys, corpus)
    from linter.cli import main

    capsys.readouterr()
    assert main([".", "--baseline", "baseline.json"]) == 0
    out = capsys.readouterr().out
    assert "No findings in 2 files." in out
    assert "note: baseline baseline.json: 3 known finding(s) not shown" in out


@pytest.mark.parametrize("content, message", [
    (None, "baseline file not found (create it with --write-baseline)"),
    ("{not json", "not a lint-corpus baseline (invalid JSON"),
    ('{"version": 1}', "no 'findings' list"),
    ('{"version": 99, "findings": []}', "format version 99 is not supported"),
    ('{"version": 1, "findings": [{"rule": "x"}]}', "finding 1 needs 'fingerprint'"),
])
def test_bad_baseline_is_a_clear_usage_error(corpus, monkeypatch, capsys, content, message):
    if content is not None:
        (corpus / "baseline.json").write_text(content, encoding="utf-8")
    run = lint_json(monkeypatch, capsys, corpus, ".", "--baseline", "baseline.json")
    assert run[0] == 2
    assert message in run.err and "Traceback" not in run.err


def test_prune_needs_a_baseline(corpus, monkeypatch, capsys):
    run = lint_json(monkeypatch, capsys, corpus, ".", "--baseline-prune")
    assert run[0] == 2 and "--baseline-prune needs --baseline" in run.err


def test_corpus_fingerprint_occurrence_is_per_file():
    """Engine fix: a corpus finding's fingerprint must not depend on other files."""
    from linter.engine import finalize
    from linter.finding import Finding, Severity

    def f(path):
        return Finding(path, 1, 1, 1, 5, "terminology.x", Severity.WARNING, "m",
                       span_text="term", context="Same sentence.")

    both = finalize([f("a.md"), f("b.md")], None)
    alone = finalize([f("b.md")], None)
    assert both[1].fingerprint == alone[0].fingerprint
