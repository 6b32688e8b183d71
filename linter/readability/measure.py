"""The prose textstat reads, and the metrics it gives, per paragraph and per document.

Only prose counts. Headings are left out (they are titles, not sentences);
so are table cells (labels and numbers) and footnotes (mostly citations).
Inline code, images and URLs are placeholders in a block's text; they are
cut out before textstat sees it, so `pip install` or a long URL never
changes a grade.

textstat splits sentences on . ! ? only, so a paragraph or list item that
ends without one would run into the next; each unit is given a full stop
when it has none. textstat and NLTK are imported here, on first use, so a
run without readability rules never pays for them.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import dataclass, field
from ..document.blocks import PLACEHOLDER
from ..document.memo import DocumentMemo


@dataclass(frozen=True, slots=True)
class Metric:
    name: str  # textstat's method name, also the key in JSON and in `limits:`
    short: str  # column heading in --stats
    label: str  # in messages
    higher_is_easier: bool = False

    def exceeds(self, value: float, limit: float) -> bool:
        """True when `value` is harder than `limit` allows."""
        return value < limit if self.higher_is_easier else value > limit

    def describe_limit(self, limit: float) -> str:
        return f"{'≥' if self.higher_is_easier else '≤'} {limit:g}"


METRICS: tuple[Metric, ...] = (
    Metric("flesch_reading_ease", "FRE", "Flesch reading ease", higher_is_easier=True),
    Metric("flesch_kincaid_grade", "FK", "Flesch–Kincaid grade"),
    Metric("gunning_fog", "Fog", "Gunning fog index"),
    Metric("smog_index", "SMOG", "SMOG index"),
    Metric("coleman_liau_index", "CLI", "Coleman–Liau index"),
    Metric("automated_readability_index", "ARI", "Automated Readability Index"),
    Metric("dale_chall_readability_score", "DC", "Dale–Chall score"),
)
BY_NAME = {m.name: m for m in METRICS}
DECIMALS = 2  # values are rounded once, here, so JSON, messages and tests agree

_CLOSERS = "\"'”’)]»"


class ReadabilityUnavailable(RuntimeError):
    pass


def _textstat():
    """A textstat instance of our own (English, unrounded), with the offline dictionary."""
    from .cmu import CMUDictUnavailable
    from .textstat_setup import load_textstat

    try:
        return load_textstat()
    except CMUDictUnavailable as exc:
        raise ReadabilityUnavailable(str(exc)) from None
    except ImportError as exc:
        raise ReadabilityUnavailable(
            f"readability metrics need textstat (pip install textstat): {exc}") from None


def measure(text: str) -> dict[str, float]:
    """The seven metrics for `text`, rounded to DECIMALS."""
    ts = _textstat()
    return {m.name: round(float(getattr(ts, m.name)(text)), DECIMALS) for m in METRICS}


def measure_one(metric: str, text: str) -> float:
    return round(float(getattr(_textstat(), metric)(text)), DECIMALS)


def counts(text: str) -> dict[str, int]:
    """The counts the formulas use, as textstat counts them."""
    ts = _textstat()
    return {"words": ts.lexicon_count(text), "sentences": ts.sentence_count(text),
            "syllables": ts.syllable_count(text)}


# -- prose ----------------------------------------------------------------------
def prose(block, start: int = 0, end: int | None = None) -> str:
    """block.text[start:end] without placeholders, whitespace collapsed."""
    end = len(block.text) if end is None else end
    parts, pos = [], start
    for seg in block.segments:
        if seg.kind != PLACEHOLDER or seg.prose_end <= pos or seg.prose_start >= end:
            continue
        parts.append(block.text[pos:seg.prose_start])
        pos = seg.prose_end
    parts.append(block.text[pos:end])
    return " ".join("".join(parts).split())


def as_sentences(text: str) -> str:
    """Give text a final full stop if it has none, so textstat ends a sentence there."""
    core = text.rstrip(_CLOSERS)
    if core and core[-1] not in ".!?…":
        return text + "."
    return text


def counted_words(block, start: int = 0, end: int | None = None) -> list:
    """The block's words in [start, end) that are prose (not a placeholder)."""
    end = len(block.text) if end is None else end
    words = block.words  # in text order, never overlapping
    first = bisect_left(words, start, key=_start)
    out = []
    for w in itertools.islice(words, first, None):
        if w.end > end:
            break
        out.append(w)
    holes = [(s.prose_start, s.prose_end) for s in block.segments if s.kind == PLACEHOLDER]
    if holes:
        out = [w for w in out if not any(a < w.end and w.start < b for a, b in holes)]
    return out


def _start(word) -> int:
    return word.start


def span(block, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """A prose range inside [start, end) that maps to the source: the whole
    range when it can, else from its first to its last prose word."""
    end = len(block.text) if end is None else end
    if block.to_source(start, end) is not None:
        return start, end
    words = [w for w in counted_words(block, start, end) if block.to_source(w.start, w.end)]
    if not words:
        return None
    first = words[0].start
    for last in (end, words[-1].end):
        if block.to_source(first, last) is not None:
            return first, last
    return None


def counts_as_prose(block) -> bool:
    return block.kind == "paragraph" and not block.in_footnote


# -- per document -----------------------------------------------------------------
@dataclass
class Paragraph:
    block: object
    text: str  # what textstat reads
    words: int  # prose words as the Document counts them
    metrics: dict[str, float]


@dataclass
class Analysis:
    text: str
    counts: dict[str, int]
    metrics: dict[str, float]
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def words(self) -> int:
        return self.counts["words"]


_ANALYSES = DocumentMemo()


def analyse(document) -> Analysis:
    """Metrics for a document and each of its paragraphs.

    The kinds of the readability family share one analysis per document
    (the engine runs them one after another on the same Document).
    """
    return _ANALYSES.get(document, None, lambda: _analyse(document))


def _analyse(document) -> Analysis:
    paragraphs = []
    for block in document.blocks:
        if not counts_as_prose(block):
            continue
        words = len(counted_words(block))
        if not words:  # only code, a URL or punctuation: nothing to read
            continue
        text = as_sentences(prose(block))
        paragraphs.append(Paragraph(block, text, words, measure(text)))
    text = "\n\n".join(p.text for p in paragraphs)
    result = Analysis(text=text, counts=counts(text) if text else
                      {"words": 0, "sentences": 0, "syllables": 0},
                      metrics=measure(text) if text else {})
    result.paragraphs = paragraphs
    return result
