"""The GitHub Actions workflow and the GitLab CI example: their shape, the
README copies, and their lint-corpus commands run for real in a git clone
that looks like a pull-request checkout."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from workflow_support import GIT_ENV, commit_all, git, init_repo

from linter.cli import main

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "lint-corpus.yml"
GITLAB = ROOT / "examples" / "gitlab-ci.yml"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def github_steps() -> list[dict]:
    (job,) = load(WORKFLOW)["jobs"].values()
    return job["steps"]


def commands(script: str) -> list[str]:
    return [m.group(0).strip() for m in re.finditer(r"(?m)^\s*lint-corpus [^\n]*", script)]


def test_github_workflow_shape():
    data = load(WORKFLOW)
    (job,) = data["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    steps = github_steps()
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # --diff-base needs the merge base
    assert any(s.get("run") == "pip install ." for s in steps)
    runs = [c for s in steps for c in commands(s.get("run", ""))]
    annotate = next(c for c in runs if "--format github" in c)
    assert "--diff-base" in annotate
    sarif = next(c for c in runs if "--format sarif" in c)
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert f"--output {upload['with']['sarif_file']}" in sarif
    service = job["services"]["languagetool"]
    assert "languagetool" in service["image"] and "8010:8010" in service["ports"]
    assert job["env"]["LINT_CORPUS_LANGUAGETOOL"] == "http://localhost:8010"
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".lint-corpus-cache"


def test_gitlab_example_shape():
    (job,) = load(GITLAB).values()
    assert job["variables"]["GIT_DEPTH"] == "0"
    report = job["artifacts"]["reports"]["codequality"]
    runs = [c for line in job["script"] for c in commands(line)]
    assert any("--format gitlab" in c and f"--output {report}" in c for c in runs)
    assert any("--diff-base" in c for c in runs)
    assert job["artifacts"]["when"] == "always"


def _readme_block(after: str) -> str:
    """The fenced block that follows the line containing `after` in the README."""
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index(after)
    m = re.compile(r"```[a-z]*\n(.*?)```", re.S).search(readme, start)
    assert m, f"no code block after {after!r}"
    return m.group(1)


@pytest.mark.parametrize("marker, path", [
    ("<!-- copy: .github/workflows/lint-corpus.yml -->", WORKFLOW),
    ("<!-- copy: examples/gitlab-ci.yml -->", GITLAB),
])
def test_readme_shows_the_files_verbatim(marker, path):
    assert _readme_block(marker) == path.read_text("utf-8")


def test_readme_pre_commit_snippet_uses_the_published_hook():
    snippet = yaml.safe_load(_readme_block("<!-- snippet: pre-commit -->"))
    (hook,) = snippet["repos"][0]["hooks"]
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] in {h["id"] for h in published}


# -- the commands, run ----------------------------------------------------------------
ARTICLE = "# Notes\n\nThe first paragraph is phenomenal.\n\nThe second paragraph is plain.\n"


@pytest.fixture
def pr_checkout(tmp_path: Path, monkeypatch) -> tuple[Path, str]:
    """A clone on a feature branch, one commit ahead of origin/main, like
    actions/checkout with fetch-depth 0; returns it and the merge base."""
    upstream = init_repo(tmp_path / "upstream")
    (upstream / "seeds").mkdir()
    (upstream / "seeds" / "a.md").write_text(ARTICLE, encoding="utf-8")
    base = commit_all(upstream, "base")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    git(clone, "checkout", "-q", "-b", "feature")
    with open(clone / "seeds" / "a.md", "a", encoding="utf-8") as fh:
        fh.write("\nA new paragraph that is remarkable.\n")
    commit_all(clone, "feature")
    monkeypatch.chdir(clone)
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    return clone, base


def run_command(command: str, substitutions: dict[str, str], capsys) -> tuple[int, str]:
    for name, value in substitutions.items():
        command = command.replace(name, value)
    argv = shlex.split(command)
    assert argv[0] == "lint-corpus"
    capsys.readouterr()
    code = main(argv[1:])
    return code, capsys.readouterr().out


def test_github_commands_work(pr_checkout, capsys):
    clone, _ = pr_checkout
    runs = [c for s in github_steps() for c in commands(s.get("run", ""))]
    outputs = {}
    for command in runs:
        code, out = run_command(command, {"${{ github.base_ref }}": "main"}, capsys)
        assert code == 0, command
        outputs[command] = out
    annotations = next(out for c, out in outputs.items() if "--format github" in c)
    # Only the new line is annotated; the old finding on line 3 is not.
    assert re.findall(r"^::warning file=seeds/a\.md,line=(\d+)", annotations, re.M) == ["7"]
    sarif = json.loads((clone / "lint-corpus.sarif").read_text("utf-8"))
    lines = sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"]
                   for r in sarif["runs"][0]["results"])
    assert lines == [3, 7]  # code scanning gets every finding


def test_gitlab_commands_work(pr_checkout, capsys):
    clone, base = pr_checkout
    (job,) = load(GITLAB).values()
    runs = [c for line in job["script"] for c in commands(line)]
    codes = [run_command(c, {'"$CI_MERGE_REQUEST_DIFF_BASE_SHA"': base}, capsys)[0]
             for c in runs]
    assert codes == [0, 0]
    report = json.loads((clone / job["artifacts"]["reports"]["codequality"]).read_text("utf-8"))
    assert sorted(i["location"]["lines"]["begin"] for i in report) == [3, 7]
    assert all(i["fingerprint"] for i in report)
