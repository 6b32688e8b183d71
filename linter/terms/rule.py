"""What the terminology kinds share: the term base, the analysis, replacement fixes.

A substitution is a *safe* fix (applied by --fix) only when the group allows
it and it cannot break the sentence. Swapping a singular form for a plural one
("the Islamic Nation has" -> "Islamic nations") changes the verbs it governs,
so it is safe only when the fix changes those verbs too and nothing else in
the sentence refers back to the term in the old number ("its", "a leader").
Otherwise it is offered as a suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..finding import Edit, Fix
from ..kinds.base import Option, OptionError, RuleKind
from .analysis import Occurrence, analyse
from .termbase import Form, load_termbase

SCOPES = ("heading", "paragraph", "table_cell")
# Words that refer back to a singular term; a plural replacement would leave them wrong.
_SINGULAR_REFERENCES = {"it", "its", "itself"}
_PLURAL_REFERENCES = {"they", "them", "their", "theirs", "themselves"}


class TermRule(RuleKind):
    """Base class of the terminology kinds (linter/kinds/terminology/)."""

    sections = ("terms",)
    default_scope = SCOPES  # a term in a heading is as visible as one in the text
    options = {
        "scope": Option("str-list", [], help="block kinds to check: heading, paragraph, table_cell"),
    }

    def configure(self) -> None:
        for s in self.opts.get("scope") or ():
            if s not in SCOPES:
                raise OptionError("scope", f"unknown scope {s!r} (known: {', '.join(SCOPES)})")
        self.termbase = load_termbase(self.pack)
        self.configure_kind()

    def configure_kind(self) -> None:
        """Kind-specific option checks."""

    # -- shared reading ---------------------------------------------------------
    @property
    def scope(self) -> tuple[str, ...]:
        return tuple(self.opts.get("scope") or self.default_scope)

    def analysis(self, document):
        return analyse(document, self.termbase, self.scope)

    def active(self, kind: str) -> bool:
        """Is a rule of this kind running? (Then it reports what it owns.)"""
        rules = getattr(self.pack, "rules", None) or [self]
        return any(r.kind == kind for r in rules)

    def summarize(self, document):
        """Per-document term usage for the corpus rule, --stats terms and
        summary.terms. Only the first active terminology rule keeps it, so a run
        holds one copy whichever rules are selected."""
        if not self._keeps_usage():
            return None
        from .usage import document_usage

        return document_usage(document, self.analysis(document))

    def _keeps_usage(self) -> bool:
        """The corpus rule keeps the usage when it runs, else the first terminology rule."""
        rules = getattr(self.pack, "rules", None) or [self]
        keeper = next((r for r in rules if r.kind == "term-corpus"), None) \
            or next((r for r in rules if isinstance(r, TermRule)), None)
        return keeper is self

    def summary_extra(self, summaries: list) -> dict:
        """summary.terms for the JSON report (merged by the engine)."""
        if not self._keeps_usage():
            return {}
        from .usage import corpus_usage

        return {"terms": corpus_usage(self.termbase, summaries)}

    # -- findings -------------------------------------------------------------------
    def position(self, document, occ: Occurrence) -> tuple[int, int] | None:
        span = occ.block.to_source(occ.start, occ.end)
        return None if span is None else document.position(span[0])

    def report_term(self, document, occ: Occurrence, message: str, target: Form | None,
                    *, allow_fix: bool = True):
        """A finding on the occurrence, with the substitution to `target` as its fix."""
        finding = self.report(document, occ.block, occ.start, occ.end, message,
                              data={"group": occ.group.name, "form": occ.form.text,
                                    "status": occ.form.status})
        if finding is None or target is None:
            return finding
        sub = substitution(occ, target, document.text)
        if sub is None:
            return finding
        finding.suggestions = (sub.shown,)
        finding.fix = Fix(sub.edits, safe=allow_fix and sub.safe)
        if not finding.fix.safe:
            finding.data["fix"] = sub.why_not or "the term base does not allow it to be applied automatically"
        return finding


# -- substitutions -----------------------------------------------------------------
@dataclass(frozen=True)
class Substitution:
    edits: tuple[Edit, ...]
    shown: str          # the replacement of the finding's span, as offered to the reader
    safe: bool
    why_not: str = ""


def adapt_case(occ: Occurrence, text: str) -> str:
    """Keep what the writer's position asks for: a sentence-initial capital, or
    title case in a title-case heading."""
    written = occ.written
    if occ.title_heading and all(w[:1].isupper() for w in written.split() if w[:1].isalpha()):
        return " ".join(w[:1].upper() + w[1:] if w[:1].isalpha() else w for w in text.split())
    if occ.sentence_start and written[:1].isupper() and text[:1].islower():
        return text[:1].upper() + text[1:]
    return text


def _possessive(suffix: str, plural: bool) -> str:
    apostrophe = suffix[:1] or "'"
    return apostrophe if plural else apostrophe + "s"


_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def respace(source: str, replacement: str) -> str | None:
    """`replacement` laid into the source span word by word, keeping what lies
    between the words there: a line break (and a quote marker after it), or
    emphasis markup ("**Islamic** world" -> "**Islamic** World"). None when the
    words do not pair up and the span holds more than plain spaces."""
    old = list(_WORD.finditer(source))
    new = replacement.split(" ")
    if len(old) == len(new):
        out, pos = [], 0
        for m, word in zip(old, new):
            out.append(source[pos:m.start()])
            out.append(word)
            pos = m.end()
        out.append(source[pos:])
        return "".join(out)
    if re.fullmatch(r"[\w’'-]+(?: [\w’'-]+)*", source):
        return replacement
    return None


def substitution(occ: Occurrence, target: Form, source: str) -> Substitution | None:
    block = occ.block
    span = block.to_source(occ.start, occ.end)
    if span is None:
        return None
    text = respace(source[span[0]:span[1]], adapt_case(occ, target.text))
    if text is None:
        return None
    group_ok = occ.group.autofix and occ.form.autofix and target.autofix
    old_n, new_n = occ.form.verb_number, target.verb_number
    if old_n == new_n or old_n is None or new_n is None:
        if old_n != new_n:  # one number unknown: we cannot tell what the swap does
            return Substitution((Edit(span[0], span[1], text),), text, False,
                                "the term base gives no number for one of the forms")
        return Substitution((Edit(span[0], span[1], text),), text, group_ok,
                            "" if group_ok else "the term base does not allow it to be applied automatically")
    # The number changes: the possessive, the verbs and the references must follow.
    edits: list[Edit] = []
    end = span[1]
    shown = text
    if occ.possessive:
        tail = block.to_source(occ.end, occ.end + len(occ.possessive))
        if tail is None:
            return None
        shown = text + _possessive(occ.possessive, new_n == "plural")
        end = tail[1]
    edits.append(Edit(span[0], end, shown))
    why_not = _number_change_blocker(occ, new_n, edits)
    return Substitution(tuple(edits), shown, group_ok and not why_not,
                        why_not or ("" if group_ok else
                                    "the term base does not allow it to be applied automatically"))


def _number_change_blocker(occ: Occurrence, new_number: str, edits: list[Edit]) -> str:
    """Why swapping in a form of another number is not safe here ('' if it is);
    appends the verb edits that keep the sentence grammatical."""
    from .lexicon import lexicon
    from .syntax import Analyzer

    block = occ.block
    lex = lexicon()
    gov = Analyzer(lex).governed(block, occ.start, occ.end, occ.possessive,
                                 occ.form.verb_number, occ.written)
    verbs = [c for c in gov.checks if c.subject_is_term]
    if gov.role != "subject" or not verbs:
        return "it changes the grammatical number and there is no verb to change with it"
    if gov.uncertain:
        return "it changes the grammatical number and not every verb it governs is certain"
    for check in verbs:
        new = lex.inflect(check.text, new_number)
        src = block.to_source(check.start, check.end)
        if new is None or src is None:
            return f"it changes the grammatical number and '{check.text}' cannot be changed with it"
        if new != check.text:
            edits.append(Edit(src[0], src[1], new))
    sentence = block.sentence_at(occ.start)
    text = sentence.text if sentence else block.text
    words = {w.lower() for w in re.findall(r"\w+", text)}
    old_refs = _SINGULAR_REFERENCES if new_number == "plural" else _PLURAL_REFERENCES
    following = _next_sentence_start(block, sentence)
    if words & old_refs or following in old_refs:
        return "it changes the grammatical number and the sentence refers back to it"
    if new_number == "plural":
        last = max(c.end for c in verbs)
        rest = re.findall(r"\w+", block.text[last:sentence.end if sentence else len(block.text)])
        if any(w.lower() in ("a", "an") for w in rest[:4]):
            return "it changes the grammatical number and the sentence describes it as one thing"
    return ""


def _next_sentence_start(block, sentence) -> str:
    if sentence is None:
        return ""
    for s in block.sentences:
        if s.start >= sentence.end:
            m = re.match(r"\W*(\w+)", s.text)
            return m.group(1).lower() if m else ""
    return ""
