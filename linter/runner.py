"""How FileOutcomes are produced, and how they reach the reporter.

    items (files, JSON Lines records) -> [worker: Engine.lint_*] -> Packed -> Collector -> RunResult

Three executors produce the same outcomes in the same order:

- in-process (`--jobs 1`, and small runs): no multiprocessing import at all,
  so a pre-commit run on one file pays nothing for parallelism;
- a process pool (`--jobs N`, default: the number of CPUs). Each worker holds
  one Engine for its whole life: forked workers inherit the parent's, spawned
  ones build it once in the pool initializer (heavy models that rules load
  lazily are therefore loaded at most once per worker);
- Dask (`--executor dask [--scheduler tcp://HOST:PORT]`): documents travel
  in partitions as bytes, the rule files travel once per worker, so workers
  need lint-corpus installed but not the corpus or the rule files.

Determinism: work is submitted in input order and results are consumed in
input order (a bounded window of batches is in flight), so the output is the
same whatever the number of workers or how fast each one is.

Memory: nothing whole-corpus is kept except what corpus rules need (each
document's small summaries and its suppressions). Each document's findings
and FileReport are pickled by the worker and appended to a spool (memory,
then a temporary file) that the reporter reads back in order; counts for the
summary line and the exit code are kept as running totals.
"""

from __future__ import annotations

import heapq
import itertools
import os
import pickle
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .finding import Finding, Severity
from .result import FileReport, RunResult

# Below this many documents, a default-sized run stays in this process: a pool
# costs ~50 ms (fork) to ~300 ms (spawn) before the first document is linted.
MIN_POOL_ITEMS = 24
DASK_PARTITION = 64  # documents per Dask task: big enough to hide scheduling overhead
SPOOL_MEMORY = 16 << 20  # pickled findings kept in memory before the spool moves to a temp file


class RunnerError(Exception):
    """A run could not be carried out (bad --jsonl file, Dask unavailable, a worker died): exit 2."""


# -- what is linted ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Item:
    """One document to lint: a file (`path`), bytes in memory (`data`), or a
    problem found while reading the input (`problem` = rule, line, message),
    reported at that line of `display`."""

    display: str
    path: Path | None = None
    data: bytes | None = None
    problem: tuple[str, int, str] | None = None


def file_items(files: Iterable[Path], cwd: Path) -> Iterator[Item]:
    from .discovery import display_path

    for f in files:
        yield Item(display_path(f, cwd), path=f)


# -- rebuilding the engine in another process -----------------------------------------
@dataclass
class EngineSpec:
    """Everything a worker needs to build the same Engine as the parent.

    The rule pack is rebuilt from the same rule files (rule instances may hold
    compiled patterns or models that should not be pickled); the engine's other
    settings are copied. For Dask, `portable()` embeds the rule files' contents,
    since remote workers do not share the parent's file system.
    """

    config: Any
    select: list[str]
    ignore: list[str]
    engine_state: dict[str, Any] = field(default_factory=dict)
    rule_files: list[list[tuple[str, bytes]]] | None = None  # per rules dir: (relative path, bytes)
    grammar: Any = None  # the run's LanguageTool settings for workers (shares a local server)
    version: str = __version__
    key: str = ""  # digest of a portable spec: Dask workers cache engines by it

    @classmethod
    def from_engine(cls, engine, config) -> "EngineSpec":
        state = {}
        for key, value in vars(engine).items():
            if key in ("pack", "rules", "select", "ignore"):
                continue
            try:
                pickle.dumps(value)
            except Exception:  # an unpicklable setting stays behind; the worker uses the default
                continue
            state[key] = value
        return cls(config=config, select=list(engine.select), ignore=list(engine.ignore),
                   engine_state=state, grammar=grammar_worker_settings())

    def portable(self) -> "EngineSpec":
        dirs = []
        for directory in self.config.rules_dirs:
            files = []
            for p in sorted(Path(directory).rglob("*")):
                rel = p.relative_to(directory)
                if p.is_file() and not any(part.startswith(".") for part in rel.parts):
                    files.append((rel.as_posix(), p.read_bytes()))
            dirs.append(files)
        import hashlib

        # The result cache is a folder on this machine: remote workers go without it.
        state = {k: v for k, v in self.engine_state.items() if k != "cache"}
        spec = replace(self, rule_files=dirs, engine_state=state, key="")
        spec.key = hashlib.sha256(pickle.dumps(spec)).hexdigest()
        return spec

    def build(self):
        from .engine import Engine
        from .pack import load_pack

        config = self.config
        if self.rule_files is not None:
            import tempfile

            root = Path(tempfile.mkdtemp(prefix="lint-corpus-rules-"))
            dirs = []
            for i, files in enumerate(self.rule_files):
                d = root / str(i)
                d.mkdir()
                for rel, data in files:
                    (d / rel).parent.mkdir(parents=True, exist_ok=True)
                    (d / rel).write_bytes(data)
                dirs.append(d)
            config = replace(config, rules_dirs=dirs)
        pack = load_pack(config, select=self.select, ignore=self.ignore, severity=config.severity)
        engine = Engine(pack, select=self.select, ignore=self.ignore)
        vars(engine).update(self.engine_state)
        return engine


