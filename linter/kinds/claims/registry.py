"""`claim-registry`: sentences that make a claim the editors have registered.

The registry is the `claims:` section of the rule pack (see `known_claims`).
A sentence that matches a registered claim is reported at the sentence, with
the editor's note, according to the claim's status:

- `unverified`: reported unless the sentence cites a source (see `citations`);
- `disputed` and `false`: reported even when the sentence cites a source;
- `verified`: never reported (and `claims.unsourced` leaves it alone too).

With `accepted_only: true`, an unverified claim is satisfied only by one of
the claim's accepted `sources` (a link or DOI), not by any citation.
"""

from __future__ import annotations

from ...finding import Severity
from ...patterns import RegexTimeout
from ..base import Option, OptionError, RuleKind
from ._report import check_scope, sentence_span
from .citations import bare_attributions, citation_index
from .known_claims import SECTION, load_registry, normalise_source

DEFAULT_MESSAGES = {
    "unverified": "Unverified claim '{id}' with no source: {note}",
    "disputed": "Disputed claim '{id}': {note}",
    "false": "False claim '{id}': {note}",
}


class ClaimRegistry(RuleKind):
    kind = "claim-registry"
    default_severity = Severity.ERROR
    description = "Sentences that make a claim listed in the claims registry."
    help = ("The claims registry (`claims:` in rules/claims.yml) lists specific claims the "
            "editors have looked into, with patterns that catch paraphrases, a status and a note. "
            "An unverified claim needs a source in the same sentence: a link, a footnote, a "
            "numbered reference, an author-year citation or a DOI. Disputed and false claims are "
            "reported even with a source; verified ones never.")
    sections = (SECTION,)
    options = {
        "accepted_only": Option(bool, False, help="only a claim's own accepted sources satisfy it"),
        "messages": Option("str-map", {}, help="message per status: {id} {status} {note} {claim}"),
        "scope": Option("str-list", [], help="block kinds to check (default paragraph, table_cell)"),
    }

    def configure(self) -> None:
        check_scope(self.opts["scope"])
        unknown = sorted(set(self.opts["messages"]) - set(DEFAULT_MESSAGES))
        if unknown:
            raise OptionError("messages", f"'messages' has no status {unknown[0]!r} "
                                          f"(statuses reported: {', '.join(DEFAULT_MESSAGES)})")
        self.registry = load_registry(self.pack)
        self.templates = dict(DEFAULT_MESSAGES)
        self.templates.update(self.opts["messages"])

    def check(self, document):
        if not self.registry.claims:
            return
        index = citation_index(document)
        for block in self.blocks(document):
            if index.is_source_block(block):
                continue
            for i, sentence in enumerate(block.sentences):
                try:
                    matched = self.registry.matching_in(document, sentence.text)
                except RegexTimeout:
                    self.timed_out(document, block)
                    break
                if not matched:
                    continue
                citations = index.citations(block, i)
                for claim in matched:
                    finding = self._finding(document, block, sentence, claim, citations)
                    if finding is not None:
                        yield finding

    def _satisfied(self, claim, citations) -> bool:
        if not citations:
            return False
        if not (self.opts["accepted_only"] and claim.sources):
            return True
        accepted = {normalise_source(s) for s in claim.sources}
        return any(normalise_source(c.text) in accepted for c in citations)

    def _finding(self, document, block, sentence, claim, citations):
        if claim.status == "verified":
            return None
        if claim.status == "unverified" and self._satisfied(claim, citations):
            return None
        message = self.format_message(self.templates.get(claim.status, "{note}"), id=claim.id,
                                      status=claim.status, note=claim.note, claim=claim.claim)
        if claim.status == "unverified":
            bare = bare_attributions(sentence.text)
            if bare:
                message += f" ('{bare[0].text}' names no verifiable source.)"
            elif citations:  # accepted_only, and the sentence cites something else
                message += " (The sentence cites a source that is not one of the accepted ones.)"
        if claim.sources:
            message += " Accepted sources: " + ", ".join(claim.sources) + "."
        span = sentence_span(block, sentence.start, sentence.end)
        if span is None:
            return None
        # Accepted sources go in the message and `data`, not in `suggestions`: those are
        # replacements for the span, and a URL must never replace the sentence.
        return self.report(document, block, span[0], span[1], message,
                           data={"claim": claim.id, "status": claim.status,
                                 "sources": list(claim.sources),
                                 "cited": [c.kind for c in citations]})
