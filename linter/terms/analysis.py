"""Where a document uses the term base's forms, and what each use is.

Every terminology rule reads the same analysis, computed once per document:
the occurrences of each group's forms (whole words, in prose only, so never in
code or URLs), each resolved to one form of the term base, with whether its
capitalisation is right. Deciding here which occurrence each rule reports also
keeps to "one error, one finding": a rejected form is reported by
terminology.preferred only, a form that breaks a document's consistency by
terminology.consistency only, and only the remaining ones by terminology.case.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from ..document.memo import DocumentMemo

from .termbase import Form, Group, TermBase

# Words before a singular form that show it is a count noun ("an Islamic Nation"
# is one country, miscapitalised, not the rejected name of one state).
_INDEFINITE = {"a", "an", "one", "each", "every", "another", "any"}
_APOSTROPHES = "'’"


@dataclass(eq=False)
class Occurrence:
    form: Form
    block: object          # linter.document.Block
    start: int             # prose offsets of the form as written
    end: int
    written: str
    case_ok: bool
    sentence_start: bool
    title_heading: bool
    possessive: str = ""   # "'s", "’s", "'" or "’" right after the form
    index: int = 0         # order in the document

    @property
    def group(self) -> Group:
        return self.form.group

    @property
    def variant(self) -> str:
        return self.form.variant


@dataclass(eq=False)
class Analysis:
    occurrences: list[Occurrence] = field(default_factory=list)

    def by_group(self) -> dict[str, list[Occurrence]]:
        out: dict[str, list[Occurrence]] = {}
        for occ in self.occurrences:
            out.setdefault(occ.group.name, []).append(occ)
        return out


_ANALYSES = DocumentMemo()  # shared by every terminology rule


def analyse(document, termbase: TermBase, scope: tuple[str, ...]) -> Analysis:
    return _ANALYSES.get(document, (id(termbase), scope),
                         lambda: _analyse(document, termbase, scope))


def _analyse(document, termbase: TermBase, scope: tuple[str, ...]) -> Analysis:
    analysis = Analysis()
    pattern = termbase.pattern
    if pattern is None:
        return analysis
    from ..patterns import RegexTimeout, finditer

    for block in document.blocks:
        if block.kind not in scope:
            continue
        try:
            matches = finditer(pattern, block.text)
        except RegexTimeout:
            continue
        title = block.kind == "heading" and is_title_case(block.text)
        for m in matches:
            occ = _occurrence(termbase, block, m.start(), m.end(), title)
            if occ is not None:
                occ.index = len(analysis.occurrences)
                analysis.occurrences.append(occ)
    return analysis


def _occurrence(termbase: TermBase, block, start: int, end: int, title: bool) -> Occurrence | None:
    text = block.text
    written = text[start:end]
    candidates = termbase.candidates(written)
    if not candidates:
        return None
    sentence = block.sentence_at(start)
    sentence_start = not re.search(r"\w", text[sentence.start if sentence else 0:start])
    before = re.findall(r"\w+", text[max(0, start - 20):start])
    indefinite = bool(before) and before[-1].lower() in _INDEFINITE
    form, case_ok = resolve(candidates, written, sentence_start=sentence_start, title=title,
                            indefinite=indefinite)
    return Occurrence(form, block, start, end, written, case_ok, sentence_start, title,
                      possessive_after(text, end))


def possessive_after(text: str, end: int) -> str:
    if end < len(text) and text[end] in _APOSTROPHES:
        nxt = text[end + 1:end + 2]
        if nxt in ("s", "S") and not text[end + 2:end + 3].isalnum():
            return text[end:end + 2]
        if text[end - 1:end] in ("s", "S") and not nxt.isalnum():
            return text[end]
    return ""


def _same(written: str, form: str) -> bool:
    return " ".join(written.split()) == form


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title_equal(written: str, form: str) -> bool:
    """`written` is `form` in a title-case heading: each word as in the form or
    with its first letter capitalised."""
    w, f = written.split(), form.split()
    return len(w) == len(f) and all(a == b or a == _capitalised(b) for a, b in zip(w, f))


def resolve(candidates: list[Form], written: str, *, sentence_start: bool, title: bool,
            indefinite: bool = False) -> tuple[Form, bool]:
    """The form `written` stands for, and whether its capitalisation is right.

    Exact spelling wins; a sentence-initial capital and title case in headings
    are not case errors. In a case-sensitive group a spelling that matches no
    form exactly is a case error of the closest form.
    """
    exact = [f for f in candidates if _same(written, f.text)]
    lenient = [f for f in candidates
               if (sentence_start and _same(written, _capitalised(f.text)))
               or (title and _title_equal(written, f.text))]
    if exact:
        form = exact[0]
        # "an Islamic Nation": one country, with a capital too many.
        if form.status == "rejected" and indefinite:
            other = next((f for f in candidates if f.status != "rejected"
                          and f.number in ("singular", None)), None)
            if other is not None:
                return other, title and _title_equal(written, other.text)
        return form, True
    if lenient:
        non_rejected = [f for f in lenient if f.status != "rejected"]
        return (non_rejected or lenient)[0], True
    group = candidates[0].group
    if not group.case_sensitive:
        return candidates[0], True
    if indefinite:
        non_rejected = [f for f in candidates if f.status != "rejected"]
        candidates = non_rejected or candidates
    best = min(candidates, key=lambda f: _case_distance(written, f.text))
    return best, False


def _case_distance(written: str, form: str) -> int:
    w, f = " ".join(written.split()), form
    return sum(1 for a, b in zip(w, f) if a != b)


def is_title_case(text: str) -> bool:
    """Most longer words capitalised: "A Pillar of Islamic Nations' Cooperation"."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    if not words:
        return False
    upper = sum(1 for w in words if w[:1].isupper())
    return upper / len(words) >= 0.6


# -- decisions shared by the rules ---------------------------------------------
@dataclass(frozen=True)
class Deviation:
    """An occurrence whose form is not the one its document should use."""

    target_variant: str
    first: Occurrence | None   # first occurrence of the target in the document


def consistency_deviations(analysis: Analysis, *, skip_rejected: bool) -> dict[int, Deviation]:
    """Occurrence index -> Deviation, for documents that mix forms of one group.

    The target is the group's preferred form when it has one, otherwise the
    document's dominant form (most uses; the earlier one on a tie). A rejected
    form counts as a form in use, and towards the form that replaces it (so
    fixing it cannot tip the balance); it is reported by terminology.preferred.
    """
    out: dict[int, Deviation] = {}
    for occs in analysis.by_group().values():
        group = occs[0].group
        if len({o.variant for o in occs}) < 2:
            continue
        if group.has_preferred:
            target = "preferred"
        else:
            effective = Counter()
            order: dict[str, int] = {}
            for o in occs:
                v = _effective_variant(o)
                effective[v] += 1
                order.setdefault(v, o.index)
            if not effective:
                continue
            target = min(effective, key=lambda v: (-effective[v], order[v]))
        first = next((o for o in occs if o.variant == target), None)
        for o in occs:
            if o.variant == target or (skip_rejected and o.form.status == "rejected"):
                continue
            out[o.index] = Deviation(target, first)
    return out


def _effective_variant(occ: Occurrence) -> str:
    form = occ.form
    if form.status == "rejected":
        replacement = form.group.replacement_for(form)
        return replacement.variant if replacement is not None else form.variant
    return form.variant
