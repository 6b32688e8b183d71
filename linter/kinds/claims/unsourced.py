"""`unsourced-claim`: check-worthy sentences that cite no source.

Every prose sentence that is not in the claims registry and cites no source
(see `citations`) gets a check-worthiness score from the shipped linear model
(see `model`). It is reported as a warning when

1. at least one lexical signal fires (see `signals`): a named actor with an
   achievement verb, a number/date/amount, a first or a best, a vague
   attribution, a ranking — this keeps opinions, value statements and
   definitions out ("Health research is essential" has none); and
2. the score is over `threshold`.

The message names the signals that fired and the score, so an editor sees
*why*. A sentence that leans on a bare attribution ("according to the
ministry's annual report") gets its own message: the attribution is not a
verifiable reference.

Never checked: headings, questions, sentences inside quotation marks,
blockquotes (quoted principles, unless `quotes: true`), footnote definitions
and references entries (they are the sources), and sentences shorter than
`min_words` words.
"""

from __future__ import annotations

import re

from ...patterns import RegexTimeout
from ..base import Option, OptionError, RuleKind
from ._report import check_scope, sentence_span
from .citations import bare_attributions, citation_index
from .known_claims import SECTION, load_registry
from .prefilter import UNSET, fold_in
from .signals import SIGNAL_LABELS, SIGNAL_NAMES, find_signals

DEFAULT_MESSAGE = "Unsourced claim (score {score}: {signals}); link or cite a source."
DEFAULT_ATTRIBUTION_MESSAGE = ("'{attribution}' is not a verifiable source (score {score}: "
                               "{signals}); link the source or add a footnote or reference.")

_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"^\s*[\"“‘'].*[\"”’']\s*[.!]?\s*$", re.DOTALL)


class UnsourcedClaim(RuleKind):
    kind = "unsourced-claim"
    description = "Specific factual claims (names, numbers, firsts, rankings) that cite no source."
    help = ("A sentence that names who did what, gives a number, date or ranking, claims a first "
            "or a best, or leans on a vague attribution needs a source a reader can check: a link, "
            "a footnote, a numbered reference, an author-year citation or a DOI. The score comes "
            "from a linear model trained on the CheckThat! 2024 check-worthiness data; the signals "
            "say which parts of the sentence made it a claim. Raise `threshold` in the rule pack "
            "for fewer, surer warnings.")
    sections = (SECTION,)  # sentences the registry knows are left to claims.registry
    options = {
        "threshold": Option(float, 0.3, help="report sentences scoring above this (0 to 1)"),
        "signals": Option("str-list", list(SIGNAL_NAMES),
                          help="signals that make a sentence a candidate"),
        "require_signal": Option(bool, True, help="only score sentences where a signal fires"),
        "min_words": Option(int, 6, help="skip shorter sentences"),
        "quotes": Option(bool, False, help="also check blockquotes"),
        "attribution_message": Option(str, DEFAULT_ATTRIBUTION_MESSAGE,
                                      help="message for a bare attribution"),
        "scope": Option("str-list", [], help="block kinds to check (default paragraph)"),
    }
    default_scope = ("paragraph",)

    def configure(self) -> None:
        threshold = self.opts["threshold"]
        if not 0.0 <= threshold < 1.0:
            raise OptionError("threshold", f"'threshold' must be at least 0 and below 1, not {threshold}")
        unknown = [s for s in self.opts["signals"] if s not in SIGNAL_NAMES]
        if unknown:
            raise OptionError("signals", f"unknown signal {unknown[0]!r} "
                                         f"(signals: {', '.join(SIGNAL_NAMES)})")
        check_scope(self.opts["scope"])
        if self.opts["min_words"] < 0:
            raise OptionError("min_words", "'min_words' must not be negative")
        self.registry = load_registry(self.pack)
        self.wanted = frozenset(self.opts["signals"])
        self.message = self.message or DEFAULT_MESSAGE

    # -- the decision, usable without a document (tests, evaluation) ---------------------------
    def assess(self, text: str, folded=UNSET) -> tuple[float, list] | None:
        """(score, signals) when `text` should be reported, else None. No citation check.
        `folded`: `prefilter.fold(text)` when the caller has it (saves folding again)."""
        if text.rstrip().endswith("?") or _QUOTED.match(text):
            return None
        # The fold has counted the words already when the caller folded the sentence.
        words = (folded.word_count if folded is not None and folded is not UNSET
                 else len(_WORD.findall(text)))
        if words < self.opts["min_words"]:
            return None
        signals = [s for s in find_signals(text, folded) if s.name in self.wanted]
        if self.opts["require_signal"] and not signals:
            return None
        from .model import load_model  # the weights load on the first candidate only

        names = sorted({s.name for s in signals}, key=SIGNAL_NAMES.index)
        score = load_model().score(text, names)
        if score <= self.opts["threshold"]:
            return None
        return score, signals

    def check(self, document):
        index = citation_index(document)
        for block in self.blocks(document):
            if index.is_source_block(block):
                continue
            if "blockquote" in block.containers and not self.opts["quotes"]:
                continue
            for i, sentence in enumerate(block.sentences):
                if index.citations(block, i):
                    continue
                try:
                    if self.registry.matching_in(document, sentence.text):
                        continue
                except RegexTimeout:
                    self.timed_out(document, block)
                    break
                verdict = self.assess(sentence.text, fold_in(document, sentence.text))
                if verdict is None:
                    continue
                finding = self._finding(document, block, sentence, *verdict)
                if finding is not None:
                    yield finding

    def _finding(self, document, block, sentence, score, signals):
        described = describe_signals(signals)
        bare = bare_attributions(sentence.text)
        values = {"score": f"{score:.2f}", "signals": described}
        if bare:
            message = self.format_message(self.opts["attribution_message"],
                                          attribution=bare[0].text, **values)
        else:
            message = self.format_message(self.message, **values)
        span = sentence_span(block, sentence.start, sentence.end)
        if span is None:
            return None
        return self.report(document, block, span[0], span[1], message,
                           data={"score": round(score, 3),
                                 "signals": [{"signal": s.name, "text": s.text} for s in signals],
                                 "attribution": bare[0].text if bare else None})


def describe_signals(signals) -> str:
    """"a number, date or amount '2015'; a first or a best 'among the first'"."""
    parts = []
    for name in SIGNAL_NAMES:
        texts = []
        for s in signals:
            if s.name == name and s.text not in texts:
                texts.append(s.text)
        if texts:
            quoted = ", ".join(f"'{t}'" for t in texts[:3])
            parts.append(f"{SIGNAL_LABELS[name]} {quoted}")
    return "; ".join(parts) if parts else "no lexical signal"
