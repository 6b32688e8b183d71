"""`term-case`: a term written with capitalisation the term base does not use.

"Islamic ummah" for "Islamic Ummah". A sentence-initial capital and title case
in title-case headings are not errors. Groups with `case: insensitive` are
never reported.

    terminology.case:
      kind: term-case
      message: "Write '{replacement}' with this capitalisation."
"""

from __future__ import annotations

from ...terms.analysis import consistency_deviations
from ...terms.rule import TermRule, adapt_case


class Case(TermRule):
    kind = "term-case"
    description = "A term whose capitalisation differs from the term base."
    help = ("The term base spells each form with its capitalisation; groups marked "
            "`case: insensitive` accept any.")
    default_message = "'{match}' is written '{replacement}' in the term base."

    def check(self, document):
        analysis = self.analysis(document)
        owned = set()
        if self.active("term-consistency"):
            owned = set(consistency_deviations(analysis, skip_rejected=self.active("term-preferred")))
        skip_rejected = self.active("term-preferred")
        for occ in analysis.occurrences:
            if occ.case_ok or occ.index in owned or (skip_rejected and occ.form.status == "rejected"):
                continue
            replacement = adapt_case(occ, occ.form.text)
            message = self.format_message(
                self.message or self.default_message, match=" ".join(occ.written.split()),
                replacement=replacement, group=occ.group.name)
            yield self.report_term(document, occ, message, occ.form)
