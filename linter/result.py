"""The outcome of a run, as handed to a reporter.

Reporters only read this; they never re-run rules or touch files (one emitter
per output format, as in ruff).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .finding import Finding, Severity


@dataclass(slots=True)
class RuleInfo:
    """What a reporter may say about a rule (SARIF `tool.driver.rules`, --list-rules)."""

    id: str
    kind: str
    severity: Severity
    description: str
    help: str = ""
    source: str = ""  # "rules/style.yml:12" — where the rule instance is defined

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(slots=True)
class FileReport:
    path: str
    status: str = "ok"  # "ok" or "error" (unreadable, not UTF-8, binary)
    findings: int = 0
    metrics: dict = field(default_factory=dict)


@dataclass(slots=True)
class RunResult:
    findings: list[Finding]
    files: list[FileReport]
    rules: list[RuleInfo]
    # One-line notices for the summary, e.g. "grammar: LanguageTool not configured; skipped".
    notices: list[str] = field(default_factory=list)
    # Extra summary sections (e.g. "terms", "suppressed_by_baseline").
    extra: dict = field(default_factory=dict)
    tool_version: str = ""

    def counts_by_severity(self) -> dict[str, int]:
        c = Counter(str(f.severity) for f in self.findings)
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    def counts_by_family(self) -> dict[str, int]:
        c = Counter(f.family for f in self.findings)
        return dict(sorted(c.items()))

    def summary(self) -> dict:
        out = {
            "files": len(self.files),
            "findings": len(self.findings),
            "by_severity": self.counts_by_severity(),
            "by_family": self.counts_by_family(),
            "notices": list(self.notices),
        }
        out.update(self.extra)
        return out

    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)
