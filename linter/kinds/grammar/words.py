"""Word lists for the offline grammar checks (agreement, possessive, article).

No POS tagger that fits ships its model inside its package and imports fast
enough for a pre-commit run, so the offline checks use small, curated lists:
a word is treated as a verb only when it is listed here. Unknown words never
trigger a finding, which keeps the checks precise at the cost of recall
(LanguageTool, when configured, covers the rest).

British -ise/-yse spellings are looked up through their -ize/-yze forms.
"""

from __future__ import annotations

import re
from functools import lru_cache

# -- verbs ---------------------------------------------------------------------
# Verbs whose -s form is (almost) never a plural noun: "reduces", "recognizes".
VERB_ONLY = frozenset("""
accept achieve acquire adapt add adhere adjust admit adopt affirm afford aggravate agree
allocate allow alter analyze announce anticipate appear apply appoint appreciate approve
argue arise arrive articulate ascertain aspire assert assess assign assist assume assure
attain attend attract avoid await bear become begin behave believe belong bolster borrow
bring broaden build calculate carry celebrate choose cite clarify collaborate collect
combine come commit compare compel compete complain complete comply compose comprise conceal
concede conclude condemn conduct confirm confront connect consider consist constitute
construct consume contain continue contribute convene convert convey convince cooperate
coordinate cope correspond create criticize cultivate decide declare dedicate deem defend
define deliver demonstrate denote deny depend depict derive describe deserve determine
develop devote differ diminish disappear discover discuss dismiss distinguish distribute
diversify divide dominate elevate embody embrace emerge emphasize employ empower enable
encourage endeavor endorse endure enforce engage enhance enjoy enrich ensure enter entail
establish evaluate evolve examine exceed exemplify exist expand expect explain explore expose
express extend facilitate fail feel follow forge foster fulfil fulfill generate get give go
govern grow happen hear hinder identify ignore illustrate implement imply impose improve
include incorporate indicate inform inherit initiate inspire install integrate intend
interpret introduce invest investigate invite involve justify keep know lay learn lend let
lie like live locate lose maintain manage manifest mean meet mention mobilize motivate
neglect nurture observe obtain occur operate oppose organize overcome owe own participate
perceive perform persist persuade pertain possess postpone predict prefer prepare preserve
prevail prevent prioritize proceed prohibit promote propagate propose protect prove provide
publish pursue put qualify react read realize receive recognize recommend reconcile recover
reduce reflect refuse reinforce reject relate rely remember remind remove render replace
represent require resemble reside resolve respond retain reveal satisfy say seek seem select
sell send serve signify solidify solve speak specialize spend stimulate strengthen strive
submit succeed suffer suggest suppose surpass surround survive sustain take teach tell tend
thrive threaten transcend transform translate try undergo underline undermine underscore
understand undertake unify unite urge utilize vary weave withstand write see align
stabilize rename disable deprecate simplify migrate
validate expose parse
""".split())

# Verbs whose -s form is also a common plural noun ("shares", "changes"): a word
# like this counts as a verb only when the context leaves no other reading.
VERB_NOUN = frozenset("""
access account act address advance advocate affect aid aim answer approach attempt attribute
balance benefit bridge call campaign care cause challenge champion change claim code combat
command comment concern conflict contact contrast control cost count credit cut deal debate
decline decrease delay demand design display dispute doubt dream drive drop effect encounter
estimate exchange exercise exhibit experience export face fear feature figure find focus form
function fund gain grant group guarantee guide harm head help highlight hold hope host house
impact import increase influence interest issue judge lack land lead leave lift limit link
list look love mark market matter measure mirror model monitor move name need network note
offer order outline partner pass pay permit picture place plan play pledge point position
post power practice present pressure price process produce profile progress project promise
protest purchase question quote raise rank rate reach reason recall record reference reform
regard release remain reply report request respect rest result return review reward right
rise risk root rule run save schedule screen search sense service set shape share shift show
sign sort sound source spread stake stand start state stem step stop stress strike structure
struggle study subject supply support surprise survey switch talk target term test tie total
touch tour track trade train transfer travel treat trigger trust turn update use value venture
view visit vote walk want warrant watch wave welcome win wish witness wonder word work worry
yield document check handle patch log print split load merge pin skip clean sort wrap strip
fix ban bump revert upgrade downgrade retry refactor throw make
""".split())

VERBS = VERB_ONLY | VERB_NOUN

IRREGULAR_VBZ = {"is": "are", "was": "were", "has": "have", "does": "do", "goes": "go"}
PLURAL_FINITE = frozenset({"are", "were", "have", "do", "don't", "don’t", "aren't", "aren’t",
                           "weren't", "weren’t", "haven't", "haven’t"})
