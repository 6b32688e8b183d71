"""Lexical signals of a specific factual claim.

Each signal is a small, explainable pattern over one sentence. They serve
twice: as features of the check-worthiness model (so training sees them) and
as the *why* in a `claims.unsourced` message ("a number '2015'; a first or a
best 'among the first'"). They are deliberately narrow: a signal should fire
on what an editor would call a checkable detail, not on any capital letter or
adjective.

Signals (name -> what the message says):

- ``actor``: a named person or organisation with an achievement verb
  ("Rizwan Ahmed ... developed");
- ``number``: a number, percentage, date or money amount ("in 2015", "40%",
  "$4 billion", "three million");
- ``superlative``: a first or a best ("the first", "largest", "global leader",
  "role model", "superior");
- ``attribution``: a vague attribution ("experts say", "studies show",
  "globally recognised");
- ``ranking``: a rank or a place in a league table ("ranked third",
  "among the top ten", "second-largest").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .prefilter import UNSET, fold, literal_gate

SIGNAL_NAMES = ("actor", "number", "superlative", "attribution", "ranking")

# What each signal is called in a message.
SIGNAL_LABELS = {
    "actor": "a named actor with an achievement verb",
    "number": "a number, date or amount",
    "superlative": "a first or a best",
    "attribution": "a vague attribution",
    "ranking": "a ranking",
}


@dataclass(frozen=True, slots=True)
class Signal:
    """One signal that fired in a sentence."""

    name: str
    start: int  # offsets into the sentence text
    end: int
    text: str


def _words(*items: str) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


# -- numbers, dates, amounts ---------------------------------------------------------
# Written compactly: these patterns are compiled in every process that lints.
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_NUMBER_WORD = (r"(?:(?:twen|thir|for|fif|six|seven|eigh|nine)ty|(?:thir|four|fif|six|seven|eigh|nine)teen|"
                r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|thousand|"
                r"[mbtr]illion|dozen|half|twice|double|triple|quarter)")
_SCALE = r"(?:hundred|thousand|[mbtr]illion|bn|m|k)"
_NUMBER_RE = re.compile(
    r"""
    [$€£¥]\s?\d[\d,.]*(?:\s?""" + _SCALE + r""")?                      # money: $4 billion
    | (?<![\w-])\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)   # 40%, 7 percent
    | (?<![\w/-])\d{1,2}\s""" + _MONTH + r"""\b(?:\s\d{4})?                # 3 May 2020
    | \b""" + _MONTH + r"""\s(?:\d{1,2}(?:st|nd|rd|th)?,?\s|of\s)?\d{4}\b  # May 3, 2020; March 2020
    | (?<![\w./-])\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s""" + _SCALE + r""")?(?![\w-]|\.\d)  # 2015, 1,200, 4.5
    | \b""" + _NUMBER_WORD + r"""(?:[\s-]""" + _NUMBER_WORD + r""")*\b
      (?=\s+(?:\w+\s+)?(?:of\s+)?[a-z])                             # "three million people"
    | \b(?:one|two|three|four|five)\s(?:in|out\sof)\s\w+\b          # one in five
    | \b(?:hundreds|thousands|millions|billions|dozens)\sof\b
    | \b(?:doubled|tripled|trebled|quadrupled|halved)\b                 # "the budget doubled"
    | \b(?:a|one|two)\s(?:third|quarter|fifth|tenth)s?\sof\b          # "a third of"
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Digits that are part of a name, not a quantity: COVID-19, G20, F-14, Web 2.0, MP3.
_NAME_NUMBER = re.compile(r"[A-Za-z]-?\d|\d-?[A-Za-z]")

