"""Load textstat for lint-corpus: offline, without NLTK's start-up cost, with per-word caches.

textstat 0.7.x is the reference for every readability number we report, and
nothing here changes a number. Three things about how it loads cost a
one-file run most of its time, or a corpus run a third of its rule time:

1. It imports NLTK at import time (~0.2 s, with numpy) only so that
   `get_cmudict()` can read the CMU dictionary through NLTK's corpus reader
   (another ~0.2–0.4 s per process). We hand textstat the same dictionary,
   read straight from the compact corpus file that `cmu` derives from the
   `cmudict` package, and let textstat's `import nltk` find a stand-in that
   imports NLTK in full the moment anything uses it, so code that really
   uses NLTK in the same process still works.
2. Its per-word functions (`count_syllables`, `is_difficult_word`) are
   memoised with `lru_cache(maxsize=128)`, fewer entries than the words of one
   paragraph, so nearly every call misses. We re-wrap the same functions with
   a cache big enough for a corpus's vocabulary, and remember pyphen's
   hyphenation of each word, which textstat's per-text loop asks again and
   again.
3. Where textstat's internals are not as expected (a version outside the
   tested range), none of this is applied: textstat then finds the
   dictionary through NLTK's search path (`cmu.install`), slower but exact.

tests/test_readability_offline.py checks every word of the dictionary, and
exact metric values, through textstat's public API with this set-up.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from functools import lru_cache

# Per-word memo size: an English corpus's working vocabulary fits, and the
# keys are short (the same functions also see whole paragraphs now and then).
WORD_CACHE = 1 << 16
# Where textstat calls a cached function once per word (list comprehensions
# over a text's words), as (module, global name).
PER_WORD_CALLS = (
    ("textstat.backend.counts._count_polysyllable_words", "count_syllables"),
    ("textstat.backend.validations._is_difficult_word", "count_syllables"),
    ("textstat.backend.selections._list_difficult_words", "is_difficult_word"),
)


class PhoneDict(dict):
    """Reads like NLTK's cmudict.dict(): d[word] == [[phones]] (KeyError if unknown).

    The lines are kept as strings (`raw`: word -> "PH ON ES") and a word's
    phones are split the first time textstat asks for them, instead of
    building ~400,000 small lists up front; after that a lookup is a plain
    dict lookup.
    """

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, str]) -> None:
        super().__init__()
        self.raw = raw

    def __missing__(self, word: str) -> list[list[str]]:
        value = self[word] = [self.raw[word].split()]  # KeyError: textstat's fallback
        return value

    def __contains__(self, word) -> bool:
        return word in self.raw

    def __len__(self) -> int:
        return len(self.raw)


class _Deferred(types.ModuleType):
    """Stands in for a module in sys.modules until one of its attributes is used.

    The import machinery only reads `__spec__` of a module it finds in
    sys.modules, so `import nltk` elsewhere gets this stand-in at no cost;
    the first real use (`nltk.data`, `import nltk.corpus`) imports the real
    module, puts it in sys.modules and answers from it. (The standard
    library's LazyLoader loads on `__spec__` too, so it loads at once.)
    """

    def __init__(self, spec) -> None:
        super().__init__(spec.name)
        self.__spec__ = spec
        self.__loader__ = spec.loader

    def __getattr__(self, attr: str):  # only called for attributes not set above
        name = self.__spec__.name
        if sys.modules.get(name) is self:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attr)


def _defer_import(name: str) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is not None:  # not installed: textstat's own import will say so
        sys.modules[name] = _Deferred(spec)


def _textstat_modules():
    return [m for name, m in list(sys.modules.items())
            if m is not None and (name == "textstat" or name.startswith("textstat."))]


def _rebind(original, replacement) -> int:
    """Point every textstat module's global that is `original` at `replacement`."""
    count = 0
    for module in _textstat_modules():
        for attr, value in list(vars(module).items()):
            if value is original:
                setattr(module, attr, replacement)
                count += 1
    return count


def _give_dictionary(phones: PhoneDict) -> bool:
    from textstat.backend.utils import _get_cmudict
    from textstat.backend.utils._get_lang_root import get_lang_root

    original = _get_cmudict.get_cmudict

    def get_cmudict(lang: str):
        # Same contract as textstat's: the dictionary for English, else None.
        return phones if get_lang_root(lang) == "en" else None

    return _rebind(original, get_cmudict) > 0


class _RememberingPyphen:
    """textstat's Pyphen object, with `positions(word)` remembered per word.

    textstat counts the syllables of a text word by word: a dictionary
    lookup, else pyphen's hyphenation points. That loop is not memoised, and
    with the compact dictionary more than half of the words of a text take
    the pyphen branch, every time they occur.
    """

    def __init__(self, pyphen) -> None:
        self._pyphen = pyphen
        self.positions = lru_cache(maxsize=WORD_CACHE)(pyphen.positions)

    def __getattr__(self, name: str):
        return getattr(self._pyphen, name)


def _remember_hyphenation() -> None:
    from textstat.backend.utils import _get_pyphen

    original = _get_pyphen.get_pyphen

    @lru_cache(maxsize=None)
    def get_pyphen(lang: str):
        return _RememberingPyphen(original(lang))

    _rebind(original, get_pyphen)


def _widen_caches() -> None:
    """Give the per-word call sites a cache that holds a vocabulary.

    count_syllables is also called with whole paragraphs and documents
    (syllables_per_word): those call sites keep textstat's own small cache,
    so a corpus run never holds its texts. The wide caches are C-level
    lru_caches bound directly where textstat calls them word by word.
    """
    wide = {}
    for module_name, attr in PER_WORD_CALLS:
        module = sys.modules.get(module_name)
        fn = vars(module).get(attr) if module is not None else None
        if fn is None or not hasattr(fn, "cache_info") or not hasattr(fn, "__wrapped__"):
            continue  # a textstat laid out differently: its own caches stay
        if id(fn) not in wide:
            wide[id(fn)] = lru_cache(maxsize=WORD_CACHE)(fn.__wrapped__)
        setattr(module, attr, wide[id(fn)])


@lru_cache(maxsize=1)
def load_textstat():
    """An English textstat instance (unrounded) with the offline dictionary.

    Raises cmu.CMUDictUnavailable or ImportError; measure.py words the message.
    """
    from . import cmu

    root = cmu.data_dir()  # derive the compact corpus once (cached on disk)
    _defer_import("nltk")
    from textstat.textstat import textstatistics

    try:
        fast = _give_dictionary(cmu.load_phones(root))
    except (ImportError, AttributeError, OSError):
        fast = False
    if not fast:
        cmu.install()  # the documented route: NLTK's search path
    _widen_caches()
    try:
        _remember_hyphenation()
    except (ImportError, AttributeError):
        pass  # a textstat whose internals differ: slower, same numbers
    ts = textstatistics()
    ts.set_lang("en_US")
    return ts
