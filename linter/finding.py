"""What a rule reports: a Finding, its Severity, and an optional Fix.

Findings carry both source offsets (for fixers, which edit text) and 1-based
line/column positions in Unicode code points (for people and CI tools).
`end_line`/`end_column` point one past the last character, like an exclusive
slice end.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields


class Severity(enum.IntEnum):
    """Ordered so that `severity >= threshold` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except (KeyError, AttributeError):
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None

    def __str__(self) -> str:  # the name used in every output format
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source[start:end] (offsets into the document's normalised text)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A fix is kept apart from the finding (as in textlint): a rule may offer
    one, and only `--fix` decides whether it is applied. `safe` fixes are applied
    automatically; the others are shown as suggestions only."""

    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    # Offsets into the normalised document text; used by fixers and fingerprints.
    start: int = 0
    end: int = 0
    # The matched text and the sentence around it: stable across line shifts,
    # so fingerprints (SARIF, GitLab, baselines) are built from them.
    span_text: str = ""
    context: str = ""
    fingerprint: str = ""
    # The start line (for the caret display), cut to a window around the span
    # on very long lines: `source_line_offset` code points were cut on the left.
    # Byte columns are UTF-8 (reviewdog's rdjson counts bytes).
    source_line: str = ""
    source_line_offset: int = 0
    byte_column: int = 0
    end_byte_column: int = 0
    # Extra machine-readable detail a rule wants in JSON (e.g. claim scores).
    data: dict = field(default_factory=dict)
    # One error, one finding: findings of different rules that share a non-empty
    # `group` (e.g. "agreement") and the same span are merged by the engine,
    # keeping the highest `priority` (terminology.agreement beats grammar.agreement).
    group: str = ""
    priority: int = 0

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]

    def __reduce__(self):
        # Positional re-construction: about 5x faster to unpickle than the state
        # dict a slots dataclass uses, and findings are pickled a lot (the result
        # cache, worker processes, the runner's spool).
        return (Finding, tuple(getattr(self, name) for name in _FINDING_FIELDS))

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.end_line,
                self.end_column, self.rule, self.message)


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