def grammar_worker_settings():
    """LanguageTool settings for workers, if this run configured LanguageTool."""
    runtime = sys.modules.get("linter.languagetool.runtime")
    return runtime.worker_settings() if runtime is not None else None


def _use_grammar(settings) -> None:
    if settings is not None:
        from .languagetool import runtime

        runtime.use_in_worker(settings)


# -- one document, in whichever process -------------------------------------------------
@dataclass(slots=True)
class Packed:
    """A FileOutcome ready to cross a process boundary cheaply: findings and the
    FileReport are pickled once, by the worker, and go to the spool as they are."""

    path: str
    outcome: Any  # FileOutcome with findings emptied and report detached
    blob: bytes  # see pack_findings: (report, heads), then the findings
    counts: dict[tuple[int, str], int]  # (severity, family) -> number of findings


def lint_item(engine, item: Item):
    if item.problem is not None:
        return problem_outcome(engine, item)
    if item.path is not None:
        return engine.lint_path(item.path, item.display)
    return engine.lint_bytes(item.display, item.data or b"")


def lint_packed(engine, item: Item, keep: bool) -> Packed:
    """What a worker returns for one item. With the result cache on, a hit is
    returned as stored: its findings are never unpickled in the worker."""
    cache = engine.cache
    raw = _cacheable_bytes(item) if cache is not None else None
    if raw is not None:
        return cache.lint_packed(item.display, raw, engine._lint_bytes, engine.rules, keep)
    return pack_outcome(lint_item(engine, item), keep)  # the engine reports any read error


def _cacheable_bytes(item: Item) -> bytes | None:
    """The bytes a cache entry is keyed on; None when the item cannot be read
    (the engine then reports it, as io.read) or is already a problem."""
    if item.problem is not None:
        return None
    if item.path is None:
        return item.data or b""
    try:
        return item.path.read_bytes()
    except (OSError, ValueError):  # ValueError: a path with a NUL byte
        return None


def problem_outcome(engine, item: Item):
    """An input problem (a JSON Lines record that is not valid JSON...) as an io finding."""
    from .engine import FileOutcome, finalize

    rule, line, message = item.problem
    outcome = FileOutcome(FileReport(item.display, status="error"))
    if engine.io_selected(rule):
        outcome.findings = finalize([Finding(item.display, line, 1, line, 1, rule, Severity.ERROR,
                                             message, span_text="", context=message)], None)
    outcome.report.findings = len(outcome.findings)
    return outcome


def pack_outcome(outcome, keep_corpus_state: bool) -> Packed:
    findings = outcome.findings
    counts = Counter((int(f.severity), f.family) for f in findings)
    packed = Packed(outcome.report.path, replace(outcome, findings=[], report=None),
                    pack_findings(outcome.report, findings), dict(counts))
    if not keep_corpus_state:
        strip_corpus_state(packed)
    return packed


# A finding's head: what the text report prints and what orders findings.
# (path, line, column, end_line, end_column, rule, severity, message)
def _head(f: Finding) -> tuple:
    return (f.path, f.line, f.column, f.end_line, f.end_column, f.rule, f.severity, f.message)


