"""Readability: located findings, presets and overrides, prose-only metrics, JSON and --stats."""

from __future__ import annotations

import json

import pytest

from conftest import REPO
from linter.engine import parse_for_tests

SEED_003 = "seeds/003_591ccdde393adc0f.txt"
METRIC_NAMES = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
                "coleman_liau_index", "automated_readability_index",
                "dale_chall_readability_score")


def run_json(run_cli, args, cwd=REPO):
    r = run_cli([*args, "--format", "json"], cwd=cwd)
    assert r.code in (0, 1), r
    return json.loads(r.out)


def by_rule(data, rule):
    return [f for f in data["findings"] if f["rule"] == rule]


def source_span(path, f) -> str:
    assert f["line"] == f["end_line"]
    line = (REPO / path).read_text("utf-8").split("\n")[f["line"] - 1]
    return line[f["column"] - 1:f["end_column"] - 1]


# -- the seeds ------------------------------------------------------------------
def test_seed_003_reports_the_42_word_sentence_at_its_line_and_column(run_cli):
    data = run_json(run_cli, [SEED_003, "--select", "readability.sentence-length"])
    long = [f for f in by_rule(data, "readability.sentence-length") if f["data"]["words"] == 42]
    assert len(long) == 1
    f = long[0]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (13, 124, 13, 416)
    text = source_span(SEED_003, f)
    assert text.startswith("They significantly invest in facilitating such exchanges")
    assert text.endswith("with partner countries.")
    assert len(text.split()) == 42
    assert f["severity"] == "warning"
    assert f["message"] == ("This sentence has 42 words (limit 30 for a general audience); "
                            "split it.")


def test_seed_003_document_grade_names_the_metric_values(run_cli):
    data = run_json(run_cli, [SEED_003, "--select", "readability"])
    [doc] = by_rule(data, "readability.document-grade")
    metrics = data["files"][0]["metrics"]["readability"]
    # The finding's values are the file's metrics, and all seven are in the message.
    assert doc["data"]["metrics"] == {k: metrics[k] for k in METRIC_NAMES}
    assert metrics["flesch_kincaid_grade"] == 18.2
    assert "FK 18.2 (limit ≤ 10)" in doc["message"]
    assert "FRE 11.26 (limit ≥ 50)" in doc["message"]
    for short in ("FRE", "FK", "Fog", "SMOG", "CLI", "ARI", "DC"):
        assert f"{short} " in doc["message"]
    # Located at the paragraph that pulls the score most, not at 1:1.
    assert (doc["line"], doc["column"]) == (17, 1)
    assert source_span(SEED_003, doc).startswith("Such programs also bolster")
    pulled = [p for p in metrics["per_paragraph"] if p["line"] == 17][0]
    assert pulled["flesch_kincaid_grade"] > metrics["flesch_kincaid_grade"]


def test_seeds_get_paragraph_and_document_findings(run_cli):
    data = run_json(run_cli, ["seeds/", "--select", "readability"])
    docs = by_rule(data, "readability.document-grade")
    assert sorted(f["path"] for f in docs) == sorted(f["path"] for f in data["files"])
    paragraphs = by_rule(data, "readability.paragraph-grade")
    # At most three per document, hardest first, each a whole paragraph at column 1.
    for path in {f["path"] for f in data["files"]}:
        mine = [f for f in paragraphs if f["path"] == path]
        assert 1 <= len(mine) <= 3
        assert all(f["column"] == 1 for f in mine)
        assert all("hardest sentence: \"" in f["message"] for f in mine)


# -- locating -------------------------------------------------------------------
EASY = "The cat sat on the mat. The dog ran to the park. We had a good day out in the sun.\n"
HARD = ("Institutional interoperability considerations necessitate comprehensive "
        "organizational restructuring. Simple words help. Multidimensional socioeconomic "
        "stratification fundamentally complicates intergovernmental implementation "
        "methodologies, particularly regarding infrastructural modernization initiatives. "
        "Administrative decentralization accelerates regional economic diversification "
        "considerably.\n")


