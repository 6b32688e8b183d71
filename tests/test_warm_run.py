"""The warm (cached) run: a hit goes to the spool as the bytes the worker
packed, the text report reads only the findings' heads, and none of it may
change a byte of any report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_runner import ROOT, FirstHeadingRepeated, rendered, write_corpus

from linter import cache as cache_module
from linter import runner
from linter.config import load_config
from linter.discovery import collect_files
from linter.engine import Engine
from linter.finding import Edit, Finding, Fix, Severity
from linter.pack import load_pack
from linter.result import FileReport


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("warm")
    write_corpus(root, 40)
    return root


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "linter", "docs", "--cache-dir", "cache", *args],
                          cwd=root, capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_warm_reports_are_byte_identical_to_cold_and_uncached(corpus, tmp_path, jobs):
    root = tmp_path / "run"
    root.mkdir()
    (root / "docs").symlink_to(corpus / "docs")
    formats = [("--format", "text"), ("--format", "text", "--show-source"),
               ("--format", "json"), ("--format", "sarif")]
    uncached = [cli(root, *f, "--jobs", jobs, "--no-cache").stdout for f in formats]
    cold = cli(root, "--format", "json", "--jobs", jobs, "--profile")
    assert "cache" not in _phases(cold.stderr)  # every file computed
    entries = list((root / "cache").rglob("*.pickle"))
    assert len(entries) == 44  # every document, the undecodable one too
    warm = [cli(root, *f, "--jobs", jobs) for f in formats]
    assert [w.stdout for w in warm] == uncached
    assert warm[0].stdout.count("\n") > 100
    profile = cli(root, "--jobs", jobs, "--profile", "-q")
    assert set(_phases(profile.stderr)) >= {"cache"} and _phases(profile.stderr)["parse"] == 0.0


def _phases(stderr: str) -> dict[str, float]:
    out = {}
    for line in stderr.splitlines()[2:]:
        parts = line.split()
        if len(parts) == 4 and "." not in parts[0] and parts[0] != "sum":
            out[parts[0]] = float(parts[1])
    return out


def test_packed_findings_round_trip_with_fixes_and_data():
    report = FileReport("a.md", metrics={"words": 3})
    fix = Fix((Edit(0, 3, "x"), Edit(5, 5, "")), safe=False)
    findings = [
        Finding("a.md", 1, 1, 1, 4, "style.x", Severity.WARNING, "m\r\nsg", ("x",), fix, 0, 3,
                "abc", "abc def", "f1", "abc def", 0, 1, 4, {"k": [1, 2]}, "g", 2),
        Finding("a.md", 2, 5, 3, 1, "claims.y", Severity.ERROR, "other"),
    ]
    blob = runner.pack_findings(report, findings)
    got_report, got = runner.load_findings(blob)
    assert got_report == report and got == findings
    assert got[0].fix == fix and type(got[0].fix.edits[0]) is Edit
    heads_report, heads = runner.load_heads(blob)
    assert heads_report == report
    assert heads == [runner._head(f) for f in findings]


def test_heads_follow_the_findings_order_with_corpus_findings(corpus, tmp_path, monkeypatch):
    """heads() merges corpus findings exactly where iterating merges them,
    including ties and a corpus finding for a path no document has."""
    from linter import kinds

    monkeypatch.setitem(kinds.BUILTIN, FirstHeadingRepeated.kind,
                        "test_runner:FirstHeadingRepeated")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "corpus.yml").write_text(
        "rules:\n  terminology.unique-title:\n    kind: test-first-heading-repeated\n", "utf-8")
    cfg = tmp_path / "lint.toml"
    cfg.write_text(f'rules = ["{(ROOT / "rules").as_posix()}", "{rules.as_posix()}"]\n', "utf-8")
    config = load_config(cfg, corpus)
    engine = Engine(load_pack(config))
    files = collect_files([str(corpus / "docs")], config, corpus)
    run = runner.lint(engine, runner.file_items(files, corpus), jobs=1)
    stream = run.result.findings
    some = next(f for f in stream if f.rule == "terminology.unique-title")
    # A tie with a document finding, and a path no document has.
    stream._corpus = list(stream._corpus) + [
        Finding(some.path, some.line, some.column, some.end_line, some.end_column,
                some.rule, Severity.INFO, some.message),
        Finding("zzz/elsewhere.md", 1, 1, 1, 2, "terminology.unique-title", Severity.INFO, "x")]
    stream._length += 2
    assert sum(1 for f in stream._corpus if f.rule == "terminology.unique-title") > 3
    assert list(stream.heads()) == [runner._head(f) for f in stream]
    assert len(list(stream.heads())) == len(stream)


def test_cache_lint_returns_the_whole_outcome_from_a_packed_entry(corpus, tmp_path):
    """--fix and the API read the same entries as the runner's hits."""
    config = load_config(None, corpus)
    pack = load_pack(config)
    engine = Engine(pack)
    cache = cache_module.Cache(tmp_path / "cache", cache_module.salt_for(pack, config))
    assert cache.prepare() is None
    path = next((corpus / "docs").rglob("crlf.md"))
    raw = path.read_bytes()
    computed = engine.lint_bytes("docs/crlf.md", raw)
    first = cache.lint("docs/crlf.md", raw, engine._lint_bytes, engine.rules)
    second = cache.lint("docs/crlf.md", raw, engine._lint_bytes, engine.rules)
    assert (cache.misses, cache.hits) == (1, 1)
    for outcome in (first, second):
        assert outcome.findings == computed.findings and outcome.findings
        assert outcome.report == computed.report
        assert vars(outcome.suppressions) == vars(computed.suppressions)
    packed = cache.lint_packed("docs/crlf.md", raw, engine._lint_bytes, engine.rules,
                               keep_corpus_state=False)
    assert packed.outcome.summaries == {} and cache.hits == 2
    # Stripping this run's copy never strips the stored entry.
    again = cache.lint_packed("docs/crlf.md", raw, engine._lint_bytes, engine.rules)
    assert again.outcome.summaries == computed.summaries