def _head_key(h: tuple) -> tuple:
    """Finding.sort_key() of a head."""
    return (h[0], h[1], h[2], h[3], h[4], h[5], h[7])


def _reduce_positional(obj):
    # Fix and Edit are frozen dataclasses: by default they unpickle through
    # dataclasses' __setstate__, ~5x slower than calling the class.
    return type(obj), tuple(getattr(obj, name) for name in obj.__slots__)


def pack_findings(report: FileReport, findings: list[Finding]) -> bytes:
    """Two pickles that share one memo: (report, heads), then the findings.

    A reader that needs only the heads (the default text report) or only the
    report stops after the first, a few percent of the bytes; the findings
    refer to the heads' strings instead of repeating them."""
    import copyreg
    import io

    from .finding import Edit, Fix

    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table | {Fix: _reduce_positional,
                                                       Edit: _reduce_positional}
    pickler.dump((report, [_head(f) for f in findings]))
    pickler.dump(findings)
    return buf.getvalue()


def load_heads(blob: bytes) -> tuple[FileReport, list[tuple]]:
    return pickle.loads(blob)  # reads the first pickle only


def load_findings(blob: bytes) -> tuple[FileReport, list[Finding]]:
    import io

    unpickler = pickle.Unpickler(io.BytesIO(blob))
    report, _heads = unpickler.load()
    return report, unpickler.load()


def strip_corpus_state(packed: Packed) -> None:
    """Drop what only corpus rules read, when the run has none (less to send)."""
    packed.outcome.summaries, packed.outcome.suppressions = {}, None


def unpack_outcome(packed: Packed):
    """The whole FileOutcome again (for callers that want findings as objects)."""
    report, findings = load_findings(packed.blob)
    return replace(packed.outcome, report=report, findings=findings)


# -- the spool: findings and reports, in order, out of memory ---------------------------
class _Spool:
    """Append-only byte records: in memory up to `limit`, then in a temporary file.
    Readers seek before every read, so several may iterate at once."""

    def __init__(self, limit: int | None = None) -> None:
        self._mem = bytearray()
        self._file = None
        self._limit = SPOOL_MEMORY if limit is None else limit
        self._lock = threading.Lock()

    def add(self, blob: bytes) -> None:
        header = len(blob).to_bytes(8, "little")
        if self._file is None and len(self._mem) + len(blob) > self._limit:
            import tempfile

            self._file = tempfile.TemporaryFile(prefix="lint-corpus-")
            self._file.write(self._mem)
            self._mem = bytearray()
        if self._file is None:
            self._mem += header
            self._mem += blob
        else:
            with self._lock:
                self._file.seek(0, os.SEEK_END)
                self._file.write(header)
                self._file.write(blob)

    def records(self) -> Iterator[bytes]:
        if self._file is None:
            mem, pos = self._mem, 0
            while pos < len(mem):
                n = int.from_bytes(mem[pos:pos + 8], "little")
                yield bytes(mem[pos + 8:pos + 8 + n])
                pos += 8 + n
            return
        pos = 0
        while True:
            with self._lock:
                self._file.seek(pos)
                header = self._file.read(8)
                if len(header) < 8:
                    return
                n = int.from_bytes(header, "little")
                blob = self._file.read(n)
            pos += 8 + n
            yield blob

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class _Streamed(Sequence):
    """A read-only, re-iterable sequence backed by the spool (what reporters get
    as `result.findings` / `result.files`). Indexing walks the stream."""

    def __init__(self, length: int) -> None:
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(itertools.islice(iter(self), *index.indices(self._length)))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return next(itertools.islice(iter(self), index, None))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._length}>"


