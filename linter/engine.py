"""The engine: file -> Document -> rules -> Finding, one file at a time.

Per-document work is a pure function of the file's bytes and the rule pack,
so it can run in any process (or from a cache). Corpus rules see only the
small per-document summaries, which keeps memory flat on large corpora.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .document import Document, parse_document
from .finding import Finding, Severity
from .pack import BUILTIN_RULES, RulePack, is_selected
from .result import FileReport, RuleInfo, RunResult
from .source import DecodeProblem, SourceText
from .suppress import Suppressions


@dataclass
class FileOutcome:
    report: FileReport
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)  # rule id -> summary for check_corpus
    suppressions: Suppressions | None = None
    notices: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # phase or rule id -> seconds


def _normalise(text: str) -> str:
    return " ".join(text.split())


def fingerprint(rule: str, path: str, span: str, context: str, occurrence: int) -> str:
    """Stable under line moves: built from text, never from line numbers."""
    key = "\0".join((rule, path, _normalise(span), _normalise(context), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Merge findings that report the same error through different rules (same `group`, same span)."""
    best: dict[tuple, Finding] = {}
    out = []
    for f in findings:
        if not f.group:
            out.append(f)
            continue
        key = (f.group, f.start, f.end)
        if key not in best or f.priority > best[key].priority:
            best[key] = f
    return out + list(best.values())


# Long lines (a whole paragraph on one line, or a 5 MB one) are kept only as a
# window around the span, so findings stay small whatever the input.
LINE_WINDOW = 400


def finalize(findings: list[Finding], source: SourceText | None) -> list[Finding]:
    """Sort, and fill what reporters need: source line, byte columns, fingerprints."""
    findings.sort(key=Finding.sort_key)
    if source is not None:
        _fill_source_fields(findings, source)
    seen: Counter = Counter()
    for f in findings:
        # The path is part of the key: corpus findings of many files are finalised
        # together, and one file's occurrence number must not depend on another file.
        key = (f.path, f.rule, _normalise(f.span_text), _normalise(f.context))
        f.fingerprint = fingerprint(f.rule, f.path, f.span_text, f.context, seen[key])
        seen[key] += 1
    return findings


def _utf8_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _fill_source_fields(findings: list[Finding], source: SourceText) -> None:
    # Byte columns are counted incrementally along each line (findings are
    # sorted), so many findings on one huge line cost O(line), not O(line x findings).
    text, starts = source.text, source.starts
    line_no, cursor, cursor_bytes = 0, 0, 0
    for f in findings:
        line_start = starts[f.line - 1]
        line_end = starts[f.line] - 1 if f.line < len(starts) else len(text)
        if f.line != line_no or f.start < cursor:
            line_no, cursor, cursor_bytes = f.line, line_start, 0
        cursor_bytes += _utf8_len(text[cursor:f.start])
        cursor = f.start
        f.byte_column = cursor_bytes + 1
        if f.end_line == f.line:
            f.end_byte_column = f.byte_column + _utf8_len(text[f.start:f.end])
        else:
            f.end_byte_column = _utf8_len(text[starts[f.end_line - 1]:f.end]) + 1
        lo = max(line_start, f.start - LINE_WINDOW)
        hi = min(line_end, max(f.end, f.start) + LINE_WINDOW)
        f.source_line = text[lo:hi]
        f.source_line_offset = lo - line_start
        f.span_text = text[f.start:f.end]


