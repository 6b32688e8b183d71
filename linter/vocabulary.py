"""Words every rule must treat as correct.

They come from the rule pack: the `accept:` list (e.g. in rules/terminology.yml)
and every word of every form in the term base (`terms:`). Spelling and grammar
rules (LanguageTool included) never flag them.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w[\w'’-]*")


def accepted_words(pack) -> frozenset[str]:
    if pack is None:
        return frozenset()
    cached = getattr(pack, "_accepted_words", None)
    if cached is not None:
        return cached
    words: set[str] = set()
    for item in pack.section("accept", []) or []:
        words.update(_WORD.findall(str(item)))
    words.update(_term_words(pack.section("terms")))
    result = frozenset(words)
    pack._accepted_words = result
    return result


def _term_words(node) -> set[str]:
    """Every word in any string inside the term base, whatever its exact shape."""
    out: set[str] = set()
    if isinstance(node, str):
        out.update(_WORD.findall(node))
    elif isinstance(node, dict):
        for value in node.values():
            out |= _term_words(value)
    elif isinstance(node, list):
        for value in node:
            out |= _term_words(value)
    return out
