"""Discovery's fast path (scandir walk, one realpath per folder, string-built
display paths) gives exactly what the pathlib/os.walk formulation gives."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

import pytest

from linter import discovery
from linter.config import load_config


def reference_display(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def reference_matches(rel: str, globs: list[str]) -> bool:
    return any(fnmatch.fnmatch(rel, g) or (g.startswith("**/") and fnmatch.fnmatch(rel, g[3:]))
               for g in globs)


def reference_walk(p: Path, include: list[str], exclude: list[str], root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(p):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            fp = Path(dirpath) / name
            rel_root, rel_arg = reference_display(fp, root), fp.relative_to(p).as_posix()
            if reference_matches(rel_arg, include) or reference_matches(rel_root, include):
                if not reference_matches(rel_root, exclude):
                    out.append(fp)
    return out


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    for rel in ["a.md", "b.txt", "c.py", "sub/d.md", "sub/deep/e.markdown", ".hidden/f.md",
                "sub/.g.md", "drafts/h.md", "ünï cödé/i.md", "z/ j.md"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x\n", encoding="utf-8")
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "inner" / "k.md").write_text("x\n")
    (outside / "l.md").write_text("x\n")
    os.symlink(outside / "l.md", root / "linked-file.md")
    os.symlink(outside / "inner", root / "linked-dir")  # not entered, as os.walk does
    os.symlink(root / "sub" / "d.md", root / "sub" / "deep" / "alias.md")
    os.symlink(root / "missing.md", root / "broken.md")
    (root / "pyproject.toml").write_text('[tool.lint-corpus]\nexclude = ["drafts/**"]\n')
    return root


@pytest.mark.parametrize("cwd_rel, arg", [(".", "."), (".", "sub"), ("sub", ".."),
                                          ("sub", "../z"), ("..", "proj"), (".", "linked-dir")])
def test_collect_files_matches_the_pathlib_formulation(tree, monkeypatch, cwd_rel, arg):
    cwd = (tree / cwd_rel).resolve()
    monkeypatch.chdir(cwd)
    config = load_config(None, cwd)
    got = discovery.collect_files([arg], config, cwd)
    want = reference_walk(Path(arg), config.include, config.exclude, config.root)
    assert got == sorted(want, key=lambda q: reference_display(q, cwd))
    assert [discovery.display_path(f, cwd) for f in got] == [reference_display(f, cwd) for f in got]
    assert [discovery.display_path(f, config.root) for f in got] == [
        reference_display(f, config.root) for f in got]
    assert got  # the tree has files under every argument


def test_display_path_of_links_and_outside_files(tree, monkeypatch):
    monkeypatch.chdir(tree)
    discovery.display_path.cache_clear()
    for p in [Path("linked-file.md"), Path("sub/deep/alias.md"), Path("sub/../a.md"),
              Path(tree.parent / "outside" / "l.md"), Path("."), Path("broken.md")]:
        assert discovery.display_path(p, tree) == reference_display(p, tree), p
    # A link out of the tree keeps the name it was given.
    assert discovery.display_path(Path("linked-file.md"), tree) == "linked-file.md"


@pytest.mark.parametrize("globs", [["**/*.md"], ["*.md", "sub/**"], [], ["drafts/**", "**/?.txt"]])
@pytest.mark.parametrize("rel", ["a.md", "sub/d.md", "drafts/h.md", "b.txt", "sub/deep/x.txt",
                                 "a.mdx", "", "ünï cödé/i.md"])
def test_glob_matching_matches_fnmatch(globs, rel):
    assert discovery._matches(rel, globs) == reference_matches(rel, globs)
