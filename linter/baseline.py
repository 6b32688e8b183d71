"""Baselines: adopt the linter on an existing corpus and report only new findings.

`--write-baseline FILE` records every current finding by its fingerprint: the
rule, the path and the normalised text of the span and its sentence (plus an
occurrence number when the same sentence repeats), never a line number. So
inserting or deleting lines above a recorded finding keeps it recorded, while
editing the sentence itself makes it new again — someone touched that text.

`--baseline FILE` drops the findings the file records. Matching is one entry
per finding, so a second copy of a recorded sentence is still reported.
Paths in the file are relative to the file's own folder, so the baseline
matches from whichever directory lint-corpus runs.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_write_bytes
from .changed_lines import absolute
from .engine import _normalise, fingerprint
from .finding import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """An unreadable or malformed baseline file (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Entry:
    fingerprint: str
    rule: str
    path: str  # relative to the baseline file's folder, with '/'
    text: str  # the flagged text, so people can read the file

    def as_json(self) -> dict:
        return {"fingerprint": self.fingerprint, "rule": self.rule, "path": self.path,
                "text": self.text}


@dataclass
class Outcome:
    kept: list[Finding]
    suppressed: int
    stale: list[Entry] = field(default_factory=list)


def _relative(display: str, cwd: Path, folder: Path) -> str:
    target = absolute(display, cwd)
    try:
        return Path(os.path.relpath(target, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return target.as_posix()


def entries_for(findings: list[Finding], cwd: Path, folder: Path) -> list[tuple[Entry, Finding]]:
    """Each finding with its baseline entry, fingerprinted as the engine does but
    with the path relative to `folder`."""
    seen: Counter = Counter()
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        path = _relative(f.path, cwd, folder)
        key = (path, f.rule, _normalise(f.span_text), _normalise(f.context))
        entry = Entry(fingerprint(f.rule, path, f.span_text, f.context, seen[key]), f.rule,
                      path, _normalise(f.span_text))
        seen[key] += 1
        out.append((entry, f))
    return out


def load(path: Path) -> list[Entry]:
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found "
                            "(create it with --write-baseline)") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a lint-corpus baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a lint-corpus baseline (no 'findings' list)")
    if data.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{path}: baseline format version {data.get('version')!r} is not "
                            f"supported (expected {FORMAT_VERSION}); write it again")
    entries = []
    for i, item in enumerate(data["findings"], 1):
        try:
            entries.append(Entry(str(item["fingerprint"]), str(item["rule"]), str(item["path"]),
                                 str(item.get("text", ""))))
        except (KeyError, TypeError):
            raise BaselineError(f"{path}: finding {i} needs 'fingerprint', 'rule' and "
                                "'path'") from None
    return entries


def save(path: Path, entries: list[Entry]) -> None:
    entries = sorted(set(entries), key=lambda e: (e.path, e.rule, e.text, e.fingerprint))
    doc = {
        "version": FORMAT_VERSION,
        "tool": "lint-corpus",
        "comment": "Findings recorded by `lint-corpus --write-baseline`; `--baseline` "
                   "reports only findings not listed here.",
        "findings": [e.as_json() for e in entries],
    }
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))


def write(path: Path, findings: list[Finding], linted: set[str], cwd: Path) -> int:
    """Record `findings`. Entries of an existing baseline for files this run did
    not lint (a pre-commit run sees only staged files) are kept if the file
    still exists. Returns the number of entries written."""
    folder = path.resolve().parent
    entries = [e for e, _ in entries_for(findings, cwd, folder)]
    linted_rel = {_relative(p, cwd, folder) for p in linted}
    if path.exists():
        try:
            old = load(path)
        except BaselineError:
            old = []  # being overwritten anyway
        entries += [e for e in old
                    if e.path not in linted_rel and (folder / e.path).exists()]
    save(path, entries)
    return len(set(entries))


def apply(path: Path, entries: list[Entry], findings: list[Finding], linted: set[str],
          rules: set[str], cwd: Path) -> Outcome:
    """Drop the findings the baseline records; find entries that no longer match.

    An entry is stale when its file was linted in this run with its rule active
    and nothing matched it, or when its file no longer exists. Entries for
    files outside this run are neither used nor stale."""
    folder = path.resolve().parent
    budget = Counter(e.fingerprint for e in entries)
    kept, suppressed = [], 0
    for entry, finding in entries_for(findings, cwd, folder):
        if budget[entry.fingerprint] > 0:
            budget[entry.fingerprint] -= 1
            suppressed += 1
        else:
            kept.append(finding)
    linted_rel = {_relative(p, cwd, folder) for p in linted}
    stale = []
    for e in entries:
        if budget[e.fingerprint] <= 0:
            continue
        gone = not (folder / e.path).exists()
        if gone or (e.path in linted_rel and e.rule in rules):
            budget[e.fingerprint] -= 1
            stale.append(e)
    kept.sort(key=Finding.sort_key)
    return Outcome(kept, suppressed, stale)


def prune(path: Path, entries: list[Entry], stale: list[Entry]) -> None:
    """Rewrite the baseline without the stale entries."""
    remaining = Counter(stale)
    keep = []
    for e in entries:
        if remaining[e] > 0:
            remaining[e] -= 1
        else:
            keep.append(e)
    save(path, keep)