def test_paragraph_grade_spans_the_paragraph_and_quotes_its_hardest_sentence(run_cli, project):
    project.write("a.md", "# Title\n\n" + EASY + "\n" + HARD + "\n" + EASY)
    data = run_json(run_cli, ["a.md", "--select", "readability.paragraph-grade"], project.root)
    [f] = by_rule(data, "readability.paragraph-grade")
    assert (f["line"], f["column"]) == (5, 1)
    assert (f["end_line"], f["end_column"]) == (5, len(HARD))  # to the paragraph's last character
    assert f["data"]["hardest_sentence"].startswith("Multidimensional socioeconomic")
    assert "hardest sentence: \"Multidimensional socioeconomic stratification" in f["message"]
    assert f["data"]["value"] == f["data"]["metrics"]["flesch_kincaid_grade"] > 12


def test_paragraph_grade_caps_findings_and_skips_short_paragraphs(run_cli, project):
    rules = (REPO / "rules/readability.yml").read_text("utf-8")
    project.rules(rules.replace("max_findings: 3", "max_findings: 1"), "rules/readability.yml")
    harder = HARD.replace("Simple words help.", "Incomprehensible terminology proliferates.")
    project.write("a.md", HARD + "\n" + harder + "\n" + "Unfathomable incomprehensibility.\n")
    data = run_json(run_cli, ["a.md", "--select", "readability.paragraph-grade"], project.root)
    found = by_rule(data, "readability.paragraph-grade")
    # Only the hardest of the two long paragraphs; the two-word one is under min_words.
    assert [(f["line"]) for f in found] == [3]


def test_sentence_length_counts_prose_words_only(run_cli, project):
    words = " ".join(["word"] * 29)
    # 30 prose words, inline code and a URL: still 30, so not reported.
    project.write("a.md", f"Run `make all` then {words[5:]} https://example.com/x/y/z.\n\n"
                          f"`code` starts this sentence and has {words} more.\n")
    data = run_json(run_cli, ["a.md", "--select", "readability.sentence-length"], project.root)
    found = by_rule(data, "readability.sentence-length")
    assert len(found) == 1
    f = found[0]
    # The second sentence has 35 prose words; its span starts after the inline code.
    assert f["data"]["words"] == 35
    assert (f["line"], f["column"]) == (3, 8)
    text = (project.root / "a.md").read_text().split("\n")[2]
    assert text[f["column"] - 1:f["end_column"] - 1] == text[7:]


def test_sentence_position_with_bom_crlf_and_non_ascii(run_cli, project):
    first = ("Café naïve “quoted” words `code` and [a link](https://x.org) run"
             + " on and" * 14 + " on")
    project.write("a.md", ("\ufeff# Títle\r\n\r\n" + first + "\r\nand on and on and on and on "
                           "to the end.\r\n").encode("utf-8"))
    data = run_json(run_cli, ["a.md", "--select", "readability.sentence-length"], project.root)
    [f] = data["findings"]
    # Columns count code points; the sentence runs across the CRLF line break.
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 1, 4, 40)
    # Every word but the inline code and the link's URL: "Café" … "end".
    assert f["data"]["words"] == 48


def test_only_prose_counts():
    from linter.readability.measure import analyse

    marked_up = parse_for_tests(
        "---\ntitle: Front matter with complicated vocabulary\n---\n\n"
        "# An extraordinarily complicated heading\n\n"
        "The cat sat on the mat with `institutionalization` nearby.\n\n"
        "```\ncomplicated internationalization inside code\n```\n\n"
        "- See https://example.com/organizational/restructuring today\n\n"
        "| table | internationalization |\n|---|---|\n| a | b |\n\n"
        "We like it.[^1]\n\n[^1]: A footnote about internationalization.\n")
    plain = parse_for_tests("The cat sat on the mat with nearby.\n\nSee today.\n\nWe like it.\n")
    a, b = analyse(marked_up), analyse(plain)
    assert a.text == b.text == "The cat sat on the mat with nearby.\n\nSee today.\n\nWe like it."
    assert a.metrics == b.metrics and a.counts == b.counts
    assert [p.words for p in a.paragraphs] == [8, 2, 3]


# -- presets and overrides --------------------------------------------------------
SENTENCE_35 = " ".join(["Word"] + ["word"] * 34) + ".\n"


