"""terminology.preferred, .consistency, .case and .corpus: positive and negative cases,
with exact positions."""

from __future__ import annotations

from linter.engine import Engine
from termhelp import custom_pack, lint, repo_pack, spans

PACK = repo_pack()


def by_rule(text, rule, pack=PACK):
    return [f for f in lint(text, pack) if f.rule == rule]


# -- terminology.preferred -----------------------------------------------------------
def test_rejected_form_gives_preferred_form_as_fix():
    text = "Intro.\n\nOver time, the Islamic Nation has established alliances across the globe.\n"
    f, = by_rule(text, "terminology.preferred")
    assert (f.line, f.column, f.end_line, f.end_column, f.span_text) == (3, 16, 3, 30, "Islamic Nation")
    assert f.message == ("Write 'Islamic nations' instead of 'Islamic Nation'. It presents dozens "
                         "of countries as one state, and there is no such state.")
    assert f.suggestions == ("Islamic nations",)
    # The number changes, so the fix changes the verb too, and is then safe.
    assert f.fix.safe
    assert [(text[e.start:e.end], e.text) for e in f.fix.edits] == [
        ("Islamic Nation", "Islamic nations"), ("has", "have")]


def test_number_change_without_verb_is_a_suggestion():
    text = "The Islamic Nation's approach reflects its values."
    f, = by_rule(text, "terminology.preferred")
    assert (f.column, f.end_column) == (5, 19)
    assert not f.fix.safe
    # The possessive follows the number: "Islamic Nation's" -> "Islamic nations'".
    assert [(text[e.start:e.end], e.text) for e in f.fix.edits] == [
        ("Islamic Nation's", "Islamic nations'")]
    assert f.suggestions == ("Islamic nations'",)
    assert "no verb" in f.data["fix"]


def test_number_change_with_a_back_reference_is_a_suggestion():
    f, = by_rule("In its strides, the Islamic Nation embodies a pledge.", "terminology.preferred")
    assert not f.fix.safe and "refers back" in f.data["fix"]


def test_number_change_before_a_singular_complement_is_a_suggestion():
    f, = by_rule("The Islamic Nation is a leader in research.", "terminology.preferred")
    assert not f.fix.safe


def test_indefinite_article_makes_it_a_case_error_not_the_rejected_name():
    found = lint("A doctor from an Islamic Nation may visit.", PACK)
    assert spans(found) == [("terminology.case", 1, 18, 1, 32, "Islamic Nation")]
    assert found[0].suggestions == ("Islamic nation",)


def test_heading_keeps_title_case():
    f, = by_rule("# Partnerships in the Islamic Nation\n\nText.\n", "terminology.preferred")
    assert (f.line, f.column) == (1, 23)
    assert f.suggestions == ("Islamic Nations",)


def test_rejected_form_in_code_or_url_is_ignored():
    text = ("The string `Islamic Nation` is quoted, and so is "
            "<https://example.com/Islamic Nation>.\n\n```\nThe Islamic Nation\n```\n")
    assert by_rule(text, "terminology.preferred") == []


def test_group_autofix_false_makes_every_fix_a_suggestion(tmp_path):
    pack = custom_pack(tmp_path, """
    ebook:
      autofix: false
      preferred: {ebook: singular}
      rejected:
        e-book: {reason: House style., number: singular}
    """)
    f, = lint("An e-book is here.", pack)
    assert f.rule == "terminology.preferred" and not f.fix.safe
    assert f.fix.edits[0].text == "ebook"


def test_sentence_initial_capital_is_kept(tmp_path):
    pack = custom_pack(tmp_path, """
    ebook:
      preferred: {ebook: singular}
      rejected:
        e-book: {reason: House style., number: singular}
    """)
    f, = lint("Intro. E-book sales grew.", pack)
    assert (f.column, f.span_text) == (8, "E-book")
    assert f.fix.safe and f.fix.edits[0].text == "Ebook"


# -- terminology.consistency ---------------------------------------------------------
MIXED = ("Islamic nations recognise the plan.\n\n"
         "Later, Islamic countries joined it.\n\n"
         "An Islamic country signed first.\n")


def test_mixing_forms_flags_each_deviating_occurrence():
    found = by_rule(MIXED, "terminology.consistency")
    assert spans(found) == [
        ("terminology.consistency", 3, 8, 3, 25, "Islamic countries"),
        ("terminology.consistency", 5, 4, 5, 19, "Islamic country"),
    ]
    assert found[0].message == ("'Islamic countries' mixes forms of one term in this document; "
                                "the term base prefers 'Islamic nations', first used at line 1, "
                                "column 1.")
    # Same number: safe; the singular keeps its number ("Islamic country" -> "Islamic nation").
    assert [f.fix.edits[0].text for f in found] == ["Islamic nations", "Islamic nation"]
    assert all(f.fix.safe for f in found)


def test_one_form_in_both_numbers_is_consistent():
    text = "Islamic countries act. An Islamic country signed.\n"
    assert by_rule(text, "terminology.consistency") == []


def test_preferred_singular_and_plural_are_one_form():
    text = "Islamic nations act. A physician from an Islamic nation came.\n"
    assert lint(text, PACK) == []


