"""`article`: "a" or "an" chosen by the sound of the next word, not its first letter.

"an hour", "an MRI", "an 8-year-old", "an X-ray"; "a university", "a one-time",
"a European", "a UK-based". When the sound is uncertain ("historic", "herb",
an acronym that may be read as a word, a year such as 1800) nothing is reported.

inflect's `a()` was considered: it takes about two seconds to import (too slow
for a pre-commit run on one file) and gets numbers and some initialisms wrong
("a 8-year-old", "a SUV"), so the rules are written out here and tested.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from ..base import Option, RuleKind

# Words that start with a vowel letter but a consonant sound ("a university").
_YOO = re.compile(r"""^(?:
    uni(?!n|m|dent|ll)            # university, union, unique, unit; not unimportant, uninformed
  | unanim | use | usu | usa | usur | uten | uter | util | utop | utah | ura(?:l|n) | ure[at]
  | url | uri\b | usb | utf | uuid | uid\b | ux\b | ui\b | uint | utc\b
  | urin | uro | ubiq | ukr | ukul | ugand | urug | uvul | eu | ewe | one(?:$|[-\s]|s\b|self)
  | once
)""", re.X)
_SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir)")
# Either article is heard for these; never report them.
_UNSURE = re.compile(r"^(?:herb|histor|hotel|homage|habitu|hypothes|heroic|humble|uighur|"
                     r"uigur|euler|eur\b)")
# Letters whose names start with a vowel sound (an F, an M, an X-ray, an S-curve).
_VOWEL_LETTER_NAMES = set("AEFHILMNORSX")
# Acronyms read as words, so the article follows their sound as a word.
_WORD_ACRONYMS = {
    "NASA", "NATO", "NAFTA", "SIM", "LAN", "MOOC", "FIFA", "RAM", "ROM", "SARS", "MERS", "HAMAS",
    "NASDAQ", "SWIFT", "LASER", "RADAR", "SONAR", "SCUBA", "FEMA", "MENA", "HUD", "NIMBY", "MIT",
    "SMART", "SPAC", "NICE", "HEPA",
}
# Acronyms that look pronounceable but are spelt out (an HIV test, an SUV).
_SPELT_OUT = {"SUV", "HIV", "MOU", "MIT", "SEO", "NIH", "FOI", "RSA", "HOA", "NOAA"}
# Read either way: "a FAQ" / "an FAQ", "a LED" / "an LED", "a SQL" / "an SQL".
_EITHER = {"FAQ", "LED", "SQL", "SAT", "SAP", "SOP", "SOS"}
_VALID_ONSETS = {
    "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gh", "gl", "gn", "gr", "kl", "kn", "kr",
    "ph", "pl", "pr", "qu", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "sq", "st", "sv", "sw",
    "th", "tr", "tw", "wh", "wr",
    # rarer, from loanwords: rhythm, llama, mnemonic, fjord, psalm, pneumonia, tsunami, czar
    "rh", "ll", "mn", "fj", "ps", "pn", "pt", "ts", "cz", "kh", "zh", "bh", "dh", "sr", "sf", "sz",
    "vl", "zw", "wy",
}
# Words that never follow an article; "a" before them is a letter or a label ("option a or b").
_NEVER_AFTER_ARTICLE = frozenset("and or of on in is it its at as are an a if us into onto upon "
                                 "until unless about above across after against along among "
                                 "around because before".split())
_ARTICLES = frozenset(("a", "an", "A", "An"))
_TEXT = attrgetter("text")
_WORD_AFTER = re.compile(r"[ \t]+([\w][\w'’.-]*)")


# The same few hundred words follow "a" and "an" again and again; the answer depends
# on the word alone.
@lru_cache(maxsize=1 << 12)
def expected_article(word: str) -> str | None:
    """'a', 'an', or None when the sound of `word` is uncertain."""
    if not word:
        return None
    head = word.split("-", 1)[0]
    if word[0].isdigit():
        return _number_article(word)
    if len(head) == 1 and head.isalpha():
        # A letter read by its name: "an X-ray", "a U-turn", "an e-mail", "an F".
        if head.islower() and "-" not in word:
            return None
        return _letter(head)
    if re.match(r"^[A-Za-z](?:\d|\.\d)", head):  # x64, X509, X.509, u16, v8, h2: a letter, then digits
        return _letter(head[0])
    if re.match(r"^[a-z][A-Z]{2,}", head):  # mRNA, eGFR: first letter read by its name
        return _letter(head[0])
    if re.match(r"^[Xx][^aeiouyAEIOUY\W]", head):  # Xcode, XRay, xhr: "ex-"
        return "an"
    letters = re.sub(r"[^A-Za-z]", "", head)
    if len(letters) >= 2 and letters.isupper():
        return _acronym_article(letters)
    caps = re.match(r"[A-Z]{3,}(?=[a-z])", head)
    if caps:  # URIError, HTTPServer: an acronym, then a word that starts with its last capital
        return _acronym_article(caps.group()[:-1])
    low = word.lower()
    if _UNSURE.match(low):
        return None
    letters_first = re.match(r"[a-z]+(?![A-Za-z])", head)
    if letters_first and _spelt_out(letters_first.group()):
        if letters_first.group() in ("sql", "src", "std", "fn"):
            return None  # "sequel", "source", "standard", "function": read either way
        return _letter(low[0])  # npm, html, mtime, rsync, fd, mp3: read letter by letter
    if low[0] in "aeiou":
        return "a" if _YOO.match(low) else "an"
    if low[0] == "h":
        return "an" if _SILENT_H.match(low) else "a"
    if low[0].isalpha():
        return "a"
    return None


def _letter(ch: str) -> str:
    return "an" if ch.upper() in _VOWEL_LETTER_NAMES else "a"


def _spelt_out(low: str) -> bool:
    """A lower-case word that cannot be read as English: no vowel, or an impossible start."""
    if low[0] in "aeiou":
        return False
    if not re.search(r"[aeiouy]", low):
        return True
    return low[1] not in "aeiouy" and low[:2] not in _VALID_ONSETS


def _number_article(word: str) -> str | None:
    digits = re.match(r"\d+", word).group()
    if digits[0] == "8":
        return "an"  # eight, eighty, 800, 8th
    if digits[:2] in ("11", "18"):
        # eleven, eighteen; "1100" or "1800" may be read "eleven hundred" or "one thousand one hundred".
        return "an" if len(digits) == 2 else None
    return "a"


def _acronym_article(letters: str) -> str | None:
    first = letters[0]
    if first == "U":
        return "a"  # you: a UN agency, a USB stick, a UNESCO site
    if letters.startswith("EU") and len(letters) > 2:
        return None  # EULA is read "you-la"
    if first in "AEIO":
        return "an"
    if first not in _VOWEL_LETTER_NAMES:
        return "a"  # B C D G J K P Q T V W Y Z: consonant-sound names
    if letters in _EITHER:
        return None
    if letters in _SPELT_OUT:
        return "an"
    if letters in _WORD_ACRONYMS:
        return "a"
    if not re.search(r"[AEIOUY]", letters) or letters[:2].lower() not in _VALID_ONSETS | {
            first.lower() + v for v in "aeiouy"}:
        return "an"  # spelt out: an MRI, an NGO, an FBI agent, an LLM, an SMS
    return None


class Article(RuleKind):
    kind = "article"
    description = "'a' or 'an' does not match the sound of the next word."
    help = ("Use 'an' before a vowel sound and 'a' before a consonant sound: an hour, an MRI, "
            "an 8-year-old; a university, a one-time fee, a European. Nothing is reported "
            "when either is heard (historic, herb).")
    options = {"scope": Option("str-list", []), "exceptions": Option("str-list", [])}
    default_scope = ("heading", "paragraph", "table_cell")

    def configure(self) -> None:
        self.exceptions = {e.lower() for e in self.opts["exceptions"]}

    def check(self, document):
        for block in self.blocks(document):
            starts = None
            words = block.words
            # The articles among the words, picked out in C: a Python loop over every
            # word of every block would cost more than checking the few articles.
            for word in compress(words, map(_ARTICLES.__contains__, map(_TEXT, words))):
                if word.text == "A":
                    if starts is None:
                        starts = {s.start for s in block.sentences}
                    if word.start not in starts:
                        continue  # "Vitamin A is", "grade A eggs": a letter, not the article
                finding = self._check_word(document, block, word)
                if finding is not None:
                    yield finding

    def _check_word(self, document, block, word):
        article = word.text
        before = block.text[word.start - 1] if word.start > 0 else " "
        if not (before.isspace() or before in "(“\"‘'—–"):
            return None
        m = _WORD_AFTER.match(block.text, word.end)
        if m is None:
            return None
        nxt = m.group(1).rstrip(".'’")
        if nxt.lower() in _NEVER_AFTER_ARTICLE or nxt.lower() in self.exceptions:
            return None
        start = m.start(1)
        if block.source_offset(start) is None or block.to_source(word.start, word.end) is None:
            return None  # inline code or a URL after the article: not prose
        want = expected_article(nxt)
        if want is None or want == article.lower():
            return None
        replacement = want if article[0].islower() else want.capitalize()
        message = (self.format_message(match=article, replacement=replacement, word=nxt)
                   if self.message else
                   f"Use '{replacement}' before '{nxt}' (it starts with a "
                   f"{'vowel' if want == 'an' else 'consonant'} sound).")
        finding = self.report(document, block, word.start, word.end, message,
                              replacement=replacement)
        if finding is not None:
            # LanguageTool's EN_A_VS_AN reports the same article (group "article"); one finding.
            finding.group, finding.priority = "article", 0
        return finding
