"""`--format rdjson`: reviewdog's rdjsonl (`reviewdog -f=rdjsonl`), one JSON
Diagnostic per line.

reviewdog counts columns in UTF-8 bytes (1-based, end exclusive), unlike our
code-point columns, so we use Finding.byte_column/end_byte_column.

Suggestions need a range. We have one only when the fix is a single edit over
exactly the finding's span; then the edit becomes the suggestion. When a fix
exists but is shaped otherwise, the finding's suggestions (replacements of the
span) are offered over the finding's range. Without a fix, nothing is offered.
"""

from __future__ import annotations

import json
from typing import TextIO

from . import TOOL_NAME, ReportOptions
from ..finding import Finding, Severity
from ..result import RunResult

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _range(f: Finding) -> dict:
    # The engine fills the UTF-8 byte columns of every finding from the source.
    start, end = f.byte_column, f.end_byte_column
    return {"start": {"line": f.line, "column": start or f.column},
            "end": {"line": f.end_line, "column": end or f.end_column}}


def _suggestions(f: Finding, rng: dict) -> list[dict]:
    if f.fix is None:
        return []
    edits = f.fix.edits
    if len(edits) == 1 and (edits[0].start, edits[0].end) == (f.start, f.end):
        return [{"range": rng, "text": edits[0].text}]
    return [{"range": rng, "text": s} for s in f.suggestions]


def render(result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    for f in result.findings:
        rng = _range(f)
        diagnostic = {
            "message": f.message,
            "location": {"path": f.path, "range": rng},
            "severity": _SEVERITY[f.severity],
            "source": {"name": TOOL_NAME},
            "code": {"value": f.rule},
            "suggestions": _suggestions(f, rng),
        }
        # Compact separators keep one diagnostic per line (JSON escapes newlines).
        stream.write(json.dumps(diagnostic, ensure_ascii=False, separators=(",", ":")) + "\n")
