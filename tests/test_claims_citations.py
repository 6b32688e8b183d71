"""Citation detection: each source form, what does not count, sentence scope, bare attributions."""

from __future__ import annotations

import pytest

from linter.engine import parse_for_tests
from linter.kinds.claims.citations import bare_attributions, citation_index

REFERENCES = "\n\n## References\n\n1. Tabbaa, S. (2008). A paper.\n2. Lee, K. (2010). Another.\n3. WHO (2021). Report.\n"


def cited(markdown: str, sentence_start: str) -> list[str]:
    """Citation kinds of the sentence that starts with `sentence_start`."""
    doc = parse_for_tests(markdown)
    index = citation_index(doc)
    for block in doc.blocks:
        for i, s in enumerate(block.sentences):
            if s.text.startswith(sentence_start):
                return [c.kind for c in index.citations(block, i)]
    raise AssertionError(f"no sentence starts with {sentence_start!r}")


# -- each source form counts --------------------------------------------------------------
@pytest.mark.parametrize("markdown, kind", [
    ("The plant opened in 2019 [per the ministry](https://health.example/plant).", "link"),
    ("The plant opened in [2019][moh].\n\n[moh]: https://health.example/plant", "link"),
    ("The plant opened in 2019 [Moh].\n\n[moh]: https://health.example/plant", "link"),
    ("The plant opened in 2019, see https://health.example/plant for details.", "link"),
    ("The plant opened in 2019 <https://health.example/plant>.", "link"),
    ("The plant opened in 2019.[^moh]\n\n[^moh]: Ministry of Health, annual report 2019.", "footnote"),
    ("The plant opened in 2019[^1] and grew.\n\n[^1]: Annual report.", "footnote"),
    ("The plant opened in 2019.^[Ministry of Health, annual report 2019.]", "footnote"),
    ("The plant opened in 2019 [2]." + REFERENCES, "numeric"),
    ("The plant opened in 2019 [1, 3]." + REFERENCES, "numeric"),
    ("The plant opened in 2019 [1–3]." + REFERENCES, "numeric"),
    ("The plant opened in 2019 (Tabbaa, 2008).", "author-year"),
    ("The plant opened in 2019 (Tabbaa 2008).", "author-year"),
    ("The plant opened in 2019 (Smith et al., 2019; Lee & Park, 2020a).", "author-year"),
    ("The plant opened in 2019 (see WHO, 2021, p. 4).", "author-year"),
    ("Tabbaa (2008) reports that the plant opened in 2019.", "author-year"),
    ("The plant opened in 2019 (doi:10.1000/xyz-123).", "identifier"),
    ("The plant opened in 2019, as 10.1371/journal.pmed.1000097 shows.", "identifier"),
    ("The plant opened in 2019 (arXiv:2101.00001).", "identifier"),
    ("The plant opened in 2019 (PMID: 31234567).", "identifier"),
])
def test_each_source_form_sources_the_sentence(markdown, kind):
    assert kind in cited(markdown, "The plant" if markdown.startswith("The") else "Tabbaa")


def test_references_section_with_paragraph_entries():
    md = "The plant opened in 2019 [4].\n\n## Sources\n\n[4] Ministry of Health, 2019.\n\n[5] WHO.\n"
    assert cited(md, "The plant") == ["numeric"]


def test_references_list_written_one_one_one_is_numbered_on():
    md = "The plant opened in 2019 [3].\n\n# Notes\n\n1. First.\n1. Second.\n1. Third.\n"
    assert cited(md, "The plant") == ["numeric"]


