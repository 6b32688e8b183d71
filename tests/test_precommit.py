"""The published pre-commit hook, run by the real pre-commit on a real `git commit`.

The slow test builds the hook's environment the way a user's machine does
(pre-commit clones this checkout at a commit and pip-installs it), so it needs
the package registry. It is marked slow but is part of the default test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from workflow_support import GIT_ENV, commit_all, git, init_repo

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".lint-corpus-cache", ".pytest_cache", ".hypothesis", ".venv", ".ci-venv",
             "__pycache__", "build", "dist", ".ruff_cache"}


def pre_commit(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def test_manifest_and_config_are_valid():
    env = {**os.environ, **GIT_ENV}
    for command, path in (("validate-manifest", ".pre-commit-hooks.yaml"),
                          ("validate-config", ".pre-commit-config.yaml")):
        proc = pre_commit(command, str(ROOT / path), cwd=ROOT, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_published_hook_settings():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "lint-corpus" and hook["entry"] == "lint-corpus"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "plain-text"]
    assert hook.get("pass_filenames", True) is True
    assert hook["require_serial"] is True  # corpus rules see all files of a commit at once


def test_repo_config_lints_the_seeds():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["lint-corpus"]["files"] == "^seeds/"
    assert "ruff" in hooks


def _snapshot(dest: Path) -> str:
    """This checkout, uncommitted edits included, as a one-commit git repo
    (what `pre-commit try-repo` does); returns the commit to pin."""
    try:
        listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached",
                                 "--others", "--exclude-standard"], capture_output=True,
                                check=True).stdout
        files = [ROOT / os.fsdecode(p) for p in listed.split(b"\0") if p]
    except (OSError, subprocess.CalledProcessError):  # an unpacked sdist: no git
        files = [p for p in ROOT.rglob("*")
                 if p.is_file() and not SKIP_DIRS & set(p.relative_to(ROOT).parts)]
    for src in files:
        if src.is_file():
            target = dest / src.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    init_repo(dest)
    return commit_all(dest, "snapshot")


@pytest.mark.slow
def test_hook_rejects_a_commit_with_a_finding_and_passes_after_the_fix(tmp_path):
    if shutil.which("git") is None:
        pytest.fail("git is needed for the pre-commit test")
    rev = _snapshot(tmp_path / "lint-corpus")
    repo = init_repo(tmp_path / "articles")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PRE_COMMIT_COLOR": "never"}
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {(tmp_path / 'lint-corpus').as_uri()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: lint-corpus\n"
        "        args: [--fail-on, warning]\n", encoding="utf-8")
    commit_all(repo, "config")
    proc = pre_commit("install", cwd=repo, env=env)
    assert proc.returncode == 0, proc.stderr

    article = repo / "article.md"
    article.write_text("# News\n\nThe team did phenomenal work this year.\n", encoding="utf-8")
    # Not Markdown or text: pre-commit must not pass it to the hook.
    (repo / "data.json").write_text('{"note": "phenomenal"}\n', encoding="utf-8")
    git(repo, "add", "article.md", "data.json")
    commit = subprocess.run(["git", "commit", "-m", "add article"], cwd=repo, env=env,
                            capture_output=True, text=True, check=False)
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert "lint-corpus" in output and "Failed" in output
    assert "article.md:3:14: warning style.puffery 'phenomenal' is puffery" in output
    assert "data.json" not in output
    assert git(repo, "log", "--format=%s").split("\n")[0] == "config"  # rejected

    article.write_text("# News\n\nThe team did careful work this year.\n", encoding="utf-8")
    git(repo, "add", "article.md")
    commit = subprocess.run(["git", "commit", "-m", "add article"], cwd=repo, env=env,
                            capture_output=True, text=True, check=False)
    output = commit.stdout + commit.stderr
    assert commit.returncode == 0, output
    assert "lint-corpus" in output and "Passed" in output
    assert git(repo, "log", "--format=%s").split("\n")[0] == "add article"
