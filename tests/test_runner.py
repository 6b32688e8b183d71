"""The runner: in-process, process-pool and spooled results are the same run.

The reference for every comparison is the engine's own list-based path
(`lint_documents` + `Engine.result`), rendered with the real reporters.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter import runner
from linter.config import load_config
from linter.engine import Engine, lint_documents
from linter.finding import Finding, Severity
from linter.kinds import RuleKind
from linter.pack import load_pack
from linter.reporters import ReportOptions, render
from linter.result import RunResult

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "linter"]


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_corpus(root: Path, n: int) -> Path:
    """n generated articles plus the awkward cases: CRLF, BOM, non-UTF-8, suppressions."""
    gen = _corpus_module().Generator()
    docs = root / "docs"
    for i in range(n):
        sub = docs / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:03d}.md").write_text(gen.article(i), "utf-8")
    tail = "\nA phenomenal, groundbreaking tapestry.\n"
    (docs / "crlf.md").write_bytes((gen.article(n) + tail).replace("\n", "\r\n").encode())
    (docs / "bom.md").write_bytes(b"\xef\xbb\xbf" + (gen.article(n + 1) + tail).encode())
    (docs / "latin1.md").write_bytes("caf\xe9 is a tapestry".encode("latin-1"))
    (docs / "quiet.md").write_text("<!-- lint-corpus-disable style -->\n\nA phenomenal tapestry.\n")
    return docs


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(CLI + args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def rendered(result: RunResult, fmt: str = "json") -> str:
    out = io.StringIO()
    render(fmt, result, out, ReportOptions(cwd="/"))
    return out.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, 60)
    return root


# -- --jobs determinism, through the command line --------------------------------------
def test_jobs_output_is_identical_whatever_n(corpus):
    outputs = {}
    for jobs in ("1", "2", "3"):
        proc = run_cli(["docs", "--format", "json", "--jobs", jobs], corpus)
        assert proc.returncode == 1, proc.stderr  # the latin-1 file is an io.decode error
        assert proc.stderr == ""
        outputs[jobs] = proc.stdout
    assert outputs["1"] == outputs["2"] == outputs["3"]
    doc = json.loads(outputs["1"])
    assert doc["summary"]["files"] == 64
    assert doc["summary"]["findings"] > 100
    rules = {f["rule"] for f in doc["findings"]}
    assert "io.decode" in rules and "style.puffery" in rules
    # The suppressed file reports nothing; CRLF and BOM files are linted.
    paths = {f["path"] for f in doc["findings"]}
    assert "docs/quiet.md" not in paths
    assert {"docs/crlf.md", "docs/bom.md"} <= paths


def test_text_output_is_identical_whatever_n(corpus):
    one = run_cli(["docs", "--jobs", "1", "--show-source"], corpus)
    two = run_cli(["docs", "--jobs", "2", "--show-source"], corpus)
    assert one.stdout == two.stdout
    assert any(line.startswith("Found ") for line in one.stdout.splitlines())


def test_cli_matches_the_engines_list_based_run(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    config = load_config(None, corpus)
    pack = load_pack(config)
    engine = Engine(pack)
    from linter.discovery import collect_files, display_path

    files = collect_files(["docs"], config, corpus)
    outcomes, corpus_findings = lint_documents(engine, [(f, display_path(f, corpus)) for f in files])
    reference = rendered(engine.result(outcomes, corpus_findings, []))
    proc = run_cli(["docs", "--format", "json", "--jobs", "2"], corpus)
    assert proc.stdout == reference


# -- the pool itself ----------------------------------------------------------------------
def _engine_and_items(root: Path, config=None):
    config = config or load_config(None, root)
    engine = Engine(load_pack(config))
    from linter.discovery import collect_files

    files = collect_files([str(root / "docs")], config, root)
    return config, engine, list(runner.file_items(files, root))


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_each_worker_builds_its_engine_once(corpus, method):
    if method not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip(f"no {method} on this platform")
    config, engine, items = _engine_and_items(corpus)
    reference = runner.lint(engine, items, jobs=1)
    run = runner.lint(engine, items, config=config, jobs=2, start_method=method, batch_size=1)
    assert rendered(run.result) == rendered(reference.result)
    assert run.stats.batches == len(items)  # one document per batch: many tasks per worker
    assert 1 <= len(run.stats.builds) <= 2
    # spawned workers build once; forked ones inherit the parent's engine
    expected = 1 if method == "spawn" else 0
    assert set(run.stats.builds.values()) == {expected}
    assert run.profile.executor == "process pool, 2 workers"


def test_small_default_runs_stay_in_process(corpus):
    _config, engine, items = _engine_and_items(corpus)
    run = runner.lint(engine, items[:3])
    assert run.profile.executor == "in-process"
    assert run.stats.batches == 0


def test_single_file_run_imports_no_parallel_machinery():
    # The pre-commit case: one file must not pay for a pool, Dask or pickling workers.
    code = ("import sys; from linter.cli import main; rc = main(['seeds/000_09d03fb506c19b10.txt',"
            " '-q']); heavy = [m for m in ('multiprocessing', 'concurrent.futures', 'dask')"
            " if m in sys.modules]; print('HEAVY', heavy)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr


# -- corpus rules: summaries kept, findings merged at their document ------------------------
class FirstHeadingRepeated(RuleKind):
    """A corpus kind for tests: a title already used by an earlier document."""

    kind = "test-first-heading-repeated"
    description = "Titles must be unique across the corpus."

    def summarize(self, document):
        for block in document.blocks:
            if block.is_heading:
                seg = block.segments[0]
                line, col = document.position(seg.source_start)
                return (block.text, line, col, col + len(block.text))
        return None

    def check_corpus(self, summaries):
        first: dict[str, str] = {}
        for path, (title, line, col, end) in summaries:
            if title in first:
                yield Finding(path, line, col, line, end, self.id, self.severity,
                              f"title already used by {first[title]}", span_text=title,
                              context=title)
            else:
                first[title] = path


@pytest.fixture
def corpus_rule_config(corpus, tmp_path, monkeypatch):
    from linter import kinds

    monkeypatch.setitem(kinds.BUILTIN, FirstHeadingRepeated.kind,
                        f"{__name__}:FirstHeadingRepeated")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "corpus.yml").write_text(
        "rules:\n  terminology.unique-title:\n    kind: test-first-heading-repeated\n"
        "    severity: info\n", "utf-8")
    cfg = tmp_path / "lint.toml"
    cfg.write_text(f'rules = ["{(ROOT / "rules").as_posix()}", "{rules.as_posix()}"]\n', "utf-8")
    # A document whose corpus finding is suppressed by a comment.
    quiet = corpus / "docs" / "zz-quiet-title.md"
    quiet.write_text("<!-- lint-corpus-disable-file terminology -->\n\n"
                     "# Moving Forward\n\nText.\n", "utf-8")
    yield load_config(cfg, corpus)
    quiet.unlink()


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_corpus_findings_are_merged_in_order(corpus, corpus_rule_config, jobs):
    config, engine, items = _engine_and_items(corpus, corpus_rule_config)
    pairs = [(i.path, i.display) for i in items]
    outcomes, corpus_findings = lint_documents(engine, pairs)
    reference = engine.result(outcomes, corpus_findings, [])
    assert sum(f.rule == "terminology.unique-title" for f in reference.findings) > 5
    assert not any(f.path.endswith("zz-quiet-title.md") and f.rule.startswith("terminology")
                   for f in reference.findings)
    # fork: the test kind is registered in this process only.
    run = runner.lint(engine, items, config=config, jobs=jobs, batch_size=2, start_method="fork")
    for fmt in ("json", "text", "sarif"):
        assert rendered(run.result, fmt) == rendered(reference, fmt)
    assert run.result.counts_by_family() == reference.counts_by_family()
    assert run.result.max_severity() == reference.max_severity()


def test_a_worker_that_cannot_build_the_pack_says_so(corpus, corpus_rule_config):
    # A spawned worker does not know the test kind: the message must say what failed.
    config, engine, items = _engine_and_items(corpus, corpus_rule_config)
    with pytest.raises(runner.RunnerError, match="could not load the rule pack: ConfigError: .*"
                                                 "unknown kind 'test-first-heading-repeated'"):
        runner.lint(engine, items, config=config, jobs=2, start_method="spawn")


def test_findings_spill_to_disk_and_read_back_identically(corpus, monkeypatch):
    _config, engine, items = _engine_and_items(corpus)
    in_memory = runner.lint(engine, items, jobs=1)
    monkeypatch.setattr(runner, "SPOOL_MEMORY", 2048)
    spilled = runner.lint(engine, items, jobs=1)
    assert spilled.result.findings._spool._file is not None  # it did spill
    assert in_memory.result.findings._spool._file is None
    assert rendered(spilled.result) == rendered(in_memory.result)
    # Two readers at once (a reporter may iterate inside another iteration).
    a, b = iter(spilled.result.findings), iter(spilled.result.findings)
    pairs = list(zip(a, b))
    assert len(pairs) == len(spilled.result.findings) > 0
    assert all(x.fingerprint == y.fingerprint for x, y in pairs)
    assert spilled.result.findings[3].fingerprint == list(spilled.result.findings)[3].fingerprint
    assert [f.fingerprint for f in spilled.result.findings[2:5]] == \
        [f.fingerprint for f in list(spilled.result.findings)[2:5]]


def test_replacing_findings_with_a_list_recounts(corpus):
    _config, engine, items = _engine_and_items(corpus)
    result = runner.lint(engine, items, jobs=1).result
    assert result.max_severity() == Severity.ERROR  # the latin-1 file
    result.findings = [f for f in result.findings if f.severity < Severity.ERROR]  # a baseline, say
    assert result.max_severity() == Severity.WARNING
    assert result.counts_by_severity()["error"] == 0
    assert result.summary()["findings"] == len(result.findings)


# -- the command line ----------------------------------------------------------------------
def test_profile_lists_phases_and_every_rule(corpus):
    proc = run_cli(["docs", "--format", "json", "--profile", "--jobs", "2"], corpus)
    json.loads(proc.stdout)  # the report is untouched
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("profile: 64 documents, process pool, 2 workers")
    names = {line.split()[0] for line in lines[2:]}
    assert {"parse", "rules", "corpus", "report"} <= names
    listed = run_cli(["--list-rules"], corpus).stdout
    assert {line.split()[0] for line in listed.splitlines()} <= names
    rules_row = next(line for line in lines if line.split()[0] == "rules")
    assert float(rules_row.split()[1]) > 0


@pytest.mark.parametrize("value", ["-1", "two"])
def test_bad_jobs_is_a_usage_error(corpus, value):
    proc = run_cli(["docs", "--jobs", value], corpus)
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr and "Traceback" not in proc.stderr


def test_jobs_in_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.lint-corpus]\njobs = 2\n", "utf-8")
    assert load_config(None, tmp_path).jobs == 2
    (tmp_path / "pyproject.toml").write_text("[tool.lint-corpus]\n\njobs = 'many'\n", "utf-8")
    proc = run_cli(["--list-rules"], tmp_path)
    assert proc.returncode == 2
    assert "pyproject.toml:3: 'jobs' must be a number" in proc.stderr


def test_pool_workers_ask_the_run_s_languagetool(tmp_path):
    """Workers reach the LanguageTool server the run was given (fork and the
    grammar runtime's worker settings), with the same findings as one process."""
    from languagetool_fake import FakeLanguageTool

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(30):
        (docs / f"d{i:02d}.md").write_text(f"Document {i} could of been teh best.\n", "utf-8")
    with FakeLanguageTool() as fake:
        args = ["docs", "--format", "json", "--languagetool", fake.url, "--no-cache"]
        one = run_cli(args + ["--jobs", "1"], tmp_path)
        checks_one = len(fake.checks)
        two = run_cli(args + ["--jobs", "2"], tmp_path)
        checks_two = len(fake.checks) - checks_one
    assert two.stdout == one.stdout and two.returncode == one.returncode
    lt = [f for f in json.loads(two.stdout)["findings"] if f["rule"].startswith("grammar.lt")]
    assert len(lt) >= 30  # 'teh' in every document, from the server
    assert checks_one == checks_two >= 30
    assert "Traceback" not in two.stderr


def test_share_strings_keeps_values_and_shares_equal_strings():
    from linter.runner import share_strings
    from linter.terms.usage import FirstUse

    seen: dict[str, str] = {}
    use = FirstUse("Islamic Nation", "Islamic nation", 1, 2, 3, 4, 3, 5, "line", 0, 4, 5, "ctx")
    one = {"group": {"forms": {"a" + "\0b": 2}, "variants": {"v": use}, "list": [("x", 1)]}}
    two = {"group": {"forms": {"a\0" + "b": 1}, "variants": {}, "list": [("x", 2)]}}
    a, b = share_strings(one, seen), share_strings(two, seen)
    assert a == one and b == two
    assert type(a["group"]["variants"]["v"]) is FirstUse
    key_a, key_b = next(iter(a["group"]["forms"])), next(iter(b["group"]["forms"]))
    assert key_a is key_b  # one copy of an equal string across documents
    assert a["group"]["list"][0][0] is b["group"]["list"][0][0]
    frozen = frozenset({"x"})
    assert share_strings(frozen, seen) is frozen  # other types pass through
