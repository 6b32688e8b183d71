"""`--stats KIND[,KIND]`: corpus tables printed instead of the findings.

Each kind of table is one module with `render(result, stream, options)`; it
reads only the RunResult (usually a section of `result.extra`, which is also
in the JSON summary). Add a kind by adding it to STATS.
"""

from __future__ import annotations

import importlib
from typing import TextIO

STATS: dict[str, str] = {
    "terms": "linter.terms.stats:render",
}


def render(names: list[str], result, stream: TextIO, options) -> None:
    for i, name in enumerate(dict.fromkeys(names)):
        if i:
            stream.write("\n")
        module, _, attr = STATS[name].partition(":")
        getattr(importlib.import_module(module), attr)(result, stream, options)
