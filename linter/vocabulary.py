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
    """Every word of every form in the term base (linter/terms/termbase.py):
    preferred, accepted and rejected forms (a rejected form is reported by
    terminology.preferred, never also as a misspelling). Meanings and reasons
    are prose, not vocabulary, and are left out."""
    out: set[str] = set()
    if not isinstance(node, dict):
        return out
    for group in node.values():
        if not isinstance(group, dict):
            continue
        for status in ("preferred", "accepted", "rejected"):
            forms = group.get(status)
            if isinstance(forms, str):
                forms = [forms]
            if isinstance(forms, dict):
                for form, value in forms.items():
                    out.update(_WORD.findall(str(form)))
                    if isinstance(value, dict) and isinstance(value.get("use"), str):
                        out.update(_WORD.findall(value["use"]))
            elif isinstance(forms, list):
                for form in forms:
                    if isinstance(form, str):
                        out.update(_WORD.findall(form))
    return out
