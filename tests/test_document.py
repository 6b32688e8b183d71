"""The document model: prose extraction and exact positions back to the source."""

from __future__ import annotations

from linter.document import parse_document
from linter.source import SourceText


def doc_of(text: str, *, crlf: bool = False, bom: bool = False):
    if crlf:
        text = text.replace("\n", "\r\n")
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    return parse_document("t.md", SourceText.from_bytes(raw))


def locate(doc, needle: str, nth: int = 0):
    """(line, col, end_line, end_col) of the nth occurrence of `needle` in the prose."""
    seen = 0
    for block in doc.blocks:
        start = block.text.find(needle)
        while start >= 0:
            if seen == nth:
                span = block.to_source(start, start + len(needle))
                assert span is not None, needle
                assert doc.text[span[0]:span[1]] == needle
                return (*doc.position(span[0]), *doc.position(span[1]))
            seen += 1
            start = block.text.find(needle, start + 1)
    raise AssertionError(f"{needle!r} not in prose")


SAMPLE = """\
---
title: Front matter is not prose
---
# Heading with *emphasis*

A [link text](https://example.com/path "Title") and `inline code` then target.
Soft break continues with **bold target** &amp; café’s naïve – ü target.

```python
target = "never prose"
```

    indented code target

<div>html target</div>

<!-- a comment with target -->

- list item target
  > quote in list target

| col a | col b target |
|-------|--------------|
| cell  | x `y` zeta   |

Text with footnote[^n] and https://bare.example/url target.

[^n]: Footnote text target.
"""


def test_prose_excludes_code_html_front_matter_and_urls():
    doc = doc_of(SAMPLE)
    prose = "\n".join(b.text for b in doc.blocks)
    assert "never prose" not in prose
    assert "indented code" not in prose
    assert "html target" not in prose
    assert "a comment" not in prose
    assert "Front matter" not in prose
    assert "https://" not in prose and "example.com" not in prose
    assert "inline code" not in prose
    assert "link text" in prose  # link text stays


def test_block_kinds_and_containers():
    doc = doc_of(SAMPLE)
    kinds = [(b.kind, b.containers) for b in doc.blocks]
    assert kinds[0] == ("heading", ())
    assert ("paragraph", ("list_item",)) in kinds
    assert ("paragraph", ("list_item", "blockquote")) in kinds
    assert ("table_cell", ()) in kinds
    assert ("paragraph", ("footnote",)) in kinds
    assert doc.blocks[0].level == 1 and doc.blocks[0].text == "Heading with emphasis"


def test_inline_code_becomes_a_placeholder_word():
    doc = doc_of("Use `pip install` to install.\n")
    assert doc.blocks[0].text == "Use Dummy0 to install."
    block = doc.blocks[0]
    start = block.text.index("Dummy0")
    assert block.to_source(start, start + 6) is None  # never reported inside code
    # A sentence containing the placeholder maps as a whole.
    assert block.to_source(0, len(block.text)) == (0, len("Use `pip install` to install."))


def test_positions_lf():
    doc = doc_of(SAMPLE)
    assert locate(doc, "target", 0) == (6, 72, 6, 78)
    assert locate(doc, "bold target") == (7, 29, 7, 40)
    assert locate(doc, "café’s naïve – ü target") == (7, 49, 7, 72)
    assert locate(doc, "list item target") == (19, 3, 19, 19)
    assert locate(doc, "quote in list target") == (20, 5, 20, 25)
    assert locate(doc, "col b target") == (22, 11, 22, 23)
    assert locate(doc, "zeta") == (24, 17, 24, 21)  # after inline code in a cell
    assert locate(doc, "Footnote text target") == (28, 7, 28, 27)


def test_positions_identical_with_crlf_and_bom():
    plain = doc_of(SAMPLE)
    for crlf, bom in ((True, False), (False, True), (True, True)):
        other = doc_of(SAMPLE, crlf=crlf, bom=bom)
        for needle, nth in (("target", 0), ("bold target", 0), ("ü target", 0),
                            ("quote in list target", 0), ("Footnote text target", 0)):
            assert locate(other, needle, nth) == locate(plain, needle, nth), (crlf, bom, needle)


def test_tabs_count_as_one_column():
    doc = doc_of("\tIndented by a tab is code.\n\nA\ttab then target.\n")
    assert locate(doc, "target") == (3, 12, 3, 18)


def test_soft_break_is_a_space_mapped_to_the_newline():
    doc = doc_of("first line\r\nsecond line\r\n")
    block = doc.blocks[0]
    assert block.text == "first line second line"
    assert block.to_source(6, 17) == (6, 17)  # "line\nsecond" in normalised text
    assert doc.position(17) == (2, 7)


def test_entities_and_escapes_map_to_their_source_spelling():
    doc = doc_of("Fish &amp; chips \\* done.\n")
    block = doc.blocks[0]
    assert block.text == "Fish & chips * done."
    amp = block.text.index("&")
    assert block.to_source(amp, amp + 1) == (5, 10)
    star = block.text.index("*")
    assert block.to_source(star, star + 1) == (17, 19)


def test_links_and_footnotes_are_recorded_for_citation_rules():
    doc = doc_of("See [the report](https://x.org/r) and [ref][r] and a note[^1].\n\n"
                 "[r]: https://ref.org\n\n[^1]: The note.\n")
    block = doc.blocks[0]
    assert [(block.text[l.start:l.end], l.target, l.kind) for l in block.links] == [
        ("the report", "https://x.org/r", "inline"),
        ("ref", "https://ref.org", "reference"),
    ]
    assert block.footnote_refs == [(len("See the report and ref and a note"), "1")]
    assert doc.footnote_definitions == {"1"}
    assert doc.link_references == {"R": "https://ref.org"}


def test_sentences_survive_abbreviations_decimals_and_quotes():
    doc = doc_of('Dr. Smith moved to the U.S. in 2015. Growth was 4.5 percent, e.g. in '
                 'exports. "Is it done?" she asked. Then he left.\n')
    sentences = [s.text for s in doc.blocks[0].sentences]
    assert sentences == [
        "Dr. Smith moved to the U.S. in 2015.",
        "Growth was 4.5 percent, e.g. in exports.",
        '"Is it done?" she asked.',
        "Then he left.",
    ]


def test_words():
    doc = doc_of("State-of-the-art labs, Smith’s 4.5% rise.\n")
    assert [w.text for w in doc.blocks[0].words] == ["State-of-the-art", "labs", "Smith’s", "4.5", "rise"]


def test_heading_is_its_own_block():
    doc = doc_of("## Moving Forward\n\nMoving forward, we act.\n")
    assert [b.text for b in doc.blocks] == ["Moving Forward", "Moving forward, we act."]


def test_unmappable_block_is_skipped_not_misreported():
    # An escaped pipe inside a table cell is unescaped by the parser, so the cell
    # text is not a verbatim slice of the source: that cell is left out.
    doc = doc_of("| a \\| b | c target |\n|---|---|\n| d | e |\n")
    texts = [b.text for b in doc.blocks]
    assert "a | b" not in texts
    assert locate(doc, "c target") == (1, 12, 1, 20)
    assert doc.unmapped


def test_empty_and_whitespace_documents():
    assert doc_of("").blocks == []
    assert doc_of("\n\n   \n").blocks == []
