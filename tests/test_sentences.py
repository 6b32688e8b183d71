"""Sentence segmentation: abbreviations, decimals, initials, quotes and brackets."""

from __future__ import annotations

import pytest

from linter.document.sentences import split_sentences, split_words


@pytest.mark.parametrize("text, expected", [
    ("Dr. Smith went to the U.S. in 2015. He paid $4.5 million, e.g. for tools.",
     ["Dr. Smith went to the U.S. in 2015.", "He paid $4.5 million, e.g. for tools."]),
    ('"Is it done?" she asked. Then he left.', ['"Is it done?" she asked.', "Then he left."]),
    ('Mr. Khan said "we will win." Then it rained.',
     ['Mr. Khan said "we will win."', "Then it rained."]),
    ("He moved to the U.S. Then he left.", ["He moved to the U.S.", "Then he left."]),
    ("The U.S. Army helped.", ["The U.S. Army helped."]),
    ("It grew 4.5% in 2015. See e.g. the report.", ["It grew 4.5% in 2015.", "See e.g. the report."]),
    ("J. R. R. Tolkien wrote it. Wow! Really? Yes… 3 people came.",
     ["J. R. R. Tolkien wrote it.", "Wow!", "Really?", "Yes…", "3 people came."]),
    ("It was fine (really). “Quoted.” Next one.", ["It was fine (really).", "“Quoted.”", "Next one."]),
    ("Costs rose, i.e. Prices went up. Smith et al. Found it.",
     ["Costs rose, i.e. Prices went up.", "Smith et al. Found it."]),
    ("Apples, pears, etc. The rest followed.", ["Apples, pears, etc.", "The rest followed."]),
    ("See Fig. 3 for details. No. 5 won.", ["See Fig. 3 for details.", "No. 5 won."]),
    ("Ends without punctuation", ["Ends without punctuation"]),
    ("  Leading space. Trailing space.  ", ["Leading space.", "Trailing space."]),
    ("", []),
])
def test_split_sentences(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_words_are_verbatim_slices():
    text = "State-of-the-art labs, Smith’s 4.5% rise in the U.S."
    words = split_words(text)
    assert [w.text for w in words] == ["State-of-the-art", "labs", "Smith’s", "4.5", "rise", "in",
                                       "the", "U.S"]
    assert all(text[w.start:w.end] == w.text for w in words)
