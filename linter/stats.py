"""`--stats KIND[,KIND]`: corpus tables printed instead of the findings.

Each kind of table is one module with `render(result, stream, options)`; it
reads only the RunResult (usually a section of `result.extra`, which is also
in the JSON summary). Add a kind by adding it to STATS.
"""

from __future__ import annotations

import importlib
from typing import TextIO

# name -> (renderer "module:function", the rule prefix that produces its data;
# a `--stats` run without --select runs only those rules).
STATS: dict[str, tuple[str, str]] = {
    "terms": ("linter.terms.stats:render", "terminology"),
    "readability": ("linter.readability.stats:render", "readability"),
}


def render(names: list[str], result, stream: TextIO, options) -> None:
    for i, name in enumerate(dict.fromkeys(names)):
        if i:
            stream.write("\n")
        module, _, attr = STATS[name][0].partition(":")
        getattr(importlib.import_module(module), attr)(result, stream, options)