class Engine:
    def __init__(self, pack: RulePack, *, select: list[str] | None = None,
                 ignore: list[str] | None = None, profile: bool = False,
                 cache=None) -> None:
        self.pack = pack
        self.cache = cache  # linter.cache.Cache or None; looked up per file, in any worker
        self.rules = pack.rules
        self.select = select or []
        self.ignore = ignore or []
        self.profile = profile
        # Notices raised by corpus rules at the end of a run (e.g. "grammar incomplete for 3 files").
        self.corpus_notices: list[str] = []

    def io_selected(self, rule: str) -> bool:
        return is_selected(rule, self.select, self.ignore)

    # -- one document ----------------------------------------------------------
    def lint_bytes(self, display: str, raw: bytes) -> FileOutcome:
        if self.cache is not None:
            return self.cache.lint(display, raw, self._lint_bytes, self.rules)
        return self._lint_bytes(display, raw)

    def _lint_bytes(self, display: str, raw: bytes) -> FileOutcome:
        outcome = FileOutcome(FileReport(display))
        t0 = time.perf_counter()
        try:
            source = SourceText.from_bytes(raw)
        except DecodeProblem as exc:
            return self._io_problem(outcome, "io.decode", str(exc))
        doc = parse_document(display, source)
        t1 = time.perf_counter()
        outcome.timings["parse"] = t1 - t0
        outcome.suppressions = doc.suppressions
        findings: list[Finding] = []
        for rule in self.rules:
            start = time.perf_counter()
            try:
                found = [f for f in rule.check(doc) if f is not None]
                summary = rule.summarize(doc)
                metrics = getattr(rule, "file_metrics", None)
                if metrics is not None:
                    outcome.report.metrics.update(metrics(doc) or {})
            except Exception as exc:  # a broken rule must not lose the others' findings
                outcome.notices.append(f"{rule.id}: failed on {display}: "
                                       f"{type(exc).__name__}: {exc}")
                found, summary = [], None
            if summary is not None:
                outcome.summaries[rule.id] = summary
            outcome.notices.extend(rule.notices)
            rule.notices.clear()
            findings.extend(found)
            outcome.timings[rule.id] = time.perf_counter() - start
        if doc.unmapped:
            outcome.notices.append(
                f"{display}: {len(doc.unmapped)} block(s) could not be mapped to exact "
                f"positions and were not checked (first: {doc.unmapped[0]})")
        if doc.suppressions:
            findings = [f for f in findings if not doc.suppressions.suppressed(f.rule, f.line)]
        outcome.findings = finalize(dedupe(findings), source)
        outcome.report.findings = len(outcome.findings)
        return outcome

    def lint_path(self, path: Path, display: str) -> FileOutcome:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            return self._io_problem(FileOutcome(FileReport(display)), "io.read",
                                    f"cannot read file: {exc.strerror or exc}")
        return self.lint_bytes(display, raw)

    def _io_problem(self, outcome: FileOutcome, rule: str, message: str) -> FileOutcome:
        outcome.report.status = "error"
        if self.io_selected(rule):
            outcome.findings = [Finding(outcome.report.path, 1, 1, 1, 1, rule, Severity.ERROR,
                                        message, span_text="", context=message)]
            finalize(outcome.findings, None)
        outcome.report.findings = len(outcome.findings)
        return outcome

    # -- the corpus --------------------------------------------------------------
    def corpus_findings(self, outcomes: list[FileOutcome]) -> list[Finding]:
        findings: list[Finding] = []
        suppressions = {o.report.path: o.suppressions for o in outcomes}
        for rule in self.rules:
            if not rule.is_corpus_rule:
                continue
            summaries = [(o.report.path, o.summaries[rule.id]) for o in outcomes
                         if rule.id in o.summaries]
            for f in rule.check_corpus(summaries):
                s = suppressions.get(f.path)
                if s is None or not s.suppressed(f.rule, f.line):
                    findings.append(f)
            self.corpus_notices.extend(rule.notices)
            rule.notices.clear()
        return finalize(findings, None)

    def result(self, outcomes: list[FileOutcome], corpus: list[Finding],
               notices: list[str] | None = None) -> RunResult:
        outcomes = sorted(outcomes, key=lambda o: o.report.path)
        findings = [f for o in outcomes for f in o.findings] + corpus
        findings.sort(key=Finding.sort_key)
        all_notices = list(notices or [])
        for n in [n for o in outcomes for n in o.notices] + self.corpus_notices:
            if n not in all_notices:
                all_notices.append(n)
        per_file = Counter(f.path for f in corpus)
        for o in outcomes:
            o.report.findings += per_file.get(o.report.path, 0)
        result = RunResult(findings=findings, files=[o.report for o in outcomes],
                           rules=self.rule_infos(), notices=all_notices, tool_version=__version__)
        # Rules may add summary sections (summary.terms) built from their per-document summaries.
        for rule in self.rules:
            extra = getattr(rule, "summary_extra", None)
            if extra is not None:
                summaries = [(o.report.path, o.summaries[rule.id]) for o in outcomes
                             if rule.id in o.summaries]
                for key, value in (extra(summaries) or {}).items():
                    result.extra.setdefault(key, value)
        return result

    def rule_infos(self) -> list[RuleInfo]:
        infos = [RuleInfo(r.id, r.kind, r.severity, r.rule_description, r.rule_help, r.source)
                 for r in self.rules]
        infos += [RuleInfo(rid, "builtin", Severity.ERROR, text, "Fix or exclude the file.")
                  for rid, text in BUILTIN_RULES.items() if self.io_selected(rid)]
        return sorted(infos, key=lambda i: i.id)


def lint_documents(engine: Engine, items) -> tuple[list[FileOutcome], list[Finding]]:
    """Lint (path, display) pairs in this process; returns outcomes and corpus findings."""
    outcomes = [engine.lint_path(path, display) for path, display in items]
    return outcomes, engine.corpus_findings(outcomes)


def parse_for_tests(text: str, path: str = "test.md") -> Document:
    """A Document from a string, for tests and the API."""
    return parse_document(path, SourceText.from_str(text))
