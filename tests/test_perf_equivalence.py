"""Speed-ups must not change results: each optimised path against the plain one."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.config import load_config
from linter.engine import parse_for_tests
from linter.pack import load_pack
from linter.patterns import compile_pattern, phrase_pattern, word_bounded

ROOT = Path(__file__).resolve().parent.parent


def _per_key_matcher(rule):
    """The substitution matcher as first written: one word-bounded group per key."""
    swap = rule.opts["swap"]
    groups = [f"(?P<s{i}>{word_bounded([key if rule.opts['regex'] else phrase_pattern(key)])})"
              for i, key in enumerate(swap)]
    return compile_pattern("|".join(groups), ignorecase=rule.opts["ignorecase"])


def _matches(matcher, text):
    return [(m.span(), m.lastgroup, m.group()) for m in matcher.finditer(text)]


def _substitution_rules():
    pack = load_pack(load_config(None, ROOT))
    rules = [r for r in pack.rules if r.kind == "substitution"]
    assert rules, "the bundled pack has substitution rules"
    return rules


def test_substitution_matcher_equals_per_key_matcher_on_the_seeds():
    texts = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [b.text for b in parse_for_tests(path.read_text("utf-8")).blocks]
    for rule in _substitution_rules():
        reference = _per_key_matcher(rule)
        found = 0
        for text in texts:
            got = _matches(rule.matcher, text)
            assert got == _matches(reference, text)
            found += len(got)
        assert found or rule.id != "style.wordiness"


KEYS = ["in order to", "in order", "orbits around", "a number of", "number", "utilize", "e.g.", "state-of-the-art"]
PIECES = KEYS + ["In", "order", "to", "ORBITS", "around", "x", "-", "'", "’", ".", ",", "e",
                 "g", "utilize's", "re-utilize", "\n", "  ", "state", "of", "art", "a", "number"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.lists(st.sampled_from(KEYS), min_size=1,
                                                                unique=True))
def test_substitution_matcher_equals_per_key_matcher_on_random_text(words, keys):
    from linter.kinds.generic.substitution import Substitution

    rule = Substitution("style.t", options={"swap": {k: "x" for k in keys}, "regex": False,
                                            "ignorecase": True, "exceptions": [], "fix": "safe",
                                            "scope": []})
    for sep in (" ", ""):
        text = sep.join(words)
        assert _matches(rule.matcher, text) == _matches(_per_key_matcher(rule), text)


def test_text_reporter_printable_equals_the_category_rule():
    import sys
    import unicodedata

    from linter.reporters.text import _printable

    def by_category(s: str) -> str:
        return "".join("\ufffd" if ch != "\t" and unicodedata.category(ch) == "Cc" else ch
                       for ch in s)

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert _printable(every) == by_category(every)
    assert _printable("a\tb\x1b[31mc\x85d\u2028e") == "a\tb\ufffd[31mc\ufffdd\u2028e"


def test_findings_survive_pickling_field_for_field():
    import dataclasses
    import pickle

    from linter.finding import Edit, Finding, Fix, Severity

    f = Finding("a b/ü.md", 3, 4, 5, 6, "style.x", Severity.INFO, "msg ‘q’", ("s1", "s2"),
                Fix((Edit(1, 2, "t"),), safe=False), 10, 20, "span", "ctx", "fp", "line",
                7, 8, 9, {"k": [1, 2]}, "group", 3)
    assert all(getattr(f, x.name) != x.default for x in dataclasses.fields(Finding)
               if x.default is not dataclasses.MISSING)  # every field is set, so each is checked
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        g = pickle.loads(pickle.dumps(f, protocol=protocol))
        assert g == f and type(g.severity) is Severity and g is not f