def test_rejected_form_counts_as_mixing_but_is_reported_once():
    text = "The Islamic Nation's reach grew. Islamic countries agree.\n"
    found = lint(text, PACK)
    assert spans(found) == [
        ("terminology.preferred", 1, 5, 1, 19, "Islamic Nation"),
        ("terminology.consistency", 1, 34, 1, 51, "Islamic countries"),
    ]


def test_dominant_form_when_no_preferred(tmp_path):
    pack = custom_pack(tmp_path, """
    web:
      accepted: {website: singular, web site: singular}
    """)
    text = "A web site. A website. Another website.\n"
    f, = lint(text, pack)
    assert (f.rule, f.column, f.span_text) == ("terminology.consistency", 3, "web site")
    assert "this document mostly uses 'website', first used at line 1, column 15" in f.message
    assert f.fix.safe and f.fix.edits[0].text == "website"


def test_no_mixing_no_finding():
    assert by_rule("Islamic countries act. Islamic countries agree.\n",
                   "terminology.consistency") == []


# -- terminology.case ------------------------------------------------------------------
def test_case_errors():
    text = "The Islamic ummah grew.\n\nThe Islamic world is vast.\n\nISLAMIC NATIONS agree.\n"
    found = by_rule(text, "terminology.case")
    assert spans(found) == [
        ("terminology.case", 1, 5, 1, 18, "Islamic ummah"),
        ("terminology.case", 3, 5, 3, 18, "Islamic world"),
        ("terminology.case", 5, 1, 5, 16, "ISLAMIC NATIONS"),
    ]
    assert found[0].message == "'Islamic ummah' is written 'Islamic Ummah' in the term base."
    assert [f.fix.edits[0].text for f in found] == ["Islamic Ummah", "Islamic World", "Islamic nations"]
    assert all(f.fix.safe for f in found)


def test_title_case_heading_and_sentence_start_are_not_case_errors(tmp_path):
    assert by_rule("# Health Cooperation of Islamic Nations\n\nText.\n", "terminology.case") == []
    pack = custom_pack(tmp_path, "ummah:\n  preferred: {ummah: collective}")
    assert lint("Intro. Ummah means community.\n", pack) == []
    assert spans(lint("Intro. The UMMAH is one.\n", pack)) == [
        ("terminology.case", 1, 12, 1, 17, "UMMAH")]


def test_case_insensitive_group_never_reports_case(tmp_path):
    pack = custom_pack(tmp_path, "ummah:\n  case: insensitive\n  preferred: {Ummah: collective}")
    assert lint("The UMMAH and the ummah.\n", pack) == []


def test_case_variant_of_a_deviating_form_is_reported_once():
    # "Islamic ummah" differs from the preferred "Ummah" too: consistency owns it.
    text = "The Ummah prays. The Islamic ummah grows.\n"
    assert spans(lint(text, PACK)) == [
        ("terminology.consistency", 1, 22, 1, 35, "Islamic ummah")]
    f = lint(text, PACK)[0]
    assert f.fix.edits[0].text == "Ummah"


def test_rules_switched_off_hand_their_occurrences_on(tmp_path):
    from linter.config import Config, bundled_rules_dir
    from linter.pack import load_pack

    pack = load_pack(Config(rules_dirs=[bundled_rules_dir()]),
                     select=["terminology.case"], ignore=[])
    text = "The Ummah prays. The Islamic ummah grows.\n"
    assert spans(lint(text, pack)) == [("terminology.case", 1, 22, 1, 35, "Islamic ummah")]


# -- terminology.corpus ------------------------------------------------------------------
def _corpus(pack, docs):
    engine = Engine(pack)
    outcomes = [engine.lint_bytes(name, text.encode()) for name, text in docs]
    return engine.corpus_findings(outcomes), engine.result(outcomes, [])


def test_corpus_flags_documents_off_the_dominant_form(tmp_path):
    pack = custom_pack(tmp_path, """
    web:
      accepted: {website: singular, web site: singular}
    """)
    found, _ = _corpus(pack, [
        ("a.md", "Our website is new.\n"),
        ("b.md", "See the website.\n"),
        ("c.md", "Intro.\n\nThe web site and the web site again.\n"),
    ])
    f, = found
    assert (f.path, f.rule, f.line, f.column, f.end_column, f.span_text) == (
        "c.md", "terminology.corpus", 3, 5, 13, "web site")
    assert f.message == "This document mostly uses 'web site' (2×); most documents (2 of 3) use 'website'."
    assert f.source_line == "The web site and the web site again."


def test_corpus_is_silent_with_a_preferred_form_or_a_tie(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    pack = custom_pack(tmp_path / "one", """
    web:
      preferred: {website: singular}
      accepted: {web site: singular}
    """)
    found, _ = _corpus(pack, [("a.md", "A website.\n"), ("b.md", "A web site.\n"),
                              ("c.md", "A web site.\n")])
    assert found == []
    pack2 = custom_pack(tmp_path / "two", """
    web:
      accepted: {website: singular, web site: singular}
    """)
    found, _ = _corpus(pack2, [("a.md", "A website.\n"), ("b.md", "A web site.\n")])
    assert found == []
