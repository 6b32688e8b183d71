"""The rule API: a rule *kind* is a Python class; rule *instances* come from YAML.

As in Vale, a kind is code (one file per kind) and a rule is data:

    rules:
      style.puffery:            # rule id: family.name
        kind: existence         # the kind (this class's `kind`)
        severity: warning
        message: "'{match}' is puffery; say what happened instead."
        tokens: [phenomenal, pathmaker]   # options declared by the kind

A kind declares its options in `options`; the loader validates YAML against
them and reports errors with file and line. `check(document)` yields findings
for one document. Cross-document kinds also implement `summarize(document)`,
returning a small picklable summary, and `check_corpus(summaries)`; only the
summaries are kept across a run, so corpora stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ..finding import Edit, Finding, Fix, Severity

FAMILIES = ("readability", "grammar", "terminology", "claims", "style")
RULE_ID_RE = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9_-]*)+$")


class OptionError(ValueError):
    """An option value is wrong; `key` names the option so the loader can give its line."""

    def __init__(self, key: str, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.index = index


@dataclass(frozen=True)
class Option:
    """One option of a kind. `type` is one of: str, bool, int, float, "str-list",
    "str-map", "regex", "regex-list", "any"."""

    type: Any
    default: Any = None
    required: bool = False
    help: str = ""
    choices: tuple = ()


class RuleKind:
    kind: ClassVar[str] = ""
    default_severity: ClassVar[Severity] = Severity.WARNING
    description: ClassVar[str] = ""
    help: ClassVar[str] = ""
    options: ClassVar[dict[str, Option]] = {}
    # Top-level sections of rule-pack files this kind reads (e.g. "terms").
    sections: ClassVar[tuple[str, ...]] = ()
    # Headings are their own blocks and are skipped unless a rule opts in.
    default_scope: ClassVar[tuple[str, ...]] = ("paragraph", "table_cell")

    def __init__(self, rule_id: str, *, message: str = "", severity: Severity | None = None,
                 description: str = "", help: str = "", options: dict | None = None,
                 pack: Any = None, source: str = "") -> None:
        self.id = rule_id
        self.message = message
        self.severity = severity or self.default_severity
        self.rule_description = description or self.description
        self.rule_help = help or self.help
        self.opts = dict(options or {})
        self.pack = pack
        self.source = source
        # One-line notices for the run summary (e.g. a regex that timed out);
        # the engine drains them after each document.
        self.notices: list[str] = []
        self.configure()

    # -- hooks for kinds ----------------------------------------------------
    def configure(self) -> None:
        """Validate and precompile options (raise OptionError); called once per run."""

    def check(self, document) -> Iterable[Finding]:
        return ()

    def summarize(self, document) -> Any:
        """Per-document data for check_corpus; None when the kind has no corpus view."""
        return None

    def check_corpus(self, summaries: list[tuple[str, Any]]) -> Iterable[Finding]:
        return ()

    @property
    def is_corpus_rule(self) -> bool:
        return type(self).check_corpus is not RuleKind.check_corpus

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    # -- helpers --------------------------------------------------------------
    def notice(self, text: str) -> None:
        self.notices.append(f"{self.id}: {text}")

    def timed_out(self, document, block) -> None:
        line = document.position(block.segments[0].source_start)[0] if block.segments else 0
        self.notice(f"a pattern timed out on {document.path}:{line}; that block was not checked")

    def blocks(self, document) -> Iterator:
        scope = self.opts.get("scope") or self.default_scope
        for block in document.blocks:
            if block.kind in scope:
                yield block

    def format_message(self, template: str | None = None, **values: Any) -> str:
        """Fill {name} placeholders; unknown ones stay as written so editors see them."""
        template = template if template is not None else self.message
        return re.sub(
            r"\{(\w+)\}",
            lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
            template,
        )

    def report(self, document, block, start: int, end: int, message: str, *,
               replacement: str | None = None, safe_fix: bool = True,
               suggestions: Iterable[str] = (), severity: Severity | None = None,
               data: dict | None = None) -> Finding | None:
        """A finding for the prose range [start, end) of `block`, or None when the
        range cannot be mapped to the source (it touches a placeholder)."""
        span = block.to_source(start, end)
        if span is None:
            return None
        if replacement is not None and (
            document.text[span[0]:span[1]].split() != block.text[start:end].split()
        ):
            # Markup inside the span ("the *the*", an entity, a "> " continuation):
            # replacing the source would break it, so the fix is a suggestion only.
            # A plain line break inside the span is fine to replace.
            safe_fix = False
        return self.report_source(document, span[0], span[1], message, replacement=replacement,
                                  safe_fix=safe_fix, suggestions=suggestions, severity=severity,
                                  data=data, context=_sentence_text(block, start))

    def report_source(self, document, src_start: int, src_end: int, message: str, *,
                      replacement: str | None = None, safe_fix: bool = True,
                      suggestions: Iterable[str] = (), severity: Severity | None = None,
                      data: dict | None = None, context: str = "") -> Finding:
        """A finding for the normalised-source range [src_start, src_end)."""
        line, col = document.position(src_start)
        end_line, end_col = document.position(src_end)
        fix = None
        suggestions = tuple(suggestions)
        if replacement is not None:
            fix = Fix((Edit(src_start, src_end, replacement),), safe=safe_fix)
            if replacement not in suggestions:
                suggestions = (replacement,) + suggestions
        return Finding(
            path=document.path, line=line, column=col, end_line=end_line, end_column=end_col,
            rule=self.id, severity=severity or self.severity, message=message,
            suggestions=suggestions, fix=fix, start=src_start, end=src_end,
            context=context, data=data or {},
        )


def _sentence_text(block, offset: int) -> str:
    sentence = block.sentence_at(offset)
    return sentence.text if sentence is not None else block.text
