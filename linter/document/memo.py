"""Work shared by the rules that run on one document, one after another.

The engine hands each document to every rule in turn, so a value several rules
need (a readability analysis, a block's tokens, a sentence's fold) is best made
once, by whichever rule asks first. A DocumentMemo keeps the values of the
current document only: the next document replaces them, so nothing outlives
its document and a corpus run never grows it.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable


class DocumentMemo:
    """`get(document, key, make)`: make() once per document and key."""

    __slots__ = ("_state",)

    def __init__(self) -> None:
        self._state: tuple[object, dict] = (None, {})

    def get(self, document, key: Hashable, make: Callable[[], Any]) -> Any:
        # One read and one whole-tuple swap: a reader never sees one
        # document's values under another document.
        owner, values = self._state
        if owner is not document:
            values = {}
            self._state = (document, values)
        try:
            return values[key]
        except KeyError:
            value = values[key] = make()  # an exception is not remembered
            return value
