"""The per-file result cache (`.lint-corpus-cache/`).

A file's outcome — its findings, metrics, suppressions and the per-document
summaries that corpus rules read — is a pure function of its bytes, its
display path and the run's settings. So an entry is stored under

    sha256(salt, display path, file bytes)

where the salt covers everything else that can change an outcome: the cache
format, the tool version and a hash of its own files (a development checkout
changes code without changing the version), the installed distributions, the
Python version, the rule pack (`pack.digest`: every rule file's text plus
select/ignore/severity), files that rule options name (a word list), the
effective configuration (minus keys that only choose files or the exit code),
`LINT_CORPUS_*` environment variables, command-line options other than
those known to be neutral, and each rule's optional `cache_key()` for any
other state (which server a rule asks, say).
A changed input gives a new key, never an old answer. Corpus rules are not
cached: they rerun on every run from the cached per-document summaries.

Entries are content-addressed, so switching branches back and forth hits.
Each entry is `MAGIC + sha256(payload) + payload`, the payload a pickled
`runner.Packed`: the findings and FileReport stay one pickled blob inside it,
so a hit goes to the report spool as bytes, never unpickled and pickled
again on the way (that was most of a warm run). An entry that is truncated,
corrupt or unreadable is deleted and recomputed. Outcomes that carry a notice
(a rule failed, a pattern timed out), or that a rule's `cacheable_outcome()`
rejects (a remote check failed for that file), are not stored, so the next
run retries them. Writes are atomic and need no lock: two processes writing one key write
the same bytes. Unused salt folders are removed after 30 days.

The cache folder is trusted like a virtualenv (entries are pickles): do not
restore one from a source you would not run code from.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Callable

from . import __version__

FORMAT = 3  # 2: entries hold runner.Packed (findings pickled once, passed on as bytes);
#            3: term summaries are compact (terms.usage.FirstUse)
MAGIC = b"LCCACHE2"
DIGEST_SIZE = 32
_HEAD, _BODY = len(MAGIC), len(MAGIC) + DIGEST_SIZE
DEFAULT_DIR = ".lint-corpus-cache"
MAX_IDLE_DAYS = 30
BIG_FILE = 2 << 20  # bytes; bigger files are keyed by size and mtime, not content
OWN_VARIABLES = {"LINT_CORPUS_CACHE_DIR", "LINT_CORPUS_NO_CACHE", "LINT_CORPUS_DEBUG"}
# Config keys that choose files or the exit code but never change a file's outcome.
NEUTRAL_KEYS = {"include", "exclude", "fail-on", "jobs", "cache-dir"}
# Command-line options known not to change a file's outcome (what to lint, how
# to report, how to run). Every other option is part of the key, so an option
# added later (say, which LanguageTool server to ask) invalidates by default.
NEUTRAL_OPTIONS = {"paths", "format", "output", "show_source", "color", "quiet", "list_rules",
                   "explain", "fail_on", "config", "diff_base", "diff_context", "baseline",
                   "write_baseline", "baseline_prune", "no_cache", "cache_dir", "jobs",
                   "executor", "scheduler", "jsonl", "profile", "fix", "diff", "stats",
                   "select", "ignore"}  # select/ignore are in pack.digest already
# Where the package's own code lives: hashed into the salt (see the module doc).
_PACKAGE_DIR = Path(__file__).resolve().parent

_TAG = (b"Signature: 8a477f597d28d172789f06886806bc55\n"
        b"# This file is a cache directory tag created by lint-corpus.\n"
        b"# For information about cache directory tags see https://bford.info/cachedir/\n")


class Cache:
    """Picklable (a path and a salt), so process-pool workers can use it too."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = Path(directory)
        self.salt = salt
        self.bucket = self.directory / f"v{FORMAT}" / salt[:24]
        self._bucket_name = str(self.bucket)
        self.hits = self.misses = self.corrupt = 0

    # -- keys and entries ------------------------------------------------------------
    def key(self, display: str, raw: bytes) -> str:
        h = hashlib.sha256(self.salt.encode())
        h.update(b"\0" + display.encode("utf-8", "surrogateescape") + b"\0")
        h.update(raw)
        return h.hexdigest()

    def entry_path(self, key: str) -> Path:
        return self.bucket / key[:2] / f"{key[2:]}.pickle"

    def _entry_file(self, key: str) -> str:
        # os.path, not pathlib: this runs once per file on every warm run.
        return os.path.join(self._bucket_name, key[:2], key[2:] + ".pickle")

    def get(self, key: str):
        """The stored Packed outcome (see runner.Packed) for this key, or None.
        A hit is never unpickled past its small part: the findings stay the
        worker's pickled blob and travel to the spool as bytes."""
        path = self._entry_file(key)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        packed = None
        if data[:_HEAD] == MAGIC and hashlib.sha256(data[_BODY:]).digest() == data[_HEAD:_BODY]:
            try:
                packed = pickle.loads(data[_BODY:])
            except Exception:  # a class that changed shape, a module that is gone: recompute
                packed = None
        from .runner import Packed

        if not isinstance(packed, Packed):
            self.corrupt += 1
            try:
                os.unlink(path)
            except OSError:
                pass
            return None
        return packed

    def put(self, key: str, packed) -> None:
        try:
            payload = pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a rule summary that cannot be pickled: just do not cache it
            return
        from .atomic import atomic_write_bytes

        path = self.entry_path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, MAGIC + hashlib.sha256(payload).digest() + payload,
                               durable=False)
        except OSError:
            pass  # a read-only or full disk must not fail the lint

    def lookup(self, display: str, raw: bytes, keep_corpus_state: bool = True):
        """The stored packed outcome for these bytes, or None (not stored, or
        corrupt). Without corpus state if this run does not need it."""
        start = time.perf_counter()
        packed = self.get(self.key(display, raw))
        if packed is None:
            return None
        self.hits += 1
        packed.outcome.timings = {"cache": time.perf_counter() - start}
        if not keep_corpus_state:
            from .runner import strip_corpus_state

            strip_corpus_state(packed)
        return packed

    def lint_packed(self, display: str, raw: bytes, compute: Callable, rules=(),
                    keep_corpus_state: bool = True):
        """The packed outcome for these bytes (what the runner's workers return):
        from the cache, or computed, packed and stored. Entries always keep the
        corpus state (summaries, suppressions), whatever this run needs."""
        from .runner import pack_outcome, strip_corpus_state

        packed = self.lookup(display, raw, keep_corpus_state)
        if packed is not None:
            return packed
        self.misses += 1
        outcome = compute(display, raw)
        packed = pack_outcome(outcome, True)
        if not outcome.notices and all(_keeps(rule, outcome) for rule in rules):
            self.put(self.key(display, raw), packed)
        if not keep_corpus_state:
            strip_corpus_state(packed)
        return packed

    def lint(self, display: str, raw: bytes, compute: Callable, rules=()):
        """The FileOutcome for these bytes (for callers that want the findings
        as objects: --fix, the API), from the same entries as lint_packed."""
        from .runner import unpack_outcome

        return unpack_outcome(self.lint_packed(display, raw, compute, rules))

    # -- the folder --------------------------------------------------------------------
    def prepare(self) -> str | None:
        """Create the folder (self-ignored by git, tagged for backup tools) and
        sweep idle buckets. Returns a notice if the cache cannot be used."""
        try:
            self.bucket.mkdir(parents=True, exist_ok=True)
            for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", b"# Created by lint-corpus\n*\n")):
                if not (self.directory / name).exists():
                    from .atomic import atomic_write_bytes

                    atomic_write_bytes(self.directory / name, content, durable=False)
            os.utime(self.bucket)  # marks this bucket as in use
        except OSError as exc:
            return f"cache disabled: cannot write {self.directory}: {exc.strerror or exc}"
        self._sweep()
        return None

    def _sweep(self) -> None:
        """Remove salt buckets nobody used for MAX_IDLE_DAYS, in this format's
        folder and in older formats' (`v1/...`), which no release reads again."""
        cutoff = time.time() - MAX_IDLE_DAYS * 86400
        try:
            buckets = [b for v in self.directory.glob("v[0-9]*") if v.is_dir() for b in v.iterdir()]
        except OSError:
            return
        for bucket in buckets:
            try:
                if bucket != self.bucket and bucket.stat().st_mtime < cutoff:
                    import shutil

                    shutil.rmtree(bucket, ignore_errors=True)
            except OSError:
                pass


