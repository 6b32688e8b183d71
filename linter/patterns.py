"""Compiling editors' word lists and regexes safely.

Editors' regexes run through the `regex` module with a per-call timeout, so a
pattern with catastrophic backtracking ("(a|aa)+$") costs at most
REGEX_TIMEOUT seconds per block and is reported, instead of hanging a run.
"""

from __future__ import annotations

import regex

REGEX_TIMEOUT = 1.0


class RegexTimeout(Exception):
    """A user pattern exceeded REGEX_TIMEOUT on one block."""


def phrase_pattern(phrase: str) -> str:
    """A literal word or phrase as a regex: whitespace runs match any whitespace
    (a line break inside a paragraph is a space in the prose)."""
    return r"\s+".join(regex.escape(part) for part in phrase.split())


def word_bounded(alternatives: list[str]) -> str:
    """Join patterns into one alternation that only matches whole words.

    Longer alternatives go first so "plays a crucial role" wins over "crucial".
    """
    ordered = sorted(alternatives, key=len, reverse=True)
    return r"(?<![\w'’-])(?:" + "|".join(ordered) + r")(?![\w'’-]|[.]\w)"


def compile_pattern(pattern: str, *, ignorecase: bool = False):
    """Compile with the `regex` module; raises ValueError with a readable reason."""
    flags = regex.UNICODE | regex.V0
    if ignorecase:
        flags |= regex.IGNORECASE
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise ValueError(f"invalid regex {pattern!r}: {exc}") from None


class LazyPattern:
    """A pattern built from literal phrases, compiled on first use.

    Escaped word lists cannot be invalid regexes, so nothing is lost by not
    compiling them while the pack loads, and a one-file run whose file gives
    a list's prefilter nothing to look at never compiles that list.
    """

    __slots__ = ("pattern", "_ignorecase", "_compiled")

    def __init__(self, pattern: str, *, ignorecase: bool = False) -> None:
        self.pattern = pattern
        self._ignorecase = ignorecase
        self._compiled = None

    def compiled(self):
        if self._compiled is None:
            self._compiled = compile_pattern(self.pattern, ignorecase=self._ignorecase)
        return self._compiled

    def finditer(self, text: str, **kwargs):
        return self.compiled().finditer(text, **kwargs)

    def __reduce__(self):  # workers get the source, not the compiled pattern
        return _lazy, (self.pattern, self._ignorecase)


def _lazy(pattern: str, ignorecase: bool) -> LazyPattern:
    return LazyPattern(pattern, ignorecase=ignorecase)


def finditer(compiled, text: str):
    """All matches, bounded in time. Raises RegexTimeout."""
    try:
        return list(compiled.finditer(text, timeout=REGEX_TIMEOUT))
    except TimeoutError:
        raise RegexTimeout(compiled.pattern) from None