def test_pool_sends_only_misses_and_keeps_the_order(corpus, tmp_path):
    """Hits are answered by the parent, misses by the workers, interleaved in
    input order; a fully warm run starts no pool at all."""
    import shutil

    docs = tmp_path / "copy" / "docs"
    shutil.copytree(corpus / "docs", docs)
    root = docs.parent
    config = load_config(None, root)
    pack = load_pack(config)

    def run(batch_size=2):
        cache = cache_module.Cache(root / "cache", cache_module.salt_for(pack, config))
        assert cache.prepare() is None
        engine = Engine(pack, cache=cache)
        files = collect_files([str(docs)], config, root)
        result = runner.lint(engine, runner.file_items(files, root), config=config, jobs=2,
                             batch_size=batch_size, start_method="fork")
        return result, cache

    def reference():
        files = collect_files([str(docs)], config, root)
        return runner.lint(Engine(pack), runner.file_items(files, root), jobs=1).result

    cold, cache = run()
    assert cache.hits == 0 and cold.stats.batches == 22
    warm, cache = run()
    assert cache.hits == 44 and warm.stats.batches == 0 and warm.stats.builds == {}
    assert "no pool started" in warm.profile.executor
    # Every fifth document changes: those (and only those) go to the workers.
    files = sorted(docs.rglob("a*.md"))
    for f in files[::5]:
        f.write_text(f.read_text("utf-8") + "\nA phenomenal addition.\n", "utf-8")
    mixed, cache = run(batch_size=3)
    assert cache.hits == 44 - len(files[::5]) and mixed.stats.batches >= 3
    want = reference()
    for fmt in ("json", "text"):
        assert rendered(mixed.result, fmt) == rendered(want, fmt)
    assert rendered(warm.result) != rendered(want)  # the change shows
