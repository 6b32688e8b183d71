"""The quick linkify pretest answers exactly as linkify-it's own."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from linkify_it import LinkifyIt

from linter.document.markdown import parser

PIECES = ["a", "b", "com", "org", "рф", "x", ".", "..", ":", "/", "//", "@", "www", "WWW", "w",
          "localhost", "LOCALHOſT", "http", "HTTPS", "ftp", "mailto", "1", "23", "_", " ", "\n",
          "e.g.", "U.S.", "4.5", "ſ", "K", "<", ">", "|", "é", "(", ")", "-", "'"]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_quick_pretest_agrees_with_linkify_it(text):
    assert parser().linkify.pretest(text) == LinkifyIt().pretest(text)


def test_quick_pretest_is_installed_and_fast_path_says_no():
    linkify = parser().linkify
    assert "pretest" in vars(linkify)  # the instance's own, not the class's
    assert linkify.pretest("A sentence. Another one, with no link at all!") is False
    assert linkify.pretest("See example.com today") is True
