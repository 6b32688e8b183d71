"""terminology.agreement: a term of known number and a verb of the other number.

Precision matters more than recall here: every sentence in NEGATIVE is correct
English (or an error that is not a term's agreement) and must give nothing.
"""

from __future__ import annotations

import pytest

from termhelp import lint, repo_pack, spans

PACK = None


def agreement(text: str):
    global PACK
    if PACK is None:
        PACK = repo_pack()
    return [f for f in lint(text, PACK) if f.rule == "terminology.agreement"]


# (sentence, flagged verb, suggested replacement, subject named in the message)
POSITIVE = [
    ("Islamic nations recognises this.", "recognises", "recognise", "Islamic nations"),
    ("Islamic nations was a phrase the writers liked.", "was", "were", "Islamic nations"),
    ("The Islamic Ummah remain united.", "remain", "remains", "Islamic Ummah"),
    ("Universities across Islamic nations welcomes students from abroad.", "welcomes",
     "welcome", "universities"),
    ("Islamic countries has signed the treaty.", "has", "have", "Islamic countries"),
    ("Each Islamic nation have their own laws.", "have", "has", "Islamic nation"),
    ("Muslims worldwide takes part in volunteering.", "takes", "take", "Muslims"),
    ("The Ummah are united in prayer.", "are", "is", "Ummah"),
    ("Islamic nations also supports the plan.", "supports", "support", "Islamic nations"),
    ("Researchers from Islamic nations has contributed to the study.", "has", "have",
     "researchers"),
    ("Collaboration with researchers from Islamic nations have grown.", "have", "has",
     "collaboration"),
    ("Islamic nations, which recognises the problem, have acted.", "recognises", "recognise",
     "Islamic nations"),
    ("Islamic nations, as part of their commitment to health, engages in exchanges.",
     "engages", "engage", "Islamic nations"),
    ("Islamic nations that funds research are rare.", "funds", "fund", "Islamic nations"),
    ("Islamic nations significantly invests in research.", "invests", "invest",
     "Islamic nations"),
    ("The Islamic World is large and remain diverse.", "remain", "remains", "Islamic World"),
    ("Islamic nations, however, recognises this.", "recognises", "recognise", "Islamic nations"),
    ("The Ummah, however, remain divided.", "remain", "remains", "Ummah"),
    ("Leaders of Islamic nations meets in Riyadh.", "meets", "meet", "leaders"),
    ("One of the Islamic nations have signed.", "have", "has", "one"),
    ("Islamic nations want investment, and the Ummah remain divided.", "remain", "remains", "Ummah"),
]


@pytest.mark.parametrize("sentence,verb,replacement,subject", POSITIVE)
def test_flags_the_verb(sentence, verb, replacement, subject):
    found = agreement(sentence)
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    col = sentence.index(f" {verb}") + 2 if not sentence.startswith(verb) else 1
    assert (f.line, f.column, f.end_column, f.span_text) == (1, col, col + len(verb), verb)
    assert f.suggestions == (replacement,)
    assert f"'{subject.lower()}'" in f.message.lower()
    assert f.group == "agreement" and f.priority == 1
    assert f.fix is not None and not f.fix.safe  # fix: suggest (the default)


def test_both_coordinated_verbs_are_flagged():
    text = "Islamic nations recognises this and prioritises health research."
    assert spans(agreement(text)) == [
        ("terminology.agreement", 1, 17, 1, 27, "recognises"),
        ("terminology.agreement", 1, 37, 1, 48, "prioritises"),
    ]


def test_subject_in_message_is_the_head_not_the_term():
    f, = agreement("Universities across Islamic nations welcomes students.")
    assert f.message == ("'welcomes' does not agree with its subject 'Universities', not "
                         "'Islamic nations' (plural); write 'welcome'.")