MODALS = frozenset("can could will would shall should may might must cannot can't can’t won't "
                   "won’t wouldn't wouldn’t shouldn't shouldn’t couldn't couldn’t mustn't "
                   "mustn’t".split())
AUXILIARIES = MODALS | frozenset("do does did is are was were has have had be been being "
                                 "let lets make makes made help helps see saw watch hear "
                                 "didn't didn’t doesn't doesn’t".split())
IRREGULAR_PAST = frozenset("""
became began bought brought built came chose did drew drove fell felt fought found forgot gave
went grew had heard held kept knew laid led left lent lost made meant met paid ran rose said
saw sent shook showed sold spoke spent stood struck took taught told thought threw understood
won wore wrote were was
""".split())

# -- nouns -----------------------------------------------------------------------
IRREGULAR_PLURALS = frozenset("""
people children men women mice feet teeth geese criteria phenomena alumni fungi nuclei
""".split())

# Nouns and other words that end in -s but are not plural nouns.
NOT_PLURAL = frozenset("""
news series species means physics economics politics mathematics ethics athletics logistics
statistics measles mumps diabetes herpes rabies scabies billiards darts headquarters
crossroads whereabouts barracks gallows innings kudos chaos ethos pathos canvas atlas alias
bias iris lens gas bus plus minus versus thus this its his hers ours yours theirs does goes
has was is us yes less unless across always perhaps sometimes nevertheless nonetheless towards
afterwards besides whereas various numerous previous nowadays sideways overseas downstairs
upstairs outdoors indoors
""".split())
_SINGULAR_S_SUFFIXES = ("ss", "us", "is", "ous", "ics", "ness", "sis", "itis", "'s", "’s")

# -- function words ------------------------------------------------------------------
PREPOSITIONS = frozenset("""
in of from across at on with for around throughout among between within near under over outside
inside beyond without behind along like into about through towards toward against during after
before via per by amid amongst beneath beside upon onto
""".split())
PLURAL_DETERMINERS = frozenset("""
these those many several both few various numerous two three four five six seven eight nine ten
eleven twelve twenty hundreds thousands millions
""".split())
SINGULAR_DETERMINERS = frozenset("a an this that each every one another either neither much".split())
NEUTRAL_DETERMINERS = frozenset("the our their your its his her my some all most such no any "
                                "other more fewer".split())
DETERMINERS = PLURAL_DETERMINERS | SINGULAR_DETERMINERS | NEUTRAL_DETERMINERS
PRONOUNS = frozenset("i you he she it we they me him her us them myself yourself himself "
                     "herself itself ourselves themselves who whom whose which that what "
                     "there here".split())
CONJUNCTIONS = frozenset("and or but nor yet so".split())
SUBORDINATORS = frozenset("because although though while whereas when whenever if unless since "
                          "where whether that".split())
# Words that begin an introductory phrase ending in a comma ("In 2020, mosques …").
INTRO_STARTERS = PREPOSITIONS | frozenset("""
however moreover furthermore additionally indeed thus therefore meanwhile consequently similarly
likewise nevertheless nonetheless instead overall currently historically traditionally recently
ultimately finally first second third also still yet now then today nowadays together
""".split())
ADVERBS = frozenset("""
also often still now already always never usually generally rarely frequently increasingly
significantly really actually typically largely mostly simply clearly further even just only
sometimes seldom hardly scarcely soon together thus therefore jointly actively continually
""".split())
_ADVERB_RE = re.compile(r"^\w{3,}(?:ally|ously|ively|fully|ently|antly|ingly|edly|ably|ibly|arly|ily|ely)$")
# Words that, right after a verb, show it is a verb ("shares the", "shows that").
# ("that" is not one: "structures that npm creates" is a noun and a relative clause.)
STRONG_OBJECTS = frozenset("the a an this these those its their our his her my your some many "
                           "more no every each all it them him us me itself themselves".split())

CONTRACTIONS = frozenset(f"{w}{end}" for w in "there here it that what who he she let where how"
                         .split() for end in ("'s", "’s"))
FUNCTION_WORDS = (PREPOSITIONS | DETERMINERS | PRONOUNS | CONJUNCTIONS | SUBORDINATORS | MODALS
                  | CONTRACTIONS | frozenset(IRREGULAR_VBZ) | PLURAL_FINITE
                  | frozenset("be been being had not to as than".split()))


# The checks ask the same questions of the same few thousand words over and over
# (every token, for every clause start): the answers below are cached per word.
_CACHED_WORDS = 1 << 14


