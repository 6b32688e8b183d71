"""`--format json`: the full, versioned machine-readable report.

Key order is fixed by construction (not sort_keys) so the top level reads
version, tool, findings, files, summary; free-form dicts supplied by rules
(`data`, `metrics`) are key-sorted so output never depends on insertion order.
"""

from __future__ import annotations

import json
from typing import TextIO

from . import TOOL_NAME, ReportOptions, tool_version
from ..result import RunResult


def _sorted(value):
    if isinstance(value, dict):
        return {str(k): _sorted(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    return value


def _default(value):
    # Rules may put sets or other objects in `data`; never crash the report.
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def render(result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    findings = []
    for f in result.findings:
        item = {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "rule": f.rule,
            "severity": str(f.severity),
            "message": f.message,
            "suggestions": list(f.suggestions),
            "fingerprint": f.fingerprint,
        }
        if f.data:
            item["data"] = _sorted(f.data)
        findings.append(item)
    doc = {
        "version": 1,
        "tool": {"name": TOOL_NAME, "version": tool_version(result)},
        "findings": findings,
        "files": [
            {"path": r.path, "status": r.status, "findings": r.findings,
             "metrics": _sorted(r.metrics)}
            for r in result.files
        ],
        "summary": result.summary(),
    }
    stream.write(json.dumps(doc, ensure_ascii=False, indent=2, default=_default))
    stream.write("\n")