def readability_rules(**replace) -> str:
    text = (REPO / "rules/readability.yml").read_text("utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("change, expect_flag", [
    ({}, True),  # general: 30 words
    ({"  audience: general\n": "  audience: expert\n"}, False),  # expert: 40 words
    ({"    kind: sentence-length\n": "    kind: sentence-length\n    max_words: 36\n"}, False),
    ({"    kind: sentence-length\n":
      "    kind: sentence-length\n    audience: plain\n"}, True),  # plain: 25 words
])
def test_sentence_limit_comes_from_the_preset_or_the_rule(run_cli, project, change, expect_flag):
    project.rules(readability_rules(**change), "rules/readability.yml")
    project.write("a.md", SENTENCE_35)
    data = run_json(run_cli, ["a.md", "--select", "readability.sentence-length"], project.root)
    assert bool(by_rule(data, "readability.sentence-length")) is expect_flag


LONG_EASY = ("The cat sat on the mat. " * 25).strip() + "\n"


def test_document_limits_override_per_metric(run_cli, project):
    # Easy prose is within every general limit...
    project.rules(readability_rules(), "rules/readability.yml")
    project.write("a.md", LONG_EASY)
    data = run_json(run_cli, ["a.md", "--select", "readability.document-grade"], project.root)
    assert by_rule(data, "readability.document-grade") == []
    metrics = data["files"][0]["metrics"]["readability"]
    assert metrics["over_limit"] == []
    # ...until one rule tightens one metric; the message names only that excess.
    project.rules(readability_rules(**{"    min_words: 100\n":
                                       "    min_words: 100\n    limits: {gunning_fog: 1}\n"}),
                  "rules/readability.yml")
    data = run_json(run_cli, ["a.md", "--select", "readability.document-grade"], project.root)
    [f] = by_rule(data, "readability.document-grade")
    assert f["data"]["over"] == ["gunning_fog"]
    assert f"Fog {metrics['gunning_fog']:g} (limit ≤ 1)" in f["message"]
    assert "(limit" not in f["message"].replace("(limit ≤ 1)", "")
    # null switches a metric off.
    project.rules(readability_rules(**{"    min_words: 100\n":
                                       "    min_words: 100\n    limits: {gunning_fog: null}\n"}),
                  "rules/readability.yml")
    data = run_json(run_cli, ["a.md", "--select", "readability.document-grade"], project.root)
    assert by_rule(data, "readability.document-grade") == []


def test_short_documents_are_not_judged(run_cli, project):
    project.rules(readability_rules(), "rules/readability.yml")
    project.write("a.md", HARD)
    data = run_json(run_cli, ["a.md", "--select", "readability.document-grade"], project.root)
    assert by_rule(data, "readability.document-grade") == []  # 25 words < min_words 100
    assert data["files"][0]["metrics"]["readability"]["flesch_kincaid_grade"] > 10


def expect_config_error(run_cli, project, yaml_text: str, expected: str) -> None:
    project.rules(yaml_text, "rules/readability.yml")
    project.write("a.md", "Text.\n")
    r = run_cli(["a.md"], cwd=project.root)
    assert r.code == 2, r
    assert r.err == f"lint-corpus: error: {expected}\n"


def test_unknown_audience_is_a_config_error_with_its_line(run_cli, project):
    expect_config_error(run_cli, project, readability_rules(
        **{"  audience: general\n": "  audience: children\n"}),
        "rules/readability.yml:15: section 'readability': audience 'children' is not defined "
        "under 'audiences' (defined: general, plain, expert)")


def test_unknown_audience_in_a_rule_is_a_config_error(run_cli, project):
    text = readability_rules(**{"    kind: sentence-length\n":
                                "    kind: sentence-length\n    audience: kids\n"})
    line = text.split("\n").index("    audience: kids") + 1
    expect_config_error(run_cli, project, text,
                        f"rules/readability.yml:{line}: rule 'readability.sentence-length': "
                        "unknown audience 'kids' (defined in the 'readability' section: "
                        "general, plain, expert)")


def test_unknown_metric_in_a_preset_is_a_config_error_with_its_line(run_cli, project):
    text = readability_rules(**{"        gunning_fog: 12\n": "        gunning_smog: 12\n"})
    line = text.split("\n").index("        gunning_smog: 12") + 1
    expect_config_error(run_cli, project, text,
                        f"rules/readability.yml:{line}: section 'readability': audience "
                        "'general': unknown metric 'gunning_smog' (metrics: "
                        + ", ".join(METRIC_NAMES) + ")")


