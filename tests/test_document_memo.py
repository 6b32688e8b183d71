"""DocumentMemo: once per document and key, and only the current document is kept."""

from __future__ import annotations

import pytest

from linter.document.memo import DocumentMemo


def test_makes_once_per_document_and_key_and_forgets_the_last_document():
    memo, made = DocumentMemo(), []

    def make(value):
        return lambda: made.append(value) or value

    a, b = object(), object()
    assert memo.get(a, "k", make(1)) == 1
    assert memo.get(a, "k", make(2)) == 1  # the second rule's question
    assert memo.get(a, None, make(None)) is None  # None is a value like any other
    assert memo.get(a, None, make(3)) is None
    assert memo.get(b, "k", make(4)) == 4  # a new document
    assert memo.get(a, "k", make(5)) == 5  # a is gone: made again
    assert made == [1, None, 4, 5]


def test_an_exception_is_not_remembered():
    memo, doc = DocumentMemo(), object()

    def fail():
        raise TimeoutError

    with pytest.raises(TimeoutError):
        memo.get(doc, "k", fail)
    assert memo.get(doc, "k", lambda: "ok") == "ok"
