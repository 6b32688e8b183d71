"""claims.unsourced: signals, the labelled article sentences, threshold config, what is never a claim."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # claims_support, whatever pytest's import mode
from claims_support import SEEDS, by_rule, default_pack, lint, pack_with, position, read_labelled

from linter.config import ConfigError
from linter.finding import Severity
from linter.kinds.claims.signals import find_signals, signal_names

UNSOURCED = """
rules:
  claims.unsourced:
    kind: unsourced-claim
{options}
"""


def unsourced_pack(tmp_path, **options):
    lines = "".join(f"    {k}: {v}\n" for k, v in options.items())
    return pack_with(tmp_path, UNSOURCED.format(options=lines))


def rule_of(pack):
    return pack.by_id("claims.unsourced")


# -- signals -----------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, signal, text", [
    ("Rizwan Ahmed, a member of the Islamic Ummah, developed a low-cost dialysis machine.",
     "actor", "Rizwan Ahmed … developed"),
    ("The World Bank approved a loan for the clinics.", "actor", "World Bank … approved"),
    ("The clinic opened in 2015 with six beds.", "number", "2015"),
    ("Coverage reached 95 percent of the population.", "number", "95 percent"),
    ("The plan costs $4 billion over ten years.", "number", "$4 billion"),
    ("The outbreak ended on 3 May 2020 after a long fight.", "number", "3 May 2020"),
    ("Nearly one in five adults lives with diabetes.", "number", "one in five"),
    ("Kuwait's health budget doubled over the past decade.", "number", "doubled"),
    ("Morocco became the first African country to make insulin.", "superlative", "the first"),
    ("It is the largest hospital in the region.", "superlative", "largest"),
    ("The nation has emerged as a global role model in vaccine distribution.", "superlative",
     "role model"),
    ("The centre became a world leader in sickle cell care.", "superlative", "world leader"),
    ("It transferred its superior imaging techniques.", "superlative", "superior"),
    ("Experts say the new method cuts waiting times.", "attribution", "Experts say"),
    ("The programme is widely recognised as a model.", "attribution", "widely recognised"),
    ("Malaysia ranked third in the index last year.", "ranking", "ranked"),
    ("Iran is among the top producers of generic medicines.", "ranking", "among the top"),
    ("It is the second-largest port on the coast.", "ranking", "second-largest"),
])
def test_signal_fires(sentence, signal, text):
    found = [(s.name, s.text) for s in find_signals(sentence)]
    assert (signal, text) in found


@pytest.mark.parametrize("sentence", [
    "Health research is essential for medical breakthroughs that improve population well-being.",
    "During the COVID-19 pandemic, volunteers cooked for their neighbours.",  # COVID-19 is a name
    "Hospitals should share best practices with their partners abroad.",  # not a superlative
    "The first part of this series looked at hospital design.",  # an ordinal, not a first
    "Social solidarity is the binding force within the Islamic Ummah.",
    "We believe that health is a shared responsibility.",
])
def test_no_signal_in_value_statements_and_names(sentence):
    assert signal_names(find_signals(sentence)) == []


# -- labelled article sentences ---------------------------------------------------------------
def decide(rule, rows):
    tp = fp = fn = 0
    wrong = []
    for gold, text in rows:
        pred = rule.assess(text) is not None
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        if pred != gold:
            wrong.append(("missed" if gold else "false alarm", text))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, wrong


def test_article_sentences_tuning_set():
    """Sentences the threshold and signals were tuned on: precision first."""
    rows = read_labelled("claims_article_sentences.tsv")
    assert sum(g for g, _ in rows) >= 80 and sum(not g for g, _ in rows) >= 80
    precision, recall, wrong = decide(rule_of(default_pack()), rows)
    assert precision >= 0.97, [w for w in wrong if w[0] == "false alarm"]
    assert recall >= 0.85, [w for w in wrong if w[0] == "missed"]


def test_article_sentences_held_out_set():
    """Written after tuning and never tuned on (README records the figures)."""
    rows = read_labelled("claims_article_heldout.tsv")
    assert sum(g for g, _ in rows) >= 40 and sum(not g for g, _ in rows) >= 40
    precision, recall, wrong = decide(rule_of(default_pack()), rows)
    assert precision >= 0.9, [w for w in wrong if w[0] == "false alarm"]
    assert recall >= 0.8, [w for w in wrong if w[0] == "missed"]


@pytest.mark.parametrize("sentence", [
    "Health research is essential for medical breakthroughs that improve population well-being.",
    "Education is the best investment a society can make in its future.",
    "Clean water is one of the most important conditions for good health.",
    "Mutual respect is the first step towards lasting cooperation.",
    "Telemedicine is the delivery of health care at a distance using digital tools.",
    "Why did 40 percent of the clinics close in 2019?",  # a question
    "“The first duty of a state is to protect the health of its people.”",  # a quoted principle
])
def test_not_claims(sentence):
    assert lint(sentence) == []


# -- findings: position, message, data ------------------------------------------------------------
def test_warning_at_the_sentence_with_signals_and_score():
    text = "# Clinics\n\nThe clinics are busy. The ministry opened 42 new rural clinics in 2019.\n"
    [f] = by_rule(lint(text), "claims.unsourced")
    assert f.severity is Severity.WARNING
    assert (f.line, f.column) == position(text, "The ministry")
    assert f.span_text == "The ministry opened 42 new rural clinics in 2019."
    assert "a number, date or amount '42', '2019'" in f.message
    assert f"score {f.data['score']:.2f}" in f.message
    assert 0.3 < f.data["score"] <= 1.0
    assert {"signal": "number", "text": "2019"} in f.data["signals"]


def test_bare_attribution_gets_its_own_message():
    text = "According to the ministry's annual report, 42 rural clinics opened in 2019."
    [f] = by_rule(lint(text), "claims.unsourced")
    assert f.message.startswith(
        "'According to the ministry's annual report' is not a verifiable source")
    assert f.data["attribution"] == "According to the ministry's annual report"


def test_sourced_claims_are_not_reported():
    for text in ("The ministry opened 42 new rural clinics in [2019](https://moh.example/2019).",
                 "The ministry opened 42 new rural clinics in 2019.[^1]\n\n[^1]: Annual report.",
                 "The ministry opened 42 new rural clinics in 2019 (Hassan, 2020)."):
        assert by_rule(lint(text), "claims.unsourced") == [], text


def test_positions_with_inline_code_non_ascii_and_crlf():
    text = "Intro – “ok”.\r\n\r\n`clinic.py` shows the ministry opened 42 clinics in 2019 in Tétouan.\r\n"
    [f] = by_rule(lint(text), "claims.unsourced")
    # The sentence opens with inline code: the finding starts after it, never inside it.
    assert (f.line, f.column) == position(text, "shows the ministry") == (3, 13)
    assert f.span_text == "shows the ministry opened 42 clinics in 2019 in Tétouan."


@pytest.mark.parametrize("text", [
    "## The ministry opened 42 new rural clinics in 2019\n",  # heading
    "> The ministry opened 42 new rural clinics in 2019.\n",  # blockquote
    "Clinics.[^1]\n\n[^1]: The ministry opened 42 new rural clinics in 2019.\n",  # footnote
    "See [1].\n\n## References\n\n1. The ministry opened 42 new rural clinics in 2019.\n",
    "The ministry opened 42 clinics.\n",  # shorter than min_words
    "<!-- lint-corpus-disable-next-line claims -->\nThe ministry opened 42 new rural clinics in 2019.\n",
])
def test_never_checked(text):
    assert by_rule(lint(text), "claims.unsourced") == []


def test_blockquotes_checked_when_asked(tmp_path):
    text = "> The ministry opened 42 new rural clinics in 2019.\n"
    assert by_rule(lint(text, unsourced_pack(tmp_path, quotes="true")), "claims.unsourced")


def test_registry_sentences_are_left_to_the_registry():
    path = next(SEEDS.glob("000_*.txt"))
    text = path.read_text("utf-8")
    findings = lint(text, default_pack(), path.name)
    registry_lines = {f.line for f in by_rule(findings, "claims.registry")}
    unsourced_lines = {f.line for f in by_rule(findings, "claims.unsourced")}
    nepal = position(text, "For instance, after the catastrophic earthquake in Nepal")[0]
    assert nepal in registry_lines and nepal not in unsourced_lines


def test_verified_registry_claims_silence_both_rules(tmp_path):
    pack = pack_with(tmp_path, UNSOURCED.format(options="") + """
