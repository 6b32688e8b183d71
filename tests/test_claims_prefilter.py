"""The claims prefilter skips a regex only where the regex cannot match."""

import re
from pathlib import Path

import pytest

from linter.kinds.claims import signals
from linter.kinds.claims.prefilter import editor_gate, fold, literal_gate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize("pattern, words, parts", [
    (r"\bfoo\b", {"foo"}, set()),
    (r"\bfoo", set(), {"foo"}),                      # no right edge: a substring
    (r"\b(?:ab)+\b", set(), {"ab"}),                 # the edges bound the repetition
    (r"\bexperts?\s", {"expert", "experts"}, set()),  # "\s" ends the word
    (r"(?:for|six)ty", set(), {"forty", "sixty"}),
    (r"(?<![\w'-])(?:Rizwan|Ahmed)(?![\w'-])", {"rizwan", "ahmed"}, set()),
    # An optional non-word-led repeat keeps the edge after it: "ten" or "ten-two" ...
    (r"\b(?:two|ten)(?:[\s-](?:two|ten))*\b", {"two", "ten"}, set()),
    (r"\bten(?:\stwo)*", set(), {"ten"}),          # ... but not when nothing edges it
    (r"\bten(?:x-)*\b", set(), {"ten"}),           # ... nor when the repeat opens with a letter
    # An alternative takes a requirement the others already bring ("\d"), not a new one.
    (r"\d+\s?percent|\$\s\d|\d{4}", set(), set("0123456789")),
])
def test_gate_lists_what_every_match_contains(pattern, words, parts):
    gate = literal_gate(pattern, re.IGNORECASE)
    assert set(gate.words) == words and set(gate.parts) == parts


def test_each_alternative_must_meet_all_its_requirements():
    # The parser hoists the shared "\\b"; each alternative still needs both of its words.
    gate = literal_gate(r"\b(?:ranked|(?:third|fourth)\sin\sthe\sworld)\b", re.IGNORECASE)
    assert gate.words == {"ranked", "world"} and gate.alternatives is not None
    assert gate.admits(fold("It ranked well.")) and gate.admits(fold("Third in the WORLD."))
    assert not gate.admits(fold("The world is big."))  # "world" alone: no alternative matches
    assert literal_gate(r"\bworld\b").alternatives is None  # one requirement: nothing to add


@pytest.mark.parametrize("pattern", [r"[a-z]+", r"x|", r"a*", r"(?:a|b*)c?"])
def test_no_gate_when_nothing_is_required(pattern):
    assert literal_gate(pattern) is None


def test_regex_only_syntax_gets_no_gate():
    assert editor_gate("[[:alpha:]]x", "[[:alpha:]]x") is None
    assert editor_gate("(?:foo){e<=1}", "(?:foo){e<=1}") is None


def test_text_with_cased_non_ascii_is_not_judged():
    assert fold("The Kelvin sign \u212a matches k") is None
    assert fold("café") is None
    assert fold("It’s a “quote” — fine").text == "it’s a “quote” — fine"
    gate = literal_gate(r"\bbest\b", re.IGNORECASE)
    assert gate.admits(fold("The BEST one"))
    assert not gate.admits(fold("The bestseller list"))
    assert gate.admits(None)


def _sentences():
    for path in sorted(p for p in SEEDS.rglob("*") if p.suffix in (".md", ".txt")):
        text = path.read_text("utf-8")
        yield from (s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip())
    for name in ("claims_article_sentences.tsv", "claims_article_heldout.tsv"):
        for line in (DATA / name).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")[-1]
    yield from ("The clinic opened in 2015 with 40 beds.", "Experts say it is the BEST in the world.",
                "She ranked third; the #1 team doubled its budget.", "WHO developed a vaccine.",
                "It’s widely recognised as a world-class pioneer.", "Thirty-five percent of people.")


def test_gated_signals_equal_ungated_signals(monkeypatch):
    sentences = list(_sentences())
    gated = [signals.find_signals(s) for s in sentences]
    ungated_patterns = tuple((n, rx, None) for n, rx, _ in signals._gated_patterns())
    monkeypatch.setattr(signals, "_gated_patterns", lambda: ungated_patterns)
    assert [signals.find_signals(s) for s in sentences] == gated
    assert sum(map(bool, gated)) > 5  # the comparison covers sentences with signals


def test_registry_candidate_index_asks_every_claim_that_could_match():
    from claims_support import default_pack

    from linter.kinds.claims.known_claims import load_registry

    registry = load_registry(default_pack())
    sentences = list(_sentences()) + [c.claim for c in registry.claims]
    indexed = [registry.matching(s) for s in sentences]
    every_claim = [[c for c in registry.claims if c.matches(s, fold(s))] for s in sentences]
    assert indexed == every_claim
    assert sum(map(bool, indexed)) >= len(registry.claims)  # each claim's own sentence matches


def test_fold_in_folds_once_per_document():
    from linter.kinds.claims.prefilter import fold_in

    doc_a, doc_b = object(), object()
    first = fold_in(doc_a, "The BEST one")
    assert first.text == "the best one" and fold_in(doc_a, "The BEST one") is first
    assert fold_in(doc_b, "The BEST one") is not first  # a new document folds again
    assert fold_in(doc_b, "café") is None


def test_a_gate_of_parts_only_never_splits_the_text_into_words():
    gate = literal_gate(r"10\.\d{4}/", re.IGNORECASE)
    assert not gate.words and gate.parts
    folded = fold("A long block of prose with doi 10.1000/xyz in it.")
    assert gate.admits(folded) and folded._words is None
    assert literal_gate(r"\bdoi\b", re.IGNORECASE).admits(folded)  # a word gate splits it
    assert folded._words is not None and "doi" in folded.words


def test_a_fold_counts_the_words_of_the_text_before_folding():
    sentences = [s for s in _sentences() if fold(s) is not None]
    assert len(sentences) > 20
    counted = [len(re.findall(r"\w+", s)) for s in sentences]
    assert [fold(s).word_count for s in sentences] == counted
