"""`term-corpus`: documents that depart from the corpus's usual form of a term.

Only for groups with no preferred form: there the corpus decides. The form
most documents mostly use is the corpus's dominant form, and a document that
mostly uses another is reported once, at its first use of that form.

    terminology.corpus:
      kind: term-corpus
"""

from __future__ import annotations

from ...finding import Finding
from ...terms.rule import TermRule
from ...terms.usage import corpus_dominant, dominant


class Corpus(TermRule):
    kind = "term-corpus"
    description = "A document whose form of a term differs from the rest of the corpus."
    help = ("For term groups without a preferred form, the corpus's dominant form is the one "
            "most documents use; documents that mostly use another form are reported.")
    default_message = ("This document mostly uses '{form}' ({count}×); most documents "
                       "({documents} of {total}) use '{dominant}'.")

    def check(self, document):
        return ()

    def check_corpus(self, summaries):
        for group in self.termbase.groups:
            if group.has_preferred:
                continue
            corpus_dom, per_doc, users = corpus_dominant(summaries, group.name)
            if corpus_dom is None or users < 2:
                continue
            for path, usage in summaries:
                g = usage.get(group.name)
                if not g:
                    continue
                mine = dominant(g["effective"])
                if mine is None or mine == corpus_dom:
                    continue
                first = g["variants"].get(mine)
                if first is None:
                    continue
                message = self.format_message(
                    self.message or self.default_message, form=group.variant_name(mine),
                    count=g["effective"][mine], documents=per_doc[corpus_dom], total=users,
                    dominant=group.variant_name(corpus_dom), group=group.name)
                yield Finding(
                    path=path, line=first.line, column=first.column,
                    end_line=first.end_line, end_column=first.end_column, rule=self.id,
                    severity=self.severity, message=message,
                    suggestions=(group.variant_name(corpus_dom),), start=first.start,
                    end=first.end, span_text=first.written, context=first.context,
                    source_line=first.source_line,
                    source_line_offset=first.source_line_offset,
                    byte_column=first.byte_column,
                    end_byte_column=first.end_byte_column, data={"group": group.name})
