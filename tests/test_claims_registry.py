"""claims.registry: matching with paraphrases, the statuses, sources, config errors, the seeds."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # claims_support, whatever pytest's import mode
from claims_support import SEEDS, by_rule, default_pack, lint, pack_with, position, shipped_claims_yml

from linter.config import ConfigError
from linter.finding import Severity

REGISTRY = """
rules:
  claims.registry:
    kind: claim-registry
claims:
  dialysis:
    claim: Rizwan Ahmed developed a low-cost dialysis machine.
    status: {status}
    note: No source names the inventor.
    patterns:
      - ['dialy[sz]\\w*', 'Rizwan|Ahmed']
      - ['dialy[sz]\\w*', 'low-cost|affordable', 'develop\\w*|invent\\w*']
    sources: [https://example.org/dialysis-report, 10.1000/dialysis.42]
"""

SENTENCE = "Rizwan Ahmed developed a low-cost dialysis machine for rural clinics."


def registry_pack(tmp_path, status="unverified", extra_rule=""):
    text = REGISTRY.format(status=status)
    if extra_rule:
        text = text.replace("    kind: claim-registry\n", "    kind: claim-registry\n" + extra_rule)
    return pack_with(tmp_path, text)


# -- matching paraphrases ---------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    SENTENCE,
    "The dialysis machine that Ahmed built costs a tenth of imported ones.",
    "A dialyser designed by Rizwan Ahmed is now in use.",
    "An affordable dialysis unit was developed in Lahore.",
    "In 2010, the engineer Rizwan\nAhmed showed a dialysis prototype.",  # across a line break
])
def test_paraphrases_match(tmp_path, sentence):
    findings = lint(sentence, registry_pack(tmp_path))
    assert [f.data["claim"] for f in findings] == ["dialysis"]


@pytest.mark.parametrize("sentence", [
    "Dialysis filters waste from the blood when the kidneys fail.",  # no name, no low-cost
    "Rizwan Ahmed opened a bakery in Lahore.",  # no dialysis
    "Haemodialysis is costly for patients.",  # terms match whole words only
])
def test_unrelated_sentences_do_not_match(tmp_path, sentence):
    assert lint(sentence, registry_pack(tmp_path)) == []


def test_terms_in_different_sentences_do_not_match(tmp_path):
    text = "Rizwan Ahmed is an engineer. Dialysis is costly."
    assert lint(text, registry_pack(tmp_path)) == []


def test_finding_is_an_error_at_the_sentence_with_the_note(tmp_path):
    text = "# Heading\n\nThe clinic is new. " + SENTENCE + "\n"
    [f] = lint(text, registry_pack(tmp_path))
    assert (f.line, f.column) == position(text, "Rizwan")
    assert f.span_text == SENTENCE
    assert f.severity is Severity.ERROR and f.rule == "claims.registry"
    assert "No source names the inventor." in f.message and "'dialysis'" in f.message
    assert "https://example.org/dialysis-report" in f.message
    assert f.suggestions == ()  # a URL must never be offered as a replacement
    assert f.data["sources"] == ["https://example.org/dialysis-report", "10.1000/dialysis.42"]


def test_headings_are_not_checked(tmp_path):
    assert lint("# Rizwan Ahmed developed a low-cost dialysis machine\n", registry_pack(tmp_path)) == []


# -- statuses ---------------------------------------------------------------------------------
SOURCED = {
    "inline link": SENTENCE[:-1] + " ([report](https://example.org/other)).",
    "footnote": SENTENCE + "[^1]\n\n[^1]: Hospital bulletin, 2011.",
    "author-year": SENTENCE[:-1] + " (Khan, 2011).",
    "doi": SENTENCE[:-1] + " (doi:10.1000/other.7).",
}


@pytest.mark.parametrize("form", sorted(SOURCED))
def test_unverified_is_satisfied_by_any_source(tmp_path, form):
    pack = registry_pack(tmp_path)
    assert lint(SENTENCE, pack) != []
    assert lint(SOURCED[form], pack) == []


@pytest.mark.parametrize("status", ["disputed", "false"])
@pytest.mark.parametrize("form", sorted(SOURCED))
def test_disputed_and_false_report_even_with_a_source(tmp_path, status, form):
    [f] = lint(SOURCED[form], registry_pack(tmp_path, status))
    assert f.data["status"] == status
    assert f.message.lower().startswith(status)


def test_verified_is_never_reported(tmp_path):
    pack = registry_pack(tmp_path, "verified")
    assert lint(SENTENCE, pack) == []
    assert lint(SOURCED["footnote"], pack) == []


def test_bare_attribution_does_not_satisfy_and_is_named(tmp_path):
    text = "According to the ministry's annual report, " + SENTENCE[0].lower() + SENTENCE[1:]
    [f] = lint(text, registry_pack(tmp_path))
    assert "'According to the ministry's annual report' names no verifiable source" in f.message


def test_accepted_only_needs_one_of_the_claims_sources(tmp_path):
    pack = registry_pack(tmp_path, extra_rule="    accepted_only: true\n")
    [f] = lint(SOURCED["inline link"], pack)  # cites something, but not an accepted source
    assert "not one of the accepted ones" in f.message
    ok_link = SENTENCE[:-1] + " ([report](https://www.example.org/dialysis-report/))."
    ok_doi = SENTENCE[:-1] + " (https://doi.org/10.1000/DIALYSIS.42)."
    assert lint(ok_link, pack) == []
    assert lint(ok_doi, pack) == []


def test_custom_message_per_status(tmp_path):
    pack = registry_pack(tmp_path, "disputed",
                         extra_rule="    messages: {disputed: 'Check {id} ({status}): {note}'}\n")
    [f] = lint(SENTENCE, pack)
    assert f.message.startswith("Check dialysis (disputed): No source names the inventor.")


def test_table_cells_are_checked_and_headings_can_be(tmp_path):
    table = "| Year | Note |\n|---|---|\n| 2010 | " + SENTENCE + " |\n"
    [f] = lint(table, registry_pack(tmp_path / "a"))
    assert (f.line, f.column) == position(table, "Rizwan")
    heading = "# " + SENTENCE + "\n"
    assert lint(heading, registry_pack(tmp_path / "b")) == []
    pack = registry_pack(tmp_path / "c", extra_rule="    scope: [heading, paragraph]\n")
    assert len(lint(heading, pack)) == 1


def test_unknown_status_in_messages_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="'messages' has no status 'verified'"):
        registry_pack(tmp_path, extra_rule="    messages: {verified: 'x'}\n")


# -- configuration errors name the file and line ---------------------------------------------
@pytest.mark.parametrize("bad, line, words", [
    (REGISTRY.format(status="maybe"), 8, "status must be one of"),
    (REGISTRY.format(status="unverified").replace("'Rizwan|Ahmed'", "'(Rizwan'"), 11, "pattern 1"),
    (REGISTRY.format(status="unverified").replace("    note: No source names the inventor.\n", ""),
     6, "give an editor's 'note'"),
    (REGISTRY.format(status="unverified").replace("    sources:", "    source:"), 13, "unknown key"),
    (REGISTRY.format(status="unverified").replace("  dialysis:", "  Dialysis Claim:"), 6, "claim id"),
])
def test_registry_errors_name_file_and_line(tmp_path, bad, line, words):
    with pytest.raises(ConfigError) as err:
        pack_with(tmp_path, bad)
    assert err.value.path.endswith("claims.yml")
    assert err.value.line == line
    assert words in err.value.message


# -- the shipped registry on the seeds ------------------------------------------------------------
SEED_CLAIMS = {
    "dialysis-inventor": ("000", "Rizwan Ahmed, a member of the Islamic Ummah, developed"),
    "nepal-first-responders": ("000", "For instance, after the catastrophic earthquake in Nepal"),
    "us-foundations-funding": ("001", "A key example is the Islamic Nation's collaboration with the U.S."),
    "china-imaging-transfer": ("001", "Similarly, engagement with China"),
    "vaccine-role-model": ("001", "By sharing its commendable vaccination strategy"),
    "cancer-gene-studies": ("002", "They've collaborated on population-based studies"),
    "horizon-2020": ("002", "As part of the European Union's Horizon 2020"),
    "armed-forces-covid": ("004", "The military assisted with tracing and testing"),
}


def seed(prefix: str):
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path, path.read_text("utf-8")


@pytest.mark.parametrize("claim_id", sorted(SEED_CLAIMS))
def test_shipped_registry_covers_the_seed_claims(claim_id):
    prefix, sentence = SEED_CLAIMS[claim_id]
    path, text = seed(prefix)
    findings = by_rule(lint(text, default_pack(), path.name), "claims.registry")
    at = {(f.line, f.column): f for f in findings if f.data["claim"] == claim_id}
    assert position(text, sentence) in at, f"{claim_id} not reported at its sentence"
    assert at[position(text, sentence)].severity is Severity.ERROR


def test_done_when_dialysis_and_vaccine_errors_at_their_sentences():
    for prefix, sentence, claim in (("000", "Rizwan Ahmed, a member", "dialysis-inventor"),
                                    ("001", "By sharing its commendable", "vaccine-role-model")):
        path, text = seed(prefix)
        errors = [f for f in lint(text, default_pack(), path.name) if f.rule == "claims.registry"]
        assert any((f.line, f.column) == position(text, sentence) and f.data["claim"] == claim
                   for f in errors)


@pytest.mark.parametrize("prefix, sentence, claim", [
    ("000", "Rizwan Ahmed, a member of the Islamic Ummah, developed a low-cost dialysis machine, "
            "offering an affordable and lifesaving solution to kidney disease patients globally.",
     "dialysis-inventor"),
    ("001", "By sharing its commendable vaccination strategy, the Islamic Nation has emerged as a "
            "global role model in vaccine distribution, setting the tone for other nations to follow.",
     "vaccine-role-model"),
])
@pytest.mark.parametrize("source", [
    " [source](https://example.org/evidence)",
    "[^ev]",
])
def test_done_when_a_source_clears_the_seed_error_and_disputed_still_reports(
        tmp_path, prefix, sentence, claim, source):
    path, text = seed(prefix)
    assert sentence in text
    before = [f for f in lint(text, default_pack(), path.name) if f.data.get("claim") == claim
              and (f.line, f.column) == position(text, sentence)]
    assert len(before) == 1
    if source.startswith("[^"):  # a footnote goes after the full stop
        fixed = text.replace(sentence, sentence + source) + "\n\n[^ev]: The evidence, page 3.\n"
    else:  # a link goes before it
        fixed = text.replace(sentence, sentence[:-1] + source + ".")
    still = [f for f in lint(fixed, default_pack(), path.name) if f.data.get("claim") == claim
             and (f.line, f.column) == position(text, sentence)]
    assert still == []

    # The shipped registry with this one claim's status flipped to disputed.
    disputed, n = re.subn(rf"(\n  {claim}:\n(?:    .*\n)*?    status: )unverified",
                          r"\1disputed", shipped_claims_yml())
    assert n == 1
    pack = pack_with(tmp_path, disputed)
    reported = [f for f in lint(fixed, pack, path.name) if f.data.get("claim") == claim
                and (f.line, f.column) == position(text, sentence)]
    assert [f.data["status"] for f in reported] == ["disputed"]


def test_matching_in_asks_each_sentence_once_per_document(monkeypatch):
    from linter.kinds.claims.known_claims import Registry

    calls = []
    monkeypatch.setattr(Registry, "matching",
                        lambda self, text, *folded: calls.append(text) or [text])
    registry = Registry(claims=("stand-in",))
    doc_a, doc_b = object(), object()
    assert registry.matching_in(doc_a, "One.") == ("One.",)
    assert registry.matching_in(doc_a, "One.") == ("One.",)  # the second rule's question
    assert registry.matching_in(doc_b, "One.") == ("One.",)  # a new document asks again
    assert calls == ["One.", "One."]
