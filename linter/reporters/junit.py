"""`--format junit`: JUnit XML, which most CI systems show as a test report.

One testcase per file (classname and name are the path), one <failure> per
finding, so clean files count as passing tests. `failures` counts failing
testcases (files with findings), not findings, as JUnit consumers expect
failures <= tests. `errors` is always 0: a finding is a failure, not a crash.
A file the engine could not read becomes a <skipped> testcase rather than a
silent pass.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from . import TOOL_NAME, ReportOptions
from ._xml import clean, write
from ..result import RunResult


def render(result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    by_path: dict[str, list] = {r.path: [] for r in result.files}
    for f in result.findings:  # findings for a path the engine did not list still show
        by_path.setdefault(f.path, []).append(f)
    unreadable = {r.path for r in result.files if r.status != "ok"}

    failing = sum(1 for fs in by_path.values() if fs)
    skipped = sum(1 for p, fs in by_path.items() if p in unreadable and not fs)
    counts = {"tests": str(len(by_path)), "failures": str(failing),
              "errors": "0", "skipped": str(skipped)}
    root = ET.Element("testsuites", {"name": TOOL_NAME, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": TOOL_NAME, **counts})
    for path, findings in by_path.items():
        case = ET.SubElement(suite, "testcase", {"classname": clean(path), "name": clean(path)})
        for f in findings:
            failure = ET.SubElement(case, "failure", {"message": clean(f.message), "type": clean(f.rule)})
            failure.text = clean(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")
        if not findings and path in unreadable:
            ET.SubElement(case, "skipped", {"message": "file could not be read"})
    write(root, stream)