# -- what does not count ---------------------------------------------------------------------
@pytest.mark.parametrize("markdown", [
    "The plant opened in 2019 [per the ministry][nowhere].",  # unresolved reference
    "The plant opened in 2019.[^missing]",  # footnote without a definition
    "The plant opened in 2019 [2].",  # numeric, but no references section
    "The plant opened in 2019 [7]." + REFERENCES,  # numeric beyond the references
    "The plant opened in 2019 [1, 7]." + REFERENCES,  # one number not backed
    "The plant opened in 2019 ![photo](plant.png).",  # an image is not a source
    "The plant opened in 2019, see [below](#history).",  # an anchor in the same page
    "The plant opened in 2019, [write to us](mailto:desk@example.org).",
    "The plant opened in 2019 (March 2019).",  # a date in parentheses
    "The plant opened (in 2019) to great applause.",
    "The plant opened in 2019 (Summer 2019).",
    "The plant opened in 2019 `doi:10.1000/xyz`.",  # inline code is not prose
    "According to the ministry's annual report, the plant opened in 2019.",  # bare attribution
    "Studies show that the plant opened in 2019.",
])
def test_not_a_source(markdown):
    assert cited(markdown, "The plant" if markdown.startswith("The") else markdown[:10]) == []


# -- the sentence is the scope ---------------------------------------------------------------
def test_link_sources_only_its_own_sentence():
    md = "The plant opened in 2019. It employs [400 people](https://x.example/jobs). It is the largest."
    assert cited(md, "The plant") == []
    assert cited(md, "It employs") == ["link"]
    assert cited(md, "It is the largest") == []


def test_marker_after_the_full_stop_belongs_to_the_sentence_before():
    md = "The plant opened in 2019. [2] It employs 400 people." + REFERENCES
    assert cited(md, "The plant") == ["numeric"]
    assert cited(md, "[2] It employs") == []  # the splitter starts the next sentence at "[2]"
    md = "The plant opened in 2019.[^a] It employs 400 people.\n\n[^a]: Report."
    assert cited(md, "The plant") == ["footnote"]
    assert cited(md, "It employs") == []


def test_closing_source_line_covers_the_paragraph():
    md = ("The plant opened in 2019. It employs 400 people. "
          "Source: [Ministry of Health](https://health.example/report).")
    assert cited(md, "The plant") == ["link"]
    assert cited(md, "It employs") == ["link"]


def test_ordinary_last_sentence_link_does_not_cover_the_paragraph():
    md = ("The plant opened in 2019. It employs 400 people. "
          "The minister [visited it](https://health.example/visit) last week.")
    assert cited(md, "The plant") == []
    assert cited(md, "It employs") == []


def test_a_source_line_without_a_citation_covers_nothing():
    md = "The plant opened in 2019. Source: the ministry."
    assert cited(md, "The plant") == []


# -- source blocks are not claims ------------------------------------------------------------
def test_footnotes_and_reference_entries_are_source_blocks():
    md = ("The plant opened in 2019.[^a]\n\n[^a]: The ministry opened 42 clinics in 2019.\n"
          + REFERENCES + "\n## After\n\nThe clinic treats 3,000 patients.\n")
    doc = parse_for_tests(md)
    index = citation_index(doc)
    kinds = {b.text: index.is_source_block(b) for b in doc.blocks if not b.is_heading}
    assert kinds["The plant opened in 2019."] is False
    assert kinds["The ministry opened 42 clinics in 2019."] is True
    assert kinds["Tabbaa, S. (2008). A paper."] is True
    assert kinds["The clinic treats 3,000 patients."] is False  # the section ended


# -- bare attributions --------------------------------------------------------------------
@pytest.mark.parametrize("sentence, phrase", [
    ("According to the ministry's annual report, unemployment fell.",
     "According to the ministry's annual report"),
    ("Studies show that tea helps.", "Studies show"),
    ("Experts say the plan will fail.", "Experts say"),
    ("A study published in 2019 found that the rate fell.", "A study published in 2019"),
    ("The rate fell, as reported by the national press agency.",
     "as reported by the national press agency"),
    ("It is widely believed that the rate fell.", "It is widely believed"),
])
def test_bare_attributions_are_found_with_their_phrase(sentence, phrase):
    assert [a.text for a in bare_attributions(sentence)] == [phrase]


@pytest.mark.parametrize("sentence", [
    "Health research is essential for medical breakthroughs.",
    "The report was long and the study was careful.",
    "We will study the data next year.",
    "The programme is widely recognised as a model.",  # fame, not a source: a signal only
])
def test_no_bare_attribution_in_plain_sentences(sentence):
    assert bare_attributions(sentence) == []
