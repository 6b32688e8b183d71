"""Which verbs a term governs: just enough syntax for subject-verb agreement.

This is not a parser. It recognises the few shapes in which a term is the
subject of a verb, or sits inside the subject, and gives up (finds nothing)
on anything else; a missed error costs less than a false alarm:

    Islamic nations recognise …                 term is the subject
    Islamic nations, as part of …, engage …     a parenthesis between them
    Islamic nations, which recognise …          a relative clause (its verb too)
    Islamic nations recognise this and prioritise …   coordinated verbs
    universities across Islamic nations welcome …     the subject is "universities"

A possessive ("Islamic nations' partners have") is never the subject. Words
that can be a noun or a verb ("partners", "research") count as verbs only
where the next word leaves no doubt.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from .lexicon import NUMBERLESS, PLURAL, SINGULAR, Lexicon

TOKEN_RE = re.compile(r"\w+(?:[’'-]\w+)*|[^\w\s]")

DETERMINERS = frozenset("""the a an these those this all both many most some several each
every other such its their our his her your my any no few certain various numerous more
fewer two three four five six seven eight nine ten""".split())
PREPOSITIONS = frozenset("""of in from across between among amongst with within without
for by to into onto on upon at about towards toward through throughout over under beyond
against like unlike including via per around beside besides despite except alongside amid
amidst during near outside inside behind beneath above below along than versus""".split())
ADVERBS = frozenset("""also still often now always never already together alone even only
actually indeed therefore thus then too just mostly further again today currently first
worldwide alike themselves itself all both each sometimes""".split())
# "help Islamic nations grow": an object followed by a bare infinitive.
CAUSATIVE = frozenset("""help helps helped helping let lets letting make makes made making
see sees saw seeing watch watches watched hear hears heard have has had having bid bids
feel feels felt notice notices noticed""".split())
# "It is vital that the Ummah remain united": a mandative subjunctive.
MANDATIVE = frozenset("""insist insists insisted demand demands demanded require requires
required request requests requested recommend recommends recommended suggest suggests
suggested propose proposes proposed ask asks asked urge urges urged essential vital
important necessary crucial imperative critical mandatory advisable desirable
recommendation requirement proposal insistence""".split())
# "if the Ummah were": a subjunctive "were" after a singular subject.
IRREALIS = frozenset("if unless wish wishes wished though lest suppose imagine".split())
RELATIVE = frozenset("which who that".split())
CLAUSE_STOP = frozenset("""which who whom whose that because while although though if when
where whereas since unless until so whether""".split())
# After a word that is a noun or a verb, these make the verb reading certain.
VERB_CONTEXT = DETERMINERS | frozenset("""it them him her us me you themselves itself to not
that how what why whether""".split())
# Heads whose number is notional ("a number of Islamic nations have").
NOTIONAL = frozenset("""number majority minority lot lots group range variety host couple
handful plenty percent proportion half part rest bulk total set series kind type sort
fraction share none some all most any""".split())
SINGULAR_HEADS = frozenset("one each either neither everyone everybody nobody".split())
PLURAL_HEADS = frozenset("many several both few".split())
PUNCT_STOP = frozenset(";:—–()[]\"“”.!?")


class Token:
    """A word or a punctuation mark of a sentence (read-only: sentences share them).
    A plain class with everything computed once: a sentence is read once per term
    in it, and a frozen dataclass costs several times as much to make."""

    __slots__ = ("start", "end", "text", "lower", "is_word")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = text.lower()
        self.is_word = text[:1].isalnum() or text[:1] == "_"

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


@dataclass(frozen=True)
class VerbCheck:
    """One verb whose number should follow a subject."""

    start: int              # prose offsets of the verb in its block
    end: int
    text: str
    number: str             # the verb's number
    expected: str           # the subject's number
    subject: str            # the subject's head as written
    subject_is_term: bool

    @property
    def agrees(self) -> bool:
        return self.number == self.expected


@dataclass
class Governed:
    role: str                          # subject | object | possessive | unknown
    checks: list[VerbCheck] = field(default_factory=list)
    uncertain: bool = False            # a word that may be a governed verb was left alone


@lru_cache(maxsize=64)
def _tokens(text: str, offset: int) -> tuple[Token, ...]:
    """The tokens of a sentence that starts at prose offset `offset`. Each term in
    a sentence reads it again (and so does each rule that offers a fix): the
    tokens are made once."""
    return tuple(Token(m.start() + offset, m.end() + offset, m.group())
                 for m in TOKEN_RE.finditer(text))


# Keys for bisecting tokens, called in C (a Python function per probe costs more).
_start = attrgetter("start")
_end = attrgetter("end")


class Analyzer:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    # -- helpers ---------------------------------------------------------------
    def _adverb(self, tok: Token) -> bool:
        w = tok.lower
        if w in ADVERBS:
            return True
        return (w.endswith("ly") and len(w) > 4 and not self.lex.is_noun(w)
                and self.lex.verb_number(w) is None)

    def _skip_adverbs(self, toks, i: int) -> int:
        while i < len(toks):
            if toks[i].lower == "not" and i + 1 < len(toks) and toks[i + 1].lower == "only":
                i += 2
            elif self._adverb(toks[i]):
                i += 1
            else:
                break
        return i

    def _finite(self, tok: Token) -> bool:
        """A word that can only be a finite verb here ("have", "recognise", "can")."""
        w = tok.lower
        return w in NUMBERLESS or (self.lex.verb_number(w) is not None and not self.lex.is_noun(w))

    def verb_at(self, toks, i: int) -> tuple[str | None, bool]:
        """(number, uncertain) of toks[i] read as a present-tense verb.

        number is None when the word is not such a verb, or when it may be a
        noun and the next word does not settle it (then uncertain is True)."""
        if i >= len(toks) or not toks[i].is_word:
            return None, False
        tok = toks[i]
        number = self.lex.verb_number(tok.lower)
        if number is None:
            return None, False
        if not self.lex.is_noun(tok.lower):
            return number, False
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if number == SINGULAR:
            # "welcomes students" is a verb; "partners have", "exports of" a noun.
            if (nxt is None or not nxt.is_word or nxt.lower in ("of", "and", "or")
                    or self._finite(nxt)):
                return None, True
            return number, False
        # A base form that is also a singular noun ("support", "research") is a
        # verb only before an object or a clear continuation.
        if nxt is not None and (nxt.lower in VERB_CONTEXT or self._adverb(nxt)):
            return number, False
        return None, True

    def _noun_number(self, tok: Token) -> str | None:
        w = tok.lower
        if w in NOTIONAL:
            return None
        if w in SINGULAR_HEADS:
            return SINGULAR
        if w in PLURAL_HEADS:
            return PLURAL
        return self.lex.noun_number(w)

    # -- the analysis -------------------------------------------------------------
    def governed(self, block, start: int, end: int, possessive: str,
                 number: str | None, subject_text: str) -> Governed:
        """The verbs the term at prose [start, end) of `block` governs, each with
        the number it should have. `number` is the term's verb number."""
        if possessive:
            return Governed("possessive")
        sentence = block.sentence_at(start)
        s0 = sentence.start if sentence else 0
        s1 = sentence.end if sentence else len(block.text)
        toks = _tokens(block.text[s0:s1], s0)
        # Tokens come in order and never overlap: bisect for the last one before the
        # term (j) and the first one after it.
        j = bisect_right(toks, start, key=_end) - 1
        after = bisect_left(toks, end, key=_start)
        # Look left past determiners and modifiers ("across the many Islamic nations").
        k, skipped = j, 0
        while k >= 0 and skipped < 4 and toks[k].is_word and (
                toks[k].lower in DETERMINERS or (not self.lex.is_noun(toks[k].lower)
                                                 and self.lex.verb_number(toks[k].lower) is None
                                                 and toks[k].lower not in PREPOSITIONS
                                                 and toks[k].lower not in CLAUSE_STOP
                                                 and toks[k].lower not in CAUSATIVE
                                                 and toks[k].lower not in MANDATIVE
                                                 and toks[k].lower not in NUMBERLESS
                                                 and toks[k].lower not in ("do", "does", "did")
                                                 and toks[k].lower not in ("and", "or", "nor", "but")
                                                 and toks[k].lower[:1].islower())):
            k -= 1
            skipped += 1
        prev = toks[k] if k >= 0 else None
        if prev is not None and prev.lower in PREPOSITIONS:
            return self._in_phrase(toks, k, after, number)
        if prev is not None:
            if prev.lower in CAUSATIVE or prev.lower in NUMBERLESS or prev.lower in ("do", "does", "did"):
                return Governed("unknown")
            if prev.lower == "that" and k > 0 and toks[k - 1].lower in MANDATIVE:
                return Governed("unknown")
            # "the Ummah and Islamic nations", "neither … nor Islamic nations": the term
            # is one part of a compound subject, whose number it does not decide alone.
            # (After a comma, "and" more often joins two clauses: keep checking.)
            if prev.lower in ("and", "or", "nor") and not (k > 0 and toks[k - 1].text == ","):
                return Governed("unknown")
        if toks and toks[-1].text == "?":
            return Governed("unknown")
        if number is None:
            return Governed("subject")
        irrealis = any(t.lower in IRREALIS for t in toks[:max(j, 0) + 1])
        return self._as_subject(toks, after, number, subject_text, irrealis)

    def _as_subject(self, toks, i: int, number: str, subject: str, irrealis: bool) -> Governed:
        out = Governed("subject")

        def check(idx: int) -> bool:
            num, unsure = self.verb_at(toks, idx)
            out.uncertain |= unsure
            if num is None:
                return False
            t = toks[idx]
            if irrealis and t.lower == "were" and number == SINGULAR:
                return True
            out.checks.append(VerbCheck(t.start, t.end, t.text, num, number, subject, True))
            return True

        i = self._skip_adverbs(toks, i)
        if i < len(toks) and toks[i].text == ",":
            p = i + 1
            first = toks[p] if p < len(toks) else None
            if first is None or not self._opens_parenthesis(first):
                return out
            close = next((q for q in range(p + 1, len(toks)) if toks[q].text == ","), None)
            if first.lower in RELATIVE:
                check(self._skip_adverbs(toks, p + 1))
            if close is None:
                return out
            i = self._skip_adverbs(toks, close + 1)
        elif i < len(toks) and toks[i].lower in RELATIVE:
            check(self._skip_adverbs(toks, i + 1))
            return out
        if check(i):
            self._coordinated(toks, i + 1, number, subject, True, out)
        return out

    def _opens_parenthesis(self, tok: Token) -> bool:
        """A comma after the subject opens a parenthesis (not a list) when the next
        word is a relative pronoun, a preposition, an adverb, a participle or an
        article: ", which …", ", as part of …", ", guided by …", ", a …"."""
        w = tok.lower
        if w in RELATIVE or w in PREPOSITIONS or w in ("a", "an", "the", "as", "however",
                                                       "whose", "whom", "in", "for"):
            return True
        if self._adverb(tok):
            return True
        return w.endswith(("ed", "ing")) and self.lex.verb_number(w) is None

    def _in_phrase(self, toks, k: int, after: int, number: str | None) -> Governed:
        """The term is the object of the preposition toks[k]; the subject is the noun
        the phrase hangs on ("universities across Islamic nations")."""
        head = self._head(toks, k)
        if head is None:
            return Governed("object")
        head_number = self._noun_number(toks[head])
        if head_number is None:
            return Governed("object")
        out = Governed("object")
        i = self._skip_adverbs(toks, after)
        num, unsure = self.verb_at(toks, i)
        out.uncertain = unsure
        if num is not None:
            t = toks[i]
            out.checks.append(VerbCheck(t.start, t.end, t.text, num, head_number,
                                        toks[head].text, False))
            self._coordinated(toks, i + 1, head_number, toks[head].text, False, out)
        return out

    def _head(self, toks, k: int) -> int | None:
        """Walk left from the preposition at k to the head noun of the subject:
        "teams of medical personnel from …" -> "teams"; give up when unsure."""
        for _ in range(4):
            h = k - 1
            if h < 0 or not toks[h].is_word or not (
                    self.lex.is_noun(toks[h].lower) or toks[h].lower in SINGULAR_HEADS
                    or toks[h].lower in PLURAL_HEADS or toks[h].lower in NOTIONAL):
                return None
            # Past the head's modifiers to what stands before its noun phrase.
            m, steps = h - 1, 0
            while m >= 0 and steps < 3 and toks[m].is_word and toks[m].lower not in PREPOSITIONS \
                    and toks[m].lower not in CLAUSE_STOP and toks[m].lower not in ("and", "or", "but") \
                    and self.lex.verb_number(toks[m].lower) is None:
                m -= 1
                steps += 1
            if m >= 0 and toks[m].lower in PREPOSITIONS:
                k = m  # "teams of medical personnel", "collaboration with researchers from …"
                continue
            if m >= 0 and toks[m].is_word and toks[m].lower not in CLAUSE_STOP \
                    and toks[m].lower not in ("and", "or", "but") and steps >= 3:
                return None  # a long run of words: not a noun phrase we understand
            return h
        return None

    def _nouns_joined(self, toks, conj: int, x: Token, number: str) -> bool:
        """"principles and values": a noun of the same number before the
        conjunction makes the word after it a noun too."""
        if conj == 0 or not toks[conj - 1].is_word:
            return False
        before = toks[conj - 1].lower
        noun_number = PLURAL if number == SINGULAR else SINGULAR  # "values" is a plural noun
        return self.lex.is_noun(before) and self.lex.verb_number(before) is None \
            and self.lex.noun_number(before) == noun_number

    def _coordinated(self, toks, n: int, number: str, subject: str, is_term: bool,
                     out: Governed) -> None:
        """Verbs coordinated with the one just checked: "recognises this and prioritises"."""
        steps = 0
        while n < len(toks) and steps < 12:
            t = toks[n]
            if t.text in PUNCT_STOP or t.lower in CLAUSE_STOP:
                return
            if t.text == ",":
                if n + 1 < len(toks) and toks[n + 1].lower in ("and", "or", "but"):
                    n += 1
                    continue
                return
            if t.lower in ("and", "or", "but"):
                m = self._skip_adverbs(toks, n + 1)
                if m < len(toks):
                    x = toks[m]
                    num = self.lex.verb_number(x.lower) if x.is_word else None
                    if num is not None and not self.lex.is_noun(x.lower):
                        out.checks.append(VerbCheck(x.start, x.end, x.text, num, number,
                                                    subject, is_term))
                        n, steps = m + 1, steps + 1
                        continue
                    if num is not None and not self._nouns_joined(toks, n, x, num):
                        out.uncertain = True
            n += 1
            steps += 1
