"""The pre-commit and CI options of the command line: the result cache,
`--diff-base`/`--diff-context` (changed lines only) and baselines.

The CLI calls three things, in this order: `setup()` before linting (opens the
cache, asks git for the changed lines), `files_to_lint()` (with --diff-base
and no corpus rule, files without a changed line need not be read), and
`finish()` on the RunResult, which drops baselined findings, then findings on
unchanged lines. Filtering happens after linting, so document- and
corpus-level rules always see whole documents.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


class WorkflowError(Exception):
    """A usage or I/O problem with these options (exit code 2)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("pre-commit and CI")
    g.add_argument("--diff-base", metavar="REF",
                   help="report only findings on lines added or changed since "
                        "`git merge-base REF HEAD`, uncommitted changes included")
    g.add_argument("--diff-context", type=int, default=None, metavar="N",
                   help="with --diff-base, also report findings up to N lines from a change")
    g.add_argument("--baseline", metavar="FILE",
                   help="report only findings not recorded in this baseline file")
    g.add_argument("--write-baseline", metavar="FILE",
                   help="record the current findings in FILE and exit 0")
    g.add_argument("--baseline-prune", action="store_true",
                   help="with --baseline, list the entries that no longer match and remove them")
    g.add_argument("--no-cache", action="store_true",
                   help="do not read or write the per-file result cache")
    g.add_argument("--cache-dir", metavar="DIR",
                   help="where the cache lives (default: .lint-corpus-cache next to the config)")


@dataclass
class Workflow:
    cwd: Path
    cache: object | None = None
    changed: object | None = None  # changed_lines.ChangedLines
    diff_base: str | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    prune: bool = False
    entries: list = field(default_factory=list)  # baseline.Entry, from --baseline
    notices: list[str] = field(default_factory=list)


def setup(args, pack, config, cwd: Path) -> Workflow:
    if args.diff_context is not None and not args.diff_base:
        raise WorkflowError("--diff-context needs --diff-base")
    if args.diff_context is not None and args.diff_context < 0:
        raise WorkflowError("--diff-context must be 0 or more")
    if args.baseline_prune and not args.baseline:
        raise WorkflowError("--baseline-prune needs --baseline FILE")
    wf = Workflow(cwd=cwd, diff_base=args.diff_base, prune=args.baseline_prune,
                  baseline=Path(args.baseline) if args.baseline else None,
                  write_baseline=Path(args.write_baseline) if args.write_baseline else None)
    if not args.no_cache:
        from .cache import open_cache

        wf.cache, problem = open_cache(pack, config, cwd, args.cache_dir, args)
        if problem:
            wf.notices.append(problem)
    if args.diff_base:
        from .changed_lines import DiffError, changed_lines

        try:
            wf.changed = changed_lines(args.diff_base, cwd, args.diff_context or 0)
        except DiffError as exc:
            raise WorkflowError(str(exc)) from None
    if wf.baseline is not None and wf.write_baseline is None:
        from .baseline import BaselineError, load

        try:
            wf.entries = load(wf.baseline)
        except BaselineError as exc:
            raise WorkflowError(str(exc)) from None
    return wf


def files_to_lint(wf: Workflow, files: list[Path], engine) -> list[Path]:
    """With --diff-base and no corpus rule, skip files that have no changed line."""
    if wf.changed is None or any(r.is_corpus_rule for r in engine.rules):
        return files
    from .changed_lines import absolute

    return [f for f in files if wf.changed.touched(absolute(str(f), wf.cwd))]


def finish(wf: Workflow, result, engine) -> int | None:
    """Apply baseline and diff filters to `result` in place. Returns an exit code
    when the run ends here (--write-baseline), else None."""
    if wf.write_baseline is None and wf.baseline is None and wf.changed is None:
        return None  # nothing to filter: leave the runner's streamed result as it is
    # The filters rewrite per-file counts, so work on lists, not the runner's streams.
    result.findings, result.files = list(result.findings), list(result.files)
    linted = {r.path for r in result.files}
    if wf.write_baseline is not None:
        from .baseline import write

        try:
            n = write(wf.write_baseline, result.findings, linted, wf.cwd)
        except OSError as exc:
            raise WorkflowError(f"cannot write {wf.write_baseline}: "
                                f"{exc.strerror or exc}") from None
        sys.stderr.write(f"lint-corpus: wrote {n} finding(s) to baseline {wf.write_baseline}\n")
        return 0

    findings = result.findings
    if wf.baseline is not None:
        findings = _apply_baseline(wf, result, engine, findings, linted)
    if wf.changed is not None:
        findings = _apply_diff(wf, result, findings)
    result.findings = findings
    per_file = Counter(f.path for f in findings)
    for report in result.files:
        report.findings = per_file.get(report.path, 0)
    return None


def _apply_baseline(wf: Workflow, result, engine, findings, linted):
    from . import baseline

    rules = {r.id for r in engine.rules} | {"io.decode", "io.read"}
    out = baseline.apply(wf.baseline, wf.entries, findings, linted, rules, wf.cwd)
    result.extra["suppressed_by_baseline"] = out.suppressed
    if out.suppressed:
        result.notices.append(f"baseline {wf.baseline}: {out.suppressed} known finding(s) "
                              "not shown")
    if out.stale and wf.prune:
        try:
            baseline.prune(wf.baseline, wf.entries, out.stale)
        except OSError as exc:
            raise WorkflowError(f"cannot write {wf.baseline}: {exc.strerror or exc}") from None
        sys.stderr.write(f"lint-corpus: removed {len(out.stale)} stale entr"
                         f"{'y' if len(out.stale) == 1 else 'ies'} from {wf.baseline}:\n")
        for e in sorted(out.stale, key=lambda e: (e.path, e.rule, e.text)):
            sys.stderr.write(f"  {e.path}: {e.rule} '{e.text}'\n")
    elif out.stale:
        result.notices.append(f"baseline {wf.baseline}: {len(out.stale)} entr"
                              f"{'y no longer matches' if len(out.stale) == 1 else 'ies no longer match'}"
                              " a finding; list and remove them with --baseline-prune")
    elif wf.prune:
        sys.stderr.write(f"lint-corpus: no stale entries in {wf.baseline}\n")
    return out.kept


def _apply_diff(wf: Workflow, result, findings):
    from .changed_lines import absolute

    changed = wf.changed
    kept = []
    for f in findings:
        # An end at column 1 of a later line stops before that line.
        end = f.end_line - 1 if f.end_line > f.line and f.end_column == 1 else f.end_line
        if changed.keeps(absolute(f.path, wf.cwd), f.line, end, f.rule):
            kept.append(f)
    hidden = len(findings) - len(kept)
    result.extra["outside_diff"] = hidden
    if hidden:
        result.notices.append(f"{hidden} finding(s) on lines unchanged since {wf.diff_base} "
                              "not shown (--diff-base)")
    return kept
