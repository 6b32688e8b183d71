"""`lint-corpus --stats readability PATH`: one row of textstat metrics per document.

Editors triage a corpus by it: which articles read hardest, on which metric.
It reads only `files[].metrics["readability"]` from the run result (filled by
the `readability` kind), so the table and `--format json` always agree.
Values beyond the audience's limits are marked with `*`.
"""

from __future__ import annotations

from typing import TextIO

from .measure import METRICS

KEY = "readability"


def _cell(value, over: bool) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}{'*' if over else ''}"


def rows(result) -> list[tuple[str, dict | None, str]]:
    """(path, metrics or None, status) for every file of the run, in path order."""
    out = []
    for report in result.files:
        metrics = report.metrics.get(KEY)
        status = "unreadable" if report.status != "ok" else ("" if metrics else "no prose")
        if metrics is not None and not metrics.get("words"):
            metrics, status = None, "no prose"
        out.append((report.path, metrics, status))
    return out


def render(result, stream: TextIO, options=None) -> None:
    table = rows(result)
    measured = [m for _, m, _ in table if m]
    if not any(KEY in r.metrics for r in result.files):
        stream.write("No readability metrics: no rule of kind 'readability' ran "
                     "(is readability.document-grade selected?).\n")
        return
    headers = ["File", "Words", "Sent."] + [m.short for m in METRICS]
    body = []
    for path, metrics, status in table:
        if metrics is None:
            body.append([path, status] + [""] * (len(headers) - 2))
            continue
        over = set(metrics.get("over_limit", ()))
        body.append([path, str(metrics["words"]), str(metrics["sentences"])]
                    + [_cell(metrics.get(m.name), m.name in over) for m in METRICS])
    if len(measured) > 1:
        body.append([f"mean of {len(measured)}",
                     f"{sum(m['words'] for m in measured) / len(measured):.0f}",
                     f"{sum(m['sentences'] for m in measured) / len(measured):.0f}"]
                    + [_cell(sum(m[x.name] for m in measured) / len(measured), False)
                       for x in METRICS])
    widths = [max(len(row[i]) for row in [headers] + body) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]
        return "  ".join([first] + rest).rstrip()

    stream.write(line(headers) + "\n")
    for row in body:
        if len(measured) > 1 and row is body[-1]:
            stream.write(line(["-" * widths[0]] + ["-" * w for w in widths[1:]]) + "\n")
        stream.write(line(row) + "\n")
    audiences = sorted({m.get("audience", "") for m in measured} - {""})
    legend = [f"{m.short} {m.label}" for m in METRICS]
    stream.write("\n" + "; ".join(legend) + ".\n")
    if audiences:
        stream.write(f"* beyond the limit for a {' / '.join(audiences)} audience "
                     "(rules/readability.yml).\n")
