"""Skip the blocks where none of a rule's literal phrases can start.

A word list becomes one big alternation (patterns.word_bounded), and both
regex engines try every alternative at every word start of every block: on
the style pack that was most of the rule time, for blocks where nothing
matches. A match of a listed phrase can only begin where a word of the block
equals the phrase's first word, so a set lookup per block tells which blocks
are worth the scan. The scan itself is unchanged, so are the findings.

Why a set lookup is exact. word_bounded puts `(?<![\\w'’-])` before the
alternation, and after a phrase's first word comes `\\s+` (more words) or
`(?![\\w'’-]|...)` (the end), so a match at position p covers a maximal run
of [\\w'’-] characters starting at p, equal to the first word, or to the part
of it before its first character outside that class ("e" of "e.g."). When
the first word is a whole run, whitespace and the second word's first run
follow it. Those runs and pairs of runs, case-folded when the rule ignores
case, are the block's keys. A phrase that starts with a character outside
the class (say "(so-called)") has no key: the rule then scans every block.
"""

from __future__ import annotations

import regex

from ...document.memo import DocumentMemo

# The same class as word_bounded's lookarounds, in the same engine (regex's
# \w is not re's: it includes combining marks).
_RUN = regex.compile(r"[\w'’-]+", regex.UNICODE | regex.V0)


def fold(text: str) -> str:
    """Case-insensitive key. IGNORECASE matches the dotless ı and the dotted İ
    to i, which casefold() alone does not; every other pair it matches,
    casefold() maps to the same string."""
    folded = text.casefold()
    return folded if folded.isascii() else folded.replace("ı", "i").replace("i̇", "i")


def _key(run: str, ignorecase: bool) -> str:
    return fold(run) if ignorecase else run


def phrase_key(phrase: str, ignorecase: bool) -> str | tuple[str, str] | None:
    """What a match of `phrase` must start with: its first run, or its first
    two runs when the first word is a whole run ("in order to" needs "in"
    followed by "order", which is far rarer than "in"); None if it cannot be told."""
    parts = phrase.split()
    if not parts:
        return None
    first = _RUN.match(parts[0])
    if first is None:
        return None
    key = _key(first.group(), ignorecase)
    if len(parts) > 1 and first.end() == len(parts[0]):
        # A whole-run first word is followed by whitespace in any match, and
        # the next run starts right after it.
        second = _RUN.match(parts[1])
        if second is not None:
            return key, _key(second.group(), ignorecase)
    return key


class PhraseFilter:
    """May a block contain a match of one of `phrases`? False only when it cannot."""

    def __init__(self, phrases: list[str], ignorecase: bool) -> None:
        keys = [phrase_key(p, ignorecase) for p in phrases]
        self.ignorecase = ignorecase
        self.always = None in keys  # one phrase without a key: scan every block
        self.words = frozenset(k for k in keys if isinstance(k, str))
        self.pairs = frozenset(k for k in keys if isinstance(k, tuple))

    def may_match(self, document, block) -> bool:
        if self.always:
            return True
        words, pairs = block_keys(document, block, self.ignorecase)
        return not (self.words.isdisjoint(words) and self.pairs.isdisjoint(pairs))


_KEYS = DocumentMemo()


def block_keys(document, block, ignorecase: bool) -> tuple[frozenset, frozenset]:
    """The runs of `block` and the pairs of runs with only whitespace between
    them, folded or not; computed once per document and block for every rule."""
    return _KEYS.get(document, (block.index, ignorecase),
                     lambda: _runs_and_pairs(block.text, ignorecase))


def _runs_and_pairs(text: str, ignorecase: bool) -> tuple[frozenset, frozenset]:
    runs = _RUN.findall(text)
    between = _RUN.split(text)[1:-1]  # what separates run i from run i + 1
    if ignorecase:
        runs = [fold(r) for r in runs]
    pairs = {(a, b) for a, b, gap in zip(runs, runs[1:], between) if gap.isspace()}
    return frozenset(runs), frozenset(pairs)
