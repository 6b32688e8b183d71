"""`term-consistency`: one document, one form of each term.

When a document mixes forms of a term group, every occurrence that differs
from the group's preferred form (or, without one, from the document's dominant
form) is reported, naming that form and where it first appears.

    terminology.consistency:
      kind: term-consistency
      message: "'{match}' mixes forms of one term; {target}."
"""

from __future__ import annotations

from ...terms.analysis import consistency_deviations
from ...terms.rule import TermRule


class Consistency(TermRule):
    kind = "term-consistency"
    description = "A document that mixes forms of one term."
    help = ("Use one form of each term throughout a document: the term base's preferred form, "
            "or the form the document uses most when the term base prefers none.")
    default_message = "'{match}' mixes forms of one term in this document; {target}."

    def check(self, document):
        analysis = self.analysis(document)
        deviations = consistency_deviations(analysis, skip_rejected=self.active("term-preferred"))
        for occ in analysis.occurrences:
            dev = deviations.get(occ.index)
            if dev is None:
                continue
            group = occ.group
            name = group.variant_name(dev.target_variant)
            where = ""
            if dev.first is not None:
                pos = self.position(document, dev.first)
                if pos is not None:
                    where = f", first used at line {pos[0]}, column {pos[1]}"
            if group.has_preferred:
                target_text = f"the term base prefers '{name}'{where}"
            else:
                target_text = f"this document mostly uses '{name}'{where}"
            message = self.format_message(
                self.message or self.default_message, match=" ".join(occ.written.split()),
                target=target_text, form=name, group=group.name, meaning=group.meaning)
            yield self.report_term(document, occ, message,
                                   group.replacement_for(occ.form, dev.target_variant))
