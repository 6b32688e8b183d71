"""`paragraph-grade`: a paragraph over the audience's grade, naming its hardest sentence.

    readability.paragraph-grade:
      kind: paragraph-grade
      metric: flesch_kincaid_grade   # any of the seven metrics
      max_grade: 12                  # default: the preset's paragraph_grade
      min_words: 30                  # shorter paragraphs give unstable grades
      max_findings: 3                # per document, hardest first (0: all)

The finding spans the paragraph; the message quotes the sentence that scores
hardest on the same metric, which is where a rewrite pays off most.
"""

from __future__ import annotations

from ...readability.measure import (BY_NAME, as_sentences, counted_words, measure_one, prose,
                                    span)
from . import analysis_or_notice
from ...readability.presets import SECTION, resolve
from ..base import Option, OptionError, RuleKind

QUOTE_WORDS = 12  # how much of the hardest sentence the message quotes


def quote(text: str, words: int = QUOTE_WORDS) -> str:
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


class ParagraphGrade(RuleKind):
    kind = "paragraph-grade"
    description = "Paragraphs that read above the audience's grade."
    help = "Split the paragraph's longest sentences and prefer shorter words."
    sections = (SECTION,)
    options = {
        "audience": Option(str, "", help="audience preset (default: the section's `audience`)"),
        "metric": Option(str, "flesch_kincaid_grade", choices=tuple(BY_NAME)),
        "max_grade": Option(float, None, help="limit on `metric` (default: the preset's paragraph_grade)"),
        "min_words": Option(int, 30, help="paragraphs with fewer prose words are not graded"),
        "max_findings": Option(int, 3, help="report at most this many per document, hardest first (0: all)"),
    }

    def configure(self) -> None:
        audience = resolve(self.pack, self.opts["audience"])
        limit = self.opts["max_grade"]
        if limit is None:
            if audience is None or audience.paragraph_grade is None:
                raise OptionError("max_grade", "set 'max_grade', or an audience preset with "
                                  f"'paragraph_grade' in the '{SECTION}' section")
            limit = audience.paragraph_grade
        for key in ("min_words", "max_findings"):
            if self.opts[key] < 0:
                raise OptionError(key, f"'{key}' must be 0 or more")
        self.limit = limit
        self.metric = BY_NAME[self.opts["metric"]]
        self.audience = audience.name if audience else "custom"

    def check(self, document):
        analysis = analysis_or_notice(self, document)
        if analysis is None:
            return
        metric = self.metric
        over = [p for p in analysis.paragraphs
                if p.words >= self.opts["min_words"]
                and metric.exceeds(p.metrics[metric.name], self.limit)]
        # Hardest first; the document order breaks ties so output is stable.
        over.sort(key=lambda p: (-p.metrics[metric.name] if not metric.higher_is_easier
                                 else p.metrics[metric.name], p.block.index))
        cap = self.opts["max_findings"] or len(over)
        for p in sorted(over[:cap], key=lambda p: p.block.index):
            where = span(p.block)
            if where is None:
                continue
            sentence, sentence_grade = self._hardest_sentence(p.block)
            message = self.format_message(
                grade=f"{p.metrics[metric.name]:g}", metric=metric.label, metric_short=metric.short,
                limit=metric.describe_limit(self.limit), audience=self.audience,
                sentence=quote(sentence), sentence_grade=f"{sentence_grade:g}",
                over=len(over), shown=min(cap, len(over)))
            yield self.report(document, p.block, where[0], where[1], message,
                              data={"metric": metric.name, "value": p.metrics[metric.name],
                                    "limit": self.limit, "metrics": dict(p.metrics),
                                    "hardest_sentence": sentence,
                                    "hardest_sentence_value": sentence_grade})

    def _hardest_sentence(self, block) -> tuple[str, float]:
        best, best_value = "", None
        for s in block.sentences:
            if not counted_words(block, s.start, s.end):
                continue
            text = prose(block, s.start, s.end)
            value = measure_one(self.metric.name, as_sentences(text))
            harder = (best_value is None or
                      (value < best_value if self.metric.higher_is_easier else value > best_value))
            if harder:
                best, best_value = text, value
        return best, best_value if best_value is not None else 0.0