class FindingStream(_Streamed):
    """Every finding in report order: documents in input order, each document's
    findings in position order, corpus findings merged in at their document."""

    def __init__(self, spool: _Spool, length: int, corpus: list[Finding], order: dict[str, int]):
        super().__init__(length + len(corpus))
        self._spool, self._corpus, self._order = spool, corpus, order

    def _per_document(self) -> Iterator[tuple[int, Finding]]:
        for index, blob in enumerate(self._spool.records()):
            for f in load_findings(blob)[1]:
                yield index, f

    def __iter__(self) -> Iterator[Finding]:
        if not self._corpus:
            return (f for _, f in self._per_document())
        last = len(self._order)
        corpus = sorted(((self._order.get(f.path, last), f) for f in self._corpus),
                        key=lambda p: (p[0], p[1].sort_key()))
        merged = heapq.merge(self._per_document(), corpus, key=lambda p: (p[0], p[1].sort_key()))
        return (f for _, f in merged)

    def heads(self) -> Iterator[tuple]:
        """The findings' heads (path, line, column, end_line, end_column, rule,
        severity, message) in the same order as iterating: for a reporter that
        prints only these, without unpickling whole findings."""
        last = len(self._order)
        corpus = sorted(((self._order.get(f.path, last), _head(f)) for f in self._corpus),
                        key=lambda p: (p[0], _head_key(p[1])))
        by_index: dict[int, list[tuple]] = {}
        for index, head in corpus:
            by_index.setdefault(index, []).append(head)
        for index, blob in enumerate(self._spool.records()):
            heads = load_heads(blob)[1]
            extra = by_index.pop(index, None)
            # Same order as __iter__'s merge on (document, sort key): ties keep
            # the document's own findings first.
            yield from heads if extra is None else heapq.merge(heads, extra, key=_head_key)
        for i in sorted(by_index):  # past the last document (see __iter__)
            yield from by_index[i]


class ReportStream(_Streamed):
    """FileReports in input order, with the corpus findings counted in."""

    def __init__(self, spool: _Spool, length: int, extra: Counter) -> None:
        super().__init__(length)
        self._spool, self._extra = spool, extra

    def __iter__(self) -> Iterator[FileReport]:
        for blob in self._spool.records():
            report = load_heads(blob)[0]
            report.findings += self._extra.get(report.path, 0)
            yield report


class StreamedResult(RunResult):
    """A RunResult whose findings and files are streams; the counts the summary
    and the exit code need are running totals, so they cost no second pass.
    If someone replaces `findings` with a plain list (a baseline filter, say),
    the inherited methods take over again."""

    __slots__ = ("_counts",)

    def _totals(self) -> Counter | None:
        if isinstance(self.findings, FindingStream):
            return getattr(self, "_counts", None)
        return None

    def counts_by_severity(self) -> dict[str, int]:
        totals = self._totals()
        if totals is None:
            return super().counts_by_severity()
        c = Counter()
        for (sev, _fam), n in totals.items():
            c[str(Severity(sev))] += n
        return {s: c.get(s, 0) for s in ("error", "warning", "info")}

    def counts_by_family(self) -> dict[str, int]:
        totals = self._totals()
        if totals is None:
            return super().counts_by_family()
        c = Counter()
        for (_sev, fam), n in totals.items():
            c[fam] += n
        return dict(sorted((k, v) for k, v in c.items() if v))

    def max_severity(self) -> Severity | None:
        totals = self._totals()
        if totals is None:
            return super().max_severity()
        return max((Severity(sev) for (sev, _fam), n in totals.items() if n), default=None)


# -- profile -------------------------------------------------------------------------------
class Profile:
    """Seconds per phase (parse, rules, corpus, report) and per rule, summed over
    documents. With several workers, phase sums are CPU-side time across workers
    and exceed the wall time."""

    def __init__(self) -> None:
        self.phases: Counter = Counter()
        self.rules: Counter = Counter()
        self.documents = 0
        self.wall = 0.0
        self.executor = ""

    def add(self, timings: dict[str, float]) -> None:
        self.documents += 1
        for key, seconds in timings.items():
            if "." in key:  # rule ids are always dotted (family.name)
                self.rules[key] += seconds
                self.phases["rules"] += seconds
            else:
                self.phases[key] += seconds

    def render(self) -> str:
        n = max(self.documents, 1)
        total = sum(self.phases.values()) or 1e-12
        order = ["parse", "rules", "corpus", "report"]
        phases = order + sorted(k for k in self.phases if k not in order)
        lines = [f"profile: {self.documents} documents, {self.executor}, {self.wall:.3f} s wall",
                 f"  {'phase / rule':<34} {'seconds':>9} {'share':>7} {'ms/doc':>9}"]

        def row(name: str, seconds: float, indent: int) -> str:
            label = (" " * indent + name)[:34]
            return (f"  {label:<34} {seconds:9.3f} {100 * seconds / total:6.1f}% "
                    f"{1000 * seconds / n:9.3f}")

        for phase in phases:
            lines.append(row(phase, self.phases.get(phase, 0.0), 0))
            if phase == "rules":
                for rule, seconds in sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0])):
                    lines.append(row(rule, seconds, 2))
        lines.append(f"  {'sum of phases':<34} {total:9.3f}")
        return "\n".join(lines) + "\n"


