"""Offline grammar checks: each pattern with sentences it must flag and sentences it must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Config, bundled_rules_dir
from linter.engine import Engine
from linter.languagetool import runtime
from linter.languagetool.settings import GrammarSettings
from linter.pack import load_pack

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _no_languagetool():
    runtime.configure(GrammarSettings(languagetool="off"))
    yield
    runtime.forget_settings()


_ENGINES: dict[str, Engine] = {}


def engine(rule: str) -> Engine:
    if rule not in _ENGINES:
        pack = load_pack(Config(rules_dirs=[bundled_rules_dir()]), select=[rule])
        _ENGINES[rule] = Engine(pack, select=[rule])
    return _ENGINES[rule]


def flagged(rule: str, text: str) -> list[tuple[str, str]]:
    """(flagged text, first suggestion) for each finding of `rule` in `text`."""
    out = engine(rule).lint_bytes("t.md", text.encode("utf-8"))
    return [(f.span_text, f.suggestions[0] if f.suggestions else "") for f in out.findings]


# -- grammar.agreement ----------------------------------------------------------------------------
AGREEMENT_ERRORS = [
    ("Mosques in several cities has opened their doors.", "has", "have"),
    ("They shares the cost.", "shares", "share"),
    ("Young people is the future.", "is", "are"),
    ("These changes reduces costs.", "reduces", "reduce"),
    ("Many universities across the country welcomes international students.", "welcomes", "welcome"),
    ("Universities across the country welcomes international students.", "welcomes", "welcome"),
    ("Islamic nations recognises this.", "recognises", "recognise"),
    ("Focusing on health research as part of cooperation continue to be a priority.",
     "continue", "continues"),
    ("We has a plan.", "has", "have"),
    ("He have a plan.", "have", "has"),
    ("She do not agree.", "do", "does"),
    ("It have been hard.", "have", "has"),
    ("I is here.", "is", "am"),
    ("You was right.", "was", "were"),
    ("They always shares.", "shares", "share"),
    ("It is clear that they has left.", "has", "have"),
    ("Our members shares the view.", "shares", "share"),
    ("The mosques hosts events every week.", "hosts", "host"),
    ("Emerging markets grows fast.", "grows", "grow"),
    ("The children plays outside.", "plays", "play"),
    ("Women leads the movement.", "leads", "lead"),
    ("Most people believes it.", "believes", "believe"),
    ("Both sides agrees on this.", "agrees", "agree"),
    ("Several studies shows that it works.", "shows", "show"),
    ("The researchers finds that it works.", "finds", "find"),
    ("Programs for young people is lacking.", "is", "are"),
    ("These data shows a rise.", "shows", "show"),
    ("In 2020, mosques in the city has opened.", "has", "have"),
    ("Because young people is the future, we invest.", "is", "are"),
    ("Many of the mosques has closed.", "has", "have"),
    ("Both of them has left.", "has", "have"),
    ("Her parents works hard.", "works", "work"),
    ("The nation's leaders agrees.", "agrees", "agree"),
    ("The needs of patients is our priority.", "is", "are"),
    ("Sharing the data with partners help the research.", "help", "helps"),
]

AGREEMENT_CORRECT = [
    "Does it have a name?",
    "The number of cities has grown.",
    "A number of cities have banned it.",
    "One of the children is sick.",
    "Helping young people is our mission.",
    "Working long hours is tiring.",
    "What matters to you is your health.",
    "The problems we found in it are serious.",
    "The rate of the changes rises every year.",
    "The number of programs that support mosques has grown.",
    "The students needs assessment showed gaps.",
    "Visitors to the museum shops often buy souvenirs.",
    "The news reports that prices rose.",
    "The United States has a plan.",
    "Google Maps shows the way.",
    "The series includes five books.",
    "Diabetes is common.",
    "Physics has laws.",
    "Data shows a rise.",
    "The team leads the effort.",
    "The sales team leads the effort.",
    "Each student has a locker.",
    "I was there.",
    "If he were rich, he would buy it.",
    "Let it go.",
    "These partnerships have been advantageous.",
    "The complexity and nature of research often demand global collaboration.",
    "The emphasis by Islamic countries on health research collaborations aligns with trends.",
    "The solid stance of Islamic nations on health research collaborations serves as a model.",
    "Sitting on the bench are two old men.",
    "Standing in the doorway were two men.",
    "Including the UK are 27 countries.",
    "Building materials are expensive.",
    "Rising costs are a concern.",
    "Developing countries face many challenges.",
    "Muslims worldwide take part in various activities each year.",
    "Partnerships between hospitals, clinics, and universities result in progress.",
    "The workers union has called a strike.",
    "Health research supports growth.",
    "Local farmers markets are busy.",
    "They themselves decide.",
    "They often say so.",
    "There is no reason.",
    "The reasons why it happens are many.",
    "Children's books are great.",
    "The children's teacher says hello.",
    "Everyone has a role.",
    "The community's needs are great.",
    "Focusing on the data, we continue to improve.",
    "Focusing on research and teaching are both valuable.",
    "Islamic nations recognise this and prioritise research.",
    "The mosque hosts events and the schools run classes.",
    "Collaborating with institutions or researchers from other countries can bridge this gap.",
    "These values are manifested in various ways.",
    "Such programs also bolster the global standing of Islamic nations.",
    "Its members rights are protected.",
    "Do `they shares` this?",
    "Working families help the economy.",
]


@pytest.mark.parametrize("sentence,verb,fix", AGREEMENT_ERRORS)
def test_agreement_flags(sentence, verb, fix):
    assert flagged("grammar.agreement", sentence) == [(verb, fix)]


@pytest.mark.parametrize("sentence", AGREEMENT_CORRECT)
def test_agreement_leaves_correct_sentences(sentence):
    assert flagged("grammar.agreement", sentence) == []


def test_agreement_findings_are_at_the_verbs_with_the_merge_group():
    text = "Intro.\n\nIslamic nations recognises this and prioritises health research.\n"
    findings = engine("grammar.agreement").lint_bytes("t.md", text.encode()).findings
    # Each verb is one finding, at the verb, as terminology.agreement reports it.
    assert [(f.line, f.column, f.end_column, f.span_text) for f in findings] == [
        (3, 17, 27, "recognises"), (3, 37, 48, "prioritises")]
    for f, fixed in zip(findings, ("recognise", "prioritise")):
        assert (f.group, f.priority) == ("agreement", 0)
        assert [e.text for e in f.fix.edits] == [fixed] and not f.fix.safe
        assert "plural subject 'Islamic nations'" in f.message


def test_terminology_agreement_on_the_same_verb_wins():
    from linter.engine import dedupe
    from linter.finding import Finding, Severity

    text = "Islamic nations recognises this.\n"
    (ours,) = engine("grammar.agreement").lint_bytes("t.md", text.encode()).findings
    theirs = Finding(ours.path, ours.line, ours.column, ours.end_line, ours.end_column,
                     "terminology.agreement", Severity.WARNING, "term-base subject",
                     start=ours.start, end=ours.end, group="agreement", priority=1)
    assert dedupe([ours, theirs]) == [theirs]


# -- grammar.article --------------------------------------------------------------------------------
ARTICLE_ERRORS = [
    ("She waited a hour.", "a", "an"),
    ("He is an university student.", "an", "a"),
    ("It was an one-time fee.", "an", "a"),
    ("She had a MRI scan.", "a", "an"),
    ("He is a honest man.", "a", "an"),
    ("An European union.", "An", "A"),
    ("They paid a 8-year-old.", "a", "an"),
    ("A apple a day.", "A", "An"),
    ("This is an unique chance.", "an", "a"),
    ("It was an useful tool.", "an", "a"),
    ("It is a NGO.", "a", "an"),
    ("It is a FBI matter.", "a", "an"),
    ("She saw a 11-year-old.", "a", "an"),
    ("He took a X-ray.", "a", "an"),
    ("It was an UK-based firm.", "an", "a"),
    ("We met at a Umayyad mosque.", "a", "an"),
    ("A LLM wrote it.", "A", "An"),
    ("It was a 80% rise.", "a", "an"),
    ("It is an eucalyptus.", "an", "a"),
]

ARTICLE_CORRECT = [
    "It took an hour.", "A university opened.", "An MRI was done.", "A one-time fee.",
    "A European city.", "An honest man.", "It is an historic day.", "It is a historic day.",
    "Vitamin A is important.", "He got an A in maths.", "Option a or b.", "An FBI agent.",
    "A NASA job.", "A UK-based firm.", "A U-turn and an X-ray.", "An e-mail arrived.",
    "An 8-year-old.", "An 18th-century house.", "A 1990s film.", "An NGO.", "A SIM card.",
    "an SME or a SME", "A unanimous decision.", "A useful tool.", "A herb tea.", "An herb tea.",
    "Grade A eggs.", "a.m. and p.m.", "A/B testing.", "We use a `npm` package.",
    "See an [hour-long talk](https://example.com/a-item) here.", "An Islamic school.",
    "An Ummah of believers.", "A once-popular idea.", "A Ukrainian city.", "An urban area.",
    "An usher came.", "A ewe grazed.", "A eulogy.", "An unidentified man.", "A unilateral move.",
    "An unimportant detail.", "A 1800s house.", "An 1800s house.", "A FAQ page.", "An FAQ page.",
    "An HIV test.", "An SUV.", "A yacht.", "A hotel.", "An hotel.",
]


@pytest.mark.parametrize("sentence,article,fix", ARTICLE_ERRORS)
def test_article_flags(sentence, article, fix):
    assert flagged("grammar.article", sentence) == [(article, fix)]


@pytest.mark.parametrize("sentence", ARTICLE_CORRECT)
def test_article_leaves_correct_sentences(sentence):
    assert flagged("grammar.article", sentence) == []


def test_article_fix_is_safe_and_exact():
    text = "# Title\n\nWe waited a\nhour for an university.\n"
    findings = engine("grammar.article").lint_bytes("t.md", text.encode()).findings
    assert [(f.line, f.column, f.span_text, f.fix.edits[0].text, f.fix.safe) for f in findings] == [
        (3, 11, "a", "an", True), (4, 10, "an", "a", True)]


# -- grammar.possessive -----------------------------------------------------------------------------
POSSESSIVE_ERRORS = [
    ("We must protect patients privacy.", "patients", "patients'"),
    ("The patients privacy matters.", "patients", "patients'"),
    ("Patients privacy is key.", "Patients", "Patients'"),
    ("The workers union called a strike.", "workers", "workers'"),
    ("Patients needs are often unmet.", "Patients", "Patients'"),
    ("Childrens books are fun.", "Childrens", "Children's"),
    ("The womens team won.", "womens", "women's"),
    ("The mens health clinic opened.", "mens", "men's"),
    ("Researchers data was shared.", "Researchers", "Researchers'"),
    ("Residents safety comes first.", "Residents", "Residents'"),
    ("The members rights are protected.", "members", "members'"),
    ("Users passwords were leaked.", "Users", "Users'"),
    ("Doctors advice is valuable.", "Doctors", "Doctors'"),
]

POSSESSIVE_CORRECT = [
    "Hospitals give patients privacy.", "They offer the patients information.",
    "Students Union elections are today.", "The patients needs to rest.",
    "Our members views the plan.", "Mens rea is a legal term.",
    "They treat patients with care.", "We asked patients information about their habits.",
    "Kidney disease patients globally.", "We protect patients' privacy.",
    "Children's books are fun.", "The patients are safe.", "Patients Health Questionnaire.",
    "Doctors and nurses work hard.", "Grant workers rights now.",
]


@pytest.mark.parametrize("sentence,word,fix", POSSESSIVE_ERRORS)
def test_possessive_flags(sentence, word, fix):
    assert flagged("grammar.possessive", sentence) == [(word, fix)]


@pytest.mark.parametrize("sentence", POSSESSIVE_CORRECT)
def test_possessive_leaves_correct_sentences(sentence):
    assert flagged("grammar.possessive", sentence) == []


# -- grammar.repeated-word -------------------------------------------------------------------------
def test_repeated_word():
    assert flagged("grammar.repeated-word", "It is the the best.") == [("the the", "the")]
    assert flagged("grammar.repeated-word", "He had had enough.") == []
    assert flagged("grammar.repeated-word", "## Moving Forward\n\nMoving forward, we act.") == []


# -- the seeds ------------------------------------------------------------------------------------------
def test_seeds_offline_grammar_findings_are_exactly_the_agreement_errors():
    pack = load_pack(Config(rules_dirs=[bundled_rules_dir()]), select=["grammar"])
    eng = Engine(pack, select=["grammar"])
    got = []
    for path in sorted(SEEDS.iterdir()):
        for f in eng.lint_path(path, path.name).findings:
            got.append((f.path, f.line, f.column, f.rule, f.span_text))
    assert got == [
        ("002_abe32fcd212065ce.txt", 3, 108, "grammar.agreement", "recognises"),
        ("002_abe32fcd212065ce.txt", 3, 128, "grammar.agreement", "prioritises"),
        ("002_abe32fcd212065ce.txt", 21, 81, "grammar.agreement", "continue"),
    ]


def test_seeds_each_agreement_error_is_one_finding_with_terminology():
    """With the whole rule pack, terminology.agreement and grammar.agreement merge per verb."""
    pack = load_pack(Config(rules_dirs=[bundled_rules_dir()]))
    eng = Engine(pack)
    got = []
    for path in sorted(SEEDS.iterdir()):
        for f in eng.lint_path(path, path.name).findings:
            if f.group == "agreement" or f.rule.endswith("agreement"):
                got.append((f.path, f.line, f.column, f.span_text))
    assert got == [
        ("002_abe32fcd212065ce.txt", 3, 108, "recognises"),
        ("002_abe32fcd212065ce.txt", 3, 128, "prioritises"),
        ("002_abe32fcd212065ce.txt", 21, 81, "continue"),
    ]
