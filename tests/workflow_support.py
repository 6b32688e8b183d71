"""Helpers for the workflow tests: throw-away git repositories, the CLI run
in-process, and two test-only rule kinds (a document-level one and a
corpus-level one) to show that filters act after whole-document linting."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

from linter.cli import main
from linter.finding import Finding
from linter.kinds import RuleKind

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "commit.gpgsign", "false")
    return path


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


class Run(tuple):
    """(exit code, JSON report); `.err` holds what went to stderr."""

    err: str = ""


def lint_json(monkeypatch, capsys, cwd: Path, *args: str) -> Run:
    """Run `lint-corpus --format json ARGS` in `cwd`; returns (exit code, report)."""
    monkeypatch.chdir(cwd)
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    capsys.readouterr()
    code = main(["--format", "json", *args])
    captured = capsys.readouterr()
    run = Run((code, json.loads(captured.out) if captured.out.strip() else {}))
    run.err = captured.err
    return run


def spans(report: dict) -> set[tuple[str, int, str]]:
    """(path, line, rule) of every finding."""
    return {(f["path"], f["line"], f["rule"]) for f in report["findings"]}


# -- test-only kinds ---------------------------------------------------------------
_SPELLING = re.compile(r"\be-?mail\b", re.I)


class MajoritySpelling(RuleKind):
    """Corpus level: flags 'e-mail' or 'email', whichever is rarer across ALL files.

    A finding in a changed file can depend on text in unchanged files, which is
    why --diff-base must lint the whole corpus and filter afterwards."""

    kind = "test-majority-spelling"

    def summarize(self, document):
        out = []
        for block in document.blocks:
            for m in _SPELLING.finditer(block.text):
                span = block.to_source(m.start(), m.end())
                if span is None:
                    continue
                line, col = document.position(span[0])
                end_line, end_col = document.position(span[1])
                out.append((m.group(0).lower(), line, col, end_line, end_col,
                            block.sentence_at(m.start()).text))
        return out

    def check_corpus(self, summaries):
        counts = Counter(s[0] for _, items in summaries for s in items)
        if len(counts) < 2:
            return
        majority = counts.most_common(1)[0][0]
        for path, items in summaries:
            for spelling, line, col, end_line, end_col, sentence in items:
                if spelling != majority:
                    yield Finding(path, line, col, end_line, end_col, self.id, self.severity,
                                  f"Write '{majority}' as the rest of the corpus does.",
                                  span_text=spelling, context=sentence)


class LongDocument(RuleKind):
    """Document level: reports on line 1 when the whole document is long."""

    kind = "test-long-document"

    def check(self, document):
        words = sum(len(b.words) for b in document.blocks)
        if words > 40:
            yield self.report_source(document, 0, 1, f"{words} words is long.")


TEST_KINDS = {"test-majority-spelling": "workflow_support:MajoritySpelling",
              "test-long-document": "workflow_support:LongDocument"}
