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


# Real paths of the files the last walk found, from their folder's real path
# (one `realpath` per folder instead of a system call per path component per file).
_KNOWN_REAL: dict[str, str] = {}


def _real(path: Path) -> str:
    s = os.fspath(path)
    return _KNOWN_REAL.get(s) or os.path.realpath(s)


@functools.lru_cache(maxsize=1 << 16)
def display_path(path: Path, cwd: Path) -> str:
    """Relative to the working directory with '/', as every output format wants.

    Cached: a run asks for each file's display path up to three times (filters,
    sorting, reporting). Same answer as `path.resolve().relative_to(cwd.resolve())`
    (tested), in string operations, since this runs for every file of every run."""
    if os.sep != "/":  # pragma: no cover - Windows: let pathlib handle drives and separators
        try:
            return path.resolve().relative_to(cwd.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
    real, base = _real(path), _real_dir(cwd)
    if real == base:
        return "."
    prefix = base if base.endswith("/") else base + "/"
    return real[len(prefix):] if real.startswith(prefix) else path.as_posix()


@functools.lru_cache(maxsize=256)
def _real_dir(path: Path) -> str:
    return os.path.realpath(path)


@functools.lru_cache(maxsize=64)
def _glob_regex(globs: tuple[str, ...]):
    """One compiled pattern for a list of globs. "**/*.md" also matches "a.md"
    at the top: fnmatch's "*" crosses "/", so "**/" only needs to be optional."""
    import re

    parts = [fnmatch.translate(g) for g in globs]
    parts += [fnmatch.translate(g[3:]) for g in globs if g.startswith("**/")]
    return re.compile("|".join(parts)) if parts else None


def _matches(rel: str, globs: list[str]) -> bool:
    regex = _glob_regex(tuple(globs))
    return regex is not None and regex.match(rel) is not None


def _git_ignored(root: Path, candidates: list[str]) -> set[str]:
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
    return {os.fsdecode(p) for p in proc.stdout.split(b"\0") if p}


def _in_git_tree(path: Path) -> bool:
    return any((d / ".git").exists() for d in [path, *path.parents])


def _walk(top: str, real_top: str, rel: str = ""):
    """(path, real path, path relative to `top`) of every non-hidden file under
    `top`, in os.walk's order (top-down, names sorted), not following links to
    folders. A folder's real path is its parent's plus its name unless it is
    a link, so only links cost a `realpath`."""
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    subdirs = []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            subdirs.append(entry)
            continue
        real = os.path.realpath(entry.path) if entry.is_symlink() else real_top + "/" + name
        yield entry.path, real, rel + name
    for entry in subdirs:
        if entry.is_symlink():
            continue  # os.walk(followlinks=False) lists it but does not enter it
        yield from _walk(entry.path, real_top + "/" + entry.name, rel + entry.name + "/")


def collect_files(paths: list[str], config: Config, cwd: Path) -> list[Path]:
    _KNOWN_REAL.clear()
    display_path.cache_clear()
    found: dict[Path, None] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if p.is_file():
            if not _matches(display_path(p, config.root), config.exclude):
                found[p] = None
            continue
        if os.sep != "/":  # pragma: no cover
            walked = _walk_pathlib(p, config)
        else:
            real_top = os.path.realpath(p)
            walked = []
            for path, real, rel_arg in _walk(str(p), real_top.rstrip("/")):
                fp = Path(path)
                _KNOWN_REAL[str(fp)] = real
                rel_root = display_path(fp, config.root)
                if not (_matches(rel_arg, config.include) or _matches(rel_root, config.include)):
                    continue
                if _matches(rel_root, config.exclude):
                    continue
                walked.append(fp)
        if walked and _in_git_tree(p.resolve()):
            reals = [_real(w) for w in walked]
            ignored = _git_ignored(p.resolve(), reals)
            walked = [w for w, r in zip(walked, reals) if r not in ignored]
        for w in walked:
            found[w] = None
    return sorted(found, key=lambda q: display_path(q, cwd))


def _walk_pathlib(p: Path, config: Config) -> list[Path]:  # pragma: no cover - Windows
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
    return walked
