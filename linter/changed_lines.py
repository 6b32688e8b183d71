"""`--diff-base REF`: keep only the findings on lines added or changed since
`git merge-base REF HEAD`, uncommitted changes included.

This is reviewdog's `filter_mode=added` for people who do not run reviewdog.
Rules still read whole documents (a readability score or a corpus-wide term
count needs all of them); only the findings are filtered, after linting.

What counts as changed, per file:

- a file in the diff: the lines its hunks add (with `--diff-context N`, also N
  lines either side of each added or deleted stretch);
- a renamed file: only its changed lines (git's rename detection, `-M`);
- a file git does not track (new, or ignored, or outside the repository):
  every line — nothing in it existed at the base;
- a tracked file with no diff: no line.

`git diff <merge-base>` compares the work tree with the merge base, so commits
on the branch, staged and unstaged edits all count. A shallow clone must hold
the merge base: on GitHub Actions use `fetch-depth: 0` (or, for the
pull-request merge commit, `fetch-depth: 2` with `--diff-base HEAD^1`).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# Git's own settings must not change what we parse: no colour, no external diff
# or textconv drivers, fixed a/ b/ prefixes, and paths left unquoted when they can be.
_GIT = ["git", "-c", "core.quotepath=false", "-c", "diff.noprefix=false",
        "-c", "diff.mnemonicprefix=false", "-c", "diff.relative=false"]
_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class DiffError(Exception):
    """The diff base cannot be used; the message says what to do (exit code 2)."""


@dataclass
class ChangedLines:
    """Which lines changed since the base, by absolute path."""

    root: Path
    base: str  # the merge-base commit
    lines: dict[Path, set[int]] = field(default_factory=dict)  # files in the diff
    tracked: set[Path] = field(default_factory=set)  # files git tracks (index)

    def whole_file(self, path: Path) -> bool:
        """True for a file that did not exist at the base as far as git knows."""
        return path not in self.lines and path not in self.tracked

    def touched(self, path: Path) -> bool:
        """Does this file have any new or changed line?"""
        return self.whole_file(path) or bool(self.lines.get(path))

    def keeps(self, path: Path, line: int, end_line: int | None = None,
              rule: str = "") -> bool:
        if self.whole_file(path):
            return True
        changed = self.lines.get(path)
        if not changed:
            return False
        if rule.startswith("io."):  # unreadable file: there is no line to point at
            return True
        last = max(line, end_line or line)
        return any(n in changed for n in range(line, last + 1))


def _git(root: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run([*_GIT, "-C", str(root), *args], capture_output=True,
                              timeout=120, check=False)
    except FileNotFoundError:
        raise DiffError("--diff-base needs git, which is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise DiffError(f"git {args[0]} took too long") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(message[-1] if message else f"git {args[0]} failed")
    return proc.stdout


class _GitFailed(DiffError):
    pass


def repo_root(cwd: Path) -> Path:
    try:
        out = _git(cwd, "rev-parse", "--show-toplevel")
    except _GitFailed:
        raise DiffError(f"--diff-base needs a git repository, and {cwd} is not in one") from None
    return Path(os.fsdecode(out.strip())).resolve()


def merge_base(root: Path, ref: str) -> str:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except _GitFailed:
        hint = ""
        if "/" in ref:
            hint = (f" (fetch it first, e.g. `git fetch origin {ref.split('/', 1)[1]}`)")
        raise DiffError(f"--diff-base: unknown revision '{ref}'{hint}") from None
    try:
        return _git(root, "merge-base", ref, "HEAD").decode().strip()
    except _GitFailed:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
        if shallow:
            raise DiffError(
                f"--diff-base: no merge base of '{ref}' and HEAD in this shallow clone; "
                "fetch more history (actions/checkout: `fetch-depth: 0`; GitLab: "
                "`GIT_DEPTH: 0`; or `git fetch --deepen=100`), or for a pull-request "
                "merge commit use `--diff-base HEAD^1` with a depth of 2") from None
        raise DiffError(f"--diff-base: '{ref}' and HEAD have no common ancestor") from None


def _unquote(raw: bytes) -> bytes:
    """Undo git's C-style quoting of unusual path names ("a\\tb", "\\303\\251")."""
    if not (raw.startswith(b'"') and raw.endswith(b'"')):
        return raw
    body, out, i = raw[1:-1], bytearray(), 0
    simple = {ord("n"): b"\n", ord("t"): b"\t", ord('"'): b'"', ord("\\"): b"\\",
              ord("a"): b"\a", ord("b"): b"\b", ord("f"): b"\f", ord("r"): b"\r",
              ord("v"): b"\v"}
    while i < len(body):
        c = body[i]
        if c == ord("\\") and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in simple:
                out += simple[nxt]
                i += 2
                continue
            if body[i + 1:i + 4].isdigit():
                out.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
        out.append(c)
        i += 1
    return bytes(out)


def parse_diff(diff: bytes, context: int = 0) -> dict[bytes, set[int]]:
    """Added line numbers per new path, from `git diff -U0` output.

    With zero context every hunk header `+start,count` names exactly the added
    lines; count 0 is a pure deletion after line `start`. `context` widens both.
    """
    out: dict[bytes, set[int]] = {}
    current: set[int] | None = None
    for line in diff.split(b"\n"):
        if line.startswith(b"+++ "):
            target = line[4:].rstrip(b"\r")
            if b"\t" in target and not target.startswith(b'"'):
                target = target.split(b"\t", 1)[0]  # git appends a tab after odd names
            target = _unquote(target)
            if target == b"/dev/null":  # deleted file
                current = None
                continue
            path = target[2:] if target.startswith(b"b/") else target
            current = out.setdefault(path, set())
        elif line.startswith(b"@@ ") and current is not None:
            m = _HUNK.match(line)
            if not m:
                continue
            start, count = int(m.group(1)), int(m.group(2) or b"1")
            if count:
                current.update(range(max(1, start - context), start + count + context))
            elif context:  # a deletion between line `start` and `start + 1`
                current.update(range(max(1, start - context + 1), start + context + 1))
    return out


def changed_lines(ref: str, cwd: Path, context: int = 0) -> ChangedLines:
    """What changed between `git merge-base REF HEAD` and the work tree."""
    root = repo_root(cwd)
    base = merge_base(root, ref)
    diff = _git(root, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "-U0", "-M",
                "--diff-filter=ACMRT", "--src-prefix=a/", "--dst-prefix=b/", base, "--")
    result = ChangedLines(root=root, base=base)
    for rel, lines in parse_diff(diff, context).items():
        result.lines[root / os.fsdecode(rel)] = lines
    listed = _git(root, "ls-files", "-z", "--cached", "--full-name")
    result.tracked = {root / os.fsdecode(p) for p in listed.split(b"\0") if p}
    return result


def absolute(path: str, cwd: Path) -> Path:
    """A finding's display path (relative to cwd, or absolute) as an absolute path.

    Only the working directory is resolved, like git's --show-toplevel; a file
    that is itself a symlink keeps its own (tracked) name."""
    return Path(os.path.normpath(cwd.resolve() / path))
