"""`lint-corpus [PATH...]`: the command line.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage, configuration or I/O errors. Errors are one line on stderr, never a
traceback (set LINT_CORPUS_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab", "checkstyle", "rdjson")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit code is 2 as well; keep its usage line
        self.print_usage(sys.stderr)
        sys.stderr.write(f"lint-corpus: error: {message}\n")
        raise SystemExit(EXIT_ERROR)


def _csv(value: str) -> list[str]:
    return [v for v in (p.strip() for p in value.split(",")) if v]


def _stats(value: str) -> list[str]:
    from .stats import STATS

    names = _csv(value)
    for name in names:
        if name not in STATS:
            raise argparse.ArgumentTypeError(
                f"unknown statistics {name!r} (choose from {', '.join(sorted(STATS))})")
    return names


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="lint-corpus",
        description="Editorial quality and fact-check linter for Markdown article corpora.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/IO error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or directories (default: the current directory)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: text; github when GITHUB_ACTIONS=true)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    p.add_argument("--select", type=_csv, action="extend", default=None, metavar="PREFIXES",
                   help="only run rules whose id starts with these prefixes (comma-separated)")
    p.add_argument("--ignore", type=_csv, action="extend", default=None, metavar="PREFIXES",
                   help="skip rules whose id starts with these prefixes")
    p.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None,
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--config", metavar="FILE",
                   help="config file (default: nearest pyproject.toml with [tool.lint-corpus])")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--show-source", dest="show_source", action="store_true", default=None,
                     help="show the source line with a caret (default when stdout is a terminal)")
    src.add_argument("--no-show-source", dest="show_source", action="store_false")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--quiet", "-q", action="store_true", help="print findings only")
    p.add_argument("--fix", action="store_true",
                   help="apply the safe fixes in place, then report what is left")
    p.add_argument("--diff", action="store_true",
                   help="print the safe fixes as a unified diff; write nothing")
    p.add_argument("--stats", type=_stats, action="extend", default=None, metavar="KINDS",
                   help="print corpus tables instead of the findings "
                        "(comma-separated: terms, readability)")
    p.add_argument("--list-rules", action="store_true", help="list the configured rules and exit")
    p.add_argument("--explain", metavar="RULE", help="explain a rule and exit")
    from .languagetool.command import add_arguments as add_grammar_arguments

    add_grammar_arguments(p)
    p.add_argument("--version", action="version", version=f"lint-corpus {__version__}")
    from .workflow import add_arguments

    add_arguments(p)  # --diff-base, --baseline, --no-cache, ...
    from .runner import add_arguments as add_runner_arguments

    add_runner_arguments(p)  # --jobs, --executor, --scheduler, --jsonl, --profile
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        sys.stderr.write("lint-corpus: interrupted\n")
        return 130
    except BrokenPipeError:
        # `lint-corpus | head`: stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS
    except Exception as exc:  # last resort: one line, not a traceback
        if os.environ.get("LINT_CORPUS_DEBUG"):
            raise
        sys.stderr.write(f"lint-corpus: internal error: {type(exc).__name__}: {exc} "
                         "(set LINT_CORPUS_DEBUG=1 for a traceback)\n")
        return EXIT_ERROR


def _fail(message: str) -> int:
    sys.stderr.write(f"lint-corpus: error: {message}\n")
    return EXIT_ERROR


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    from .languagetool import command as grammar_command

    if grammar_command.is_subcommand(argv):  # `lint-corpus grammar install|status`
        return grammar_command.run_subcommand(argv)
    args = build_parser().parse_intermixed_args(argv)
    from .config import ConfigError, load_config, parse_fail_on
    from .discovery import UsageError, collect_files, display_path
    from .pack import load_pack

    cwd = Path.cwd()
    try:
        config = load_config(args.config, cwd)
        select = args.select if args.select is not None else config.select
        if args.stats and args.select is None:
            from .stats import STATS

            select = [STATS[name][1] for name in dict.fromkeys(args.stats)]
        ignore = (config.ignore + args.ignore) if args.ignore is not None else config.ignore
        pack = load_pack(config, select=select, ignore=ignore, severity=config.severity)
    except ConfigError as exc:
        return _fail(str(exc))

    if args.list_rules:
        return _list_rules(pack)
    if args.explain:
        return _explain(pack, args.explain)

    problem = grammar_command.prepare(args, config, pack)
    if problem:
        return _fail(problem)

    fail_on = parse_fail_on(args.fail_on) if args.fail_on else config.fail_on
    try:
        files = collect_files(args.paths or ([] if args.jsonl else ["."]), config, cwd)
    except UsageError as exc:
        return _fail(str(exc))

    from . import workflow
    from .engine import Engine
    from .runner import RunnerError, print_profile, run_from_args

    try:
        wf = workflow.setup(args, pack, config, cwd)
    except (workflow.WorkflowError, ConfigError) as exc:
        return _fail(str(exc))
    engine = Engine(pack, select=select, ignore=ignore, cache=wf.cache)
    notices = wf.notices + ([] if files or args.jsonl else ["no files to lint matched the given paths"])
    files = workflow.files_to_lint(wf, files, engine)  # --diff-base without corpus rules
    run = None
    if args.fix or args.diff:
        if args.jsonl:
            return _fail("--fix and --diff rewrite files; they cannot be used with --jsonl")
        items = [(f, display_path(f, cwd)) for f in files]
        outcomes, code = _fix(engine, items, args, notices)
        if code is not None:
            return code
        result = engine.result(outcomes, engine.corpus_findings(outcomes), notices)
    else:
        try:  # in-process, a process pool or Dask; findings stream to the reporter
            run = run_from_args(engine, args, config, files, cwd, notices)
        except RunnerError as exc:
            return _fail(str(exc))
        result = run.result
    try:
        code = workflow.finish(wf, result, engine)
    except workflow.WorkflowError as exc:
        return _fail(str(exc))
    if code is not None:
        return code

    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    code = run.timed("report", _emit, result, fmt, args, cwd) if run else _emit(result, fmt, args, cwd)
    if run and args.profile:
        print_profile(run)
    if code:
        return code
    problem = grammar_command.finish(result, args, config)
    if problem:
        return _fail(problem)
    if args.stats and fmt == "text":  # a report, not a check: its exit code is 0
        return EXIT_OK
    worst = result.max_severity()
    return EXIT_FINDINGS if fail_on is not None and worst is not None and worst >= fail_on else EXIT_OK


def _fix(engine, items, args, notices: list[str]):
    """--fix / --diff. Returns (outcomes after fixing, exit code or None to go on reporting)."""
    from .fixing import fix_paths, unified_diff

    try:
        report = fix_paths(engine, items, write=not args.diff)
    except OSError as exc:
        return [], _fail(f"cannot write {exc.filename}: {exc.strerror or exc}")
    if args.diff:
        for ff in report.changed:
            sys.stdout.write(unified_diff(ff.display, ff.before, ff.after))
        sys.stdout.flush()
        return [], EXIT_FINDINGS if report.changed else EXIT_OK
    changed = report.changed
    notices.append(f"fixed {report.applied} finding{'s' if report.applied != 1 else ''} in "
                   f"{len(changed)} file{'s' if len(changed) != 1 else ''}")
    return report.outcomes, None


def _emit(result, fmt: str, args, cwd: Path) -> int:
    from .reporters import ReportOptions, render

    to_terminal = args.output is None and sys.stdout.isatty()
    show_source = args.show_source if args.show_source is not None else to_terminal
    color = args.color == "always" or (args.color == "auto" and to_terminal
                                       and not os.environ.get("NO_COLOR"))
    options = ReportOptions(show_source=show_source, color=color, quiet=args.quiet, cwd=str(cwd))
    if args.stats and fmt == "text":
        # --stats prints its tables instead of the findings (JSON has them in summary).
        from .stats import render as render_stats

        def write(stream):
            render_stats(args.stats, result, stream, options)
    else:
        def write(stream):
            render(fmt, result, stream, options)
    if args.output is None:
        write(sys.stdout)
        sys.stdout.flush()
        return EXIT_OK
    from .atomic import atomic_write_text

    try:
        atomic_write_text(Path(args.output), write)
    except OSError as exc:
        return _fail(f"cannot write {args.output}: {exc.strerror or exc}")
    return EXIT_OK


def _list_rules(pack) -> int:
    width = max((len(r.id) for r in pack.all_rules), default=10)
    kind_width = max((len(r.kind) for r in pack.all_rules), default=13)
    for r in pack.all_rules:
        state = "" if r in pack.rules else "  (not selected)"
        print(f"{r.id:<{width}}  {str(r.severity):<7}  {r.kind:<{kind_width}}  "
              f"{r.rule_description}{state}")
    return EXIT_OK


def _explain(pack, rule_id: str) -> int:
    from .pack import BUILTIN_RULES

    rule = pack.by_id(rule_id)
    if rule is None:
        if rule_id in BUILTIN_RULES:
            print(f"{rule_id} (built in, error)\n\n{BUILTIN_RULES[rule_id]}")
            return EXIT_OK
        close = [r.id for r in pack.all_rules if r.id.startswith(rule_id.split(".")[0])]
        hint = f" (rules in that family: {', '.join(close)})" if close else ""
        return _fail(f"unknown rule '{rule_id}'{hint}")
    print(f"{rule.id}  —  kind {rule.kind}, severity {rule.severity}, defined in {rule.source}")
    print()
    print(rule.rule_description)
    if rule.rule_help:
        print()
        print(rule.rule_help.rstrip())
    if rule.message:
        print()
        print(f"Message: {rule.message}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
