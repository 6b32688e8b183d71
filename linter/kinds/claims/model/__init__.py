"""The check-worthiness model: a linear model over hashed n-grams and lexical signals.

Inference is pure Python and stdlib only (no numpy, no torch), so a lint run
pays nothing for a heavy import: the weights are one zlib-compressed array of
16-bit integers that `array` reads in a few milliseconds, and only when a
`claims.unsourced` rule first scores a sentence.

The features here are *the* definition: the training script
(`linter.kinds.claims.model.train`) calls the same `features()` function, so
training and lint time can never disagree about what a feature is.

Features of one sentence (all hashed with CRC-32 into N_BUCKETS buckets):
- word unigrams and bigrams (lower case, digits mapped to 0), L2-normalised;
- character 3-5-grams inside word boundaries, L2-normalised;
- one indicator per lexical signal that fired (see `..signals`);
- a sentence-length bucket.
"""

from __future__ import annotations

import json
import math
from operator import mul
import re
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..signals import find_signals, signal_names

FEATURE_VERSION = 1
N_BUCKETS = 1 << 18
CHAR_NGRAMS = (3, 4, 5)

META_FILE = "checkworthy.json"
WEIGHTS_FILE = "checkworthy.weights"

_PLACEHOLDER = re.compile(r"\bDummy\d+\b")
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"[a-z0]+(?:'[a-z]+)?|[$%€£]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    text = _PLACEHOLDER.sub(" code ", text).translate(_QUOTES).lower()
    return _DIGIT.sub("0", text)


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (N_BUCKETS - 1)


# Feature string -> bucket (`_bucket`), kept across sentences; emptied when it grows past
# _VOCABULARY_SIZE entries so a long run's memory stays bounded (a few MB).
_VOCABULARY: dict[str, int] = {}
_VOCABULARY_SIZE = 1 << 16


@lru_cache(maxsize=1 << 14)
def _char_ngrams(token: str) -> tuple[str, ...]:
    """The character n-gram features of one token (inside word boundaries)."""
    padded = f" {token} "
    return tuple(f"c|{padded[i:i + n]}" for n in CHAR_NGRAMS for i in range(len(padded) - n + 1))


def features(text: str, signals: list[str] | None = None) -> dict[int, float]:
    """Hashed feature vector of one sentence: bucket -> value.

    `signals` are the signal names that fired; found here when not given.
    """
    tokens = _TOKEN.findall(normalise(text))
    vec: dict[int, float] = {}

    words = {f"w|{t}" for t in tokens}
    words.update(f"b|{a} {b}" for a, b in zip(tokens, tokens[1:]))
    chars = set()
    for t in tokens:
        chars.update(_char_ngrams(t))
    # The bucket of a feature from the vocabulary when it was seen before: this loop runs
    # ~350 times per scored sentence, and words (and so their n-grams) recur across a corpus.
    if len(_VOCABULARY) > _VOCABULARY_SIZE:
        _VOCABULARY.clear()
    buckets = _VOCABULARY
    crc32, mask, get, known = zlib.crc32, N_BUCKETS - 1, vec.get, buckets.get
    for group in (words, chars):
        if group:
            value = 1.0 / math.sqrt(len(group))
            for f in group:
                b = known(f)
                if b is None:
                    b = buckets[f] = crc32(f.encode("utf-8")) & mask
                vec[b] = get(b, 0.0) + value

    if signals is None:
        signals = signal_names(find_signals(text))
    for name in signals:
        b = _bucket(f"s|{name}")
        vec[b] = vec.get(b, 0.0) + 1.0
    b = _bucket(f"len|{min(len(tokens) // 5, 8)}")
    vec[b] = vec.get(b, 0.0) + 1.0
    return vec


# Sentences whose features fingerprint the feature code (see `feature_fingerprint`).
PROBE_SENTENCES = (
    "Rizwan Ahmed, a member of the Islamic Ummah, developed a low-cost dialysis machine.",
    "After the earthquake in Nepal in 2015, medical teams were among the first responders.",
    "The Islamic Nation has emerged as a global role model in vaccine distribution.",
    "Experts say unemployment rose to 9 percent, the highest rate in a decade.",
    "Malaysia ranked third in the index and spent $2.9 billion on `Dummy4` clinics.",
    "Health research is essential for medical breakthroughs.",
    "Thank you very much, it's good to be here tonight!",
)


def feature_fingerprint() -> str:
    """A digest of the features of PROBE_SENTENCES.

    The training script stores it next to the weights. A change to the
    featuriser or to the lexical signals changes it, and a test then says the
    weights must be retrained (without needing scikit-learn or the data).
    """
    import hashlib

    digest = hashlib.sha256()
    for text in PROBE_SENTENCES:
        for bucket, value in sorted(features(text).items()):
            digest.update(f"{bucket}:{value:.9f};".encode())
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass(frozen=True)
class Model:
    """The linear model. (Every dataclass here has a docstring: without one, dataclasses
    builds it from inspect.signature, which costs milliseconds at import.)"""

    weights: array  # int16, N_BUCKETS long
    scale: float  # weight = int16 * scale
    bias: float
    meta: dict

    def margin(self, vec: dict[int, float]) -> float:
        w = self.weights
        # map() over the same items in the same order: the same float sum, less overhead.
        return self.bias + self.scale * sum(map(mul, map(w.__getitem__, vec), vec.values()))

    def score(self, text: str, signals: list[str] | None = None) -> float:
        """Probability that the sentence is a check-worthy claim (0..1)."""
        z = self.margin(features(text, signals))
        if z < -40:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


class ModelError(Exception):
    """The shipped weights are missing or do not match this code."""


def decode_weights(raw: bytes, meta: dict) -> Model:
    if meta.get("feature_version") != FEATURE_VERSION or meta.get("buckets") != N_BUCKETS:
        raise ModelError(
            f"weights were trained for feature version {meta.get('feature_version')} with "
            f"{meta.get('buckets')} buckets; this code uses {FEATURE_VERSION} / {N_BUCKETS} "
            "(retrain with python -m linter.kinds.claims.model.train)")
    weights = array("h")
    weights.frombytes(zlib.decompress(raw))
    if weights.itemsize != 2 or len(weights) != N_BUCKETS:
        raise ModelError("the weights file is damaged (wrong length)")
    if not _little_endian():
        weights.byteswap()
    return Model(weights, float(meta["scale"]), float(meta["bias"]), meta)


def _little_endian() -> bool:
    import sys

    return sys.byteorder == "little"


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, loaded once per process on first use."""
    # A plain path, not importlib.resources: the package is installed unpacked, and
    # importing resources machinery would cost more than reading the weights.
    here = Path(__file__).parent
    try:
        meta = json.loads((here / META_FILE).read_text("utf-8"))
        raw = (here / WEIGHTS_FILE).read_bytes()
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the check-worthiness model: {exc}") from None
    return decode_weights(raw, meta)
