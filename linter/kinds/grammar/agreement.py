"""`agreement`: a subject and its verb disagree in number.

Only common, safe patterns are checked, with a shallow parse of each sentence:

- a plural noun phrase at the start of a clause, possibly followed by up to two
  prepositional phrases, then a singular verb: "These changes reduces",
  "Young people is", "Mosques in several cities has", "Universities across the
  country welcomes international students";
- a plural pronoun with a singular verb ("They shares") and the reverse ("He have");
- a gerund subject with a plural verb: "Focusing on X continue to be".

A word counts as a verb only if the word lists know it, and a form that is also
a plural noun ("shares") counts only when the rest of the clause leaves no other
reading. The finding points at the verb, with `group="agreement"`, so that the
terminology family's `terminology.agreement` (which knows the term base) and
this rule report one error once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..base import Option, RuleKind
from .tokens import OPAQUE, BlockTokens, Token, block_tokens, opaque_placeholders
from .words import (
    AUXILIARIES, CONJUNCTIONS, DETERMINERS, FUNCTION_WORDS, INTRO_STARTERS, IRREGULAR_PLURALS,
    IRREGULAR_VBZ, MODALS, PLURAL_DETERMINERS, PLURAL_FINITE, PREPOSITIONS, SINGULAR_DETERMINERS,
    STRONG_OBJECTS, SUBORDINATORS, VERB_ONLY, fold, is_adverb, is_finite_verb_like, is_past_or_participle,
    is_plural_noun, to_plural_verb, to_singular_verb, vbz_base, verb_base,
)

# -ing words that are adjectives before a noun and (almost) never gerunds with an
# object: "emerging markets", never "Emerging markets is …" read as a gerund.
SAFE_ING_ADJECTIVES = frozenset("""
emerging existing ongoing outstanding underlying corresponding upcoming neighbouring neighboring
remaining participating prevailing lasting thriving booming rising declining evolving aging ageing
resulting surrounding
""".split())
# Sentence-initial -ing words that work as prepositions or nouns, never as gerund subjects.
NOT_GERUNDS = frozenset("""
including excluding according following regarding concerning considering during notwithstanding
nothing something anything everything morning evening spring king thing string ring wing ceiling
offspring pending being
""".split())
# Base verbs that, followed by "to" or an object, show a finite plural verb after a gerund subject.
GERUND_PLURAL_VERBS = frozenset("""
continue remain seem appear tend help require need make mean involve represent play provide offer
create become lead give allow enable ensure prove pose bring raise reduce increase improve
strengthen foster promote serve contribute demand constitute
""".split())
PLURAL_QUANTIFIERS = frozenset("many several both few".split())
NUMBERS = frozenset("two three four five six seven eight nine ten eleven twelve twenty hundreds "
                    "thousands millions".split())
OBJECT_PRONOUNS = frozenset("them us you it him her me".split())
# After these, "he have" / "it do" is a question, a subjunctive or a bare infinitive.
_BEFORE_BARE_VERB = AUXILIARIES | MODALS | frozenset({"if", "that", "lest", "let", "whether"})
_CLAUSE_PUNCT = set(",;:()[]—–\"“”")


@dataclass
class Hit:
    verb: int  # token index
    replacement: str
    message: str


class Agreement(RuleKind):
    kind = "agreement"
    description = "Subject and verb disagree in number (\"These changes reduces\", \"They shares\")."
    help = ("A plural subject takes a plural verb and a singular subject a singular one. "
            "The rule checks common patterns only and reports at the verb; the fix is a "
            "suggestion, because sometimes it is the subject that is wrong.")
    options = {
        "scope": Option("str-list", []),
        # Subject words never judged (lower case), e.g. a team name that looks plural.
        "exceptions": Option("str-list", []),
    }
    default_scope = ("paragraph",)

    def configure(self) -> None:
        self.exceptions = {fold(e) for e in self.opts["exceptions"]}

    def check(self, document):
        blocks = [(block, block_tokens(document, block)) for block in self.blocks(document)]
        names = _DocumentNames(words for _block, words in blocks)
        for block, words in blocks:
            for k, lows in enumerate(words.lows):
                # The cheap test on the folded words first: tokens only where an error may be.
                if not _may_disagree(lows):
                    continue
                tokens = words.tokens(k)
                if words.placeholders:
                    tokens = opaque_placeholders(block, tokens)
                for hit in _find_errors(tokens, self.exceptions, names):
                    finding = self._finding(document, block, tokens, hit)
                    if finding is not None:
                        yield finding

    def _finding(self, document, block, tokens, hit: Hit):
        verb = tokens[hit.verb]
        if verb.placeholder:
            return None
        finding = self.report(document, block, verb.start, verb.end, hit.message,
                              replacement=hit.replacement, safe_fix=False)
        if finding is None:
            return None
        # One error, one finding: terminology.agreement (priority 1) wins on the same verb.
        finding.group = "agreement"
        finding.priority = 0
        return finding


class _DocumentNames:
    """Words the document writes capitalised in mid-sentence: names ("Windows",
    "Requests"). Asked only about plural-looking subjects, so each question is
    answered from the blocks whose text holds the word, and only a capitalised
    word needs looking for at all."""

    def __init__(self, blocks) -> None:
        self._blocks = list(blocks)
        self._names: dict[int, set[str]] = {}  # block index -> its names, made on demand

    def __contains__(self, word: str) -> bool:
        if not word[:1].isupper() or word.isupper():
            return False  # block_names keeps no other word
        for k, words in enumerate(self._blocks):
            if word not in words.block.text:
                continue  # no word of this block can be it
            names = self._names.get(k)
            if names is None:
                names = self._names[k] = block_names(words)
            if word in names:
                return True
        return False


def block_names(words: BlockTokens) -> set[str]:
    """Words a block writes capitalised in mid-sentence: names ("Windows", "Requests").
    Read from the words, without making tokens; placeholders are never names."""
    names = set()
    text = words.block.text
    block_words = words.block.words
    placeholders = words.placeholders
    for first, stop, _start in words.spans:
        for i in range(first + 1, stop):
            word = block_words[i].text
            if word[:1].isupper() and not word.isupper() and i not in placeholders \
                    and text[block_words[i - 1].end:block_words[i].start].strip() \
                    not in (".", ":", "!", "?"):
                names.add(word)
    return names


# -- the shallow parse -----------------------------------------------------------------
def find_errors(tokens: list[Token], exceptions: set[str] = frozenset(),
                names: set[str] = frozenset()) -> list[Hit]:
    """Agreement errors in one sentence. `names`: words written capitalised mid-sentence
    in the document ("Windows", "Responses"), which are names, not plurals."""
    if not _may_disagree([t.low for t in tokens]):
        return []
    return _find_errors(tokens, exceptions, names)


def _find_errors(tokens: list[Token], exceptions, names) -> list[Hit]:
    hits: dict[int, Hit] = {}
    starts = clause_starts(tokens)
    for start in starts:
        for hit in _plural_subject(tokens, start, exceptions, names):
            hits.setdefault(hit.verb, hit)
    for hit in _pronoun_subjects(tokens, starts):
        hits.setdefault(hit.verb, hit)
    hit = _gerund_subject(tokens)
    if hit is not None:
        hits.setdefault(hit.verb, hit)
    return [hits[k] for k in sorted(hits)]


def _may_disagree(lows) -> bool:
    """Can the sentence (its folded words, placeholders as the opaque word) hold an
    error at all? Every finding is a singular verb form (which vbz_base knows), a
    verb after "he", "she" or "it", or a verb after a gerund subject at the start.
    Sentences with none (about 2 in 5) skip the parse, and need no tokens."""
    if lows[0].endswith("ing"):
        return True
    return any(map(_may_govern, lows))  # no Python frame per word: the answers are cached


_SINGULAR_PRONOUNS = frozenset(("he", "she", "it"))


@lru_cache(maxsize=1 << 14)
def _may_govern(low: str) -> bool:
    """A singular verb form, or a pronoun that takes one."""
    return low in _SINGULAR_PRONOUNS or vbz_base(low) is not None


def _punct(gap: str) -> bool:
    return any(ch in _CLAUSE_PUNCT for ch in gap)


def clause_starts(tokens: list[Token]) -> list[int]:
    """Token indexes where a clause (and so a subject) may begin."""
    starts = [0]
    for t in tokens[1:]:
        i = t.index
        prev = tokens[i - 1]
        if ";" in t.gap or ":" in t.gap:
            starts.append(i)
        elif "," in t.gap and _introductory(tokens, i):
            starts.append(i)
        elif prev.low in SUBORDINATORS and t.joined:
            starts.append(i)
    return sorted(set(starts))


def _introductory(tokens: list[Token], comma_at: int) -> bool:
    """The words before the comma at `comma_at` form an introductory phrase ("In 2020,")."""
    first = tokens[0].low
    if first in INTRO_STARTERS or first in SUBORDINATORS or first == "as":
        return True
    # Not "-ing" phrases: "Accessing several internal, undocumented properties … is" is a
    # gerund subject whose comma separates adjectives, not an introduction.
    return comma_at == 1 and is_adverb(first)


def _noun_phrase(tokens: list[Token], j: int, *, max_words: int = 5) -> tuple[int, int] | None:
    """Parse [determiner…] word… from j; return (head index, index after the phrase) or None."""
    n = len(tokens)
    begin = j
    while j < n and (tokens[j].low in DETERMINERS or _possessive(tokens[j])
                     or tokens[j].text.isdigit()):
        if j > begin and not tokens[j].joined:
            return None
        j += 1
    first = j
    while j < n and j - first < max_words:
        t = tokens[j]
        low = t.low
        if t.text.startswith(OPAQUE):
            return None  # inline code or a URL inside the phrase: not judged
        if j > begin and not t.joined:
            if j == first:
                return None
            break
        if _possessive(t):  # "the nation's leaders": what follows is the head
            j += 1
            first = j
            continue
        if low in FUNCTION_WORDS or low in MODALS:
            break
        if j > first and vbz_base(low) is not None and _noun_before_verb(tokens, j):
            j += 1  # "Emerging markets grows": 'markets' is the noun, 'grows' the verb
            continue
        if j > first and (vbz_base(low) is not None or is_adverb(low)
                          or is_past_or_participle(low) or verb_base(low) in VERB_ONLY):
            break
        if low.endswith("ing") and low not in SAFE_ING_ADJECTIVES:
            return None  # a gerund ("Helping young people is") is a singular subject
        j += 1
    if j == first:
        return None
    return j - 1, j


def _noun_before_verb(tokens: list[Token], j: int) -> bool:
    """An -s word that is also a plural noun ("markets"), right before an unmistakable verb."""
    t = tokens[j]
    if t.low in IRREGULAR_VBZ or vbz_base(t.low) in VERB_ONLY or j + 1 >= len(tokens):
        return False
    nxt = tokens[j + 1]
    # Only before a verb-only -s form: "the cache makes is" is a relative clause.
    return nxt.joined and nxt.low not in IRREGULAR_VBZ and vbz_base(nxt.low) in VERB_ONLY


def _possessive(t: Token) -> bool:
    """"nation's", "Smith's" — not the contractions "it's", "that's", "let's"."""
    return t.low.endswith("'s") and len(t.low) > 2 and t.low[:-2] not in FUNCTION_WORDS \
        and t.low not in ("let's", "what's", "where's", "how's", "who's")


def _code_like(t: Token) -> bool:
    """maxKeys, llvm-tools, node-srs: identifiers, not English plurals."""
    return any(c.isupper() for c in t.text[1:]) or "-" in t.text or any(c.isdigit() for c in t.text)


def _plural_subject(tokens: list[Token], start: int, exceptions, names) -> list[Hit]:
    """The verb (and a verb coordinated with it) that disagree with a plural subject at `start`."""
    found = _plural_subject_verb(tokens, start, exceptions, names)
    if found is None:
        return []
    subject, j = found
    hits = [_plural_hit(tokens, j, subject)]
    # "recognises this and prioritises …": the second verb shares the subject; each verb
    # is its own finding, as terminology.agreement reports them (one error, one finding).
    hits += [_plural_hit(tokens, k, subject) for k in _coordinated_verbs(tokens, j)]
    return hits


def _plural_hit(tokens: list[Token], k: int, subject: str) -> Hit:
    verb = tokens[k]
    replacement = to_plural_verb(verb.text)
    return Hit(k, replacement, f"'{verb.text}' does not agree with the plural subject "
                               f"'{subject}'; use '{replacement}'.")


def _plural_subject_verb(tokens: list[Token], start: int, exceptions, names):
    n = len(tokens)
    first = tokens[start]
    det = first.low if first.low in DETERMINERS else None
    if start > 0 and tokens[start - 1].low in ("that", "which", "who") and det is None:
        return None  # "a module that disables default features requires": a relative clause
    if det is None and verb_base(first.low) is not None:
        return None  # an imperative ("Fix typos in tests", "Use python strings for names")
    if first.text[:1].islower() and det is None and (start == 0 or ":" in first.gap):
        return None  # a sentence or list item that starts in lower case: code, a fragment
    if det in NUMBERS or first.text[:1].isdigit():
        return None  # "Five minutes is the limit", "1024 bits is enough": an amount
    if first.low in PLURAL_QUANTIFIERS and start + 1 < n and tokens[start + 1].low == "of" \
            and tokens[start + 1].joined:
        head_i, j = start, start + 1  # "Many of the mosques has": the quantifier is the head
    else:
        np = _noun_phrase(tokens, start)
        if np is None:
            return None
        head_i, j = np
        if not _plural_head(tokens[head_i], det, head_i, start):
            return None
    head = tokens[head_i]
    if head.low in exceptions or head.text in names or _code_like(head):
        return None
    if head_i == start == 0 and det is None and head.capitalized and vbz_base(head.low):
        return None  # "Runs before the package is packed": a verb, not a plural noun
    # One bare word right before the verb is often a name ("Traitlets is", "attrs gives").
    bare = head_i == start and head.low not in IRREGULAR_PLURALS | PLURAL_QUANTIFIERS
    # Up to two prepositional phrases: "Mosques in several cities has".
    after_head = j
    for _ in range(3):
        if j < n and tokens[j].low in PREPOSITIONS and tokens[j].joined:
            if j + 1 < n and tokens[j + 1].low in OBJECT_PRONOUNS and tokens[j + 1].joined:
                j += 2  # "Both of them has"
                continue
            pp = _noun_phrase(tokens, j + 1, max_words=4)
            if pp is None:
                return None
            j = pp[1]
        else:
            break
    else:
        return None
    if bare and j == after_head:
        return None
    if j < n and is_adverb(tokens[j].low) and tokens[j].joined:
        j += 1
    if j >= n or not _singular_verb(tokens, j, head):
        return None
    return " ".join(t.text for t in tokens[start:head_i + 1]), j


def _plural_head(head: Token, det: str | None, head_i: int, start: int) -> bool:
    if det in SINGULAR_DETERMINERS:
        return False
    if head.capitalized and head_i != 0:
        return False  # a name ("Google Maps", "the United Nations")
    if head.text.isupper() and len(head.text) > 1:
        return False
    if is_plural_noun(head.text):
        return True
    return det in PLURAL_DETERMINERS and head_i > start and vbz_base(head.low) is None \
        and head.low not in FUNCTION_WORDS


# Plural nouns that often modify another plural ("sales figures", "earnings reports").
PLURAL_MODIFIERS = frozenset("""
sales earnings arms sports savings goods systems operations communications parts customs ratings
arts jobs skills rights needs clothes glasses means works services relations affairs resources
materials weapons drugs games
""".split())
_SUBJECT_PRONOUNS = frozenset("it they we he she i you there".split())


def _singular_verb(tokens: list[Token], k: int, head: Token | None = None) -> bool:
    """Is tokens[k] a singular present verb? `head` is the plural noun before it (None after
    a pronoun, where an -s word can only be the verb)."""
    t = tokens[k]
    if not t.joined:
        return False
    low = t.low
    if low in IRREGULAR_VBZ:
        return True
    base = vbz_base(low)
    if base is None or (t.capitalized and k > 0):
        return False
    if base in VERB_ONLY or head is None:
        return True
    # "shares", "welcomes": also plural nouns. A verb only when an object follows
    # ("shares the cost", "welcomes international students") and no other verb does.
    if head.low in PLURAL_MODIFIERS:
        return False
    if _strong_next(tokens, k):
        return True
    if k + 2 < len(tokens) and tokens[k + 1].low == "that" and tokens[k + 1].joined \
            and tokens[k + 2].low in _SUBJECT_PRONOUNS:
        return True  # "studies shows that it works"
    if head.low in IRREGULAR_PLURALS and not _finite_after(tokens, k):
        return True  # "The children plays outside": no compound noun reading
    if k + 1 >= len(tokens) or not tokens[k + 1].joined:
        return False  # "Several documentation updates." / "updates and fixes"
    nxt = tokens[k + 1].low
    if nxt in FUNCTION_WORDS or is_adverb(nxt) or not tokens[k + 1].text[:1].isalpha() \
            or nxt.endswith("ing"):
        return False  # "updates and fixes", "fixes including …", "students studying abroad"
    return not _finite_after(tokens, k)


def _strong_next(tokens: list[Token], k: int) -> bool:
    return k + 1 < len(tokens) and tokens[k + 1].joined and tokens[k + 1].low in STRONG_OBJECTS


def _finite_after(tokens: list[Token], k: int) -> bool:
    for t in tokens[k + 1:]:
        if _punct(t.gap):
            return False
        if t.low in CONJUNCTIONS or t.low in SUBORDINATORS:
            return False
        if is_finite_verb_like(t.low):
            return True
    return False


def _coordinated_verbs(tokens: list[Token], k: int) -> list[int]:
    """'recognises this and prioritises …': the second verb shares the subject."""
    out = []
    for i in range(k + 1, min(len(tokens), k + 12)):
        t = tokens[i]
        if _punct(t.gap.replace(",", "")) or (("," in t.gap) and t.low != "and"):
            break
        if t.low != "and" or i + 1 >= len(tokens):
            continue
        v = i + 1
        if is_adverb(tokens[v].low) and v + 1 < len(tokens):
            v += 1
        verb = tokens[v]
        base = vbz_base(verb.low)
        if verb.joined and base is not None and (base in VERB_ONLY or verb.low in IRREGULAR_VBZ
                                                 or _strong_next(tokens, v)):
            out.append(v)
        break
    return out


# The pronouns _pronoun_subjects judges ("I" by its written form).
_PRONOUN_SUBJECTS = frozenset("they we you he she it".split())


def _pronoun_subjects(tokens: list[Token], starts: list[int]) -> list[Hit]:
    hits = []
    n = len(tokens)
    for t in tokens:
        low = t.low
        if low not in _PRONOUN_SUBJECTS and t.text != "I":
            continue  # most words: no pronoun, nothing to judge
        i = t.index
        at_start = i in starts
        k = i + 1
        if k < n and is_adverb(tokens[k].low) and tokens[k].joined:
            k += 1
        if k >= n or not tokens[k].joined or (k > i + 1 and not tokens[i + 1].joined):
            continue
        verb = tokens[k]
        plural = low in ("they", "we") or (low == "you" and at_start) or (t.text == "I" and at_start)
        if plural:
            if t.text == "I" and verb.low == "was":
                continue
            if _singular_verb(tokens, k):
                repl = to_plural_verb(verb.text)
                if t.text == "I" and verb.low == "is":
                    repl = "am"
                hits.append(Hit(k, repl, f"'{verb.text}' does not agree with '{t.text}'; use '{repl}'."))
            continue
        if low in ("he", "she") or (low == "it" and at_start):
            if i > 0 and tokens[i - 1].low in _BEFORE_BARE_VERB:
                continue
            vlow = verb.low
            if vlow in PLURAL_FINITE and vlow not in ("were", "weren't", "weren’t") or \
                    (verb_base(vlow) in VERB_ONLY and verb_base(vlow) == fold(vlow)
                     and not verb.capitalized):
                repl = to_singular_verb(verb.text)
                hits.append(Hit(k, repl, f"'{verb.text}' does not agree with '{t.text}'; use '{repl}'."))
    return hits


def _gerund_subject(tokens: list[Token]) -> Hit | None:
    """'Focusing on X continue to be …': a gerund phrase is singular."""
    if len(tokens) < 4:
        return None
    first = tokens[0]
    low = first.low
    if not (first.capitalized and low.endswith("ing") and len(low) > 5) or low in NOT_GERUNDS:
        return None
    if not tokens[1].joined or not (tokens[1].low in PREPOSITIONS or tokens[1].low in DETERMINERS):
        return None
    for k in range(2, min(len(tokens), 18)):
        t = tokens[k]
        if _punct(t.gap) or t.low in CONJUNCTIONS or t.low in ("that", "which", "who", "whom",
                                                               "whose", "where", "when"):
            return None
        if t.low in IRREGULAR_VBZ or t.low in MODALS:
            return None
        if vbz_base(t.low) in VERB_ONLY:
            return None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if t.low in ("have", "do") and nxt is not None and nxt.joined and (
                is_past_or_participle(nxt.low) or nxt.low in ("been", "become")):
            return _gerund_hit(tokens, k)
        if t.low in ("are", "were") and nxt is not None and nxt.joined and nxt.low in (
                "not", "also", "still", "key", "important", "essential", "crucial", "vital",
                "necessary", "critical", "central", "likely", "becoming", "being"):
            return _gerund_hit(tokens, k)
        if t.low in GERUND_PLURAL_VERBS and nxt is not None and nxt.joined and (
                nxt.low == "to" or nxt.low in STRONG_OBJECTS) and tokens[k - 1].low not in DETERMINERS:
            return _gerund_hit(tokens, k)
    return None


def _gerund_hit(tokens: list[Token], k: int) -> Hit:
    verb = tokens[k]
    repl = to_singular_verb(verb.text)
    return Hit(k, repl, f"'{verb.text}' does not agree with the singular subject "
                        f"'{tokens[0].text} …' (a gerund phrase); use '{repl}'.")
