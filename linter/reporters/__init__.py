"""Output formats. Each format lives in its own module exposing
`render(result, stream, options)`; `render()` here imports only the one a run
asks for, so e.g. `--format text` never pays for xml.etree or json."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TextIO

from ..result import RunResult

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab", "checkstyle", "rdjson")

# Format name -> module name. `json` is stored as json_format.py so that nobody
# running a script from inside this directory shadows the stdlib `json`.
_MODULES = {name: name for name in FORMATS} | {"json": "json_format"}

TOOL_NAME = "lint-corpus"


@dataclass(slots=True)
class ReportOptions:
    show_source: bool = False  # text: print the source excerpt and carets
    color: bool = False        # text: ANSI colours (the CLI decides; never guessed here)
    quiet: bool = False        # text: finding lines only
    cwd: str = ""              # sarif: absolute root that relative paths resolve against


def render(fmt: str, result: RunResult, stream: TextIO, options: ReportOptions) -> None:
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    module.render(result, stream, options)


def tool_version(result: RunResult) -> str:
    """The version the engine stamped on the run, else the package's own."""
    if result.tool_version:
        return result.tool_version
    from .. import __version__

    return __version__