def _keeps(rule, outcome) -> bool:
    """A rule may veto storing one file's outcome: `cacheable_outcome(outcome)`
    returns False when the result was partial (a remote service failed for this
    file), so the next run asks again instead of repeating the gap."""
    check = getattr(rule, "cacheable_outcome", None)
    return check is None or bool(check(outcome))


# -- the salt ------------------------------------------------------------------------
def _file_digest(h, path: Path, label: str) -> None:
    """Content for files up to BIG_FILE bytes; size and mtime for bigger ones (a
    model), which costs a CI run a cold cache but never a stale answer."""
    try:
        st = path.stat()
        data = (path.read_bytes() if st.st_size <= BIG_FILE
                else f"{st.st_size}:{st.st_mtime_ns}".encode())
    except OSError:
        data = b"missing"
    h.update(label.encode("utf-8", "surrogateescape") + b"\0" + data + b"\0")


def _source_digest(extra_modules: set[str]) -> str:
    """Hash of the package's files (code and any data it ships) and of plugin
    kinds' modules."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            _file_digest(h, path, path.relative_to(_PACKAGE_DIR).as_posix())
    for name in sorted(extra_modules):
        file = getattr(sys.modules.get(name), "__file__", None)
        if file and not Path(file).resolve().is_relative_to(_PACKAGE_DIR):
            _file_digest(h, Path(file), file)
    return h.hexdigest()


def _referenced_files(pack, config) -> dict[str, str]:
    """Files that rule options name (a word list, a term base): their content is
    part of the key, since pack.digest covers only the rule files' own text."""
    roots = [Path(getattr(config, "root", ".")), *getattr(config, "rules_dirs", [])]
    out: dict[str, str] = {}
    for rule in pack.rules:
        for value in getattr(rule, "opts", {}).values():
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if not (isinstance(item, str) and 0 < len(item) < 500 and "\n" not in item
                        and ("/" in item or "." in item)):
                    continue
                for root in roots:
                    candidate = root / item
                    try:
                        if candidate.is_file():
                            h = hashlib.sha256()
                            _file_digest(h, candidate, item)
                            out[str(candidate)] = h.hexdigest()
                            break
                    except (OSError, ValueError):
                        break
    return out


