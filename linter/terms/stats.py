"""`lint-corpus --stats terms`: each term group's forms, with counts and documents.

    islamic-nations — The Muslim-majority countries, each a state of its own.
    preferred: Islamic nations · 4 documents
      form               status     number    uses  documents
      Islamic nations    preferred  plural      19  002_….txt (12), 003_….txt (7)
"""

from __future__ import annotations

from typing import TextIO


def render(result, stream: TextIO, options) -> None:
    terms = result.extra.get("terms")
    if terms is None:
        stream.write("No term statistics: no terminology rule ran (check --select/--ignore "
                     "and the term base in rules/).\n")
        return
    if not terms:
        stream.write("The term base is empty: add groups under 'terms:' in rules/terminology.yml.\n")
        return
    for i, (name, group) in enumerate(terms.items()):
        if i:
            stream.write("\n")
        title = f"{name} — {group['meaning']}" if group.get("meaning") else name
        stream.write(title + "\n")
        facts = [f"preferred: {group['preferred']}" if group.get("preferred")
                 else "no preferred form"]
        if group.get("corpus_dominant") and not group.get("preferred"):
            facts.append(f"corpus dominant: {group['corpus_dominant']}")
        n = group.get("documents", 0)
        facts.append(f"{n} document{'s' if n != 1 else ''}")
        stream.write("  " + " · ".join(facts) + "\n")
        rows = [("form", "status", "number", "uses", "documents")]
        for form in group["forms"]:
            status = form["status"]
            if form.get("case") == "wrong":
                status = f"case of '{form.get('written_for', '')}'"
            docs = ", ".join(f"{p} ({c})" for p, c in form["documents"].items())
            rows.append((form["form"], status, form.get("number") or "-", str(form["count"]), docs))
        if len(rows) == 1:
            stream.write("  (not used in these documents)\n")
            continue
        widths = [max(len(r[c]) for r in rows) for c in range(4)]
        for r in rows:
            cells = [r[0].ljust(widths[0]), r[1].ljust(widths[1]), r[2].ljust(widths[2]),
                     r[3].rjust(widths[3]), r[4]]
            stream.write("  " + "  ".join(cells).rstrip() + "\n")
