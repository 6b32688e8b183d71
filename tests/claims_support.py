"""Helpers shared by the claims tests: lint a string with a given rule pack."""

from __future__ import annotations

import shutil
from pathlib import Path

from linter.config import Config
from linter.engine import Engine
from linter.pack import load_pack

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def pack_from(rules_dir: Path, **kw):
    return load_pack(Config(root=rules_dir, rules_dirs=[rules_dir]), **kw)


def default_pack(select=("claims",)):
    return pack_from(RULES, select=list(select))


def pack_with(tmp_path: Path, yaml_text: str, **kw):
    """A pack with only `yaml_text` as its rule file."""
    d = tmp_path / "rules"
    d.mkdir(parents=True, exist_ok=True)
    (d / "claims.yml").write_text(yaml_text, "utf-8")
    return pack_from(d, **kw)


def shipped_claims_yml() -> str:
    return (RULES / "claims.yml").read_text("utf-8")


def lint(text: str, pack=None, path: str = "doc.md"):
    pack = pack or default_pack()
    return Engine(pack).lint_bytes(path, text.encode("utf-8")).findings


def by_rule(findings, rule: str):
    return [f for f in findings if f.rule == rule]


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column (code points) of `needle` in `text`."""
    i = text.index(needle)
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    return line, col


def copy_rules(tmp_path: Path) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(RULES, d)
    return d


def read_labelled(name: str) -> list[tuple[bool, str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        assert label in ("claim", "not"), line
        rows.append((label == "claim", text))
    return rows
