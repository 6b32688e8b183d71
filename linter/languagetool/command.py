"""The command line's grammar parts: --languagetool, --require-grammar, `lint-corpus grammar …`.

Kept here so that linter/cli.py only calls four small functions.
"""

from __future__ import annotations

import argparse
import sys

GRAMMAR_ACTIONS = ("install", "status")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--languagetool", metavar="URL|local|public|off", default=None,
        help="LanguageTool to use: a server URL, 'local' (installed with `lint-corpus grammar "
             "install`), 'public' (sends text to the public API), or 'off' "
             "(default: a configured server or a local install, else offline checks only)")
    parser.add_argument("--require-grammar", action="store_true",
                        help="exit 2 when LanguageTool is unavailable or fails on any file")


def is_subcommand(argv: list[str]) -> bool:
    """`lint-corpus grammar install|status` (a folder named 'grammar' is still linted)."""
    return len(argv) >= 2 and argv[0] == "grammar" and argv[1] in GRAMMAR_ACTIONS + ("-h", "--help")


def run_subcommand(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="lint-corpus grammar",
                                     description="Manage the LanguageTool that lint-corpus uses.")
    sub = parser.add_subparsers(dest="action", required=True)
    p_install = sub.add_parser("install", help="download LanguageTool for --languagetool local "
                                               "(once, with progress; needs Java 17+)")
    p_install.add_argument("--version", dest="lt_version", default=None,
                           help="LanguageTool version (default: language-tool-python's)")
    sub.add_parser("status", help="say which LanguageTool a run would use, without starting it")
    args = parser.parse_args(argv[1:])
    if args.action == "install":
        from .local import install

        return install(args.lt_version)
    return _status()


def _status() -> int:
    from ..config import ConfigError, load_config
    from .local import download_dir, find_local_install, java_problem
    from .settings import SettingsError, from_sources

    try:
        config = load_config(None)
        s = from_sources(config.grammar)
    except (ConfigError, SettingsError) as exc:
        sys.stderr.write(f"lint-corpus: error: {exc}\n")
        return 2
    print(f"languagetool: {s.languagetool} (from {s.source}); language {s.language}")
    install = find_local_install(s.local_version)
    print(f"local install: {install.path if install else 'none'} (folder {download_dir()})")
    print(f"java: {java_problem() or 'ok'}")
    return 0


def prepare(args, config, pack) -> str | None:
    """Configure the run's LanguageTool. Returns an error message (exit 2) or None.

    With --require-grammar (or `require = true`) LanguageTool is opened now, so an
    unavailable one stops the run before any file is read.
    """
    from . import runtime
    from .settings import SettingsError, from_sources

    try:
        settings = from_sources(config.grammar, cli_value=args.languagetool,
                                cli_require=args.require_grammar)
    except SettingsError as exc:
        if exc.key and exc.key in config.grammar:
            return str(config.error(str(exc), exc.key))
        return str(exc)
    runtime.configure(settings)
    lt_rules = [r for r in pack.rules if r.kind == "languagetool"]
    if settings.require and not lt_rules:
        return "--require-grammar: no LanguageTool rule is selected (see --select/--ignore)"
    if not lt_rules:
        return None
    from .client import Unavailable
    from .local import find_local_install

    # A local server is started here, before any worker process exists, so that workers
    # can share it (runtime.worker_settings()): it starts at most once per run.
    local = settings.mode == "local" or (settings.mode == "auto"
                                         and find_local_install(settings.local_version))
    if not (settings.require or local):
        return None  # opened on the first document that needs it
    backend = runtime.backend(tuple(lt_rules[0].opts.get("disabled_rules", ())))
    if isinstance(backend, Unavailable) and settings.require:
        return f"--require-grammar: {backend.error()}"
    return None


def finish(result, args, config) -> str | None:
    """After the report: with --require-grammar, files LanguageTool did not check are an error."""
    from . import runtime

    if not runtime.settings().require:
        return None
    missing = [f.path for f in result.files
               if f.metrics.get("languagetool") in ("incomplete", "unavailable")]
    if not missing:
        return None
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return f"--require-grammar: LanguageTool did not check {len(missing)} file(s): {shown}"
