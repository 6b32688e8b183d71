"""Exact pre-checks for regexes: the literal text a match cannot do without.

The claims rules run a dozen regexes over every sentence. Most of them open
with ``\\b`` and are case-insensitive, which leaves Python's engine no
literal prefix to skip ahead with, so each one tries every position of the
sentence (~25 µs for one 130-character sentence). Yet most sentences
contain none of the words a pattern needs.

`literal_gate(pattern)` reads the parsed regex and returns a `LiteralGate`:
lower-case strings one of which every match must contain ("first",
"largest", "$", a digit ...). A sentence that contains none of them cannot
match, so the regex is skipped; a sentence that contains one runs the regex
as before. This is the "required factors" prefilter of RE2 and Hyperscan,
kept deliberately small: whatever the walker does not understand yields no
gate, and the regex then always runs.

The check is done on `fold(text)`, the lower-cased text, and only for text
where lower-casing is exact for regex purposes: every non-ASCII character is
uncased and not a word character (curly quotes, dashes, €). Other text
(accented letters, non-ASCII digits, the Kelvin sign that matches "k" under
IGNORECASE) always runs the regex.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ...document.memo import DocumentMemo

try:  # the stdlib's own regex parser; private, so any surprise means "no gate"
    from re import _constants as C
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a Python without them just runs every regex
    C = sre_parse = None

# A character class larger than this gives no useful gate ("[a-z]").
_MAX_CLASS = 12
_DIGITS = frozenset("0123456789")
# How many spellings a chain of exact parts may have before it stops growing.
_MAX_SPELLINGS = 64
_WORD = re.compile(r"\w+")
_WORDLIKE = re.compile(r"[a-z0-9_]+")
_WORDCHAR = re.compile(r"\w")
# Words so frequent that a requirement of one of them filters nothing.
_COMMON = frozenset("a an and are as at be by for from has have in is it may of on one or that "
                    "the to was with".split())  # "may": the month, and every other modal verb


class Folded:
    """A text as gates read it: lower-cased, and its set of words (runs of \\w)."""

    __slots__ = ("text", "_words", "_count")

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: frozenset[str] | None = None
        self._count = 0

    @property
    def words(self) -> frozenset[str]:
        # Found on first use: a gate that needs no whole word (the citation identifiers',
        # asked of whole blocks) never pays for splitting the text.
        if self._words is None:
            self._split()
        return self._words

    @property
    def word_count(self) -> int:
        """How many runs of \\w the text has: the same as in the text before folding,
        since folding only lower-cases ASCII letters."""
        if self._words is None:
            self._split()
        return self._count

    def _split(self) -> None:
        found = _WORD.findall(self.text)
        self._words, self._count = frozenset(found), len(found)


class LiteralGate:
    """What every match of a regex contains: one of `words` as a whole word (a run
    of \\w characters), or one of `parts` anywhere. All lower case.

    `alternatives` sharpens that for text the union lets through: for each
    top-level alternative of the regex, the (up to two) requirements that a
    match of that alternative must *all* meet ("ranked" needs "ranked";
    "third in the world" needs "third" and "world", not just "world").
    """

    __slots__ = ("words", "parts", "alternatives")

    def __init__(self, need: Need, alternatives: list[list[Need]] | None = None) -> None:
        self.words, self.parts = _strings(need)
        self.alternatives = (tuple(tuple(map(_strings, needs)) for needs in alternatives)
                             if alternatives and any(len(n) > 1 for n in alternatives) else None)

    def admits(self, folded: Folded | None) -> bool:
        """False only when the text (see `fold`) cannot hold a match."""
        if folded is None:
            return True
        if not _contains(self.words, self.parts, folded):
            return False
        if self.alternatives is None:
            return True
        for needs in self.alternatives:
            for words, parts in needs:
                if not _contains(words, parts, folded):
                    break
            else:
                return True
        return False

    def __repr__(self) -> str:
        return f"LiteralGate(words={sorted(self.words)!r}, parts={list(self.parts)!r})"


def fold(text: str) -> Folded | None:
    """`text` as gates read it, or None when a gate cannot judge it exactly."""
    if not text.isascii():
        for ch in set(text):
            if ch > "\x7f" and not _inert(ch):
                return None
    return Folded(text.lower())


UNSET = object()  # a `folded` argument not given (None is a fold's answer)


def fold_in(document, text: str) -> Folded | None:
    """`fold(text)` for a sentence of `document`, folded once per document: the
    registry and the signals of claims.unsourced gate the same sentences.
    Only the current document's folds are kept."""
    return _FOLDS.get(document, text, lambda: fold(text))