# -- firsts and bests ------------------------------------------------------------------
_SUPERLATIVE_ADJ = (
    "largest", "biggest", "greatest", "highest", "lowest", "fastest", "oldest", "newest",
    "youngest", "strongest", "richest", "poorest", "smallest", "longest", "deadliest",
    "cheapest", "safest", "healthiest", "wealthiest", "busiest", "earliest", "latest",
    "best(?!\\s+practices?\\b|\\s+interests?\\b|\\s+wishes\\b)", "worst", "most advanced", "most successful", "most effective", "most innovative",
    "most important", "most influential", "most comprehensive", "most efficient",
    "most developed", "most popular", "most widely",
)
_SUPERLATIVE_RE = re.compile(
    r"""
    (?:\b(?:the|its|their|his|her)|\b\w+['’]s)\s(?:very\s)?first\b(?!\s(?:step|steps|time|place|of\sall|half|quarter|part|section|chapter|years?|days?|weeks?|months?|phase|stage|thing|glance|sight|question|round|line|page|lesson|principle))
    | \bfirst[\s-](?:ever|country|nation|person|woman|man|company|hospital|university)\b
    | \b(?:""" + _words(*_SUPERLATIVE_ADJ) + r""")\b
    | \b(?:global|world|regional|international|industry|market)[\s-]leaders?\b
    | \bleads\sthe\s(?:world|region|globe)\b
    | \brole\smodels?\b
    | \bsuperior\b(?!\s(?:to\b|court))
    | \b(?:pioneers?|pioneered|pioneering|pathmakers?|trailblaz\w+)\b
    | \b(?:world-class|world-leading|unrivalled|unrivaled|unmatched|unparalleled|unprecedented)\b
    | \b(?:only|sole)\s(?:country|nation|company|one|person|state|hospital)\b
    | \bnumber\sone\b | \bno\.\s?1\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# -- rankings ----------------------------------------------------------------------------
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")
_RANKING_RE = re.compile(
    r"""
    \branked\b | \branks?\s(?:first|last|\w+th|second|third|among|as|in|highest|lowest)\b | \branking\sof\b
    | \b(?:among|one\sof)\sthe\s(?:top|first|best|largest|leading|biggest|most)\b
    | \btop[\s-](?:\d+|three|five|ten|twenty|fifty|hundred)\b
    | \b(?:""" + _words(*_ORDINALS) + r""")[\s-](?:largest|biggest|highest|lowest|most|best|place|fastest|richest)\b
    | \b(?:""" + _words(*_ORDINALS) + r""")\sin\sthe\s(?:world|region|country)\b
    | \#\d+\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# -- vague attribution --------------------------------------------------------------------
_ATTRIBUTION_RE = re.compile(
    r"""
    \b(?:experts?|scientists|researchers|analysts|observers|critics|officials|sources|historians|doctors)
      \s(?:say|says|said|agree|believe|claim|note|suggest|warn|estimate)\b
    | \b(?:many|some|several|numerous|recent)\s(?:studies|experts|reports|surveys|scientists)\b
    | \b(?:studies|research|data|evidence|reports|surveys|statistics|figures)\s(?:has\s|have\s)?(?:show|shows|shown|suggest|suggests|suggested|indicate|indicates|indicated|prove|proves|proved|proven|confirm|confirms|confirmed|reveal|reveals|revealed)\b
    | \baccording\sto\b
    | \b(?:it\sis|it's|it\shas\sbeen)\s(?:widely\s|generally\s|often\s)?(?:said|believed|known|reported|claimed|estimated|acknowledged|accepted)\b
    | \b(?:widely|globally|internationally|universally|world-?wide)\s(?:recogni[sz]ed|acknowledged|acclaimed|praised|regarded|known|respected|accepted|considered)\b
    | \b(?:gained|earned|won|received|achieved)\s(?:global|international|worldwide|wide|widespread|universal)\s(?:recognition|acclaim|praise|respect)\b
    | \bhave\sbeen\sproven\b | \bhas\sbeen\sproven\b | \bhave\sproven\sto\b | \bhas\sproven\sto\b
    | \b(?:reportedly|allegedly|purportedly)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# -- a named actor with an achievement verb ----------------------------------------------
_ACHIEVEMENT_VERBS = (
    "developed", "develops", "invented", "invents", "discovered", "discovers", "founded",
    "established", "launched", "launches", "built", "builds", "created", "creates",
    "designed", "introduced", "won", "wins", "awarded", "funded", "funds", "financed",
    "donated", "donates", "transferred", "exported", "exports", "produced", "produces",
    "manufactured", "manufactures", "published", "achieved", "eradicated", "eliminated",
    "reduced", "increased", "doubled", "tripled", "halved", "cut", "raised", "saved",
    "treated", "vaccinated", "trained", "deployed", "signed", "approved", "opened",
    "spearheaded", "championed", "identified", "cured", "hosted", "participated",
    "assisted", "delivered", "pledged", "invested", "invests", "supplied", "sent",
    "made significant strides", "made strides", "led", "leads", "pioneered",
)
_VERB_RE = re.compile(r"\b(?:" + _words(*_ACHIEVEMENT_VERBS) + r")\b", re.IGNORECASE)
# A run of capitalised words ("Rizwan Ahmed", "Ministry of Health", "the U.S.") or an
# acronym ("WHO", "UNICEF").
_NAME_RE = re.compile(
    r"(?<![\w'’-])(?:[A-Z][a-z'’\-]+|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)+)"
    r"(?:\s(?:of|for|and|de|al|bin|ibn|van|von|the)?\s?(?:[A-Z][a-z'’\-]+|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)+))*"
)
# Capitalised words that do not name anyone: sentence openers, pronouns, and
# everyday nouns of this corpus that writers capitalise for emphasis.
_NOT_NAMES = frozenset("""
A An The This That These Those It Its In On At For From By With As After Before During
Over Under Since Until Through Thus Hence However Moreover Furthermore Also Additionally
Meanwhile Similarly Likewise Conversely Consequently Therefore Indeed Such When While
Where Although Though If But And Or Yet So Not No Yes We Our They Their He She His Her
You Your I My Me Us Them Many Some Several Most All Each Every Both Either Neither One
Today Yesterday Tomorrow Now Here There What Which Who Whom Whose Why How Let Upon
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Dummy Mr Mrs Ms Dr
""".split())
_DUMMY_RE = re.compile(r"^Dummy\d+$")


def _names(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _NAME_RE.finditer(text):
        words = m.group().split()
        # Drop leading words that are only capitalised because they open the sentence.
        start = m.start()
        while words and (words[0] in _NOT_NAMES or _DUMMY_RE.match(words[0])):
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        if m.start() == 0 and start == 0 and len(words) == 1 and not words[0].isupper():
            continue  # a lone capitalised first word is just the sentence's start
        out.append((start, start + len(name), name))
    return out


_APPOSITION = re.compile(r",\s+(?:a|an|the|who|which|one|its|his|her|their)\b")


def _in_apposition(text: str, start: int, verb_start: int) -> bool:
    """True for a name inside ", a member of the Islamic Ummah," before the verb:
    the subject is the name before the commas ("Rizwan Ahmed, a member of ..., developed")."""
    comma = text.rfind(",", 0, start)
    return (comma >= 0 and _APPOSITION.match(text, comma) is not None
            and "," in text[start:verb_start])


@cache
def _gated_patterns():
    """(signal name, regex, gate) for the plain signals; gates are built on first use
    (parsing the patterns again costs a few milliseconds a lint run need not pay twice)."""
    return tuple((name, regex, literal_gate(regex.pattern, regex.flags))
                 for name, regex in (("number", _NUMBER_RE), ("superlative", _SUPERLATIVE_RE),
                                     ("ranking", _RANKING_RE), ("attribution", _ATTRIBUTION_RE),
                                     ("actor", _VERB_RE)))


def _matches(regex, gate, text: str, folded: str | None) -> list:
    # The gate only skips a sentence the regex cannot match (see prefilter).
    if gate is not None and not gate.admits(folded):
        return []
    return list(regex.finditer(text))


def find_signals(text: str, folded=UNSET) -> list[Signal]:
    """All signals in one sentence, in text order (at most one per span).
    `folded`: `prefilter.fold(text)`, when the caller has it."""
    if folded is UNSET:
        folded = fold(text)
    (_, number_re, number_gate), *plain, (_, verb_re, verb_gate) = _gated_patterns()
    found: list[Signal] = []
    for m in _matches(number_re, number_gate, text, folded):
        s = m.group().strip()
        if not s or _NAME_NUMBER.search(text[max(0, m.start() - 1):m.end() + 1]) and s.isdigit():
            continue
        found.append(Signal("number", m.start(), m.start() + len(s), s))
    for name, regex, gate in plain:
        for m in _matches(regex, gate, text, folded):
            found.append(Signal(name, m.start(), m.end(), m.group()))
    verbs = _matches(verb_re, verb_gate, text, folded)
    if verbs:
        names = _names(text)
        for verb in verbs:
            # The name closest before the verb is its likeliest subject.
            before = [n for n in names if n[1] <= verb.start() and verb.start() - n[1] <= 120
                      and not _in_apposition(text, n[0], verb.start())]
            if before:
                start, _end, name = before[-1]
                found.append(Signal("actor", start, verb.end(), f"{name} … {verb.group()}"))
                break
    found.sort(key=lambda s: (s.start, s.name))
    return found


def signal_names(signals: list[Signal]) -> list[str]:
    """The distinct signal names, in SIGNAL_NAMES order."""
    present = {s.name for s in signals}
    return [n for n in SIGNAL_NAMES if n in present]
