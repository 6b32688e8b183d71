"""Work the grammar rules share or shortcut gives the answers the plain way gives."""

from __future__ import annotations

import pytest

from linter.document import parse_document
from linter.kinds.grammar.tokens import _OPAQUE_WORD, block_tokens, opaque_placeholders, sentence_tokens
from linter.kinds.grammar.words import fold
from linter.source import SourceText

from test_generic_kinds import REPETITION, lint, spans
from test_grammar_offline import _no_languagetool, flagged  # noqa: F401 (an autouse fixture)

TEXT = ("Patients privacy and `code` matter. See https://example.org/a now &amp; then;\n"
        "a [link *text*](https://x.org) with `more code` here, ![img](i.png) and\\\n"
        "a hard break. Second  sentence with `x`.\n\n"
        "| cell | `c` words |\n|---|---|\n| a `b` c | d |\n")


def _doc(text: str):
    return parse_document("t.md", SourceText.from_bytes(text.encode("utf-8")))


def test_token_placeholder_flag_matches_the_source_map():
    doc = _doc(TEXT)
    checked = 0
    for block in doc.blocks:
        for tokens in sentence_tokens(doc, block):
            for t in tokens:
                assert t.placeholder == (block.source_offset(t.start) is None), t
                checked += 1
    placeholders = sum(t.placeholder for b in doc.blocks
                       for s in sentence_tokens(doc, b) for t in s)
    assert checked > 30 and placeholders == 7  # 5 code spans, a bare URL and an image


def test_tokens_are_made_once_per_document_and_remade_for_the_next():
    doc = _doc(TEXT)
    block = doc.blocks[0]
    assert sentence_tokens(doc, block) is sentence_tokens(doc, block)
    other = _doc(TEXT)
    assert sentence_tokens(other, other.blocks[0]) is not sentence_tokens(doc, block)
    assert [t.text for t in sentence_tokens(other, other.blocks[0])[0]] == \
        [t.text for t in sentence_tokens(doc, block)[0]]


def test_opaque_placeholders_replace_only_placeholders():
    doc = _doc("The `xs` has words and `ys` too.\n")
    tokens = sentence_tokens(doc, doc.blocks[0])[0]
    opaque = opaque_placeholders(doc.blocks[0], tokens)
    assert [t.text for t in opaque if t.placeholder] == ["\u27e8code\u27e9"] * 2
    assert [t.text for t in opaque if not t.placeholder] == ["The", "has", "words", "and", "too"]
    plain = sentence_tokens(doc, _doc("No code here.\n").blocks[0])
    assert opaque_placeholders(doc.blocks[0], plain[0]) is plain[0]


def test_repetition_same_on_ascii_and_non_ascii_blocks(tmp_path):
    # The ASCII block is matched by `re`, the other by `regex`: same findings.
    found = lint(tmp_path, REPETITION, "It is is fine.\n\nIt is is fine – café.\n")
    assert spans(found) == [(1, 4, 9, "is is"), (3, 4, 9, "is is")]


def test_repetition_ascii_separators_are_not_spaces(tmp_path):
    # `re` would read U+001C as a space between two words; `regex` (and so the rule) does not.
    found = lint(tmp_path, REPETITION, "the\x1cthe cat and and dog\n")
    assert spans(found) == [(1, 13, 20, "and and")]


@pytest.mark.parametrize("text, flagged_verbs", [
    ("Mosques in several cities has opened.\n", ["has"]),
    # Written capitalised mid-sentence elsewhere, in the same paragraph or another one: a name.
    ("Mosques in several cities has opened. We visited Mosques yesterday.\n", []),
    ("Mosques in several cities has opened.\n\nWe visited Mosques yesterday.\n", []),
    # Not names: at a sentence start, inside inline code, or in capitals.
    ("Mosques in several cities has opened. We saw it. Mosques are big.\n", ["has"]),
    ("Mosques in several cities has opened. We visit `Mosques` daily.\n", ["has"]),
    ("Mosques in several cities has opened. We saw MOSQUES.\n", ["has"]),
])
def test_agreement_names_come_from_the_whole_document(text, flagged_verbs):
    # Names are looked up lazily, block by block: the answer must be the document-wide one.
    assert [span for span, _fix in flagged("grammar.agreement", text)] == flagged_verbs


def test_folded_words_are_the_tokens_folded_forms():
    # Rules test a sentence's folded words before they ask for its tokens: both views must agree.
    doc = _doc(TEXT + "\nÉtat’s “Quoted” words, and DummyX.\n")
    seen = 0
    for block in doc.blocks:
        words = block_tokens(doc, block)
        for k, tokens in enumerate(sentence_tokens(doc, block)):
            assert words.tokens(k) is tokens
            assert words.lows[k] == tuple(fold(_OPAQUE_WORD) if t.placeholder else fold(t.text)
                                          for t in tokens)
            seen += len(tokens)
    assert seen > 30