_FOLDS = DocumentMemo()  # sentence text -> Folded or None, for the current document


@lru_cache(maxsize=4096)
def _inert(ch: str) -> bool:
    """A character no case-insensitive letter, digit or word class can match."""
    return not (ch.isalnum() or ch == "_") and ch.lower() == ch == ch.upper()


def literal_gate(pattern: str, flags: int = 0) -> LiteralGate | None:
    """The gate of a regex in Python `re` syntax, or None when there is no useful one."""
    if sre_parse is None:
        return None
    try:
        items = list(sre_parse.parse(pattern, flags))
        need = _sequence(items)
        alternatives = _alternatives(items) if need is not None else None
    except Exception:  # an unexpected parse tree: no gate, the regex always runs
        return None
    finally:
        _exact_memo.clear()
    return LiteralGate(need, alternatives) if need is not None else None


def _strings(need: Need) -> tuple[frozenset[str], tuple[str, ...]]:
    # Parts longest first: the rarer strings are likelier to answer early.
    return frozenset(need.words), tuple(sorted(need.parts, key=lambda s: (-len(s), s)))


def _contains(words: frozenset[str], parts: tuple[str, ...], folded: Folded) -> bool:
    """One of `words` as a whole word of `folded`, or one of `parts` in it."""
    if words and not words.isdisjoint(folded.words):
        return True
    text = folded.text
    for part in parts:
        if part in text:
            return True
    return False


def _alternatives(items) -> list[list[Need]] | None:
    """Per top-level alternative of a parsed regex, its two most selective requirements
    (every match of that alternative meets both); None when one has no requirement."""
    # The regex parser moves a prefix that all alternatives share ("\\b") out of the
    # branch; putting it back in front of each alternative changes nothing it matches.
    at = [i for i, (op, _av) in enumerate(items) if op is C.BRANCH]
    if len(at) == 1:
        i = at[0]
        branches = [items[:i] + list(b) + items[i + 1:] for b in items[i][1][1]]
    else:
        branches = [items]
    out = []
    for branch in branches:
        needs = sorted(_candidates(branch), key=Need.selectivity, reverse=True)[:2]
        if not needs:
            return None
        out.append(needs)
    return out


# -- walking the parse tree -----------------------------------------------------------------
# Each function returns what every match of a node contains (a `Need`), or None
# when nothing is known.

class Need:
    """One of `words` as a whole word, or one of `parts` as a substring."""

    __slots__ = ("words", "parts")

    def __init__(self, words=(), parts=()) -> None:
        self.words = set(words)
        self.parts = set(parts)

    def __or__(self, other: Need) -> Need:
        return Need(self.words | other.words, self.parts | other.parts)

    def selectivity(self) -> tuple:
        strings = self.words | self.parts
        # A requirement met by "the" or by any digit lets nearly every sentence through.
        common = bool(strings & _COMMON)
        return (not common, min(map(len, strings)) + (2 if not self.parts else 0), -len(strings))


def _usable(ch: str) -> bool:
    # A non-ASCII cased literal (é, the Kelvin sign) may match text the fold leaves out.
    return ch.isascii() or ch.lower() == ch == ch.upper()


def _word_edge(op, av, direction: int) -> bool:
    """A zero-width node that puts a word edge here: \\b, or a lookaround that refuses
    a word character on that side ("(?<![\\w'-])" before a word, "(?![\\w'-])" after)."""
    if op is C.AT:
        return av is C.AT_BOUNDARY  # \\b is an edge on both sides
    if op is C.ASSERT_NOT and av[0] == direction and len(av[1]) == 1:
        inner_op, inner_av = av[1][0]
        return inner_op is C.IN and (C.CATEGORY, C.CATEGORY_WORD) in inner_av
    return False


_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT) if C is not None else ()


