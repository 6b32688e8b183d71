"""Benchmark: a one-file run (the pre-commit case) with and without readability metrics.

    python bench/readability_single_file.py [FILE] [--runs N]

Target: <= 300 ms wall for a one-file run. Prints the median wall and CPU time
of N runs of `lint-corpus FILE` in fresh processes for: all rules; all rules
but the two textstat-backed ones (document-grade, paragraph-grade); and the
first run on a machine, when the compact CMU corpus is built (cold cache).
This is a benchmark, not a test: numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "linter", *args, "-q"], cwd=REPO, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default="seeds/003_591ccdde393adc0f.txt")
    parser.add_argument("--runs", type=int, default=7)
    opts = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cases = {
        "all rules": [opts.file],
        "no textstat rules": [opts.file, "--ignore",
                              "readability.document-grade,readability.paragraph-grade"],
    }
    run([opts.file], env)  # warm the compact corpus and the OS file cache
    print(f"{'case':<28}{'wall median':>12}{'cpu median':>12}   ({opts.runs} runs)")
    for name, args in cases.items():
        samples = [run(args, env) for _ in range(opts.runs)]
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        print(f"{name:<28}{wall * 1000:>10.0f}ms{cpu * 1000:>10.0f}ms")
    with tempfile.TemporaryDirectory() as cache:
        wall, cpu = run([opts.file], dict(env, LINT_CORPUS_CACHE_DIR=cache))
        print(f"{'cold cache (builds corpus)':<28}{wall * 1000:>10.0f}ms{cpu * 1000:>10.0f}ms")


if __name__ == "__main__":
    main()
