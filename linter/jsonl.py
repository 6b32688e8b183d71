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

import contextlib
import gzip
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
    """A binary stream: lines are decoded one by one, so one bad line costs one record."""
    if name == "-":
        return sys.stdin.buffer
    path = Path(name)
    if path.is_dir():
        raise RunnerError(f"--jsonl {name}: is a directory, not a JSON Lines file")
    try:
        return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")
    except OSError as exc:
        raise RunnerError(f"--jsonl {name}: {exc.strerror or exc}") from None


def _display(name: str, cwd: Path) -> str:
    if name == "-":
        return "<stdin>"
    from .discovery import display_path

    return display_path(Path(name), cwd)


def jsonl_items(name: str, cwd: Path, text_field: str = "text",
                id_field: str = "id") -> Iterator[Item]:
    """Open `name` now (a missing file is a usage error before any linting) and
    yield its records lazily."""
    stream = _open(name)
    return _records(stream, name, _display(name, cwd), text_field, id_field)


def _records(stream, name: str, display: str, text_field: str, id_field: str) -> Iterator[Item]:
    seen: dict[str, int] = {}

    def problem(line: int, message: str) -> Item:
        return Item(display, problem=("io.decode", line, message))

    with contextlib.nullcontext(stream) if stream is sys.stdin.buffer else stream:
        number = 0
        while True:
            number += 1
            try:
                raw = stream.readline()
            except (OSError, EOFError) as exc:  # a truncated .gz, a read error
                raise RunnerError(f"--jsonl {name}: line {number}: {exc}") from None
            if not raw:
                return
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                # Only "\n" ends a record: a CR or U+2028 inside a JSON string is escaped
                # or legal, so bytes-level readline is the right splitter.
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                column = len(raw[:exc.start].decode("utf-8", "replace")) + 1
                yield problem(number, f"record is not valid UTF-8 (byte 0x{raw[exc.start]:02x} "
                                      f"at column {column})")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line.rstrip("\r\n"))
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
