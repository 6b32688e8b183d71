"""`--format gitlab`: GitLab Code Quality (a subset of the Code Climate
issue format), shown in merge-request widgets.

Severity mapping (GitLab knows info, minor, major, critical, blocker):
error -> major, warning -> minor, info -> info. Nothing maps to critical or
blocker: an editorial finding never breaks the build on its own.

GitLab matches issues across pipelines by `fingerprint`, so it must not
change when text above the finding moves it down a few lines; the engine's
Finding.fingerprint is built from the span and its sentence for exactly that.
"""

from __future__ import annotations

import hashlib
import json
from typing import TextIO

from . import ReportOptions
from ..finding import Finding, Severity
from ..result import RunResult

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _fingerprint(f: Finding) -> str:
    if f.fingerprint:
        return f.fingerprint
    # GitLab rejects issues without one. Fall back to line-free ingredients so
    # this stays stable under line shifts too.
    key = "\0".join((f.path, f.rule, f.span_text, f.context, f.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def render(result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    issues = [
        {
            "description": f"{f.rule}: {f.message}",
            "check_name": f.rule,
            "fingerprint": _fingerprint(f),
            "severity": _SEVERITY[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        }
        for f in result.findings
    ]
    stream.write(json.dumps(issues, ensure_ascii=False, indent=2))
    stream.write("\n")
