"""`term-preferred`: a rejected form of a term, with the preferred form as its fix.

    terminology.preferred:
      kind: term-preferred
      message: "Write '{replacement}' instead of '{match}'. {reason}"
"""

from __future__ import annotations

from ...terms.rule import TermRule


class Preferred(TermRule):
    kind = "term-preferred"
    description = "A rejected form of a term; the fix is the preferred form."
    help = ("The term base (rules/terminology.yml) lists, for each term group, the rejected "
            "forms with a reason and the form to use instead.")
    default_message = "Write '{replacement}' instead of '{match}'. {reason}"

    def check(self, document):
        for occ in self.analysis(document).occurrences:
            form = occ.form
            if form.status != "rejected":
                continue
            target = occ.group.replacement_for(form)
            replacement = target.text if target is not None else ""
            message = self.format_message(
                self.message or self.default_message, match=" ".join(occ.written.split()),
                replacement=replacement, reason=form.reason, group=occ.group.name,
                meaning=occ.group.meaning)
            yield self.report_term(document, occ, message, target)
