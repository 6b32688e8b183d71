"""Suppression comments in Markdown.

    <!-- lint-corpus-disable RULE... -->            off from this line on
    <!-- lint-corpus-enable RULE... -->             back on from this line on
    <!-- lint-corpus-disable-next-line RULE... -->  off for the next line only
    <!-- lint-corpus-disable-file RULE... -->       off for the whole file

RULE may be a prefix ("claims", "style.puffery"); no RULE means every rule.
Only real HTML comments count: the same text inside a code block does nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIRECTIVE_RE = re.compile(
    r"<!--\s*lint-corpus-(disable-next-line|disable-file|disable|enable)(?=[\s-])(.*?)-->",
    re.S,
)


def rule_matches(prefix: str, rule: str) -> bool:
    """`claims` matches `claims.registry`; `style.puff` does not match `style.puffery`."""
    return rule == prefix or rule.startswith(prefix + ".")


@dataclass(frozen=True, slots=True)
class Directive:
    action: str
    rules: tuple[str, ...]  # empty: all rules
    line: int  # 1-based line where the comment starts
    end_line: int  # 1-based line where it ends

    def covers(self, rule: str) -> bool:
        return not self.rules or any(rule_matches(p, rule) for p in self.rules)


def parse_directives(comment: str, first_line: int) -> list[Directive]:
    out = []
    for m in DIRECTIVE_RE.finditer(comment):
        rules = tuple(r for r in re.split(r"[\s,]+", m.group(2).strip()) if r)
        line = first_line + comment.count("\n", 0, m.start())
        end_line = first_line + comment.count("\n", 0, m.end())
        out.append(Directive(m.group(1), rules, line, end_line))
    return out


class Suppressions:
    def __init__(self, directives: list[Directive]) -> None:
        self.whole_file = [d for d in directives if d.action == "disable-file"]
        self.next_line: dict[int, list[Directive]] = {}
        for d in directives:
            if d.action == "disable-next-line":
                self.next_line.setdefault(d.end_line + 1, []).append(d)
        self.ranges = sorted(
            (d for d in directives if d.action in ("disable", "enable")), key=lambda d: d.line
        )

    def __bool__(self) -> bool:
        return bool(self.whole_file or self.next_line or self.ranges)

    def suppressed(self, rule: str, line: int) -> bool:
        if any(d.covers(rule) for d in self.whole_file):
            return True
        if any(d.covers(rule) for d in self.next_line.get(line, ())):
            return True
        disabled = False
        for d in self.ranges:
            if d.line > line:
                break
            if d.covers(rule):
                disabled = d.action == "disable"
        return disabled
