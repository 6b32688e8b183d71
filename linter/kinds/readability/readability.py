"""`readability`: the document's textstat metrics against the audience's limits.

    readability.document-grade:
      kind: readability
      limits:                 # override the preset, metric by metric
        smog_index: 14
        dale_chall_readability_score: null   # do not judge by this one
      min_words: 100          # shorter documents are not judged

Vale reports a document score at 1:1; this one reports it at the paragraph
that pulls the score the most (its excess on the first metric over the limit,
weighted by its length), with every metric value in the message. It also
fills `files[].metrics.readability` in JSON and `--stats readability`.
"""

from __future__ import annotations

from ...readability.measure import BY_NAME, METRICS, ReadabilityUnavailable, analyse, span
from . import analysis_or_notice
from ...readability.presets import SECTION, check_limits, resolve
from ..base import Option, OptionError, RuleKind


# The metric a located finding leads with when it is over: a grade reads best.
PREFERRED = ("flesch_kincaid_grade",)


def format_values(metrics: dict[str, float], limits: dict[str, float] | None = None) -> str:
    """"FRE 4.42 (limit ≥ 50), FK 18.31 (limit ≤ 10), …": limits shown where exceeded."""
    limits = limits or {}
    parts = []
    for name, value in metrics.items():
        metric = BY_NAME[name]
        text = f"{metric.short} {value:g}"
        if name in limits and metric.exceeds(value, limits[name]):
            text += f" (limit {metric.describe_limit(limits[name])})"
        parts.append(text)
    return ", ".join(parts)


class Readability(RuleKind):
    kind = "readability"
    description = "Documents whose readability metrics are beyond the audience's limits."
    help = "Shorten sentences and prefer common words, starting with the paragraph reported."
    sections = (SECTION,)
    options = {
        "audience": Option(str, "", help="audience preset (default: the section's `audience`)"),
        "limits": Option("any", None, help="metric -> limit (null: off), over the preset's"),
        "min_words": Option(int, 100, help="documents with fewer prose words are not judged"),
    }

    def configure(self) -> None:
        audience = resolve(self.pack, self.opts["audience"])
        limits = dict(audience.limits) if audience else {}
        if self.opts["limits"] is not None:
            override = check_limits(self.opts["limits"],
                                    lambda msg, key: OptionError("limits", msg))
            limits.update(override)
        self.limits = {m.name: limits[m.name] for m in METRICS if limits.get(m.name) is not None}
        if not self.limits:
            raise OptionError("limits", "no limits: set 'limits', or an audience preset with "
                              f"'limits' in the '{SECTION}' section")
        if self.opts["min_words"] < 0:
            raise OptionError("min_words", "'min_words' must be 0 or more")
        self.audience = audience.name if audience else "custom"

    def _over(self, metrics: dict[str, float]) -> list[str]:
        return [name for name, limit in self.limits.items()
                if name in metrics and BY_NAME[name].exceeds(metrics[name], limit)]

    def check(self, document):
        analysis = analysis_or_notice(self, document)
        if analysis is None:
            return
        if not analysis.paragraphs or analysis.words < self.opts["min_words"]:
            return
        over = self._over(analysis.metrics)
        if not over:
            return
        lead = next((n for n in PREFERRED if n in over), over[0])
        paragraph = self._pulling_paragraph(analysis, BY_NAME[lead])
        where = span(paragraph.block) if paragraph else None
        if where is None:
            return
        message = self.format_message(
            audience=self.audience,
            over=format_values({n: analysis.metrics[n] for n in over}, self.limits),
            metrics=format_values(analysis.metrics, self.limits),
            words=analysis.words, paragraph_value=f"{paragraph.metrics[lead]:g}",
            paragraph_metric=BY_NAME[lead].short)
        yield self.report(document, paragraph.block, where[0], where[1], message,
                          data={"metrics": dict(analysis.metrics), "over": over,
                                "limits": {n: self.limits[n] for n in over},
                                "audience": self.audience})

    @staticmethod
    def _pulling_paragraph(analysis, metric):
        """The paragraph that adds most to the document's excess on `metric`."""
        doc_value = analysis.metrics[metric.name]

        def pull(p):
            diff = p.metrics[metric.name] - doc_value
            return (-diff if metric.higher_is_easier else diff) * p.words

        best = None
        for p in analysis.paragraphs:
            if span(p.block) is not None and (best is None or pull(p) > pull(best)):
                best = p
        return best

    def file_metrics(self, document) -> dict:
        """files[].metrics.readability in JSON (and the --stats table)."""
        try:
            analysis = analyse(document)
        except ReadabilityUnavailable:
            return {}
        out = {
            "audience": self.audience,
            "paragraphs": len(analysis.paragraphs),
            **analysis.counts,
            **analysis.metrics,
            "over_limit": self._over(analysis.metrics) if analysis.words >= self.opts["min_words"] else [],
            "per_paragraph": [],
        }
        for p in analysis.paragraphs:
            where = span(p.block)
            line, column = (document.position(p.block.to_source(*where)[0]) if where else (0, 0))
            out["per_paragraph"].append({"line": line, "column": column, "words": p.words,
                                         **p.metrics})
        return {"readability": out}
