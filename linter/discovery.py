"""Which files to lint: paths from the command line, expanded and filtered.

Directories are searched recursively for the include globs, skipping hidden
folders and, inside a git work tree, anything git ignores. Files named on the
command line are always linted unless the config excludes them (pre-commit
passes file names; a config exclude must still win).
"""

from __future__ import annotations

import fnmatch
import functools
import os
import subprocess
from pathlib import Path

from .config import Config


class UsageError(Exception):
    """A bad command line (exit code 2)."""


@functools.lru_cache(maxsize=1 << 16)
def display_path(path: Path, cwd: Path) -> str:
    """Relative to the working directory with '/', as every output format wants.

    Cached: a run asks for each file's display path up to three times (filters,
    sorting, reporting) and `resolve()` costs a system call per path component."""
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _matches(rel: str, globs: list[str]) -> bool:
    # "**/*.md" should also match "a.md" at the top: fnmatch's "*" crosses "/".
    return any(fnmatch.fnmatch(rel, g) or (g.startswith("**/") and fnmatch.fnmatch(rel, g[3:]))
               for g in globs)


def _git_ignored(root: Path, candidates: list[Path]) -> set[Path]:
    """Ask git which of these paths it ignores; empty outside a work tree."""
    if not candidates:
        return set()
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "check-ignore", "-z", "--stdin"],
            input=b"\0".join(os.fsencode(p) for p in candidates),
            capture_output=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git repository
        return set()
    return {Path(os.fsdecode(p)) for p in proc.stdout.split(b"\0") if p}


def _in_git_tree(path: Path) -> bool:
    return any((d / ".git").exists() for d in [path, *path.parents])


def collect_files(paths: list[str], config: Config, cwd: Path) -> list[Path]:
    found: dict[Path, None] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if p.is_file():
            if not _matches(display_path(p, config.root), config.exclude):
                found[p] = None
            continue
        walked = []
        for dirpath, dirnames, filenames in os.walk(p):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                fp = Path(dirpath) / name
                rel_root = display_path(fp, config.root)
                rel_arg = fp.relative_to(p).as_posix()
                if not (_matches(rel_arg, config.include) or _matches(rel_root, config.include)):
                    continue
                if _matches(rel_root, config.exclude):
                    continue
                walked.append(fp)
        if walked and _in_git_tree(p.resolve()):
            ignored = _git_ignored(p.resolve(), [w.resolve() for w in walked])
            walked = [w for w in walked if w.resolve() not in ignored]
        for w in walked:
            found[w] = None
    return sorted(found, key=lambda q: display_path(q, cwd))
