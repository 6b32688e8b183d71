"""`--format github`: GitHub Actions workflow commands, which the runner turns
into annotations on the PR diff. Only workflow commands go to stdout, since
the runner parses every line.

Escaping follows the runner (actions/toolkit `command.ts`): data gets % CR LF
escaped; property values additionally `:` and `,`, which delimit properties.
"""

from __future__ import annotations

from typing import TextIO

from . import ReportOptions
from ..finding import Severity
from ..result import RunResult

# GitHub has no "info" annotation; "notice" is its lowest level.
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    for f in result.findings:
        props = [("file", f.path), ("line", f.line), ("endLine", f.end_line)]
        # Columns only make sense to GitHub within a single line.
        if f.line == f.end_line:
            props += [("col", f.column), ("endColumn", f.end_column)]
        props.append(("title", f.rule))
        joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
        stream.write(f"::{_LEVEL[f.severity]} {joined}::{escape_data(f.message)}\n")
    for note in result.notices:
        stream.write(f"::notice::{escape_data(note)}\n")
