"""Audience presets: who the text is for decides the limits.

They live in the `readability:` section of a rule-pack file
(rules/readability.yml), so editors change them without code:

    readability:
      audience: general            # the preset every readability rule uses
      audiences:
        general:
          description: Newspaper readers, about grade 10.
          sentence_words: 30       # readability.sentence-length
          paragraph_grade: 10      # readability.paragraph-grade (its metric)
          limits:                  # readability.document-grade
            flesch_reading_ease: 50      # at least: higher is easier
            flesch_kincaid_grade: 10     # at most, for all the others
            ...

A rule may pick another preset (`audience: expert`) or override one value
(`max_words: 35`, `limits: {smog_index: 14}`; `null` turns a metric off).
Every error names the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import ConfigError
from ..kinds.base import OptionError
from .measure import BY_NAME

SECTION = "readability"
PRESET_KEYS = {"description", "sentence_words", "paragraph_grade", "limits"}


@dataclass(frozen=True)
class Audience:
    name: str
    description: str = ""
    sentence_words: int | None = None
    paragraph_grade: float | None = None
    limits: dict[str, float] = field(default_factory=dict)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_limits(value, where) -> dict[str, float | None]:
    """Validate a metric -> number (or null) mapping; `where(msg, key)` builds the error."""
    if not isinstance(value, dict):
        raise where("'limits' must map metric names to numbers", None)
    out = {}
    for metric, limit in value.items():
        if metric not in BY_NAME:
            raise where(f"unknown metric '{metric}' (metrics: {', '.join(BY_NAME)})", metric)
        if limit is not None and not _number(limit):
            raise where(f"limit of '{metric}' must be a number or null, not {limit!r}", metric)
        out[metric] = None if limit is None else float(limit)
    return out


def _line(mapping, key, default):
    lines = getattr(mapping, "lines", None) or {}
    return lines.get(key, getattr(mapping, "line", default) or default)


def load_audiences(pack) -> tuple[str | None, dict[str, Audience]]:
    """The default audience name and the presets; ({}, None) without a section."""
    section = pack.sections.get(SECTION) if pack is not None else None
    if section is None:
        return None, {}
    data, path = section.value, section.path

    def error(message: str, mapping=None, key=None) -> ConfigError:
        line = _line(mapping, key, section.line) if mapping is not None else section.line
        return ConfigError(f"section '{SECTION}': {message}", path, line)

    if not isinstance(data, dict):
        raise error("must be a mapping with 'audience:' and 'audiences:'")
    for key in data:
        if key not in ("audience", "audiences"):
            raise error(f"unknown key '{key}' (expected 'audience' or 'audiences')", data, key)
    presets = data.get("audiences") or {}
    if not isinstance(presets, dict):
        raise error("'audiences' must map preset names to settings", data, "audiences")
    audiences = {}
    for name, spec in presets.items():
        if not isinstance(spec, dict):
            raise error(f"audience '{name}' must be a mapping", presets, name)
        for key in spec:
            if key not in PRESET_KEYS:
                raise error(f"audience '{name}': unknown key '{key}' "
                            f"(expected {', '.join(sorted(PRESET_KEYS))})", spec, key)
        words = spec.get("sentence_words")
        if words is not None and (not isinstance(words, int) or isinstance(words, bool) or words < 1):
            raise error(f"audience '{name}': 'sentence_words' must be a whole number above 0",
                        spec, "sentence_words")
        grade = spec.get("paragraph_grade")
        if grade is not None and not _number(grade):
            raise error(f"audience '{name}': 'paragraph_grade' must be a number",
                        spec, "paragraph_grade")
        limits_spec = spec.get("limits") or {}
        limits = check_limits(
            limits_spec,
            lambda msg, key, _s=limits_spec, _n=name: error(
                f"audience '{name}': {msg}", _s if key else spec, key or "limits"))
        audiences[str(name)] = Audience(
            name=str(name), description=str(spec.get("description") or ""),
            sentence_words=words, paragraph_grade=None if grade is None else float(grade),
            limits={k: v for k, v in limits.items() if v is not None})
    default = data.get("audience")
    if default is not None and str(default) not in audiences:
        raise error(f"audience '{default}' is not defined under 'audiences' "
                    f"(defined: {', '.join(audiences) or 'none'})", data, "audience")
    return (str(default) if default is not None else None), audiences


def resolve(pack, chosen: str) -> Audience | None:
    """The preset a rule uses: its own `audience:` option, else the section's.

    None when neither names one (the rule then needs explicit limits).
    Raises OptionError for an unknown name given in the rule.
    """
    default, audiences = load_audiences(pack)
    name = chosen or default
    if not name:
        return None
    if name not in audiences:
        raise OptionError("audience", f"unknown audience '{name}' "
                          f"(defined in the '{SECTION}' section: {', '.join(audiences) or 'none'})")
    return audiences[name]
