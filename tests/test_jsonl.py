"""`--jsonl FILE`: each record is a document named FILE#ID, positions inside the record."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "linter"]

ARTICLE = (
    "# A Title\n\n"
    "The programme was phenomenal.\n"
    "It is a tapestry of `code phenomenal` and [links](https://example.org/phenomenal).\n\n"
    "Ünïcödé café: the the unwavering work.\n"
)


def run(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(CLI + args, cwd=cwd, capture_output=True, text=True, env=env,
                          input=stdin, timeout=120)


def findings(proc: subprocess.CompletedProcess) -> list[dict]:
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)["findings"]


def positions(items: list[dict]) -> list[tuple]:
    return [(f["line"], f["column"], f["end_line"], f["end_column"], f["rule"], f["message"])
            for f in items]


def write_jsonl(path: Path, records: list) -> None:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def test_records_are_linted_like_files(tmp_path):
    texts = {"a-1": ARTICLE, "42": ARTICLE.replace("\n", "\r\n"), "ß/x": "Plain text, nothing.\n"}
    write_jsonl(tmp_path / "data.jsonl", [{"id": k if k != "42" else 42, "text": v}
                                          for k, v in texts.items()])
    for i, (key, text) in enumerate(texts.items()):
        (tmp_path / f"doc{i}.md").write_bytes(text.encode())
    from_records = findings(run(["--jsonl", "data.jsonl", "--format", "json"], tmp_path))
    by_record: dict[str, list] = {}
    for f in from_records:
        by_record.setdefault(f["path"], []).append(f)
    assert set(by_record) == {"data.jsonl#a-1", "data.jsonl#42"}
    for i, key in enumerate(texts):
        from_file = findings(run([f"doc{i}.md", "--format", "json"], tmp_path))
        assert positions(by_record.get(f"data.jsonl#{key}", [])) == positions(from_file)
    # Line and column are inside the record: 'tapestry' on the record's line 4.
    tapestry = next(f for f in by_record["data.jsonl#a-1"] if "tapestry" in f["message"])
    assert (tapestry["line"], tapestry["column"]) == (4, 9)
    # Nothing inside inline code or the URL; non-ASCII columns count code points.
    cols = [(f["line"], f["column"]) for f in by_record["data.jsonl#a-1"] if "phenomenal" in f["message"]]
    assert cols == [(3, 19)]
    rep = next(f for f in by_record["data.jsonl#a-1"] if f["rule"] == "grammar.repeated-word")
    assert (rep["line"], rep["column"]) == (6, 15)


def test_text_output_names_record_and_line(tmp_path):
    write_jsonl(tmp_path / "d.jsonl", [{"id": "r1", "text": ARTICLE}])
    proc = run(["--jsonl", "d.jsonl", "--no-show-source"], tmp_path)
    assert proc.returncode == 0  # warnings only
    assert "d.jsonl#r1:3:19: warning style.puffery 'phenomenal'" in proc.stdout
    summary = next(line for line in proc.stdout.splitlines() if line.startswith("Found "))
    assert summary == "Found 4 findings (4 warnings) in 1 file — style 3, grammar 1."


def test_bad_records_are_reported_at_their_line_and_the_rest_linted(tmp_path):
    write_jsonl(tmp_path / "bad.jsonl", [
        {"id": 1, "text": "A phenomenal start."},
        '{"id": 2, "text": "unterminated',
        "",  # blank lines are skipped
        "[1, 2]",
        {"text": "no id"},
        {"id": 1, "text": "duplicate id"},
        {"id": 5, "body": "wrong field"},
        {"id": 6, "text": 17},
        {"id": 7.5, "text": "float id"},
        {"id": 8, "text": "A tapestry at the end."},
    ])
    proc = run(["--jsonl", "bad.jsonl", "--format", "json"], tmp_path)
    assert proc.returncode == 1
    got = [(f["path"], f["line"], f["rule"], f["message"]) for f in findings(proc)]
    errors = [g for g in got if g[2] == "io.decode"]
    assert [(p, line) for p, line, _, _ in errors] == [("bad.jsonl", n) for n in (2, 4, 5, 6, 7, 8, 9)]
    messages = [m for *_, m in errors]
    assert messages[0].startswith("record is not valid JSON: Unterminated string")
    assert messages[1] == "record is an array, not a JSON object"
    assert messages[2] == "record has no 'id' field (choose one with --id-field)"
    assert messages[3] == "duplicate id '1' (first at line 1); record not linted"
    assert messages[4] == "record '5' has no 'text' field (choose one with --text-field)"
    assert messages[5] == "record '6': 'text' is a number, not a string"
    assert messages[6] == "record's 'id' is a number; expected a string or an integer"
    linted = [(p, r) for p, _, r, _ in got if r != "io.decode"]
    assert linted == [("bad.jsonl#1", "style.puffery"), ("bad.jsonl#8", "style.machine-cliche")]


def test_field_names_gzip_and_stdin(tmp_path):
    records = [{"key": "x", "body": "A tapestry."}, {"key": "y", "body": "Fine."}]
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    args = ["--text-field", "body", "--id-field", "key", "--format", "json"]
    from_gz = findings(run(["--jsonl", "d.jsonl.gz", *args], tmp_path))
    assert [(f["path"], f["line"], f["column"]) for f in from_gz] == [("d.jsonl.gz#x", 1, 3)]
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    from_stdin = findings(run(["--jsonl", "-", *args], tmp_path, stdin=stdin))
    assert [(f["path"], f["line"], f["column"]) for f in from_stdin] == [("<stdin>#x", 1, 3)]


def test_jsonl_and_files_together_in_order(tmp_path):
    (tmp_path / "b.md").write_text("A tapestry.\n", "utf-8")
    write_jsonl(tmp_path / "a.jsonl", [{"id": "z", "text": "A tapestry."},
                                       {"id": "a", "text": "A tapestry."}])
    got = findings(run(["b.md", "--jsonl", "a.jsonl", "--format", "json", "--jobs", "2"], tmp_path))
    # Files first, then records in file order (not sorted by id).
    assert [f["path"] for f in got] == ["b.md", "a.jsonl#z", "a.jsonl#a"]


@pytest.mark.parametrize("name, message", [
    ("missing.jsonl", "--jsonl missing.jsonl: No such file or directory"),
    (".", "--jsonl .: is a directory"),
])
def test_unreadable_jsonl_is_a_usage_error(tmp_path, name, message):
    proc = run(["--jsonl", name], tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_invalid_utf8_costs_one_record(tmp_path):
    (tmp_path / "d.jsonl").write_bytes(b'{"id": 1, "text": "A tapestry."}\n'
                                       b'{"id": 2, "text": "caf\xe9"}\n'
                                       b'{"id": 3, "text": "A tapestry."}\n')
    got = findings(run(["--jsonl", "d.jsonl", "--format", "json"], tmp_path))
    assert [(f["path"], f["line"], f["rule"]) for f in got] == [
        ("d.jsonl#1", 1, "style.machine-cliche"), ("d.jsonl", 2, "io.decode"),
        ("d.jsonl#3", 1, "style.machine-cliche")]
    assert got[1]["message"] == "record is not valid UTF-8 (byte 0xe9 at column 23)"


def test_many_records_through_the_pool_match_in_process(tmp_path):
    spec = __import__("importlib.util").util.spec_from_file_location(
        "bench_corpus", ROOT / "bench" / "corpus.py")
    corpus = __import__("importlib.util").util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    gen = corpus.Generator()
    write_jsonl(tmp_path / "c.jsonl", [{"id": f"r{i}", "text": gen.article(i)} for i in range(40)])
    one = run(["--jsonl", "c.jsonl", "--format", "json", "--jobs", "1"], tmp_path)
    two = run(["--jsonl", "c.jsonl", "--format", "json", "--jobs", "2"], tmp_path)
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["summary"]["files"] == 40
    assert len(findings(one)) > 40
