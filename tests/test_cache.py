"""The per-file result cache: hits, exact invalidation, corruption, corpus rules."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from workflow_support import TEST_KINDS, git, init_repo, lint_json, spans

import linter.kinds
from linter import cache as cache_module
from linter.engine import Engine

PACK = """rules:
  style.puffery:
    kind: existence
    message: "'{match}' is puffery."
    tokens: [phenomenal, remarkable]
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "rules").mkdir(parents=True)
    (root / "rules" / "style.yml").write_text(PACK, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.lint-corpus]\nrules = "rules"\n')
    for name, text in {"a.md": "A phenomenal start.\n", "b.md": "A remarkable middle.\n",
                       "c.md": "A plain end.\n"}.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def computed(monkeypatch) -> list[str]:
    """Display paths the engine actually linted (cache misses), in order."""
    calls: list[str] = []
    original = Engine._lint_bytes

    def counting(self, display, raw):
        calls.append(display)
        return original(self, display, raw)

    monkeypatch.setattr(Engine, "_lint_bytes", counting)
    return calls


def run(monkeypatch, capsys, root: Path, *args: str):
    return lint_json(monkeypatch, capsys, root, *(args or (".",)), "--cache-dir", "cache")


def test_warm_run_lints_nothing_and_reports_the_same(corpus, computed, monkeypatch, capsys):
    _, cold = run(monkeypatch, capsys, corpus)
    assert sorted(computed) == ["a.md", "b.md", "c.md"]
    computed.clear()
    _, warm = run(monkeypatch, capsys, corpus)
    assert computed == []
    assert warm == cold
    _, uncached = lint_json(monkeypatch, capsys, corpus, ".", "--no-cache")
    assert uncached == cold
    assert len(cold["findings"]) == 2


def test_changed_content_recomputes_that_file_only(corpus, computed, monkeypatch, capsys):
    run(monkeypatch, capsys, corpus)
    computed.clear()
    (corpus / "c.md").write_text("A remarkable end.\n", encoding="utf-8")
    _, report = run(monkeypatch, capsys, corpus)
    assert computed == ["c.md"]
    assert ("c.md", 1, "style.puffery") in spans(report)
    # Back to the old bytes: that entry is still there (content-addressed).
    computed.clear()
    (corpus / "c.md").write_text("A plain end.\n", encoding="utf-8")
    run(monkeypatch, capsys, corpus)
    assert computed == []


def test_rule_file_change_invalidates_and_is_never_stale(corpus, computed, monkeypatch, capsys):
    run(monkeypatch, capsys, corpus)
    computed.clear()
    (corpus / "rules" / "style.yml").write_text(PACK.replace("remarkable]", "remarkable, plain]"),
                                                 encoding="utf-8")
    _, report = run(monkeypatch, capsys, corpus)
    assert sorted(computed) == ["a.md", "b.md", "c.md"]
    assert ("c.md", 1, "style.puffery") in spans(report)


@pytest.mark.parametrize("setting, recomputes", [
    ('severity = { "style.puffery" = "error" }', True),
    ('ignore = ["style.puffery"]', True),
    ("[tool.lint-corpus.grammar]\nlanguage = \"en-GB\"", True),
    ('exclude = ["drafts/**"]', False),  # chooses files, never changes an outcome
    ('fail-on = "warning"', False),
])
def test_config_change_invalidates_exactly(corpus, computed, monkeypatch, capsys, setting,
                                          recomputes):
    run(monkeypatch, capsys, corpus)
    computed.clear()
    (corpus / "pyproject.toml").write_text(f'[tool.lint-corpus]\nrules = "rules"\n{setting}\n')
    _, report = run(monkeypatch, capsys, corpus)
    assert sorted(computed) == (["a.md", "b.md", "c.md"] if recomputes else [])
    if "error" in setting:
        assert {f["severity"] for f in report["findings"]} == {"error"}


def test_cli_ignore_is_part_of_the_key(corpus, computed, monkeypatch, capsys):
    run(monkeypatch, capsys, corpus)
    computed.clear()
    _, report = run(monkeypatch, capsys, corpus, ".", "--ignore", "style.puffery")
    assert len(computed) == 3 and report["findings"] == []


