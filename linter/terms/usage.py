"""How the corpus uses the term base: per-document summaries and their sum.

A document's summary is small and plain (it crosses process boundaries and
caches): for each group, the forms used with counts, and where each form
first appears. The corpus view adds them up per form and names the documents;
it is summary.terms in JSON and the table of `--stats terms`.
"""

from __future__ import annotations

from collections import Counter

from .analysis import Analysis, _effective_variant


def document_usage(document, analysis: Analysis) -> dict:
    groups: dict[str, dict] = {}
    for occ in analysis.occurrences:
        g = groups.setdefault(occ.group.name, {"forms": {}, "variants": {}, "effective": {}})
        spelling = "" if occ.case_ok else " ".join(occ.written.split())
        key = f"{occ.form.text}\0{spelling}"
        row = g["forms"].setdefault(key, {"form": occ.form.text, "spelling": spelling, "count": 0})
        row["count"] += 1
        eff = _effective_variant(occ)
        g["effective"][eff] = g["effective"].get(eff, 0) + 1
        if occ.variant not in g["variants"]:
            span = occ.block.to_source(occ.start, occ.end)
            if span is None:
                continue
            line, col = document.position(span[0])
            end_line, end_col = document.position(span[1])
            g["variants"][occ.variant] = {
                "form": occ.form.text, "written": occ.written, "start": span[0], "end": span[1], "line": line,
                "column": col, "end_line": end_line, "end_column": end_col,
                # A window of the line, as the engine keeps for every finding:
                # summaries live until the end of a corpus run.
                **_line_window(document, span[0], span[1], line),
                "byte_column": document.source.byte_column(line, col),
                "end_byte_column": document.source.byte_column(end_line, end_col),
                "context": (occ.block.sentence_at(occ.start).text
                            if occ.block.sentence_at(occ.start) else occ.block.text),
            }
    # The corpus rule only ever reports a document's dominant variant (where
    # it differs from the corpus's), so only that first occurrence is kept:
    # summaries live until the end of a corpus run.
    for g in groups.values():
        mine = dominant(g["effective"])
        g["variants"] = {mine: g["variants"][mine]} if mine in g["variants"] else {}
    return groups


def _line_window(document, start: int, end: int, line: int) -> dict:
    from ..engine import LINE_WINDOW

    text, starts = document.source.text, document.source.starts
    line_start = starts[line - 1]
    line_end = starts[line] - 1 if line < len(starts) else len(text)
    lo = max(line_start, start - LINE_WINDOW)
    hi = min(line_end, end + LINE_WINDOW)
    return {"source_line": text[lo:hi], "source_line_offset": lo - line_start}


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
            for row in g["forms"].values():
                k = (row["form"], row["spelling"])
                r = rows.setdefault(k, {"count": 0, "documents": {}})
                r["count"] += row["count"]
                r["documents"][path] = r["documents"].get(path, 0) + row["count"]
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
