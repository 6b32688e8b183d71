"""`possessive`: a missing apostrophe in a common possessive ("patients privacy").

Two patterns, both precise:

- a plural noun for people followed by something people have, with no
  apostrophe: "patients privacy" -> "patients' privacy", "the workers union";
- "childrens", "womens", "mens" before a noun -> "children's", "women's", "men's".

Double-object verbs ("give patients privacy", "offer students information")
are recognised and left alone; a possessed word that is also a verb ("needs",
"rights") is reported only when it cannot be the verb ("patients needs are").
"""

from __future__ import annotations

from ..base import Option, RuleKind
from .tokens import block_tokens
from .words import DETERMINERS, MODALS, PREPOSITIONS, STRONG_OBJECTS, fold

PEOPLE = frozenset("""
patients doctors nurses students pupils children workers employees users customers clients members
citizens residents parents teachers consumers researchers readers visitors farmers voters refugees
victims survivors veterans volunteers participants employers travellers travelers passengers
tenants owners viewers listeners subscribers donors taxpayers shareholders investors families
migrants immigrants athletes players artists authors writers journalists scientists physicians
caregivers carers professionals practitioners partners colleagues officers soldiers
""".split())
# Things people have, that are never verbs: "patients privacy" cannot be read another way.
OWNED = frozenset("""
privacy safety health wellbeing well-being welfare dignity confidentiality autonomy data
information families homes expectations satisfaction identities salaries wages opinions
perspectives preferences passwords details union unions association associations organisation advice
organization organisations organizations lives livelihoods education wellness security
""".split())
# Owned things that are also verb forms ("needs"): only when the next word rules the verb out.
OWNED_OR_VERB = frozenset("needs concerns interests experiences benefits votes voices accounts "
                          "rights records views demands".split())
# Verbs that take two objects: "give patients privacy" is correct.
DOUBLE_OBJECT = frozenset("""
give gives gave given giving offer offers offered offering provide provides provided providing show
shows showed shown showing tell tells told telling send sends sent sending grant grants granted
granting allow allows allowed allowing deny denies denied denying afford affords afforded bring
brings brought teach teaches taught owe owes owed promise promises promised guarantee guarantees
guaranteed leave leaves left lend lends lent pay pays paid ask asks asked charge charges charged
""".split())
IRREGULAR = {"childrens": "children's", "womens": "women's", "mens": "men's"}
_NEVER_AFTER_MENS = frozenset("rea".split())
_FIRST_WORDS = PEOPLE | frozenset(IRREGULAR)


class Possessive(RuleKind):
    kind = "possessive"
    description = "A possessive without its apostrophe (\"patients privacy\", \"childrens books\")."
    help = ("Plural nouns that own something take an apostrophe after the s: patients' privacy, "
            "workers' rights. Irregular plurals take 's: children's, women's, men's.")
    options = {"scope": Option("str-list", []), "exceptions": Option("str-list", [])}
    default_scope = ("paragraph", "table_cell")

    def configure(self) -> None:
        self.exceptions = {fold(e) for e in self.opts["exceptions"]}

    def check(self, document):
        for block in self.blocks(document):
            words = block_tokens(document, block)
            for k, lows in enumerate(words.lows):
                # Every finding starts at one of these words: most sentences have none
                # and need no tokens.
                if _FIRST_WORDS.isdisjoint(lows):
                    continue
                tokens = words.tokens(k)
                for i, t in enumerate(tokens[:-1]):
                    nxt = tokens[i + 1]
                    if not nxt.joined or t.placeholder or nxt.placeholder:
                        continue
                    phrase = f"{t.low} {nxt.low}"
                    if phrase in self.exceptions:
                        continue
                    found = self._irregular(document, block, t, nxt) or \
                        self._plural(document, block, tokens, i)
                    if found is not None:
                        yield found

    def _irregular(self, document, block, t, nxt):
        fixed = IRREGULAR.get(t.low)
        if fixed is None or nxt.low in _NEVER_AFTER_MENS or nxt.low in DETERMINERS \
                or nxt.low in PREPOSITIONS:
            return None
        if t.text[0].isupper():
            fixed = fixed.capitalize()
        return self.report(document, block, t.start, t.end,
                           f"'{t.text}' is missing its apostrophe: write '{fixed}'.",
                           replacement=fixed)

    def _plural(self, document, block, tokens, i):
        t, nxt = tokens[i], tokens[i + 1]
        if t.low not in PEOPLE or t.text.isupper():
            return None  # "AUTHORS information": a file name
        if nxt.capitalized:
            return None  # "Patients Health Questionnaire", "Students Union": part of a name
        owned = nxt.low
        if owned not in OWNED and owned not in OWNED_OR_VERB:
            return None
        if owned in OWNED_OR_VERB:
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            # "patients needs to be …" / "members views the …": a verb, so agreement's business.
            if after is not None and after.joined and (after.low == "to" or after.low in STRONG_OBJECTS
                                                       or after.low in MODALS):
                return None
        # "give (the) patients privacy": a double object, not a possessive.
        for back in (1, 2):
            if i - back >= 0 and tokens[i - back].low in DOUBLE_OBJECT:
                return None
            if i - back >= 0 and tokens[i - back].low not in DETERMINERS:
                break
        fixed = t.text + "'"
        return self.report(document, block, t.start, t.end,
                           f"'{t.text} {nxt.text}' needs an apostrophe: '{fixed} {nxt.text}'.",
                           replacement=fixed, safe_fix=False)