claims:
  clinics:
    status: verified
    note: Checked against the 2019 annual report.
    patterns: [['42', 'clinics']]
""")
    assert lint("The ministry opened 42 new rural clinics in 2019.", pack) == []


# -- configuration ----------------------------------------------------------------------------
SENTENCE = "The ministry opened 42 new rural clinics in 2019."


def test_threshold_controls_reporting(tmp_path):
    score = by_rule(lint(SENTENCE), "claims.unsourced")[0].data["score"]
    below = unsourced_pack(tmp_path / "a", threshold=round(score - 0.05, 2))
    above = unsourced_pack(tmp_path / "b", threshold=round(min(score + 0.05, 0.99), 2))
    assert len(lint(SENTENCE, below)) == 1
    assert lint(SENTENCE, above) == []


def test_signals_option_limits_candidates(tmp_path):
    assert lint(SENTENCE, unsourced_pack(tmp_path / "a", signals="[superlative]")) == []
    assert lint(SENTENCE, unsourced_pack(tmp_path / "b", signals="[number]")) != []


def test_require_signal_false_scores_every_sentence(tmp_path):
    pack = unsourced_pack(tmp_path, require_signal="false", threshold=0.0)
    [f] = lint("Health research is essential for medical breakthroughs.", pack)
    assert "no lexical signal" in f.message


def test_custom_message(tmp_path):
    pack = unsourced_pack(tmp_path, message="'Needs a source ({score}) – {signals}'")
    [f] = lint(SENTENCE, pack)
    assert f.message.startswith("Needs a source (0.") and "'2019'" in f.message


@pytest.mark.parametrize("option, value, words", [
    ("threshold", "1.5", "'threshold' must be at least 0 and below 1"),
    ("threshold", "high", "'threshold' must be a number"),
    ("signals", "[numbers]", "unknown signal 'numbers'"),
    ("min_words", "-1", "'min_words' must not be negative"),
    ("scope", "[paragraphs]", "unknown scope 'paragraphs'"),
])
def test_bad_options_name_file_and_line(tmp_path, option, value, words):
    with pytest.raises(ConfigError) as err:
        unsourced_pack(tmp_path, **{option: value})
    assert err.value.line == 5 and words in err.value.message


# -- the seeds (done-when) ----------------------------------------------------------------------
SEED_UNSOURCED = [  # specific claims outside the registry
    ("000", "From the creation of state-of-the-art medical instrumentation"),
    ("001", "For instance, Islamic Nation, guided by the spirit"),
    ("002", "For example, partnerships between researchers from Islamic countries and the US"),
]
SEED_VALUE_STATEMENTS = [
    ("000", "The Islamic Nation is founded on various principles and values."),
    ("000", "Harmonious coexistence extends beyond merely resolving conflicts"),
    ("002", "Health research is essential for medical breakthroughs"),
    ("002", "The complexity and multi-disciplinary nature of health research"),
    ("003", "Health worker exchange programs are initiatives"),
    ("004", "Social solidarity is the binding force within the Islamic Ummah."),
    ("004", "In conclusion, the quintessence of the Islamic vision"),
]


def seed_findings(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text("utf-8")
    return text, by_rule(lint(text, default_pack(), path.name), "claims.unsourced")


@pytest.mark.parametrize("prefix, sentence", SEED_UNSOURCED)
def test_seed_claims_get_unsourced_warnings(prefix, sentence):
    text, findings = seed_findings(prefix)
    assert position(text, sentence) in {(f.line, f.column) for f in findings}


@pytest.mark.parametrize("prefix, sentence", SEED_VALUE_STATEMENTS)
def test_seed_value_statements_get_none(prefix, sentence):
    text, findings = seed_findings(prefix)
    line = position(text, sentence)[0]
    assert [f for f in findings if f.line == line] == []


def test_seed_headings_get_none():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        heading_lines = {i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("#")}
        findings = lint(text, default_pack(), path.name)
        assert not [f for f in findings if f.line in heading_lines], path.name


def test_positions_survive_crlf_bom_and_front_matter():
    """Same findings at the same columns; lines shift only by the front matter."""
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        plain = [(f.rule, f.line, f.column, f.span_text) for f in lint(text, default_pack())]
        variant = "\ufeff---\ntitle: x\n---\n" + text
        variant = variant.replace("\n", "\r\n")
        engine_findings = lint(variant, default_pack())
        moved = [(f.rule, f.line - 3, f.column, f.span_text.replace("\r\n", "\n"))
                 for f in engine_findings]
        assert moved == plain, path.name
        for f in engine_findings:
            assert f.span_text.startswith(f.source_line[f.column - 1:][:20])