def _environment() -> dict[str, str]:
    """LINT_CORPUS_* variables may steer rules (a LanguageTool URL); the cache's
    own do not change results."""
    return {k: v for k, v in os.environ.items()
            if k.startswith("LINT_CORPUS_") and k not in OWN_VARIABLES}


def _installed_distributions() -> list[str]:
    """Names of the installed distributions with their versions, from the
    `*.dist-info` folder names on sys.path: a dependency upgrade changes the
    salt. Listing folders takes about a millisecond, where asking
    importlib.metadata for each dependency takes tens (pre-commit runs count).
    Any install in the environment resets the cache, which is safe."""
    names = []
    for entry in sys.path:
        try:
            names += [n for n in os.listdir(entry or ".")
                      if n.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return sorted(names)


def config_table(config) -> dict:
    """The `[tool.lint-corpus]` table (or a --config file's top level) as parsed."""
    if not getattr(config, "path", None) or not getattr(config, "text", ""):
        return {}
    import tomllib

    try:
        data = tomllib.loads(config.text)
    except tomllib.TOMLDecodeError:
        return {}
    if "tool" in data or config.path.name == "pyproject.toml":
        return data.get("tool", {}).get("lint-corpus", {}) or {}
    return data


def _options(args) -> dict:
    if args is None:
        return {}
    return {k: v for k, v in sorted(vars(args).items()) if k not in NEUTRAL_OPTIONS}


def salt_for(pack, config, args=None) -> str:
    rule_keys = {}
    for rule in pack.rules:
        extra = getattr(rule, "cache_key", None)
        if callable(extra):
            rule_keys[rule.id] = str(extra())
    table = {k: v for k, v in config_table(config).items() if k not in NEUTRAL_KEYS}
    parts = {
        "format": FORMAT,
        "version": __version__,
        "python": list(sys.version_info[:2]),
        "source": _source_digest({type(r).__module__ for r in pack.rules}),
        "distributions": _installed_distributions(),
        "pack": pack.digest,
        "config": table,
        "rules": rule_keys,
        "files": _referenced_files(pack, config),
        "environment": _environment(),
        "options": _options(args),
    }
    return hashlib.sha256(repr(_canonical(parts)).encode()).hexdigest()


def _canonical(value):
    """A stable, order-free form of nested settings (json would cost an import)."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def cacheable(pack) -> bool:
    """A rule kind may opt out (`cacheable = False`), e.g. one whose answer
    depends on a remote service; then no file is cached."""
    return all(getattr(rule, "cacheable", True) for rule in pack.rules)


def open_cache(pack, config, cwd: Path, directory: str | None = None, args=None):
    """The run's cache, or (None, reason) when it is off or unusable."""
    if os.environ.get("LINT_CORPUS_NO_CACHE"):
        return None, None
    if not cacheable(pack):
        return None, None
    if directory is None:
        directory = os.environ.get("LINT_CORPUS_CACHE_DIR") or None
    if directory is not None:
        path = cwd / directory
    else:
        configured = config_table(config).get("cache-dir", DEFAULT_DIR)
        if not isinstance(configured, str):
            raise config.error("'cache-dir' must be a string (a folder)", "cache-dir")
        path = config.root / configured
    cache = Cache(path, salt_for(pack, config, args))
    problem = cache.prepare()
    if problem:
        return None, problem
    return cache, None