def test_version_change_invalidates(corpus, computed, monkeypatch, capsys):
    run(monkeypatch, capsys, corpus)
    computed.clear()
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    run(monkeypatch, capsys, corpus)
    assert sorted(computed) == ["a.md", "b.md", "c.md"]


def test_source_and_dependency_changes_change_the_salt(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text("X = 1\n")
    monkeypatch.setattr(cache_module, "_PACKAGE_DIR", package)
    before = cache_module._source_digest(set())
    (package / "mod.py").write_text("X = 2\n")
    assert cache_module._source_digest(set()) != before
    site = tmp_path / "site"
    (site / "dep-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr("sys.path", [str(site)])
    assert cache_module._installed_distributions() == ["dep-1.0.dist-info"]
    (site / "dep-1.0.dist-info").rename(site / "dep-1.1.dist-info")
    assert cache_module._installed_distributions() == ["dep-1.1.dist-info"]


def _entries(root: Path) -> list[Path]:
    return sorted((root / "cache").rglob("*.pickle"))


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "bad-pickle"])
def test_corrupt_entry_is_ignored_and_rebuilt(corpus, computed, monkeypatch, capsys, damage):
    _, cold = run(monkeypatch, capsys, corpus)
    entries = _entries(corpus)
    assert len(entries) == 3
    for entry in entries:
        data = entry.read_bytes()
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "flip":
            data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
        elif damage == "garbage":
            data = b"not a cache entry at all"
        elif damage == "empty":
            data = b""
        else:  # checksum fine, but the pickle names a class that does not exist
            import hashlib

            payload = pickle.dumps(0).replace(b"K\x00", b"cnowhere\nThing\n)\x81")
            data = cache_module.MAGIC + hashlib.sha256(payload).digest() + payload
        entry.write_bytes(data)
    computed.clear()
    _, report = run(monkeypatch, capsys, corpus)
    assert report == cold
    assert sorted(computed) == ["a.md", "b.md", "c.md"]
    # Rebuilt: the next run hits again.
    computed.clear()
    run(monkeypatch, capsys, corpus)
    assert computed == []


def test_corpus_rules_rerun_from_cached_summaries(corpus, computed, monkeypatch, capsys):
    monkeypatch.setattr(linter.kinds, "BUILTIN", {**linter.kinds.BUILTIN, **TEST_KINDS})
    (corpus / "rules" / "terms.yml").write_text(
        "rules:\n  terminology.spelling:\n    kind: test-majority-spelling\n", encoding="utf-8")
    (corpus / "a.md").write_text("Send an e-mail.\n", encoding="utf-8")
    (corpus / "b.md").write_text("Send an email.\n\nAnother email.\n", encoding="utf-8")
    _, report = run(monkeypatch, capsys, corpus, ".", "--select", "terminology")
    assert spans(report) == {("a.md", 1, "terminology.spelling")}
    # c.md changes the majority; a.md and b.md come from the cache, yet the
    # corpus rule now flags b.md's spelling.
    (corpus / "c.md").write_text("E-mail. E-mail. E-mail.\n", encoding="utf-8")
    computed.clear()
    _, report = run(monkeypatch, capsys, corpus, ".", "--select", "terminology")
    assert computed == ["c.md"]
    assert spans(report) == {("b.md", 1, "terminology.spelling"),
                             ("b.md", 3, "terminology.spelling")}


def test_outcome_with_a_notice_is_not_cached(corpus, computed, monkeypatch, capsys):
    """A rule that failed (or a pattern that timed out) is retried next run."""
    from linter.kinds.generic.existence import Existence

    def broken(self, document):
        raise RuntimeError("transient")

    monkeypatch.setattr(Existence, "check", broken)
    _, report = run(monkeypatch, capsys, corpus)
    assert any("failed on" in n for n in report["summary"]["notices"])
    computed.clear()
    run(monkeypatch, capsys, corpus)
    assert sorted(computed) == ["a.md", "b.md", "c.md"]