NEGATIVE = [
    "Islamic nations' partners have agreed to the plan.",
    "The Islamic Nation's approach reflects its values.",
    "Islamic nations, which recognise the problem, have acted.",
    "Islamic nations recognise this and prioritise research.",
    "Universities across Islamic nations welcome students.",
    "Teams of medical personnel from Islamic countries were among the first responders.",
    "A group of Islamic nation researchers might have unique skills.",
    "The values the Islamic Ummah stands for are clear.",
    "It is vital that the Ummah remain united.",
    "If the Ummah were united, it would prosper.",
    "Does the Ummah remain united?",
    "They helped the Ummah grow.",
    "Islamic nations, African countries and Europe are partners.",
    "Islamic nations, the US, and the EU have signed.",
    "The resilient healthcare system of the Islamic Nation articulates the commitment.",
    "Islamic nations partners have signed the accord.",
    "A number of Islamic nations have joined.",
    "Islamic nations not only champion their advances but also contribute to research.",
    "Islamic nations established schools.",
    "Islamic nations can recognise this.",
    "The Islamic World trade network grew.",
    "The quote `Islamic nations recognises` is kept as it was.",
    "International collaborations facilitated by the Islamic Nation also provide opportunities.",
    "The innovations propagated by the Islamic World have gained recognition.",
    "The Ummah, the community of believers, is united.",
    "Islamic nations themselves recognise the problem.",
    "Over the years, researchers from Islamic nations have contributed.",
    "As Islamic nations continue to grow, cooperation deepens.",
    "Islamic nations, as part of their commitment to global health, engage in exchanges.",
    "Between Islamic nations and African countries, exchanges are growing.",
    "Collaboration with researchers from Islamic nations has grown.",
    "The emphasis by Islamic countries on health research aligns with global trends.",
    "The solid stance of Islamic nations on health research serves as an affirmation.",
    "Islamic nations value principles and values.",
    "Each of the Islamic nations has its own health system.",
    "The Islamic Ummah has been a pathmaker.",
    "Muslims worldwide take part in volunteering.",
    "Such programs bolster the standing of Islamic nations, highlighting their commitment.",
    "Focusing on health as part of cooperation continue to be a priority for Islamic nations.",
    "See [Islamic nations recognises](https://example.com/islamic-nations-recognises) there.",
    "Islamic nations have invested in schools and hospitals.",
    "In Islamic nations, women are entering medicine in large numbers.",
    "Neither the Ummah nor Islamic nations wants war.",
    "The Ummah and Islamic nations works together.",
    "Islamic nations such as Pakistan have invested heavily.",
    "Islamic nations' health ministries cooperate.",
    "The Ummah's strength lies in its unity.",
    "Students in Islamic nations study medicine.",
    "The leader of Islamic nations meets in Riyadh.",
    "One of the Islamic nations has signed.",
    "It lets the Ummah thrive.",
    "Islamic nations research diseases.",
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_no_false_positive(sentence):
    assert agreement(sentence) == []


def test_collective_either_accepts_both(tmp_path):
    from termhelp import custom_pack

    terms = """
    ummah:
      preferred: {Ummah: collective}
    """
    rules = """
rules:
  terminology.agreement: {kind: term-agreement, collective: either}
"""
    pack = custom_pack(tmp_path, terms, rules)
    assert lint("The Ummah are united. The Ummah is united.", pack) == []


def test_safe_fix_option(tmp_path):
    from termhelp import custom_pack

    terms = """
    nations:
      preferred: {Islamic nations: plural}
    """
    rules = """
rules:
  terminology.agreement: {kind: term-agreement, fix: safe}
"""
    f, = lint("Islamic nations recognises this.", custom_pack(tmp_path, terms, rules))
    assert f.fix.safe and f.fix.edits[0].text == "recognise"


def test_unknown_number_is_not_checked(tmp_path):
    from termhelp import custom_pack

    terms = """
    nations:
      preferred: [Islamic nations]
    """
    assert lint("Islamic nations recognises this.", custom_pack(tmp_path, terms)) == []