def _parts(items, left: bool, right: bool) -> list[tuple]:
    """The parts of a concatenation that consume text, each as (op, av, word edge
    right before it, word edge right after it). `left`/`right`: edges around the whole.

    An edge is a zero-width \\b or word-refusing lookaround, or a neighbour that
    matches only non-word characters ("\\s", a space, a hyphen)."""
    parts: list[list] = []
    edge_left, edge_right = left, False
    for op, av in items:
        if op in _ZERO_WIDTH:  # zero-width: the parts on both sides stay adjacent
            edge_left = edge_left or _word_edge(op, av, -1)
            edge_right = edge_right or _word_edge(op, av, 1)
            continue
        nonword = _nonword(op, av)
        if parts:
            parts[-1][3] = edge_right or nonword
            edge_left = edge_left or parts[-1][4]
        parts.append([op, av, edge_left, False, nonword])
        edge_left = edge_right = False
    if parts:
        parts[-1][3] = edge_right or right
    # An optional repeat that opens with a non-word character ("(?:[\s-]two)*") leaves
    # a word edge after the part before it either way: when it matches, a non-word
    # character follows; when it does not, whatever edge follows the repeat does.
    for k in range(len(parts) - 2, -1, -1):
        if _optional_nonword_led(parts[k + 1][0], parts[k + 1][1]):
            parts[k][3] = parts[k][3] or parts[k + 1][3]
    return [tuple(p[:4]) for p in parts]


def _optional_nonword_led(op, av) -> bool:
    """A repeat that may match nothing and, when it matches, starts with a non-word part."""
    if op not in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) or av[0] != 0:
        return False
    body = list(av[2])
    while body:
        first_op, first_av = body[0]
        if first_op in _ZERO_WIDTH:
            return False  # a lookaround first: keep it simple, no edge
        if first_op is C.SUBPATTERN:
            body = list(first_av[-1])
            continue
        return _nonword(first_op, first_av)
    return False


