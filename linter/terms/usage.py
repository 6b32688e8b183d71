"""How the corpus uses the term base: per-document summaries and their sum.

A document's summary is small and plain (it crosses process boundaries and
caches): for each group, the forms used with counts, and where each form
first appears. The corpus view adds them up per form and names the documents;
it is summary.terms in JSON and the table of `--stats terms`.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from .analysis import Analysis, _effective_variant


class FirstUse(NamedTuple):
    """Where a variant first appears in a document: what a corpus finding needs.

    A tuple rather than a dict: a corpus run keeps one per term group and
    document until its end.
    """

    form: str
    written: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    source_line: str
    source_line_offset: int
    byte_column: int
    end_byte_column: int
    context: str


def document_usage(document, analysis: Analysis) -> dict:
    """Per group: "forms" ("form\0spelling" -> uses), "effective" (variant ->
    uses) and "variants" (the document's dominant variant -> its FirstUse)."""
    groups: dict[str, dict] = {}
    firsts: dict[str, dict] = {}
    for occ in analysis.occurrences:
        g = groups.setdefault(occ.group.name, {"forms": {}, "variants": {}, "effective": {}})
        spelling = "" if occ.case_ok else " ".join(occ.written.split())
        key = f"{occ.form.text}\0{spelling}"
        g["forms"][key] = g["forms"].get(key, 0) + 1
        eff = _effective_variant(occ)
        g["effective"][eff] = g["effective"].get(eff, 0) + 1
        first = firsts.setdefault(occ.group.name, {})
        if occ.variant not in first and occ.block.to_source(occ.start, occ.end) is not None:
            first[occ.variant] = occ  # the first one that maps to the source
    # The corpus rule only ever reports a document's dominant variant (where
    # it differs from the corpus's), so only that first occurrence is kept.
    for name, g in groups.items():
        mine = dominant(g["effective"])
        occ = firsts[name].get(mine)
        use = _first_use(document, occ) if occ is not None else None
        g["variants"] = {mine: use} if use is not None else {}
    return groups


def _first_use(document, occ) -> FirstUse | None:
    span = occ.block.to_source(occ.start, occ.end)
    if span is None:
        return None
    line, col = document.position(span[0])
    end_line, end_col = document.position(span[1])
    # A window of the line, as the engine keeps for every finding.
    source_line, offset = _line_window(document, span[0], span[1], line)
    sentence = occ.block.sentence_at(occ.start)
    return FirstUse(
        occ.form.text, occ.written, span[0], span[1], line, col, end_line, end_col,
        source_line, offset,
        document.source.byte_column(line, col), document.source.byte_column(end_line, end_col),
        sentence.text if sentence else occ.block.text)


def split_form_key(key: str) -> tuple[str, str]:
    """(form, spelling) of a "forms" key; spelling is "" when the case is right."""
    form, _, spelling = key.partition("\0")
    return form, spelling


def _line_window(document, start: int, end: int, line: int) -> tuple[str, int]:
    from ..engine import LINE_WINDOW

    text, starts = document.source.text, document.source.starts
    line_start = starts[line - 1]
    line_end = starts[line] - 1 if line < len(starts) else len(text)
    lo = max(line_start, start - LINE_WINDOW)
    hi = min(line_end, end + LINE_WINDOW)
    return text[lo:hi], lo - line_start


def dominant(counts: dict[str, int]) -> str | None:
    """The variant with the most uses; None on a tie for first place."""
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def corpus_dominant(summaries: list[tuple[str, dict]], group: str) -> tuple[str | None, Counter, int]:
    """(variant most documents mostly use, documents per variant, documents using the group)."""
    per_doc = Counter()
    users = 0
    for _path, usage in summaries:
        g = usage.get(group)
        if not g:
            continue
        users += 1
        d = dominant(g["effective"])
        if d is not None:
            per_doc[d] += 1
    return dominant(dict(per_doc)), per_doc, users


def corpus_usage(termbase, summaries: list[tuple[str, dict]]) -> dict:
    """summary.terms: group -> meaning, preferred form, and per form its status,
    number, uses and the documents that use it (path -> uses)."""
    out: dict[str, dict] = {}
    for group in termbase.groups:
        rows: dict[tuple[str, str], dict] = {}
        for path, usage in sorted(summaries):
            g = usage.get(group.name)
            if not g:
                continue
            for key, count in g["forms"].items():
                r = rows.setdefault(split_form_key(key), {"count": 0, "documents": {}})
                r["count"] += count
                r["documents"][path] = r["documents"].get(path, 0) + count
        order = {f.text: i for i, f in enumerate(group.forms)}
        forms = []
        for (text, spelling), r in sorted(rows.items(), key=lambda kv: (order.get(kv[0][0], 99),
                                                                        kv[0][1])):
            form = group.by_text(text)
            forms.append({
                "form": spelling or text,
                "status": form.status if form else "",
                "case": "wrong" if spelling else "ok",
                **({"written_for": text} if spelling else {}),
                "number": (form.number if form else None) or "",
                "count": r["count"],
                "documents": r["documents"],
            })
        dom, per_doc, users = corpus_dominant(summaries, group.name)
        out[group.name] = {
            "meaning": group.meaning,
            "preferred": group.preferred[0].text if group.preferred else None,
            "corpus_dominant": group.variant_name(dom) if dom else None,
            "documents": users,
            "forms": forms,
        }
    return out
