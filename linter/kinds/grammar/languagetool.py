"""`languagetool`: LanguageTool's matches as findings `grammar.lt.<LT_RULE_ID>`.

Each document's prose goes out as one request (more only over the size limit;
see linter.languagetool.request), and each match comes back to its exact source
position through the request's piece map and the block's segment map. Matches
that begin or end in inline code, a URL or a placeholder are dropped.

Severity follows LanguageTool's category (TYPOS info, GRAMMAR warning, STYLE
info; `category_severity` changes it). Replacements become suggestions, and a
fix when there is exactly one (a spelling fix is never applied automatically:
names are too often "misspelt"). Words of the term base and the `accept:` list
are never spelling errors.

A LanguageTool that is unavailable or fails is never fatal: the document's
other findings stand, and one notice in the summary says which files lack
LanguageTool's checks (`check_corpus` gathers them across the run).
"""

from __future__ import annotations

import re

from ...finding import Severity
from ...vocabulary import accepted_words
from ..base import Option, OptionError, RuleKind

DEFAULT_CATEGORY_SEVERITY = {
    "TYPOS": "info", "GRAMMAR": "warning", "STYLE": "info", "CONFUSED_WORDS": "warning",
    "CASING": "warning", "PUNCTUATION": "warning", "COLLOCATIONS": "warning",
    "SEMANTICS": "warning", "REDUNDANCY": "info", "TYPOGRAPHY": "info", "PLAIN_ENGLISH": "info",
    "REPETITIONS_STYLE": "info", "NONSTANDARD_PHRASES": "info", "COMPOUNDING": "info",
    "MISC": "info",
}
_WORD = re.compile(r"\w[\w'’-]*")
_MAX_LISTED_FILES = 10


class LanguageToolRule(RuleKind):
    kind = "languagetool"
    description = "LanguageTool's grammar, spelling and style checks (server, local or public API)."
    help = ("Runs only when a LanguageTool is available: --languagetool URL|local|public, "
            "LINT_CORPUS_LANGUAGETOOL, or [tool.lint-corpus.grammar] languagetool = ... "
            "Findings are named grammar.lt.<LanguageTool rule id>.")
    options = {
        "scope": Option("str-list", []),
        # LanguageTool rules turned off because an offline rule reports the same errors.
        "disabled_rules": Option("str-list", ["ENGLISH_WORD_REPEAT_RULE"]),
        "category_severity": Option("str-map", {}),
        # LanguageTool rule id -> merge group shared with an offline rule (one error, one finding).
        "groups": Option("str-map", {"EN_A_VS_AN": "article"}),
        "max_suggestions": Option(int, 5),
    }
    default_scope = ("heading", "paragraph")

    def configure(self) -> None:
        self.category_severity: dict[str, Severity] = {
            k: Severity.parse(v) for k, v in DEFAULT_CATEGORY_SEVERITY.items()}
        for category, value in self.opts["category_severity"].items():
            try:
                self.category_severity[category.upper()] = Severity.parse(value)
            except ValueError as exc:
                raise OptionError("category_severity", f"{category}: {exc}") from None
        self._status: dict[str, tuple] = {}
        # A severity set for the rule itself (in its YAML or [tool.lint-corpus.severity])
        # applies to every category.
        self.fixed_severity = self.severity if self.severity != self.default_severity else None

    # -- per document --------------------------------------------------------------
    def check(self, document):
        from ...languagetool import runtime
        from ...languagetool.client import LTError, Unavailable
        from ...languagetool.request import build_requests

        backend = runtime.backend(tuple(self.opts["disabled_rules"]))
        if isinstance(backend, Unavailable):
            self._status[document.path] = ("unavailable", backend.notice(), backend.notify)
            return []
        requests = build_requests(list(self.blocks(document)), backend.max_request_bytes)
        if not requests:
            self._status[document.path] = ("checked", "", True)
            return []
        results = backend.check_texts([r.text for r in requests])
        accepted = {w.lower() for w in accepted_words(self.pack)}
        findings, failures = [], []
        for request, result in zip(requests, results):
            if isinstance(result, LTError):
                failures.append(result.reason)
                continue
            for match in result:
                finding = self._finding(document, request, match, accepted)
                if finding is not None:
                    findings.append(finding)
        if failures:
            parts = f" ({len(failures)} of {len(requests)} requests)" if len(requests) > 1 else ""
            self._status[document.path] = ("incomplete", failures[0] + parts, True)
        else:
            self._status[document.path] = ("checked", "", True)
        return findings

    def _finding(self, document, request, match, accepted):
        located = request.locate(match.start, match.end)
        if located is None:
            return None
        block, start, end = located
        if match.category == "TYPOS":
            words = _WORD.findall(request.text[match.start:match.end])
            if words and all(w.lower() in accepted for w in words):
                return None  # a term-base or accepted word ("Ummah", "Rizwan")
        suggestions = [r for r in match.replacements if r][: self.opts["max_suggestions"]]
        replacement = suggestions[0] if len(match.replacements) == 1 and suggestions else None
        finding = self.report(
            document, block, start, end, match.message or match.rule_id,
            replacement=replacement, safe_fix=match.category != "TYPOS",
            suggestions=suggestions,
            severity=self.fixed_severity or self.category_severity.get(match.category,
                                                                       self.severity),
            data={"languagetool_rule": match.rule_id, "category": match.category,
                  "issue_type": match.issue_type},
        )
        if finding is None:
            return None  # begins or ends in inline code or a URL
        finding.rule = f"{self.id}.{match.rule_id}"
        group = self.opts["groups"].get(match.rule_id)
        if group:
            finding.group, finding.priority = group, 1
        return finding

    def summarize(self, document):
        return self._status.get(document.path)

    def file_metrics(self, document):
        status = self._status.pop(document.path, None)
        if status is None or not status[2]:
            return {}
        return {"languagetool": status[0]}

    # -- the run -----------------------------------------------------------------------
    def check_corpus(self, summaries):
        unavailable = [(p, s) for p, s in summaries if s and s[0] == "unavailable" and s[2]]
        incomplete = [(p, s) for p, s in summaries if s and s[0] == "incomplete"]
        if unavailable:
            self.notice(unavailable[0][1][1])
        if incomplete:
            reasons = sorted({s[1] for _, s in incomplete})
            paths = [p for p, _ in incomplete]
            listed = ", ".join(paths[:_MAX_LISTED_FILES])
            if len(paths) > _MAX_LISTED_FILES:
                listed += f" and {len(paths) - _MAX_LISTED_FILES} more"
            total = len(summaries)
            self.notice(f"LanguageTool results are incomplete for {len(paths)} of {total} "
                        f"file{'s' if total != 1 else ''} ({'; '.join(reasons[:3])}); the other "
                        f"rules' findings are complete: {listed}")
        return []