def _nonword(op, av) -> bool:
    """A part that only ever matches non-word characters (so it ends a word)."""
    if op is C.LITERAL:
        return not _WORDCHAR.match(chr(av))
    if op is C.IN:
        return all((o is C.CATEGORY and a is C.CATEGORY_SPACE)
                   or (o is C.LITERAL and not _WORDCHAR.match(chr(a))) for o, a in av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = av
        body = list(body)
        return low >= 1 and len(body) == 1 and _nonword(*body[0])
    return False


def _sequence(items, left: bool = False, right: bool = False) -> Need | None:
    """The most selective requirement among the parts of a concatenation."""
    candidates = _candidates(items, left, right)
    return max(candidates, key=Need.selectivity) if candidates else None


def _candidates(items, left: bool = False, right: bool = False) -> list[Need]:
    """What the parts of a concatenation require, one `Need` per part (or chain of parts).

    Consecutive parts with a few exact spellings join up ("(?:for|six)ty" needs
    "forty" or "sixty", not just "ty"); any other part breaks the chain. A
    spelling with a word edge on both sides is a whole word.
    """
    candidates: list[Need] = []
    chain: set[str] | None = None  # spellings of the current chain of exact parts
    chain_left = chain_right = False

    def close() -> None:
        if not chain or "" in chain:
            return
        whole = chain_left and chain_right
        words = {s for s in chain if whole and _WORDLIKE.fullmatch(s)}
        candidates.append(Need(words=words, parts=chain - words))

    for op, av, edge_left, edge_right in _parts(items, left, right):
        spellings = _exact(op, av)
        if spellings is not None and chain is not None and \
                len(chain) * len(spellings) <= _MAX_SPELLINGS:
            chain = {a + b for a in chain for b in spellings}
            chain_right = edge_right
            continue
        close()
        chain, chain_left, chain_right = spellings, edge_left, edge_right
        if spellings is None:
            need = _node(op, av, edge_left, edge_right)
            if need is not None:
                candidates.append(need)
    close()
    return candidates


def _node(op, av, left: bool, right: bool) -> Need | None:
    if op is C.BRANCH:
        options = [_candidates(list(branch), left, right) for branch in av[1]]
        if not all(options):
            return None  # one alternative with no requirement frees them all
        chosen = [max(o, key=Need.selectivity) for o in options]
        # An alternative that also requires what the others' choices already cover
        # ("\d ... per cent" beside other branches that need a digit) takes that
        # requirement instead: the union admits no more text than it must.
        uses = Counter()  # (is a word, string) -> how many alternatives' choices hold it
        for need in chosen:
            uses.update(_keys(need))
        for k, option in enumerate(options):
            own = _keys(chosen[k])
            covered = next((n for n in option
                            if all(uses[key] > (key in own) for key in _keys(n))), None)
            if covered is not None:
                uses.subtract(own)
                uses.update(_keys(covered))
                chosen[k] = covered
        union = Need()
        for need in chosen:
            union = union | need
        return union
    if op is C.SUBPATTERN:
        return _sequence(list(av[-1]), left, right)
    if op is C.ATOMIC_GROUP:
        return _sequence(list(av), left, right)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = av
        if low < 1:
            return None
        # The edges bound the whole repetition, not each round ("\\b(?:ab)+\\b").
        once = high == 1
        return _sequence(list(body), left and once, right and once)
    if op is C.IN:
        chars = _char_class(av)
        return Need(parts=chars) if chars else None
    return None


def _keys(need: Need) -> set[tuple[bool, str]]:
    return {(True, w) for w in need.words} | {(False, p) for p in need.parts}


def _exact(op, av) -> set[str] | None:
    """The few strings a node can match, or None (a repeat, a large class ...)."""
    if op is C.LITERAL:
        return {chr(av).lower()} if _usable(chr(av)) else None
    # A group is asked again by every sequence around it (and once more per top-level
    # alternative): its answer is kept while one pattern is read.
    key = id(av)
    if key not in _exact_memo:
        _exact_memo[key] = (av, _exact_node(op, av))  # `av` held so the id stays its own
    return _exact_memo[key][1]


_exact_memo: dict[int, tuple] = {}  # emptied after each pattern (see literal_gate)


def _exact_node(op, av) -> set[str] | None:
    if op is C.LITERAL:
        return {chr(av).lower()} if _usable(chr(av)) else None
    if op is C.IN:
        return _char_class(av)
    if op is C.SUBPATTERN:
        return _exact_sequence(list(av[-1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[1] <= 2:
        low, high, body = av  # "s?" spells "" or "s"
        once = _exact_sequence(list(body))
        if once is None:
            return None
        out, power = set(), {""}
        for count in range(high + 1):
            if count >= low:
                out |= power
            power = {a + b for a in power for b in once}
        return out if len(out) <= _MAX_SPELLINGS else None
    if op is C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            spellings = _exact_sequence(list(branch))
            if spellings is None:
                return None
            union |= spellings
        return union if len(union) <= _MAX_SPELLINGS else None
    return None


def _exact_sequence(items) -> set[str] | None:
    out: set[str] = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        spellings = _exact(op, av)
        if spellings is None or len(out) * len(spellings) > _MAX_SPELLINGS:
            return None
        out = {a + b for a in out for b in spellings}
    return out


def _char_class(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL and _usable(chr(av)):
            chars.add(chr(av).lower())
        elif op is C.RANGE and av[1] - av[0] < _MAX_CLASS and all(
                _usable(chr(c)) for c in range(av[0], av[1] + 1)):
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            chars |= _DIGITS  # `fold` refuses text with non-ASCII digits
        else:
            return None  # negated classes, \w, \s ...
    return chars if 0 < len(chars) <= _MAX_CLASS else None


# -- editors' patterns (the `regex` module) -------------------------------------------------
# Constructs that `regex` (version 0) reads differently from `re` while `re` still
# parses them: POSIX classes "[[:alpha:]]" and fuzzy matching "{e<=1}". Inline
# flags are refused too, to stay on the safe side.
_REGEX_ONLY = re.compile(r"\[:|\{[^\d,}]|\(\?[a-zA-Z^]")


def editor_gate(term: str, pattern: str) -> LiteralGate | None:
    """The gate of an editor's `term`, compiled with the `regex` module as `pattern`
    (the term inside word-edge lookarounds), or None when it may not be safe."""
    if _REGEX_ONLY.search(term):
        return None
    return literal_gate(pattern, re.IGNORECASE)
