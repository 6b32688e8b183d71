"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and IDE viewers.

Columns: SARIF lets a run declare how columns are counted. We count Unicode
code points (as Finding.column does) and say so with
`columnKind: "unicodeCodePoints"`; columns are 1-based and `endColumn` is
exclusive, both as SARIF requires, so Finding positions map over unchanged.

URIs are the finding's relative path, percent-encoded, against the
`%SRCROOT%` base, which is resolved from options.cwd when the CLI gives one.
"""

from __future__ import annotations

import json
import os
import pathlib
from typing import TextIO
from urllib.parse import quote

from . import TOOL_NAME, ReportOptions, tool_version
from ..finding import Finding, Severity
from ..result import RuleInfo, RunResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "lintCorpus/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _descriptor(rule: RuleInfo) -> dict:
    text = rule.description or rule.id
    short = text.strip().splitlines()[0] if text.strip() else rule.id
    props: dict = {"tags": [rule.family]}
    if rule.kind:
        props["kind"] = rule.kind
    return {
        "id": rule.id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": text},
        "help": {"text": rule.help or text},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": props,
    }


def _location(f: Finding) -> dict:
    return {
        "physicalLocation": {
            # quote() keeps '/' and encodes spaces, '%', ':' and non-ASCII (as UTF-8).
            "artifactLocation": {"uri": quote(f.path, safe="/"), "uriBaseId": "%SRCROOT%"},
            "region": _region(f),
        }
    }


def _region(f: Finding) -> dict:
    return {"startLine": f.line, "startColumn": f.column,
            "endLine": f.end_line, "endColumn": f.end_column}


def _fixes(f: Finding) -> list[dict]:
    # Edits carry document offsets, not line/column, and we cannot convert them
    # without the text. So emit a fix only when it is exactly one edit over
    # exactly the finding's span, whose region we do know.
    if f.fix is None or len(f.fix.edits) != 1:
        return []
    edit = f.fix.edits[0]
    if (edit.start, edit.end) != (f.start, f.end):
        return []
    return [{
        "description": {"text": f"Replace with '{edit.text}'" if edit.text else "Delete"},
        "artifactChanges": [{
            "artifactLocation": _location(f)["physicalLocation"]["artifactLocation"],
            "replacements": [{
                "deletedRegion": _region(f),
                "insertedContent": {"text": edit.text},
            }],
        }],
    }]


def build(result: RunResult, options: ReportOptions) -> dict:
    rules = [_descriptor(r) for r in result.rules]
    index = {r.id: i for i, r in enumerate(result.rules)}
    # Findings from rules the engine did not describe (e.g. internal parse
    # errors) still get a descriptor: code scanning expects every ruleId in it.
    for rule_id in sorted({f.rule for f in result.findings} - index.keys()):
        index[rule_id] = len(rules)
        rules.append({"id": rule_id, "shortDescription": {"text": rule_id},
                      "properties": {"tags": [rule_id.split(".", 1)[0]]}})

    results = []
    for f in result.findings:
        item: dict = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [_location(f)],
        }
        if f.fingerprint:
            item["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
        fixes = _fixes(f)
        if fixes:
            item["fixes"] = fixes
        results.append(item)

    driver = {"name": TOOL_NAME, "version": tool_version(result), "rules": rules}
    run: dict = {"tool": {"driver": driver}}
    if options.cwd:
        uri = pathlib.Path(os.path.abspath(options.cwd)).as_uri()
        # A base URI must end in '/' or the relative paths replace its last segment.
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": uri if uri.endswith("/") else uri + "/"}}
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = results
    if result.notices:
        run["invocations"] = [{
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {"level": "note", "message": {"text": n}} for n in result.notices
            ],
        }]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    stream.write(json.dumps(build(result, options), ensure_ascii=False, indent=2))
    stream.write("\n")
