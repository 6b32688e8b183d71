"""`--format checkstyle`: Checkstyle XML, read by Jenkins warnings-ng,
reviewdog (-f=checkstyle) and many editors. Every file checked gets a <file>
element, even with no errors, as Checkstyle itself does; columns are 1-based
code points."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from . import ReportOptions
from ._xml import clean, write
from ..result import RunResult


def render(result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    by_path: dict[str, list] = {r.path: [] for r in result.files}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    root = ET.Element("checkstyle", {"version": "4.3"})
    for path, findings in by_path.items():
        node = ET.SubElement(root, "file", {"name": clean(path)})
        for f in findings:
            ET.SubElement(node, "error", {
                "line": str(f.line),
                "column": str(f.column),
                "severity": str(f.severity),  # error|warning|info, Checkstyle's own names
                "message": clean(f.message),
                "source": clean(f.rule),
            })
    write(root, stream)
