"""`--format text` (the default): one ruff-style line per finding, optionally
with a source excerpt and caret underline, then a one-line summary.

Positions are counted in Unicode code points, like Finding.column. Article
lines are often 500+ characters long, so the excerpt is a window of about
`WINDOW` code points around the span, with '…' where the line was cut. Tabs
are expanded to spaces in the excerpt and the carets are computed from the
expanded text, so they stay aligned. East Asian wide characters are not
accounted for (they would shift the carets right of them by one column).
"""

from __future__ import annotations

import re
from typing import TextIO

from . import ReportOptions
from ..finding import Finding, Severity
from ..result import RunResult

WINDOW = 100     # code points of source shown around the span
LEAD = 10        # context kept left of a span that is itself wider than WINDOW
TAB_SIZE = 4
ELLIPSIS = "…"

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_COLOR = {
    Severity.ERROR: "\x1b[1;31m",    # bold red
    Severity.WARNING: "\x1b[1;33m",  # bold yellow
    Severity.INFO: "\x1b[1;36m",     # bold cyan
}


def _paint(text: str, code: str, on: bool) -> str:
    return f"{code}{text}{_RESET}" if on else text


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F (tested against
# unicodedata); tab is kept. One regex pass instead of a category lookup per
# character: with tens of thousands of findings this was most of the report's time.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _printable(s: str) -> str:
    """One line, no terminal control characters: a stray ESC in an article
    must not be able to recolour or rewrite the user's terminal. Each control
    becomes one U+FFFD so code-point offsets are unchanged."""
    return _CONTROL.sub("\ufffd", s)


def excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """Window `line` around [start, end) (0-based code points).

    Returns (display text, caret offset, caret width), where the offset counts
    display columns from the start of the display text. An empty span still
    gets one caret.
    """
    line = line.rstrip("\r\n")
    n = len(line)
    s = min(max(start, 0), n)
    e = min(max(end, s), n)
    lo, hi = 0, n
    if n > WINDOW:
        span = e - s
        # Centre the span; a span wider than the window keeps a little lead.
        lo = max(0, s - LEAD) if span >= WINDOW - LEAD else max(0, s - (WINDOW - span) // 2)
        hi = min(n, lo + WINDOW)
        lo = max(0, hi - WINDOW)

    out: list[str] = []
    col = 0
    if lo > 0:
        out.append(ELLIPSIS)
        col = 1
    d_start = d_end = None
    for i in range(lo, hi):
        if i == s:
            d_start = col
        if i == e:
            d_end = col
        ch = line[i]
        if ch == "\t":
            width = TAB_SIZE - col % TAB_SIZE
            out.append(" " * width)
            col += width
        else:
            out.append(ch)
            col += 1
    # Span boundaries at (or beyond) the window's right edge.
    if d_start is None:
        d_start = col
    if d_end is None:
        d_end = col
    if hi < n:
        out.append(ELLIPSIS)
    return _printable("".join(out)), d_start, max(1, d_end - d_start)


def _help(suggestions: tuple[str, ...]) -> str:
    if all(s == "" for s in suggestions):
        return "help: delete this text"
    return "help: replace with " + " or ".join(f"'{_printable(s)}'" for s in suggestions)


def _headline(f: Finding, color: bool) -> str:
    return _head_line(f.path, f.line, f.column, f.severity, f.rule, f.message, color)


_SEVERITY_NAME = {s: str(s) for s in Severity}


def _head_line(path: str, line: int, column: int, severity: Severity, rule: str, message: str,
               color: bool) -> str:
    if _CONTROL.search(message) is not None:
        message = _printable(message.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    if _CONTROL.search(path) is not None:
        path = _printable(path)
    if color:
        sev = _paint(_SEVERITY_NAME[severity], _SEVERITY_COLOR[severity], True)
        rule = _paint(rule, _BOLD, True)
    else:
        sev = _SEVERITY_NAME[severity]
    return f"{path}:{line}:{column}: {sev} {rule} {message}"


def _source_block(f: Finding, color: bool) -> list[str]:
    lines: list[str] = []
    gutter = " " * len(str(f.line))
    if f.source_line:
        # On very long lines the engine keeps only a window of the line, which
        # starts `source_line_offset` code points in.
        start = f.column - 1 - f.source_line_offset
        # A span running onto later lines is underlined to the end of this one.
        end = f.end_column - 1 - f.source_line_offset if f.end_line == f.line else len(f.source_line)
        shown, offset, width = excerpt(f.source_line, start, end)
        if f.source_line_offset and not shown.startswith(ELLIPSIS):
            shown, offset = ELLIPSIS + shown, offset + 1
        carets = _paint("^" * width, _SEVERITY_COLOR[f.severity], color)
        lines.append(f"{f.line} | {shown}".rstrip(" "))
        lines.append(f"{gutter} | {' ' * offset}{carets}")
    if f.suggestions:
        lines.append(f"{gutter} = {_help(f.suggestions)}")
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(result: RunResult) -> str:
    files = _plural(len(result.files), "file")
    if not result.findings:
        return f"No findings in {files}."
    sev = result.counts_by_severity()
    # Zero counts are left out: "(3 warnings)" rather than "(0 errors, 3 warnings, 0 info)".
    parts = [_plural(sev["error"], "error") if sev["error"] else "",
             _plural(sev["warning"], "warning") if sev["warning"] else "",
             f"{sev['info']} info" if sev["info"] else ""]
    by_sev = ", ".join(p for p in parts if p)
    # Biggest family first: that is where an editor should start.
    fams = sorted(result.counts_by_family().items(), key=lambda kv: (-kv[1], kv[0]))
    by_fam = ", ".join(f"{name} {count}" for name, count in fams)
    return f"Found {_plural(len(result.findings), 'finding')} ({by_sev}) in {files} — {by_fam}."


def render(result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    color = options.color
    with_source = options.show_source and not options.quiet
    heads = getattr(result.findings, "heads", None)  # a streamed run (linter.runner)
    if heads is not None and not with_source:
        # Headlines only: the stream's heads spare unpickling whole findings.
        write, lines = stream.write, []
        for path, line, column, _el, _ec, rule, severity, message in heads():
            lines.append(_head_line(path, line, column, severity, rule, message, color))
            if len(lines) >= 1024:
                lines.append("")
                write("\n".join(lines))
                lines = []
        if lines:
            lines.append("")
            write("\n".join(lines))
    else:
        for f in result.findings:
            stream.write(_headline(f, color) + "\n")
            if with_source:
                block = _source_block(f, color)
                for line in block:
                    stream.write(line + "\n")
                if block:
                    stream.write("\n")
    if options.quiet:
        return
    stream.write(summary_line(result) + "\n")
    for note in result.notices:
        stream.write(f"note: {_printable(note)}\n")
