"""Loading the rule pack: YAML files in the rules directories -> rule instances.

A rule-pack file has a `rules:` mapping (rule id -> kind and options) and may
have other top-level sections that kinds read (e.g. `terms:` for the term
base). Errors name the file and the line of the offending key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .config import Config, ConfigError
from .finding import Severity
from .kinds import FAMILIES, KindError, OptionError, RuleKind, load_kind
from .kinds.base import RULE_ID_RE
from .kinds.options import validate_options
from .suppress import rule_matches

RESERVED = {"kind", "message", "severity", "description", "help", "enabled"}
# Sections every rule may read, whether or not a kind declares them:
# `accept` lists words that no spelling or grammar rule may flag ("Ummah", "Rizwan").
PACK_SECTIONS = {"accept"}
# Rules the engine itself reports; always known to --select/--ignore/--explain.
BUILTIN_RULES = {"io.decode": "The file is binary or not valid UTF-8.",
                 "io.read": "The file could not be read."}


# -- YAML with line numbers ------------------------------------------------------
class LineDict(dict):
    line: int = 0
    lines: dict


class LineList(list):
    line: int = 0
    lines: list


# libyaml's parser when PyYAML was built with it (its wheels are): the same
# documents, nodes and marks, ~5x faster than the pure-Python one.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line, out.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, f"keys must be plain strings, not {key!r}", key_node.start_mark)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read rule file: {exc}", path) from None
    try:
        return yaml.load(text, Loader=_Loader), text
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigError(f"invalid YAML: {problem}", path,
                          mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", path) from None


# -- the pack ---------------------------------------------------------------------
@dataclass
class Section:
    value: Any
    path: Path
    line: int


@dataclass
class RulePack:
    all_rules: list[RuleKind]
    rules: list[RuleKind]  # after select/ignore
    sections: dict[str, Section] = field(default_factory=dict)
    digest: str = ""  # changes whenever a rule file changes (cache key)
    _accepted_words: frozenset | None = None  # filled lazily by linter.vocabulary

    def section(self, name: str, default: Any = None) -> Any:
        s = self.sections.get(name)
        return s.value if s is not None else default

    def by_id(self, rule_id: str) -> RuleKind | None:
        return next((r for r in self.all_rules if r.id == rule_id), None)


def rule_files(config: Config) -> list[Path]:
    files = []
    for directory in config.rules_dirs:
        files.extend(sorted(p for p in directory.iterdir()
                            if p.suffix in (".yml", ".yaml") and p.is_file()))
    return files


def load_pack(config: Config, *, select: list[str] | None = None,
              ignore: list[str] | None = None, severity: dict[str, Severity] | None = None) -> RulePack:
    digest = hashlib.sha256()
    specs: list[tuple[str, LineDict, Path, int]] = []
    sections: dict[str, Section] = {}
    seen: dict[str, str] = {}
    for path in rule_files(config):
        data, text = read_yaml(path)
        digest.update(str(path.name).encode() + b"\0" + text.encode())
        if data is None:
            continue
        if not isinstance(data, dict):
            raise ConfigError("a rule file must be a mapping with a 'rules:' key", path, 1)
        for key, value in data.items():
            line = data.lines.get(key, 1)
            if key == "rules":
                if not isinstance(value, dict):
                    raise ConfigError("'rules' must map rule ids to rule settings", path, line)
                for rule_id, spec in value.items():
                    rline = value.lines[rule_id]
                    if rule_id in seen:
                        raise ConfigError(f"rule '{rule_id}' is already defined in {seen[rule_id]}",
                                          path, rline)
                    seen[rule_id] = f"{path.name}:{rline}"
                    if not isinstance(spec, dict):
                        raise ConfigError(f"rule '{rule_id}' must be a mapping with 'kind:'", path, rline)
                    specs.append((str(rule_id), spec, path, rline))
            else:
                if key in sections:
                    other = sections[key]
                    raise ConfigError(f"section '{key}' is already defined in "
                                      f"{other.path.name}:{other.line}", path, line)
                sections[key] = Section(value, path, line)

    pack = RulePack(all_rules=[], rules=[], sections=sections)
    consumed: set[str] = set(PACK_SECTIONS)
    for rule_id, spec, path, rline in specs:
        rule = _instantiate(rule_id, spec, path, rline, pack, severity or {})
        if rule is not None:
            pack.all_rules.append(rule)
            consumed.update(type(rule).sections)
        elif isinstance(spec, dict) and "kind" in spec:
            # A disabled rule still owns its kind's sections (e.g. `readability:`),
            # so switching rules off never turns their settings into an error.
            try:
                consumed.update(load_kind(str(spec["kind"])).sections)
            except KindError:
                pass
    for name, section in sections.items():
        if name not in consumed:
            raise ConfigError(f"unknown top-level key '{name}' (expected 'rules:' or a section "
                              "that a rule kind reads)", section.path, section.line)
    pack.all_rules.sort(key=lambda r: r.id)

    select = list(select if select is not None else config.select)
    ignore = list(ignore if ignore is not None else config.ignore)
    known = [r.id for r in pack.all_rules] + list(BUILTIN_RULES)
    for where, prefixes in (("select", select), ("ignore", ignore), ("severity", list(severity or {}))):
        for prefix in prefixes:
            if any(rule_matches(prefix, rid) for rid in known):
                continue
            message = f"{where}: unknown rule id or prefix '{prefix}'"
            if where == "severity":
                raise config.error(message, prefix)
            if prefix in getattr(config, where):
                raise config.error(message, where)
            raise ConfigError(f"--{message}")  # it came from the command line
    pack.rules = [r for r in pack.all_rules if is_selected(r.id, select, ignore)]
    digest.update(repr((sorted(select), sorted(ignore),
                        sorted((k, int(v)) for k, v in (severity or {}).items()))).encode())
    pack.digest = digest.hexdigest()
    return pack


def is_selected(rule_id: str, select: list[str], ignore: list[str]) -> bool:
    """The longest matching prefix wins, as in ruff: --select claims --ignore claims.unsourced."""
    best_sel = max((len(p) for p in select if rule_matches(p, rule_id)), default=-1 if select else 0)
    best_ign = max((len(p) for p in ignore if rule_matches(p, rule_id)), default=-1)
    return best_sel >= 0 and best_sel >= best_ign if best_ign >= 0 else best_sel >= 0


def _instantiate(rule_id: str, spec: LineDict, path: Path, rline: int, pack: RulePack,
                 severity: dict[str, Severity]) -> RuleKind | None:

    def err(message: str, key: str | None = None, index: int | None = None) -> ConfigError:
        line = spec.lines.get(key, rline) if key else rline
        value = spec.get(key) if key else None
        if index is not None and isinstance(value, LineList) and index < len(value.lines):
            line = value.lines[index]
        return ConfigError(f"rule '{rule_id}': {message}", path, line)

    if not RULE_ID_RE.match(rule_id):
        raise err("rule ids are dotted lower-case names, family.name (e.g. style.puffery)")
    family = rule_id.split(".", 1)[0]
    if family not in FAMILIES:
        raise err(f"unknown family '{family}' (families: {', '.join(FAMILIES)})")
    if spec.get("enabled", True) is False:
        return None
    if "kind" not in spec:
        raise err("missing 'kind:'")
    try:
        cls = load_kind(str(spec["kind"]))
    except KindError as exc:
        raise err(str(exc), "kind") from None
    sev = cls.default_severity
    if "severity" in spec:
        try:
            sev = Severity.parse(str(spec["severity"]))
        except ValueError as exc:
            raise err(str(exc), "severity") from None
    for prefix, value in sorted(severity.items(), key=lambda kv: len(kv[0])):
        if rule_matches(prefix, rule_id):
            sev = value
    for key in ("message", "description", "help"):
        if key in spec and not isinstance(spec[key], str):
            raise err(f"'{key}' must be a string", key)
    given = {k: v for k, v in spec.items() if k not in RESERVED}
    try:
        options = validate_options(cls.options, given)
        return cls(rule_id, message=spec.get("message", ""), severity=sev,
                   description=spec.get("description", ""), help=spec.get("help", ""),
                   options=options, pack=pack, source=f"{path.name}:{rline}")
    except OptionError as exc:
        raise err(str(exc), exc.key, exc.index) from None
