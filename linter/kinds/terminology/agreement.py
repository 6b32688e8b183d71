"""`term-agreement`: a term of known number and a verb of the other number.

    Islamic nations recognises …      -> recognise
    The Islamic Ummah remain …        -> remains  (a collective takes a singular verb)
    universities across Islamic nations welcomes …  -> welcome (the subject is "universities")

The finding is on the verb. It carries group "agreement" and priority 1, so the
engine keeps it over grammar.agreement's report of the same verb.

    terminology.agreement:
      kind: term-agreement
      collective: singular   # verb number for collective forms: singular | plural | either
      fix: suggest           # suggest (default) | safe: may --fix change the verb?
"""

from __future__ import annotations

from ...kinds.base import Option
from ...terms.rule import TermRule


class Agreement(TermRule):
    kind = "term-agreement"
    description = "A term whose verb has the wrong grammatical number."
    help = ("Each form in the term base has a number (singular, plural or collective). A verb "
            "governed by the term, or by the noun the term qualifies, must agree with it.")
    default_message = "'{verb}' does not agree with {subject} ({number}); write '{replacement}'."
    options = {
        **TermRule.options,
        "collective": Option(str, "singular", choices=("singular", "plural", "either"),
                             help="the verb number a collective form takes"),
        "fix": Option(str, "suggest", choices=("suggest", "safe"),
                      help="whether --fix may change the verb"),
    }

    def check(self, document):
        from ...terms.lexicon import lexicon
        from ...terms.syntax import Analyzer

        analyzer = None
        collective = self.opts["collective"]
        for occ in self.analysis(document).occurrences:
            number = occ.form.number
            if number is None or occ.possessive:
                continue
            if number == "collective":
                if collective == "either":
                    continue
                number = collective
            if analyzer is None:
                analyzer = Analyzer(lexicon())
            governed = analyzer.governed(occ.block, occ.start, occ.end, occ.possessive, number,
                                         " ".join(occ.written.split()))
            for check in governed.checks:
                if check.agrees:
                    continue
                replacement = analyzer.lex.inflect(check.text, check.expected) or ""
                subject = (f"its subject '{check.subject}'" if check.subject_is_term else
                           f"its subject '{check.subject}', not '{' '.join(occ.written.split())}'")
                message = self.format_message(
                    self.message or self.default_message, verb=check.text, subject=subject,
                    number=check.expected, replacement=replacement, match=check.text,
                    term=" ".join(occ.written.split()))
                finding = self.report(
                    document, occ.block, check.start, check.end, message,
                    replacement=replacement or None, safe_fix=self.opts["fix"] == "safe",
                    data={"group": occ.group.name, "subject": check.subject,
                          "number": check.expected})
                if finding is not None:
                    finding.group = "agreement"
                    finding.priority = 1
                    yield finding