def test_bad_limit_value_in_a_rule_is_a_config_error(run_cli, project):
    text = readability_rules(**{"    min_words: 100\n":
                                "    min_words: 100\n    limits: {smog_index: high}\n"})
    line = text.split("\n").index("    limits: {smog_index: high}") + 1
    expect_config_error(run_cli, project, text,
                        f"rules/readability.yml:{line}: rule 'readability.document-grade': "
                        "limit of 'smog_index' must be a number or null, not 'high'")


def test_rules_without_a_preset_need_explicit_limits(run_cli, project):
    expect_config_error(run_cli, project,
                        "rules:\n  readability.sentence-length:\n    kind: sentence-length\n",
                        "rules/readability.yml:2: rule 'readability.sentence-length': set "
                        "'max_words', or an audience preset with 'sentence_words' in the "
                        "'readability' section")
    project.rules("rules:\n  readability.sentence-length:\n    kind: sentence-length\n"
                  "    max_words: 3\n    message: '{words} > {limit}'\n", "rules/readability.yml")
    project.write("a.md", "One two three four.\n")
    data = run_json(run_cli, ["a.md"], project.root)
    assert [f["message"] for f in data["findings"]] == ["4 > 3"]


# -- JSON and --stats -----------------------------------------------------------------
def test_json_files_carry_document_and_paragraph_metrics(run_cli):
    data = run_json(run_cli, [SEED_003, "--select", "readability"])
    m = data["files"][0]["metrics"]["readability"]
    assert m["audience"] == "general"
    assert (m["words"], m["sentences"], m["paragraphs"]) == (393, 15, 8)
    assert set(METRIC_NAMES) <= set(m)
    assert [p["line"] for p in m["per_paragraph"]] == [3, 7, 9, 13, 15, 17, 21, 23]
    assert all(set(METRIC_NAMES) <= set(p) for p in m["per_paragraph"])
    assert m["over_limit"] == list(METRIC_NAMES)


def test_stats_readability_prints_a_table(run_cli, project):
    project.write("a.md", LONG_EASY)
    project.write("b.md", "# Only a heading\n\n```\ncode\n```\n")
    project.write("c.md", HARD)
    r = run_cli(["--stats", "readability", "a.md", "b.md", "c.md"], cwd=project.root)
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert lines[0].split() == ["File", "Words", "Sent.", "FRE", "FK", "Fog", "SMOG", "CLI",
                                "ARI", "DC"]
    data = run_json(run_cli, ["a.md", "b.md", "c.md", "--select", "readability"], project.root)
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:4]}
    for f in data["files"]:
        m = f["metrics"].get("readability")
        if f["path"] == "b.md":
            assert rows["b.md"] == ["no", "prose"]
            continue
        over = set(m["over_limit"])
        assert rows[f["path"]] == [str(m["words"]), str(m["sentences"])] + [
            f"{m[name]:.1f}" + ("*" if name in over else "") for name in METRIC_NAMES]
    assert lines[5].startswith("mean of 2")
    assert "* beyond the limit for a general audience" in r.out


def test_stats_needs_the_readability_rule(run_cli):
    r = run_cli(["--stats", "readability", "--select", "style", SEED_003], cwd=REPO)
    assert r.code == 0
    assert r.out.startswith("No readability metrics")


def test_stats_rejects_unknown_tables(run_cli, capsys):
    with pytest.raises(SystemExit) as exc:
        run_cli(["--stats", "nonsense", SEED_003], cwd=REPO)
    assert exc.value.code == 2


def test_disabling_every_readability_rule_keeps_the_section_valid(run_cli, project):
    text = readability_rules()
    for kind in ("sentence-length", "paragraph-grade", "readability"):
        text = text.replace(f"    kind: {kind}\n", f"    kind: {kind}\n    enabled: false\n")
    project.rules(text, "rules/readability.yml")
    project.write("a.md", SENTENCE_35)
    r = run_cli(["a.md"], cwd=project.root)
    assert (r.code, r.err) == (0, "")
    assert r.out.startswith("No findings")