def fold(word: str) -> str:
    return word.lower().replace("’", "'")


def _british(stem: str) -> str:
    if stem.endswith("ise"):
        return stem[:-3] + "ize"
    if stem.endswith("yse"):
        return stem[:-3] + "yze"
    return stem


@lru_cache(maxsize=_CACHED_WORDS)
def verb_base(word: str) -> str | None:
    """The listed base of a verb form written as the base itself ("reduce")."""
    w = fold(word)
    if w in VERBS:
        return w
    b = _british(w)
    return b if b in VERBS else None


@lru_cache(maxsize=_CACHED_WORDS)
def vbz_base(word: str) -> str | None:
    """The base of a third-person singular present verb ("reduces" -> "reduce"), or None."""
    w = fold(word)
    if w in IRREGULAR_VBZ:
        return IRREGULAR_VBZ[w]
    if len(w) < 4 or not w.endswith("s") or w.endswith("ss"):
        return None
    candidates = [w[:-1]]
    if w.endswith("es"):
        candidates.append(w[:-2])
    if w.endswith("ies"):
        candidates.append(w[:-3] + "y")
    for c in candidates:
        for form in (c, _british(c)):
            if form in VERBS:
                return form
    return None


def is_vbz(word: str) -> bool:
    return vbz_base(word) is not None


def vbz_is_ambiguous(word: str) -> bool:
    """True when the -s form is also a plural noun ("shares"), so context must decide."""
    w = fold(word)
    if w in IRREGULAR_VBZ:
        return False
    base = vbz_base(w)
    return base is not None and base in VERB_NOUN


def to_plural_verb(word: str) -> str:
    """'recognises' -> 'recognise', 'has' -> 'have', 'studies' -> 'study' (keeps the writer's spelling)."""
    w = word
    low = fold(w)
    if low in IRREGULAR_VBZ:
        return _same_case(IRREGULAR_VBZ[low], w)
    if low.endswith("ies") and (low[:-3] + "y") in VERBS:
        return w[:-3] + "y"
    if low.endswith("es") and (low[:-2] in VERBS or _british(low[:-2]) in VERBS):
        return w[:-2]
    return w[:-1]


def to_singular_verb(word: str) -> str:
    """'continue' -> 'continues', 'have' -> 'has', 'study' -> 'studies'."""
    low = fold(word)
    irregular = {"have": "has", "do": "does", "are": "is", "were": "was", "go": "goes",
                 "don't": "doesn't", "aren't": "isn't", "haven't": "hasn't", "weren't": "wasn't"}
    if low in irregular:
        return _same_case(irregular[low], word)
    if re.search(r"[^aeiou]y$", low):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh|o)$", low):
        return word + "es"
    return word + "s"


def _same_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


@lru_cache(maxsize=_CACHED_WORDS)
def is_plural_noun(word: str) -> bool:
    """Plural by its form: listed irregular plurals, or a regular -s plural that is not a known
    singular (news, analysis) or function word."""
    w = fold(word)
    if w in IRREGULAR_PLURALS:
        return True
    if len(w) < 4 or not w.endswith("s") or w in NOT_PLURAL or w in FUNCTION_WORDS:
        return False
    if w.endswith(_SINGULAR_S_SUFFIXES) or w.endswith(("ways", "wards", "wise")):
        return False
    return w.isalpha() or bool(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", w))


@lru_cache(maxsize=_CACHED_WORDS)
def is_adverb(word: str) -> bool:
    w = fold(word)
    return w in ADVERBS or bool(_ADVERB_RE.match(w)) and w not in _LY_NOT_ADVERBS


_LY_NOT_ADVERBS = frozenset("family early supply apply reply rally ally assembly italy july "
                            "monopoly anomaly homily folly holy ugly elderly friendly costly "
                            "lovely lonely likely timely orderly daily weekly monthly yearly "
                            "quarterly".split())


@lru_cache(maxsize=_CACHED_WORDS)
def is_past_or_participle(word: str) -> bool:
    w = fold(word)
    return w in IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and w not in {"need", "seed",
                                                                                    "speed", "feed",
                                                                                    "breed", "creed",
                                                                                    "indeed", "hundred"})


def is_finite_verb_like(word: str) -> bool:
    """Any word that could be the finite verb of a clause (used to rule a reading out)."""
    w = fold(word)
    return (w in PLURAL_FINITE or w in MODALS or w in IRREGULAR_VBZ or w in IRREGULAR_PAST
            or vbz_base(w) is not None or verb_base(w) is not None or is_past_or_participle(w))
