"""A small English word table: verbs by number, nouns by number.

terminology.agreement has to know that "recognises" is a singular verb,
"remain" a plural (or base) one, "universities" a plural noun and
"personnel" a noun of either number. The table (english.txt, generated from
lemminflect by tools/build_lexicon.py) is read once, on first use, so runs
whose documents never put a term before a verb do not pay for it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SINGULAR, PLURAL = "singular", "plural"

# Verbs whose number is not in the -s/base pattern, or that never show number.
_BE_HAVE_DO = {
    "is": SINGULAR, "was": SINGULAR, "has": SINGULAR, "does": SINGULAR,
    "are": PLURAL, "were": PLURAL, "have": PLURAL, "do": PLURAL,
}
_SWAP = {"is": "are", "are": "is", "was": "were", "were": "was",
         "has": "have", "have": "has", "does": "do", "do": "does"}
_MAX_ANSWERS = 1 << 16
MODALS = frozenset("can could will would shall should may might must ought".split())
# Finite verbs that never show number; they still end a noun phrase.
NUMBERLESS = MODALS | {"had", "did"}


def regular_s(word: str) -> str:
    """The regular -s form of a verb or noun: "recognise" -> "recognises",
    "watch" -> "watches", "study" -> "studies"."""
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


class Lexicon:
    """Lookups over english.txt. Regular forms are derived on lookup rather than
    expanded at load time, which keeps loading to a few milliseconds."""

    def __init__(self, text: str) -> None:
        self._verbs: set[str] = set()           # base forms with a regular -s form
        self._vbz: dict[str, str] = {}          # base -> irregular third-person singular
        self._vbz_base: dict[str, str] = {}     # irregular third-person singular -> base
        self._nouns: set[str] = set()           # singular nouns with a regular plural
        self._plurals: dict[str, list[str]] = {}  # singular -> irregular plurals
        self._plural_of: dict[str, str] = {}    # irregular plural -> singular
        self._answers: dict[tuple[str, str], object] = {}  # see _memo
        verbs_text, _, nouns_text = text.partition("\n[nouns]\n")
        verbs_text = verbs_text.partition("\n[verbs]\n")[2]
        for line in verbs_text.splitlines():
            word, _, forms = line.partition(" ")
            if word in ("be", "have", "do"):
                continue
            if not forms:
                self._verbs.add(word)
                continue
            for f in forms.split("/"):
                self._vbz.setdefault(word, f)
                self._vbz_base.setdefault(f, word)
        for line in nouns_text.splitlines():
            word, _, forms = line.partition(" ")
            if not forms:
                self._nouns.add(word)
                continue
            self._plurals[word] = [] if forms == "-" else forms.split("/")
            for f in self._plurals[word]:
                self._plural_of.setdefault(f, word)

    @staticmethod
    def _stems(word: str):
        """Words whose regular -s form could be `word`."""
        if word.endswith("ies"):
            yield word[:-3] + "y"
        if word.endswith("es"):
            yield word[:-2]
        if word.endswith("s"):
            yield word[:-1]

    def _regular_base(self, word: str, bases: set[str]) -> str | None:
        for stem in self._stems(word):
            if stem in bases and regular_s(stem) == word:
                return stem
        return None

    def _vbz_of(self, base: str) -> str | None:
        if base in self._verbs:
            return regular_s(base)
        return self._vbz.get(base)

    def _base_of(self, vbz: str) -> str | None:
        return self._vbz_base.get(vbz) or self._regular_base(vbz, self._verbs)

    # -- verbs -----------------------------------------------------------------
    def verb_number(self, word: str) -> str | None:
        """SINGULAR for a third-person-singular present verb ("recognises", "is"),
        PLURAL for a base/plural present verb ("recognise", "are"), else None."""
        return self._memo("verb_number", word, self._verb_number)

    def _memo(self, question: str, word: str, answer) -> object:
        """The syntax asks about the same words many times per sentence: each
        word's answer is kept (bounded, so a huge corpus cannot grow it forever)."""
        key = (question, word)
        try:
            return self._answers[key]
        except KeyError:
            if len(self._answers) >= _MAX_ANSWERS:
                self._answers.clear()
            value = self._answers[key] = answer(word)
            return value

    def _verb_number(self, word: str) -> str | None:
        w = word.lower()
        if w in _BE_HAVE_DO:
            return _BE_HAVE_DO[w]
        if self._base_of(w) is not None:
            return SINGULAR
        if w in self._verbs or w in self._vbz:
            return PLURAL
        return None

    def inflect(self, verb: str, number: str) -> str | None:
        """`verb` in the other number, keeping its capitalisation; None if unknown."""
        w = verb.lower()
        if self.verb_number(w) == number:
            return verb
        other = _SWAP.get(w) or (self._base_of(w) if number == PLURAL else self._vbz_of(w))
        if other is None:
            return None
        return other[:1].upper() + other[1:] if verb[:1].isupper() else other

    # -- nouns -----------------------------------------------------------------
    def _is_singular_noun(self, w: str) -> bool:
        return w in self._nouns or w in self._plurals

    def _is_plural_noun(self, w: str) -> bool:
        return w in self._plural_of or self._regular_base(w, self._nouns) is not None

    def is_noun(self, word: str) -> bool:
        return self._memo("is_noun", word, self._is_noun)

    def _is_noun(self, word: str) -> bool:
        w = word.lower()
        return self._is_singular_noun(w) or self._is_plural_noun(w)

    def noun_number(self, word: str) -> str | None:
        """SINGULAR or PLURAL when the noun has only that number; None when it is
        not a noun or can be either ("personnel", "data", "sheep")."""
        return self._memo("noun_number", word, self._noun_number)

    def _noun_number(self, word: str) -> str | None:
        w = word.lower()
        s, p = self._is_singular_noun(w), self._is_plural_noun(w)
        if s and not p:
            return SINGULAR
        if p and not s:
            return PLURAL
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    # A plain path, not importlib.resources: that import alone costs ~30 ms.
    text = Path(__file__).with_name("english.txt").read_text("utf-8")
    return Lexicon(text)
