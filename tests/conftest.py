from __future__ import annotations

import io
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture
def run_cli(monkeypatch):
    """Run `lint-corpus ARGS` in-process in a directory; returns code, stdout, stderr."""
    from linter.cli import main

    def run(args: list[str], cwd: Path | None = None, env: dict | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(args)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def project(tmp_path):
    """A throw-away project: write(name, text) creates files; rules(yaml) sets its rule pack."""

    class Project:
        root = tmp_path

        def write(self, name: str, text: str | bytes) -> Path:
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8", newline="")
            return path

        def rules(self, yaml_text: str, name: str = "rules/test.yml") -> Path:
            self.write("pyproject.toml", '[tool.lint-corpus]\nrules = "rules"\n')
            return self.write(name, yaml_text)

    return Project()


SIMPLE_RULES = """\
rules:
  style.puffery:
    kind: existence
    severity: warning
    message: "'{match}' is puffery."
    tokens: [phenomenal, radiantly palpable, target]
  style.wordiness:
    kind: substitution
    severity: info
    message: "Write '{replacement}' instead of '{match}'."
    swap: {in order to: to}
  style.repetition:
    kind: repetition
    message: "'{match}' is repeated."
"""


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test starts with an empty result cache of its own: no test sees
    another's entries, and none writes .lint-corpus-cache into the checkout.
    Tests of the cache itself pass --cache-dir, which wins over this."""
    monkeypatch.setenv("LINT_CORPUS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
