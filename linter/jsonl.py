"""JSON Lines input: each record's text field is one Markdown document.

    lint-corpus --jsonl articles.jsonl --text-field text --id-field id

A record is linted as if it were a file named `articles.jsonl#ID`, so a
finding reads `articles.jsonl#42:3:17: ...`: record 42, line 3 and column 17
of that record's text. The file is read one line at a time, never whole.

A line that is not a JSON object, lacks the text or id field, or repeats an
id is reported as an `io.decode` error at that line of the .jsonl file itself
(`articles.jsonl:12:1`) and the other records are still linted.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from .runner import Item, RunnerError


def _json_type(value) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _open(name: str):
    if name == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict", newline="\n")
    path = Path(name)
    try:
        if path.is_dir():
            raise RunnerError(f"--jsonl {name}: is a directory, not a JSON Lines file")
        raw = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")
    except OSError as exc:
        raise RunnerError(f"--jsonl {name}: {exc.strerror or exc}") from None
    # newline="\n": a "\r" inside a record's JSON string is escaped, so only
    # "\n" ends a record; a stray CR before it is whitespace to json.loads.
    return io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="\n")


def _display(name: str, cwd: Path) -> str:
    if name == "-":
        return "<stdin>"
    from .discovery import display_path

    return display_path(Path(name), cwd)


def jsonl_items(name: str, cwd: Path, text_field: str = "text",
                id_field: str = "id") -> Iterator[Item]:
    display = _display(name, cwd)
    stream = _open(name)
    seen: dict[str, int] = {}

    def problem(line: int, message: str) -> Item:
        return Item(display, problem=("io.decode", line, message))

    with stream:
        number = 0
        while True:
            number += 1
            try:
                line = stream.readline()
            except UnicodeDecodeError as exc:
                # The rest of this line is unreadable, and so is everything after:
                # TextIOWrapper cannot resynchronise.
                yield problem(number, f"record is not valid UTF-8 ({exc.reason}); "
                                      "the rest of the file was not read")
                return
            except (OSError, EOFError) as exc:  # a truncated .gz, a read error
                raise RunnerError(f"--jsonl {name}: line {number}: {exc}") from None
            if not line:
                return
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield problem(number, f"record is not valid JSON: {exc.msg} "
                                      f"(column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield problem(number, f"record is {_json_type(record)}, not a JSON object")
                continue
            if id_field not in record:
                yield problem(number, f"record has no '{id_field}' field (choose one with --id-field)")
                continue
            rid = record[id_field]
            if isinstance(rid, bool) or not isinstance(rid, (str, int)):
                yield problem(number, f"record's '{id_field}' is {_json_type(rid)}; "
                                      "expected a string or an integer")
                continue
            rid = str(rid)
            if rid in seen:
                yield problem(number, f"duplicate {id_field} {rid!r} (first at line {seen[rid]}); "
                                      "record not linted")
                continue
            seen[rid] = number
            text = record.get(text_field)
            if text_field not in record:
                yield problem(number, f"record {rid!r} has no '{text_field}' field "
                                      "(choose one with --text-field)")
                continue
            if not isinstance(text, str):
                yield problem(number, f"record {rid!r}: '{text_field}' is {_json_type(text)}, "
                                      "not a string")
                continue
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError:
                yield problem(number, f"record {rid!r}: text contains an unpaired surrogate escape")
                continue
            yield Item(f"{display}#{rid}", data=data)
