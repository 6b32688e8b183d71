"""Reporter tests: hand-built RunResults, exact expected output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from linter.finding import Edit, Finding, Fix, Severity
from linter.reporters import FORMATS, ReportOptions, render
from linter.reporters.text import excerpt
from linter.result import FileReport, RuleInfo, RunResult

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

TAB_LINE = "\tÜber’s – a very unique idea."      # tab and non-ASCII before the span
MULTI_LINE = "The café, they say, is 100% safe"    # span continues onto line 6
BYTE_LINE = "ü’ foo bar"                           # 'ü' is 2 bytes, '’' is 3


def f_tab(**kw) -> Finding:
    args = dict(
        path="docs/a.md", line=3, column=13, end_line=3, end_column=24,
        rule="style.very-unique", severity=Severity.WARNING,
        message="Avoid ‘very unique’ – unique is absolute",
        suggestions=("unique",), fix=Fix((Edit(40, 51, "unique"),)),
        start=40, end=51, span_text="very unique", context=TAB_LINE,
        fingerprint="fp-tab", source_line=TAB_LINE, byte_column=18, end_byte_column=29,
    )
    args.update(kw)
    return Finding(**args)


def f_multi(**kw) -> Finding:
    args = dict(
        path="docs/a.md", line=5, column=5, end_line=6, end_column=8,
        rule="claims.unsourced", severity=Severity.ERROR,
        message="Unsourced claim:\n“most readers”",
        start=80, end=120, span_text="café, they say, is 100% safe\nso far",
        fingerprint="fp-multi", source_line=MULTI_LINE, byte_column=5, end_byte_column=8,
        data={"score": 0.75, "evidence": ["none"]},
    )
    args.update(kw)
    return Finding(**args)


def f_info(**kw) -> Finding:
    args = dict(
        path="docs/b c.md", line=1, column=4, end_line=1, end_column=7,
        rule="style.dash", severity=Severity.INFO, message="Use an en dash ‘–’",
        start=3, end=6, span_text="foo", fingerprint="fp-info",
        source_line=BYTE_LINE, byte_column=7, end_byte_column=10,
    )
    args.update(kw)
    return Finding(**args)


RULES = [
    RuleInfo("claims.unsourced", "claims", Severity.ERROR, "Claims need a source.\nSee the guide.",
             help="Cite a source or soften the claim.", source="rules/claims.yml:3"),
    RuleInfo("style.dash", "substitution", Severity.INFO, "Use typographic dashes."),
    RuleInfo("style.very-unique", "substitution", Severity.WARNING, "Avoid absolute modifiers."),
]

NOTICE = "grammar: LanguageTool not configured; skipped"


def make_result(findings=None, notices=(NOTICE,)) -> RunResult:
    findings = [f_tab(), f_multi(), f_info()] if findings is None else findings
    files = [FileReport("docs/a.md", findings=2, metrics={"words": 120, "sentences": 9}),
             FileReport("docs/b c.md", findings=1),
             FileReport("docs/clean.md")]
    return RunResult(findings=findings, files=files, rules=list(RULES),
                     notices=list(notices), tool_version="9.9.9")


def run(fmt: str, result: RunResult, **opts) -> str:
    out = io.StringIO()
    render(fmt, result, out, ReportOptions(**opts))
    return out.getvalue()


# --- dispatcher -------------------------------------------------------------

def test_formats_list():
    assert FORMATS == ("text", "json", "github", "sarif", "junit", "gitlab", "checkstyle", "rdjson")


def test_unknown_format_raises():
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        run("yaml", make_result())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_empty_run(fmt):
    out = run(fmt, make_result(findings=[], notices=()))
    if fmt in ("github", "rdjson"):  # line-per-finding formats: nothing at all
        assert out == ""
    else:
        assert out.endswith("\n") and len(out) > 1


def test_render_imports_only_the_requested_emitter():
    code = (
        "import io, sys\n"
        "from linter.reporters import render, ReportOptions\n"
        "from linter.result import RunResult\n"
        "render('text', RunResult([], [], []), io.StringIO(), ReportOptions())\n"
        "print(sorted(m for m in sys.modules if m.startswith('linter.reporters.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "['linter.reporters.text']"


# --- text -------------------------------------------------------------------

HEAD_TAB = "docs/a.md:3:13: warning style.very-unique Avoid ‘very unique’ – unique is absolute"
HEAD_MULTI = "docs/a.md:5:5: error claims.unsourced Unsourced claim: “most readers”"
HEAD_INFO = "docs/b c.md:1:4: info style.dash Use an en dash ‘–’"
SUMMARY = "Found 3 findings (1 error, 1 warning, 1 info) in 3 files — style 2, claims 1."


def test_text_default():
    assert run("text", make_result()).splitlines() == [
        HEAD_TAB, HEAD_MULTI, HEAD_INFO, SUMMARY, "note: " + NOTICE,
    ]


def test_text_show_source_carets_tab_and_non_ascii():
    out = run("text", make_result(), show_source=True)
    assert out == "\n".join([
        HEAD_TAB,
        # The tab becomes 4 spaces; 'Über’s – a ' is 11 code points; 4 + 11 = 15.
        "3 |     Über’s – a very unique idea.",
        "  |                ^^^^^^^^^^^",
        "  = help: replace with 'unique'",
        "",
        HEAD_MULTI,
        # Multi-line span: underlined from column 5 to the end of line 5.
        "5 | The café, they say, is 100% safe",
        "  |     " + "^" * 28,
        "",
        HEAD_INFO,
        "1 | ü’ foo bar",
        "  |    ^^^",
        "",
        SUMMARY,
        "note: " + NOTICE,
        "",
    ])


def test_text_carets_sit_under_the_span():
    out = run("text", make_result([f_tab()]), show_source=True).splitlines()
    shown, carets = out[1][4:], out[2][4:]
    start = carets.index("^")
    assert shown[start:start + carets.count("^")] == "very unique"


def test_text_long_line_is_windowed():
    line = "a" * 300 + "ü’\ttarget" + "b" * 300
    col = line.index("target") + 1
    f = f_info(line=7, column=col, end_line=7, end_column=col + 6, source_line=line, suggestions=("T", "t"))
    out = run("text", make_result([f]), show_source=True).splitlines()
    # Window of 100 code points, span centred: 44 'a', 'ü’', the tab (one
    # space, to the next stop at column 48), 'target', 47 'b'; '…' at both cuts.
    assert out[1] == "7 | …" + "a" * 44 + "ü’ target" + "b" * 47 + "…"
    assert out[2] == "  | " + " " * 48 + "^^^^^^"
    assert out[3] == "  = help: replace with 'T' or 't'"
    assert out[1][4 + 48:4 + 54] == "target"


def test_excerpt_edges():
    # Empty span at end of line: one caret just past the text.
    assert excerpt("abc", 3, 3) == ("abc", 3, 1)
    # Span wider than the window: 10 code points of lead, carets to the cut.
    line = "x" * 50 + "y" * 500
    shown, offset, width = excerpt(line, 50, 550)
    assert shown == "…" + "x" * 10 + "y" * 90 + "…"
    assert (offset, width) == (11, 90)
    # Span at the very end of a long line: no trailing ellipsis.
    line = "z" * 300 + "end"
    assert excerpt(line, 300, 303) == ("…" + "z" * 97 + "end", 98, 3)
    # Tab stops count from the start of the display.
    assert excerpt("ab\tc", 3, 4) == ("ab  c", 4, 1)


def test_text_color_only_when_asked():
    plain = run("text", make_result(), show_source=True)
    assert "\x1b" not in plain
    colored = run("text", make_result(), color=True, show_source=True)
    assert ("docs/a.md:3:13: \x1b[1;33mwarning\x1b[0m \x1b[1mstyle.very-unique\x1b[0m "
            "Avoid ‘very unique’ – unique is absolute") in colored.splitlines()
    assert "\x1b[1;31merror\x1b[0m" in colored
    assert "  |                \x1b[1;33m^^^^^^^^^^^\x1b[0m" in colored.splitlines()


def test_text_neutralises_control_characters():
    f = f_info(message="evil \x1b[2J text", source_line="a\x1bb foo")
    out = run("text", make_result([f]), show_source=True, color=False)
    assert "\x1b" not in out
    assert out.splitlines()[0] == "docs/b c.md:1:4: info style.dash evil \ufffd[2J text"


def test_text_quiet_prints_findings_only():
    assert run("text", make_result(), quiet=True, show_source=True) == "\n".join(
        [HEAD_TAB, HEAD_MULTI, HEAD_INFO, ""])


def test_text_summary_wording():
    empty = make_result(findings=[], notices=())
    assert run("text", empty) == "No findings in 3 files.\n"
    one = RunResult(findings=[f_tab(suggestions=())], files=[FileReport("docs/a.md")], rules=[])
    assert run("text", one) == HEAD_TAB + "\nFound 1 finding (1 warning) in 1 file — style 1.\n"


def test_text_help_for_deletion():
    f = f_tab(suggestions=("",), source_line="")
    assert run("text", make_result([f]), show_source=True, quiet=False).splitlines()[1] == \
        "  = help: delete this text"


# --- json -------------------------------------------------------------------

def test_json():
    result = make_result()
    out = run("json", result)
    assert out.endswith("}\n")
    assert "‘very unique’" in out  # ensure_ascii=False
    doc = json.loads(out)
    assert list(doc) == ["version", "tool", "findings", "files", "summary"]
    assert doc["version"] == 1
    assert doc["tool"] == {"name": "lint-corpus", "version": "9.9.9"}
    assert doc["findings"][0] == {
        "path": "docs/a.md", "line": 3, "column": 13, "end_line": 3, "end_column": 24,
        "rule": "style.very-unique", "severity": "warning",
        "message": "Avoid ‘very unique’ – unique is absolute",
        "suggestions": ["unique"], "fingerprint": "fp-tab",
    }
    assert list(doc["findings"][0]) == ["path", "line", "column", "end_line", "end_column",
                                        "rule", "severity", "message", "suggestions",
                                        "fingerprint"]
    # "data" only when non-empty, with its keys sorted.
    assert list(doc["findings"][1]["data"]) == ["evidence", "score"]
    assert "data" not in doc["findings"][2]
    assert doc["files"] == [
        {"path": "docs/a.md", "status": "ok", "findings": 2,
         "metrics": {"sentences": 9, "words": 120}},
        {"path": "docs/b c.md", "status": "ok", "findings": 1, "metrics": {}},
        {"path": "docs/clean.md", "status": "ok", "findings": 0, "metrics": {}},
    ]
    assert doc["summary"] == result.summary()
    assert out == run("json", make_result())  # deterministic


def test_json_falls_back_to_package_version():
    from linter import __version__

    result = make_result(findings=[])
    result.tool_version = ""
    assert json.loads(run("json", result))["tool"]["version"] == __version__


# --- github -----------------------------------------------------------------

def test_github():
    assert run("github", make_result()).splitlines() == [
        "::warning file=docs/a.md,line=3,endLine=3,col=13,endColumn=24,title=style.very-unique"
        "::Avoid ‘very unique’ – unique is absolute",
        # Multi-line: no col/endColumn; newline in the message escaped.
        "::error file=docs/a.md,line=5,endLine=6,title=claims.unsourced"
        "::Unsourced claim:%0A“most readers”",
        "::notice file=docs/b c.md,line=1,endLine=1,col=4,endColumn=7,title=style.dash"
        "::Use an en dash ‘–’",
        "::notice::" + NOTICE,
    ]


def test_github_escaping():
    f = f_info(path="docs/x,y:z%.md", message="100%\r\ndone: a, b")
    assert run("github", make_result([f], notices=("50%\nnote",))) == (
        "::notice file=docs/x%2Cy%3Az%25.md,line=1,endLine=1,col=4,endColumn=7,title=style.dash"
        "::100%25%0D%0Adone: a, b\n"
        "::notice::50%25%0Anote\n"
    )


# --- sarif ------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # draft-04 for this schema
    cls.check_schema(schema)
    return cls(schema)


def sarif(result: RunResult, **opts) -> dict:
    return json.loads(run("sarif", result, **opts))


def test_sarif_with_findings_is_valid(sarif_validator, tmp_path):
    doc = sarif(make_result(), cwd=str(tmp_path / "my corpus"))
    sarif_validator.validate(doc)
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert doc["version"] == "2.1.0"
    (run_,) = doc["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == \
        (tmp_path / "my corpus").as_uri() + "/"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("my%20corpus/")
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("lint-corpus", "9.9.9")
    assert driver["rules"][0] == {
        "id": "claims.unsourced",
        "shortDescription": {"text": "Claims need a source."},
        "fullDescription": {"text": "Claims need a source.\nSee the guide."},
        "help": {"text": "Cite a source or soften the claim."},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["claims"], "kind": "claims"},
    }
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == \
        ["error", "note", "warning"]

    tab, multi, info = run_["results"]
    assert tab["ruleId"] == "style.very-unique"
    assert driver["rules"][tab["ruleIndex"]]["id"] == "style.very-unique"
    assert tab["level"] == "warning"
    assert tab["message"] == {"text": "Avoid ‘very unique’ – unique is absolute"}
    assert tab["partialFingerprints"] == {"lintCorpus/v1": "fp-tab"}
    loc = tab["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 3, "startColumn": 13, "endLine": 3, "endColumn": 24}
    assert multi["level"] == "error" and "fixes" not in multi
    assert multi["locations"][0]["physicalLocation"]["region"] == \
        {"startLine": 5, "startColumn": 5, "endLine": 6, "endColumn": 8}
    assert info["level"] == "note"
    assert info["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/b%20c.md"
    assert run_["invocations"][0]["toolExecutionNotifications"] == \
        [{"level": "note", "message": {"text": NOTICE}}]


def test_sarif_fix(sarif_validator):
    doc = sarif(make_result())
    sarif_validator.validate(doc)
    assert "originalUriBaseIds" not in doc["runs"][0]
    (fix,) = doc["runs"][0]["results"][0]["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 3, "startColumn": 13, "endLine": 3, "endColumn": 24},
        "insertedContent": {"text": "unique"},
    }]


@pytest.mark.parametrize("fix", [
    Fix((Edit(40, 45, "x"),)),                      # edit narrower than the finding
    Fix((Edit(40, 51, "x"), Edit(60, 61, "y"))),    # more than one edit
])
def test_sarif_skips_fixes_it_cannot_place(sarif_validator, fix):
    doc = sarif(make_result([f_tab(fix=fix)]))
    sarif_validator.validate(doc)
    assert "fixes" not in doc["runs"][0]["results"][0]


def test_sarif_empty_run_is_valid(sarif_validator):
    doc = sarif(RunResult(findings=[], files=[], rules=[]), cwd="/")
    sarif_validator.validate(doc)
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["tool"]["driver"]["rules"] == []
    assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///"
    assert "invocations" not in doc["runs"][0]


def test_sarif_undeclared_rule_gets_descriptor(sarif_validator):
    doc = sarif(make_result([f_info(rule="internal.parse-error")]))
    sarif_validator.validate(doc)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    result = doc["runs"][0]["results"][0]
    assert rules[result["ruleIndex"]]["id"] == "internal.parse-error"
    assert result["ruleIndex"] == 3


# --- junit ------------------------------------------------------------------

def test_junit():
    result = make_result([f_tab(), f_multi(message='Bad <"&"> \x0c claim'), f_info()])
    result.files.append(FileReport("docs/binary.md", status="error"))
    out = run("junit", result)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    assert suite.attrib == {"name": "lint-corpus", "tests": "4", "failures": "2",
                            "errors": "0", "skipped": "1"}
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("docs/a.md", "docs/a.md"), ("docs/b c.md", "docs/b c.md"),
        ("docs/clean.md", "docs/clean.md"), ("docs/binary.md", "docs/binary.md")]
    failures = cases[0].findall("failure")
    assert [(x.get("type"), x.get("message"), x.text) for x in failures] == [
        ("style.very-unique", "Avoid ‘very unique’ – unique is absolute",
         "docs/a.md:3:13: warning style.very-unique Avoid ‘very unique’ – unique is absolute"),
        # XML-special characters survive the round trip; a form feed, which
        # XML cannot carry at all, becomes U+FFFD.
        ("claims.unsourced", 'Bad <"&"> \ufffd claim',
         'docs/a.md:5:5: error claims.unsourced Bad <"&"> \ufffd claim'),
    ]
    assert len(cases[1].findall("failure")) == 1
    assert list(cases[2]) == []                                   # clean file passes
    assert [c.tag for c in cases[3]] == ["skipped"]               # unreadable file


def test_junit_multiline_message_round_trips():
    out = run("junit", make_result())
    failure = ET.fromstring(out.split("\n", 1)[1]).findall(".//failure")[1]
    assert failure.get("message") == "Unsourced claim:\n“most readers”"


# --- checkstyle -------------------------------------------------------------

def test_checkstyle():
    out = run("checkstyle", make_result())
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == "checkstyle" and root.get("version") == "4.3"
    files = root.findall("file")
    assert [f.get("name") for f in files] == ["docs/a.md", "docs/b c.md", "docs/clean.md"]
    assert [len(f.findall("error")) for f in files] == [2, 1, 0]
    assert [e.attrib for e in root.iter("error")] == [
        {"line": "3", "column": "13", "severity": "warning",
         "message": "Avoid ‘very unique’ – unique is absolute", "source": "style.very-unique"},
        {"line": "5", "column": "5", "severity": "error",
         "message": "Unsourced claim:\n“most readers”", "source": "claims.unsourced"},
        {"line": "1", "column": "4", "severity": "info",
         "message": "Use an en dash ‘–’", "source": "style.dash"},
    ]


# --- gitlab -----------------------------------------------------------------

def test_gitlab():
    out = run("gitlab", make_result())
    assert out.endswith("]\n")
    issues = json.loads(out)
    assert issues[0] == {
        "description": "style.very-unique: Avoid ‘very unique’ – unique is absolute",
        "check_name": "style.very-unique",
        "fingerprint": "fp-tab",
        "severity": "minor",
        "location": {"path": "docs/a.md", "lines": {"begin": 3, "end": 3}},
    }
    assert [i["severity"] for i in issues] == ["minor", "major", "info"]
    assert [i["fingerprint"] for i in issues] == ["fp-tab", "fp-multi", "fp-info"]
    assert issues[1]["location"]["lines"] == {"begin": 5, "end": 6}


@pytest.mark.parametrize("fingerprint", ["fp-tab", ""])
def test_gitlab_fingerprint_ignores_line_shifts(fingerprint):
    # Same finding, moved down 4 lines by an edit above it. With an engine
    # fingerprint it is passed through; without one, the fallback is also line-free.
    a = f_tab(fingerprint=fingerprint)
    b = f_tab(fingerprint=fingerprint, line=7, end_line=7, start=90, end=101)
    first, second = json.loads(run("gitlab", make_result([a, b])))
    assert first["fingerprint"] == second["fingerprint"]
    if fingerprint:
        assert first["fingerprint"] == a.fingerprint
    else:
        assert len(first["fingerprint"]) == 64
        other = json.loads(run("gitlab", make_result([f_tab(fingerprint="", rule="style.x")])))
        assert other[0]["fingerprint"] != first["fingerprint"]
    assert (first["location"]["lines"], second["location"]["lines"]) == \
        ({"begin": 3, "end": 3}, {"begin": 7, "end": 7})


# --- rdjson -----------------------------------------------------------------

def test_rdjson():
    lines = run("rdjson", make_result()).splitlines()
    assert len(lines) == 3
    assert lines[0] == (
        '{"message":"Avoid ‘very unique’ – unique is absolute",'
        '"location":{"path":"docs/a.md","range":{"start":{"line":3,"column":18},'
        '"end":{"line":3,"column":29}}},"severity":"WARNING","source":{"name":"lint-corpus"},'
        '"code":{"value":"style.very-unique"},"suggestions":[{"range":{"start":{"line":3,'
        '"column":18},"end":{"line":3,"column":29}},"text":"unique"}]}'
    )
    multi = json.loads(lines[1])
    assert multi["message"] == "Unsourced claim:\n“most readers”"
    assert multi["severity"] == "ERROR"
    assert multi["location"]["range"] == {"start": {"line": 5, "column": 5},
                                          "end": {"line": 6, "column": 8}}
    assert multi["suggestions"] == []


def test_rdjson_byte_columns_after_multibyte_text():
    # 'foo' is code-point column 4 but byte column 7 after 'ü’ ' (2 + 3 + 1 bytes).
    (d,) = [json.loads(x) for x in run("rdjson", make_result([f_info()])).splitlines()]
    assert d["location"]["range"] == {"start": {"line": 1, "column": 7},
                                      "end": {"line": 1, "column": 10}}
    assert d["severity"] == "INFO"


def test_rdjson_suggestions():
    rng = {"start": {"line": 1, "column": 7}, "end": {"line": 1, "column": 10}}
    # No fix: suggestions have no trustworthy range, so none are offered.
    plain = f_info(suggestions=("bar",))
    # A fix not shaped like the span: fall back to the suggestions over the span.
    other = f_info(suggestions=("baz", "qux"), fix=Fix((Edit(3, 4, "B"), Edit(5, 6, "o"))))
    # A fix over exactly the span: its replacement.
    exact = f_info(suggestions=("ignored",), fix=Fix((Edit(3, 6, "FOO"),)))
    got = [json.loads(x)["suggestions"] for x in
           run("rdjson", make_result([plain, other, exact])).splitlines()]
    assert got == [
        [],
        [{"range": rng, "text": "baz"}, {"range": rng, "text": "qux"}],
        [{"range": rng, "text": "FOO"}],
    ]
