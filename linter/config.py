"""Configuration: `[tool.lint-corpus]` in pyproject.toml, or `--config FILE`.

    [tool.lint-corpus]
    rules = "rules"                 # directory (or list) of YAML rule files
    include = ["**/*.md", "**/*.markdown", "**/*.txt"]
    exclude = ["drafts/**"]
    select = []                     # rule-id prefixes to run (empty: all)
    ignore = ["style.passive"]      # rule-id prefixes to skip
    fail-on = "error"               # error | warning | info | never

    [tool.lint-corpus.severity]
    "style.hedging" = "info"

The pyproject.toml is found by walking up from the working directory; the
first one with a `[tool.lint-corpus]` table wins. Paths in it are relative to
the file. Every error names the file and line and becomes exit code 2.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .finding import Severity

DEFAULT_INCLUDE = ["**/*.md", "**/*.markdown", "**/*.txt"]
KNOWN_KEYS = {"rules", "include", "exclude", "select", "ignore", "severity", "fail-on",
              "grammar", "cache-dir", "jobs"}


class ConfigError(Exception):
    """One clear message naming the file, the line and the problem."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = _relative(self.path) if self.path else ""
        if where and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


def _relative(path: str) -> str:
    """Paths in messages are relative to the working directory when they can be."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path


@dataclass
class Config:
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    rules_dirs: list[Path] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = Severity.ERROR
    grammar: dict[str, Any] = field(default_factory=dict)
    jobs: int | None = None  # worker processes; None: the number of CPUs
    text: str = ""  # the raw file text, to find the line of a key in error messages

    def line_of(self, key: str) -> int | None:
        """Best-effort line of `key = ...` in the config file (tomllib gives no positions)."""
        pattern = re.compile(rf'^[ \t]*"?{re.escape(key)}"?[ \t]*=', re.M)
        m = pattern.search(self.text)
        return self.text.count("\n", 0, m.start()) + 1 if m else None

    def error(self, message: str, key: str | None = None) -> ConfigError:
        return ConfigError(message, self.path, self.line_of(key) if key else None)


def bundled_rules_dir() -> Path:
    """The editorial rule pack shipped with the package (the repo's rules/ in a checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "default_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


def find_pyproject(start: Path) -> Path | None:
    for directory in [start, *start.parents]:
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                text = candidate.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            try:
                if "lint-corpus" in tomllib.loads(text).get("tool", {}):
                    return candidate
            except tomllib.TOMLDecodeError:
                # A broken pyproject is ours to report only if it has our table;
                # load_config then names the line.
                if "tool.lint-corpus" in text:
                    return candidate
    return None


def load_config(explicit: str | Path | None = None, cwd: Path | None = None) -> Config:
    cwd = cwd or Path.cwd()
    path = Path(explicit) if explicit else find_pyproject(cwd)
    if path is None:
        return Config(root=cwd, rules_dirs=[bundled_rules_dir()])
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError("config file not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {exc}", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, path, text) from None
    if "tool" in data or path.name == "pyproject.toml":
        table = data.get("tool", {}).get("lint-corpus")
        if table is None:
            raise ConfigError("no [tool.lint-corpus] table in this file", path)
    else:
        table = data
    cfg = Config(path=path, root=path.resolve().parent, text=text)
    _apply(cfg, table)
    return cfg


def _toml_error(exc: Exception, path: Path, text: str) -> ConfigError:
    """tomllib says "(at line 3, column 11)"; move the line to the front like every other error."""
    message = str(exc)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if m:
        return ConfigError(f"invalid TOML: {message[:m.start()]} (column {m.group(2)})",
                           path, int(m.group(1)))
    if "end of document" in message:
        return ConfigError(f"invalid TOML: {message}", path, text.count("\n") + 1)
    return ConfigError(f"invalid TOML: {message}", path)


def _str_list(cfg: Config, table: dict, key: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise cfg.error(f"'{key}' must be a string or a list of strings", key)
    return value


def _apply(cfg: Config, table: dict) -> None:
    for key in table:
        if key not in KNOWN_KEYS:
            raise cfg.error(
                f"unknown key '{key}' in [tool.lint-corpus] (known: {', '.join(sorted(KNOWN_KEYS))})",
                key,
            )
    rules = _str_list(cfg, table, "rules")
    cfg.rules_dirs = [(cfg.root / r) for r in rules] or [bundled_rules_dir()]
    for directory in cfg.rules_dirs:
        if not directory.is_dir():
            raise cfg.error(f"rules directory '{directory}' does not exist", "rules")
    if "include" in table:
        cfg.include = _str_list(cfg, table, "include")
    cfg.exclude = _str_list(cfg, table, "exclude")
    cfg.select = _str_list(cfg, table, "select")
    cfg.ignore = _str_list(cfg, table, "ignore")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise cfg.error("'severity' must be a table of rule = \"error|warning|info\"", "severity")
    for rule, value in severity.items():
        try:
            cfg.severity[rule] = Severity.parse(str(value))
        except ValueError as exc:
            raise cfg.error(f"severity of '{rule}': {exc}", rule) from None
    if "fail-on" in table:
        try:
            cfg.fail_on = parse_fail_on(str(table["fail-on"]))
        except ValueError as exc:
            raise cfg.error(f"'fail-on': {exc}", "fail-on") from None
    grammar = table.get("grammar", {})
    if not isinstance(grammar, dict):
        raise cfg.error("'grammar' must be a table", "grammar")
    cfg.grammar = grammar
    if "jobs" in table:
        jobs = table["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
            raise cfg.error("'jobs' must be a number of processes (0: one per CPU)", "jobs")
        cfg.jobs = jobs


def parse_fail_on(value: str) -> Severity | None:
    if value.strip().lower() == "never":
        return None
    try:
        return Severity.parse(value)
    except ValueError:
        raise ValueError(f"expected error, warning, info or never, not {value!r}") from None
