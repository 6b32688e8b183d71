"""`--fix` and `--diff`: apply the safe fixes of every rule, changing nothing else.

Fixes are edits on the normalised text (line endings as "\\n"). They are mapped
back to the file's own text, so every byte outside the edited spans stays as
it was: the encoding, a byte-order mark, CRLF line endings, a missing final
newline. Fixes that overlap an earlier one are skipped (the next run offers
them again). A fixed file is linted again in memory and fixed again until no
safe fix is left (at most MAX_PASSES times), so one `--fix` leaves nothing a
second one would change. Files are written atomically (temporary file, then
rename), and only when their content changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_write_bytes
from .finding import Edit, Finding, Fix
from .source import BOM, DecodeProblem, SourceText

MAX_PASSES = 4
# A fix may add Markdown markup but never remove it: an edit whose span holds
# more of these characters than its new text would break emphasis, a link, code,
# an escape, an entity, HTML or a quote marker. Such a fix is not applied.
MARKUP = "*_[]()`<>\\&|!#~"


@dataclass
class FileFix:
    display: str
    path: Path | None
    before: bytes
    after: bytes
    applied: int = 0            # fixes applied over all passes
    outcome: object = None      # linter.engine.FileOutcome of the final text

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class FixReport:
    files: list[FileFix] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return sum(f.applied for f in self.files)

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    @property
    def outcomes(self) -> list:
        return [f.outcome for f in self.files]


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def removes_markup(text: str, edit: Edit) -> bool:
    span = text[edit.start:edit.end]
    return any(span.count(c) > edit.text.count(c) for c in MARKUP if c in span)


def select_fixes(findings: list[Finding], text: str | None = None) -> list[Fix]:
    """The safe fixes to apply, in source order, without overlaps (the later one
    loses) and, given the normalised `text`, without removing markup."""
    fixes = sorted(
        {id(f.fix): f for f in findings if f.fix is not None and f.fix.safe and f.fix.edits}.values(),
        key=lambda f: (min(e.start for e in f.fix.edits), f.rule, f.message))
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for finding in fixes:
        edits = finding.fix.edits
        if any(_overlaps(e, t) for e in edits for t in taken):
            continue
        if any(_overlaps(a, b) for i, a in enumerate(edits) for b in edits[i + 1:]):
            continue
        if text is not None and any(removes_markup(text, e) for e in edits):
            continue
        chosen.append(finding.fix)
        taken.extend(edits)
    return chosen


def apply_fixes(source: SourceText, fixes: list[Fix]) -> str:
    """The file's text (as on disk, without BOM) with the fixes applied."""
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end))
    crlf = "\r\n" in source.original
    out: list[str] = []
    pos = 0
    original = source.original
    for e in edits:
        start, end = source.original_offset(e.start), source.original_offset(e.end)
        out.append(original[pos:start])
        out.append(e.text.replace("\n", "\r\n") if crlf else e.text)
        pos = end
    out.append(original[pos:])
    return "".join(out)


def fix_bytes(engine, display: str, raw: bytes, max_passes: int = MAX_PASSES) -> FileFix:
    """Lint, fix and re-lint `raw` in memory until no safe fix is left."""
    result = FileFix(display, None, raw, raw)
    outcome = engine.lint_bytes(display, raw)
    current = raw
    for _ in range(max_passes):
        try:
            source = SourceText.from_bytes(current)
        except DecodeProblem:
            break
        fixes = select_fixes(outcome.findings, source.text)
        if not fixes:
            break
        text = apply_fixes(source, fixes)
        new = ((BOM if source.bom else "") + text).encode("utf-8")
        if new == current:
            break
        current = new
        result.applied += len(fixes)
        outcome = engine.lint_bytes(display, current)
    result.after = current
    result.outcome = outcome
    return result


def fix_paths(engine, items, *, write: bool) -> FixReport:
    """Fix each (path, display) pair; write the changed files when `write`.
    Raises OSError (with the path in its filename) when a file cannot be written."""
    report = FixReport()
    for path, display in items:
        try:
            raw = Path(path).read_bytes()
        except OSError:
            ff = FileFix(display, Path(path), b"", b"", outcome=engine.lint_path(Path(path), display))
            report.files.append(ff)
            continue
        ff = fix_bytes(engine, display, raw)
        ff.path = Path(path)
        if write and ff.changed:
            atomic_write_bytes(ff.path, ff.after)
        report.files.append(ff)
    return report


# -- unified diff ---------------------------------------------------------------------
def _lines(text: str) -> list[str]:
    """Lines with their endings; only "\\n" ends a line ("\\r\\n" keeps its "\\r")."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(display: str, before: bytes, after: bytes, context: int = 3) -> str:
    """A unified diff like `git diff` (a/ and b/ prefixes, "\\ No newline at end of file")."""
    old = before.decode("utf-8", errors="surrogateescape")
    new = after.decode("utf-8", errors="surrogateescape")
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{display}", f"b/{display}",
                                     n=context):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