# -- collecting outcomes in order ----------------------------------------------------------
def share_strings(value, seen: dict[str, str]):
    """`value` (a summary: dicts, lists, tuples, named tuples, scalars) with
    every string replaced by an equal one seen before.

    Summaries arrive unpickled from workers and caches, each with its own
    copy of the same term forms, group names and messages; the corpus run
    holds them all until its end, so equal strings are kept once.
    """
    if isinstance(value, str):
        return seen.setdefault(value, value)
    if isinstance(value, dict):
        return {share_strings(k, seen): share_strings(v, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [share_strings(v, seen) for v in value]
    if type(value) is tuple:
        return tuple(share_strings(v, seen) for v in value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)._make(share_strings(v, seen) for v in value)
    return value  # anything else is kept as it is


class Collector:
    def __init__(self, engine) -> None:
        self.engine = engine
        # Per-document summaries feed corpus rules and rules' summary sections (summary.terms).
        self.keep_corpus_state = any(r.is_corpus_rule or getattr(r, "summary_extra", None)
                                     for r in engine.rules)
        self.spool = _Spool()
        self.light: list = []  # outcomes without findings: what corpus rules need
        self.order: dict[str, int] = {}
        self.count = 0
        self.findings = 0
        self.totals: Counter = Counter()
        self.notices: list[str] = []
        self._seen_notices: set[str] = set()
        self._strings: dict[str, str] = {}  # see share_strings
        self.profile = Profile()

    def add(self, packed: Packed) -> None:
        o = packed.outcome
        self.spool.add(packed.blob)
        self.findings += sum(packed.counts.values())
        self.totals.update(packed.counts)
        for n in o.notices:
            if n not in self._seen_notices:
                self._seen_notices.add(n)
                self.notices.append(n)
        self.profile.add(o.timings)
        if self.keep_corpus_state and (o.summaries or o.suppressions):
            o.report = FileReport(packed.path)
            o.notices, o.timings = [], {}
            o.summaries = share_strings(o.summaries, self._strings)
            self.light.append(o)
            self.order.setdefault(packed.path, self.count)
        self.count += 1

    def finish(self, notices: list[str]) -> StreamedResult:
        start = time.perf_counter()
        corpus = self.engine.corpus_findings(self.light) if self.keep_corpus_state else []
        # The engine's own result() on the light outcomes gives what is not per-finding:
        # notices (with the corpus rules'), summary sections, rule infos.
        base = self.engine.result(self.light, [], list(notices) + self.notices)
        self.profile.phases["corpus"] += time.perf_counter() - start
        self.light = []
        totals = Counter(self.totals)
        totals.update(Counter((int(f.severity), f.family) for f in corpus))
        result = StreamedResult(
            findings=FindingStream(self.spool, self.findings, corpus, self.order),
            files=ReportStream(self.spool, self.count, Counter(f.path for f in corpus)),
            rules=base.rules, notices=base.notices, extra=base.extra,
            tool_version=base.tool_version)
        result._counts = totals
        return result


# -- executors -------------------------------------------------------------------------------
def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _in_order(futures: Iterator, window: int, result) -> Iterator:
    """Consume lazily created futures in submission order, at most `window` in flight."""
    pending: deque = deque()
    for fut in futures:
        pending.append(fut)
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _in_process(engine, items: Iterable[Item], keep: bool) -> Iterator[Packed]:
    for item in items:
        yield lint_packed(engine, item, keep)


# Worker-process state: one engine per process, built at most once.
_ENGINE = None
_BUILDS = 0
_KEEP = True


GC_THRESHOLD = 10_000  # allocations between young-generation collections (CPython: 700)


def settle_gc() -> None:
    """Tune the garbage collector for a lint run (the CLI's process and its workers).

    What is loaded by now (the pack, the claims model, the dictionaries) lives
    until the end: freezing it spares every full collection a walk over it,
    and forked workers do not copy those pages when the collector would touch
    them. Linting a document allocates many short-lived objects and hardly any
    cycles, so young collections can be rarer. About 5% of CPU time.
    """
    import gc

    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def _ignore_sigint() -> None:
    import signal

    # Ctrl-C goes to the whole process group; the parent shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _init_forked(keep: bool, grammar) -> None:
    global _KEEP
    _KEEP = keep
    _ignore_sigint()
    _use_grammar(grammar)


_BUILD_ERROR: str | None = None


def _init_spawned(spec: EngineSpec, keep: bool, grammar) -> None:
    global _ENGINE, _BUILDS, _KEEP, _BUILD_ERROR
    _ignore_sigint()
    _KEEP = keep
    try:
        _use_grammar(grammar)
        _ENGINE = spec.build()
        settle_gc()
    except Exception as exc:  # a failing initializer would only say "the pool broke"
        _BUILD_ERROR = f"{type(exc).__name__}: {exc}"
    _BUILDS += 1


def _lint_batch(batch: list[Item]) -> tuple[int, int, list[Packed]]:
    if _BUILD_ERROR is not None:
        raise RunnerError(f"a worker process could not load the rule pack: {_BUILD_ERROR}")
    return os.getpid(), _BUILDS, [lint_packed(_ENGINE, item, _KEEP) for item in batch]


def default_start_method() -> str:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    # fork is fastest and shares the already-loaded pack, but is unsafe once the
    # process has threads, and on macOS.
    if "fork" in methods and sys.platform != "darwin" and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


@dataclass
class WorkerStats:
    """Which processes did the work and how many times each built its engine."""

    builds: dict[int, int] = field(default_factory=dict)
    batches: int = 0


class _Batch:
    """Documents sent to a worker together, and what came back."""

    __slots__ = ("items", "future", "packed")

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.future = None
        self.packed: list[Packed] | None = None


def _cache_hit(cache, item: Item, keep: bool) -> Packed | None:
    """The parent's own cache lookup: a hit never goes to a worker."""
    raw = _cacheable_bytes(item) if cache is not None else None
    return None if raw is None else cache.lookup(item.display, raw, keep)


def _process_pool(engine, spec: EngineSpec | None, items: Iterable[Item], jobs: int,
                  batch_size: int, keep: bool, start_method: str | None,
                  stats: WorkerStats) -> Iterator[Packed]:
    """Outcomes in input order. With the result cache on, this process looks
    every document up first and only misses go to the workers: a warm run
    reads, checks and passes on stored bytes without starting a pool (which
    costs more than the lookups), and a cold one sends all the work out."""
    global _ENGINE
    method = start_method or default_start_method()
    grammar = spec.grammar if spec is not None else grammar_worker_settings()
    if method != "fork" and spec is None:
        raise RunnerError(f"the {method} start method needs the run's configuration")
    executor = None
    window = jobs * 4  # batches in flight: every worker stays busy
    ahead = window * batch_size  # documents held back behind the oldest miss, at most
    in_flight = 0
    pending: deque = deque()  # in input order: a Packed (a hit) or (batch, index) (a miss)
    open_batch: _Batch | None = None

    def submit(batch: _Batch) -> None:
        nonlocal executor, in_flight, open_batch
        global _ENGINE
        if executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            if method == "fork":
                _ENGINE = engine  # inherited by the children: the pack is loaded zero more times
                init, initargs = _init_forked, (keep, grammar)
            else:
                init, initargs = _init_spawned, (spec, keep, grammar)
            executor = ProcessPoolExecutor(max_workers=jobs, initializer=init, initargs=initargs,
                                           mp_context=multiprocessing.get_context(method))
        batch.future = executor.submit(_lint_batch, batch.items)
        in_flight += 1
        if batch is open_batch:
            open_batch = None

    def pop() -> Packed:
        nonlocal in_flight
        head = pending.popleft()
        if isinstance(head, Packed):
            return head
        batch, index = head
        if batch.future is None:
            submit(batch)
        if batch.packed is None:
            pid, builds, batch.packed = batch.future.result()
            stats.builds[pid] = builds
            stats.batches += 1
            in_flight -= 1
        return batch.packed[index]

    from concurrent.futures.process import BrokenProcessPool

    try:
        cache = engine.cache
        for item in items:
            packed = _cache_hit(cache, item, keep)
            if packed is not None:
                pending.append(packed)
            else:
                if open_batch is None:
                    open_batch = _Batch()
                open_batch.items.append(item)
                pending.append((open_batch, len(open_batch.items) - 1))
                if len(open_batch.items) >= batch_size:
                    submit(open_batch)
            # Hand on what is ready; hold at most `window` batches of work and
            # `ahead` documents behind the oldest miss (hits wait there in order).
            while pending and (isinstance(pending[0], Packed) or pending[0][0].packed is not None
                               or in_flight >= window or len(pending) > ahead):
                yield pop()
        if open_batch is not None:
            submit(open_batch)
        while pending:
            yield pop()
    except BrokenProcessPool:
        raise RunnerError("a worker process died (out of memory, or killed); "
                          "rerun with --jobs 1 to find the document") from None
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        if method == "fork":
            _ENGINE = None


# Dask worker state: engines by spec key, each built once per worker process.
_DASK_ENGINES: dict[str, Any] = {}
_DASK_LOCK = threading.Lock()


def _dask_lint_partition(spec: EngineSpec, batch: list[Item], keep: bool) -> list[Packed]:
    with _DASK_LOCK:  # one document at a time per worker: rules keep per-document state
        engine = _DASK_ENGINES.get(spec.key)
        if engine is None:
            if spec.version != __version__:
                raise RunnerError(f"this Dask worker has lint-corpus {__version__}, "
                                  f"the client {spec.version}; install the same version")
            _use_grammar(spec.grammar)
            engine = _DASK_ENGINES[spec.key] = spec.build()
        return [lint_packed(engine, item, keep) for item in batch]


def _read_for_dask(items: Iterable[Item]) -> Iterator[Item]:
    """Remote workers do not see our files: send the bytes."""
    for item in items:
        if item.path is None:
            yield item
            continue
        try:
            yield Item(item.display, data=item.path.read_bytes())
        except OSError as exc:
            yield Item(item.display, problem=("io.read", 1, f"cannot read file: {exc.strerror or exc}"))


def _dask(spec: EngineSpec, items: Iterable[Item], jobs: int, scheduler: str | None,
          keep: bool, partition: int) -> Iterator[Packed]:
    try:
        import logging

        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RunnerError("--executor dask needs Dask: pip install 'lint-corpus[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="15s")
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", host="127.0.0.1",
                                   # Our own cluster's shutdown races (a worker's last
                                   # heartbeat after the scheduler left) log at ERROR;
                                   # they are not the user's problem, and real task
                                   # failures reach us as exceptions anyway.
                                   silence_logs=logging.CRITICAL)
            client = Client(cluster)
    except (OSError, ValueError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise RunnerError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
    try:
        # The pack travels once to every worker, which builds its engine once.
        spec_future = client.scatter(spec.portable(), broadcast=True, hash=False)
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def result(fut):
            try:
                return fut.result()
            except RunnerError:
                raise
            except Exception as exc:
                raise RunnerError(f"a Dask task failed: {type(exc).__name__}: {exc}") from None
            finally:
                fut.release()

        futures = (client.submit(_dask_lint_partition, spec_future, batch, keep, pure=False)
                   for batch in _batches(_read_for_dask(items), partition))
        for packed in _in_order(futures, max(4, 2 * workers), result):
            yield from packed
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the entry point the CLI uses --------------------------------------------------------------
def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Run:
    result: RunResult
    profile: Profile
    stats: WorkerStats

    def timed(self, phase: str, fn, *args):
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.profile.phases[phase] += time.perf_counter() - start


def lint(engine, items: Iterable[Item], *, config=None, jobs: int | None = None,
         executor: str = "local", scheduler: str | None = None,
         notices: list[str] | None = None, start_method: str | None = None,
         batch_size: int | None = None) -> Run:
    """Lint `items` and return a streamed RunResult (same output whatever the executor).

    `jobs=None` (or 0) means "as many as there are CPUs, unless the run is
    small". `config` (the run's Config) lets workers that cannot inherit the
    engine (spawned, or on Dask) rebuild it from the same rule files.
    """
    spec = EngineSpec.from_engine(engine, config) if config is not None else None
    start = time.perf_counter()
    collector = Collector(engine)
    keep = collector.keep_corpus_state
    stats = WorkerStats()
    explicit = jobs is not None and jobs > 0
    n = jobs if explicit else cpu_count()
    items = iter(items)
    if executor == "dask":
        if spec is None:
            raise RunnerError("the Dask executor needs the run's configuration")
        stream = _dask(spec, items, n, scheduler, keep, batch_size or DASK_PARTITION)
        label = f"dask ({scheduler or f'local cluster, {n} workers'})"
    else:
        head = list(itertools.islice(items, MIN_POOL_ITEMS))
        small = len(head) < MIN_POOL_ITEMS and not explicit
        items = itertools.chain(head, items)
        if n == 1 or small:
            stream = _in_process(engine, items, keep)
            label = "in-process"
        else:
            # Small batches balance the load; the window keeps every worker busy.
            size = batch_size or 8
            stream = _process_pool(engine, spec, items, n, size, keep, start_method, stats)
            label = f"process pool, {n} workers"
    try:
        for packed in stream:
            collector.add(packed)
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    result = collector.finish(notices or [])
    collector.profile.wall = time.perf_counter() - start
    if label.startswith("process pool") and not stats.batches:
        label = "in-process (every document a cache hit; no pool started)"
    collector.profile.executor = label
    return Run(result, collector.profile, stats)


# -- command-line glue (kept here so cli.py only gains a few lines) ---------------------------
def add_arguments(parser) -> None:
    def jobs_value(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = -1
        if n < 0:
            import argparse

            raise argparse.ArgumentTypeError(f"expected a number of processes, not {value!r}")
        return n

    parser.add_argument("--jobs", "-j", type=jobs_value, default=None, metavar="N",
                        help="worker processes (default: the number of CPUs; 1: in this process)")
    parser.add_argument("--executor", choices=("local", "dask"), default=None,
                        help="where documents are linted: this machine (default) or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask; "
                             "without it, --executor dask starts a local cluster)")
    parser.add_argument("--jsonl", action="append", metavar="FILE", default=None,
                        help="lint the records of a JSON Lines file (.jsonl or .jsonl.gz; '-' for stdin)")
    parser.add_argument("--text-field", default="text", metavar="NAME",
                        help="--jsonl: field that holds the Markdown text (default: text)")
    parser.add_argument("--id-field", default="id", metavar="NAME",
                        help="--jsonl: field that names the record in findings (default: id)")
    parser.add_argument("--profile", action="store_true",
                        help="print time per phase and per rule to stderr")


def run_from_args(engine, args, config, files: list[Path], cwd: Path,
                  notices: list[str]) -> Run:
    """Build the items the command line names and lint them as it asks."""
    items: Iterable[Item] = file_items(files, cwd)
    if args.jsonl:
        from .jsonl import jsonl_items

        items = itertools.chain(items, *(jsonl_items(p, cwd, args.text_field, args.id_field)
                                         for p in args.jsonl))
    if args.scheduler and args.executor == "local":
        raise RunnerError("--scheduler is a Dask scheduler; it cannot be used with --executor local")
    executor = "dask" if args.scheduler else (args.executor or "local")
    jobs = args.jobs if args.jobs is not None else getattr(config, "jobs", None)
    settle_gc()
    return lint(engine, items, config=config, jobs=jobs, executor=executor,
                scheduler=args.scheduler, notices=notices)


def print_profile(run: Run, stream=None) -> None:
    (stream or sys.stderr).write(run.profile.render())