def test_default_folder_is_next_to_the_config_and_ignored_by_git(corpus, monkeypatch, capsys):
    init_repo(corpus)
    monkeypatch.delenv("LINT_CORPUS_CACHE_DIR")
    sub = corpus / "sub"
    sub.mkdir()
    lint_json(monkeypatch, capsys, sub, "..")
    folder = corpus / ".lint-corpus-cache"
    assert (folder / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f")
    assert len(list(folder.rglob("*.pickle"))) == 3
    assert ".lint-corpus-cache" not in git(corpus, "status", "--porcelain", "--untracked-files=all")


def test_no_cache_writes_nothing(corpus, monkeypatch, capsys):
    lint_json(monkeypatch, capsys, corpus, ".", "--no-cache", "--cache-dir", "cache")
    assert not (corpus / "cache").exists()


def test_unusable_cache_folder_is_a_notice_not_an_error(corpus, monkeypatch, capsys):
    (corpus / "cache").write_text("a file, not a folder")
    code, report = run(monkeypatch, capsys, corpus)
    assert code == 0 and len(report["findings"]) == 2
    assert any(n.startswith("cache disabled: cannot write") for n in report["summary"]["notices"])


def test_idle_salt_folders_are_swept(corpus, monkeypatch, capsys):
    import os

    run(monkeypatch, capsys, corpus)
    old = corpus / "cache" / "v1" / "0123456789abcdef01234567"
    (old / "ab").mkdir(parents=True)
    long_ago = 1_000_000_000
    os.utime(old, (long_ago, long_ago))
    run(monkeypatch, capsys, corpus)
    assert not old.exists()
    assert len(_entries(corpus)) == 3


def test_cache_object_pickles_for_pool_workers(tmp_path):
    c = cache_module.Cache(tmp_path, "ab" * 32)
    clone = pickle.loads(pickle.dumps(c))
    assert clone.bucket == c.bucket and clone.key("a.md", b"x") == c.key("a.md", b"x")
    assert c.key("a.md", b"x") != c.key("b.md", b"x")  # findings carry the path


def test_files_named_by_rule_options_are_part_of_the_key(tmp_path):
    from types import SimpleNamespace

    (tmp_path / "words.txt").write_text("colour\n")
    pack = SimpleNamespace(rules=[SimpleNamespace(opts={"wordlist": "words.txt",
                                                        "tokens": ["e.g.", "plain"]})])
    config = SimpleNamespace(root=tmp_path, rules_dirs=[])
    before = cache_module._referenced_files(pack, config)
    assert list(before) == [str(tmp_path / "words.txt")]
    (tmp_path / "words.txt").write_text("color\n")
    assert cache_module._referenced_files(pack, config) != before


def test_lint_corpus_environment_variables_are_part_of_the_key(corpus, computed, monkeypatch,
                                                               capsys):
    run(monkeypatch, capsys, corpus)
    computed.clear()
    monkeypatch.setenv("LINT_CORPUS_LANGUAGETOOL_URL", "http://localhost:8010")
    run(monkeypatch, capsys, corpus)
    assert len(computed) == 3
    computed.clear()
    monkeypatch.setenv("LINT_CORPUS_NO_CACHE", "")  # the cache's own switches are not
    run(monkeypatch, capsys, corpus)
    assert computed == []


def test_unknown_command_line_options_are_part_of_the_key(corpus):
    """An option added later (which LanguageTool server to ask) invalidates by
    default; the options known to only choose files or output do not."""
    from argparse import Namespace

    from linter.config import load_config
    from linter.pack import load_pack

    config = load_config(None, corpus)
    pack = load_pack(config)

    def salt(**options):
        return cache_module.salt_for(pack, config, Namespace(**options))

    base = salt(format="text", quiet=False, languagetool=None)
    assert salt(format="json", quiet=True, languagetool=None) == base
    assert salt(format="text", quiet=False, languagetool="http://localhost:8010") != base


def test_a_rule_can_veto_storing_a_partial_outcome(corpus, computed, monkeypatch, capsys):
    """E.g. LanguageTool failed for this file: the next run must ask again."""
    from linter.kinds.generic.existence import Existence

    monkeypatch.setattr(Existence, "cacheable_outcome",
                        lambda self, outcome: outcome.report.path != "b.md", raising=False)
    run(monkeypatch, capsys, corpus)
    computed.clear()
    run(monkeypatch, capsys, corpus)
    assert computed == ["b.md"]
