"""The word-list prefilter may only skip blocks where the full alternation finds nothing."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings, strategies as st

from linter.kinds.generic.prefilter import PhraseFilter, phrase_key
from linter.patterns import compile_pattern, phrase_pattern, word_bounded

# Words and separators chosen to hit the edges: case variants the engines fold
# (Kelvin sign, long s, dotted and dotless i), apostrophes and hyphens inside
# words, punctuation inside a first word, combining marks, odd whitespace.
WORDS = ["in", "In", "IN", "order", "to", "it's", "it’s", "e.g.", "co-op", "Ko", "Ko",
         "ſo", "so", "İt", "ıt", "it", "café", "café", "(so-called)", "state", "of", "art"]
SEPARATORS = [" ", "  ", "\n", "\t", "-", ".", ",", "'", "’", "\u00a0", "\u2009", "", "\x1c"]

phrases_st = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    min_size=1, max_size=4)
text_st = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                   max_size=12).map(lambda parts: "".join(w + s for w, s in parts))


def block(text: str):
    return SimpleNamespace(text=text, index=0)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(phrases=phrases_st, text=text_st, ignorecase=st.booleans())
def test_filter_never_skips_a_block_that_matches(phrases, text, ignorecase):
    matcher = compile_pattern(word_bounded([phrase_pattern(p) for p in phrases]),
                              ignorecase=ignorecase)
    document = object()  # a fresh document each time: no stale cache
    if matcher.search(text):
        assert PhraseFilter(phrases, ignorecase).may_match(document, block(text))


def test_filter_skips_blocks_without_a_first_word_or_pair():
    f = PhraseFilter(["in order to", "radiantly palpable", "pathmaker"], ignorecase=True)
    doc = object()
    assert not f.may_match(doc, block("In the order of things, radiant and palpable."))
    assert f.may_match(object(), block("IN  ORDER\nto win"))
    assert f.may_match(object(), block("a Pathmaker."))


def test_keys():
    assert phrase_key("in order to", True) == ("in", "order")
    assert phrase_key("e.g. this", True) == "e"  # the first word is not a whole run
    assert phrase_key("(so-called)", True) is None
    assert phrase_key("Kelvin", True) == phrase_key("kelvin", True)
    assert phrase_key("İt", True) == phrase_key("it", True) == phrase_key("ıt", True)
    assert phrase_key("It", False) == "It"
