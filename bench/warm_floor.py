"""The floor under a warm (cached) run: everything except the cache itself.

    python bench/warm_floor.py [--jobs N] [--size 2000]

Lints the generated corpus once, keeps every FileOutcome pickled in memory
keyed by the SHA-256 of the file's bytes, then replaces Engine.lint_path with
"read the file, hash it, unpickle the stored outcome" and times a full run:
imports, pack loading, discovery, the runner and the text reporter. A real
cache adds its own lookups on top; if this floor is already near the warm
target (0.05x proselint), no cache can meet it and the fix is elsewhere.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import time
from pathlib import Path

START = time.perf_counter()

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpus_mod  # noqa: E402
from run import default_work  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--jobs", type=int, default=0)
    p.add_argument("--size", type=int, default=2000)
    p.add_argument("--work", type=Path, default=default_work())
    args = p.parse_args()
    docs = Path(corpus_mod.build(args.size, args.work / "corpora")["dir"]) / "docs"
    cwd = args.work / "run"
    cwd.mkdir(parents=True, exist_ok=True)
    os.chdir(cwd)

    t0 = time.perf_counter()
    from linter import runner
    from linter.config import load_config
    from linter.discovery import collect_files
    from linter.engine import Engine
    from linter.pack import load_pack
    from linter.reporters import ReportOptions, render

    config = load_config(None, cwd)
    engine = Engine(load_pack(config))
    files = collect_files([str(docs)], config, cwd)
    t_setup = time.perf_counter() - t0

    store = {}
    for item in runner.file_items(files, cwd):
        raw = item.path.read_bytes()
        store[hashlib.sha256(raw).hexdigest()] = pickle.dumps(engine.lint_path(item.path, item.display))

    def cached(self, path, display):
        return pickle.loads(store[hashlib.sha256(path.read_bytes()).hexdigest()])

    Engine.lint_path = cached
    t1 = time.perf_counter()
    run = runner.lint(engine, runner.file_items(files, cwd), jobs=args.jobs or None, config=config)
    t2 = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        render("text", run.result, out, ReportOptions())
    t3 = time.perf_counter()
    print(f"{len(files)} documents, {run.profile.executor}: imports + pack + discovery "
          f"{t_setup:.3f} s, cached lint {t2 - t1:.3f} s, text report {t3 - t2:.3f} s; "
          f"warm floor {t_setup + (t3 - t1):.3f} s (+ interpreter start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
