"""Benchmark: a cold run, a warm rerun and one edited file, with the result cache.

    python bench/bench_cache.py [N]      # N copies of the seed articles (default 80)

Builds a corpus of N x seeds in a temporary folder (each copy gets a unique
line so every file has its own cache entry) and times `lint-corpus` in a
subprocess: no cache, cold cache, warm cache, warm after editing one file.
A warm rerun should cost little more than start-up: no file is parsed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(args: list[str], cwd: Path, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, check=False,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i in range(copies):
            for seed in seeds:
                text = seed.read_text("utf-8") + f"\nCopy {i}.\n"
                (corpus / f"{i:04d}_{seed.name}").write_text(text, "utf-8")
        n = copies * len(seeds)
        cache = ["--cache-dir", str(Path(tmp) / "cache")]
        env_args = [str(corpus), "-q"]
        no_cache = timed([*env_args, "--no-cache"], ROOT)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", *env_args, *cache], cwd=ROOT,
                       stdout=subprocess.DEVNULL, check=False)
        cold = time.perf_counter() - start
        warm = timed([*env_args, *cache], ROOT)
        first = sorted(corpus.iterdir())[0]
        first.write_text(first.read_text("utf-8") + "\nOne more line.\n", "utf-8")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", *env_args, *cache], cwd=ROOT,
                       stdout=subprocess.DEVNULL, check=False)
        edited = time.perf_counter() - start
        one_file = timed([str(first), "-q", *cache], ROOT, repeat=5)
    print(f"{n} files")
    print(f"  no cache          {no_cache:6.2f} s")
    print(f"  cold cache        {cold:6.2f} s")
    print(f"  warm cache        {warm:6.2f} s")
    print(f"  one file edited   {edited:6.2f} s")
    print(f"  one file (warm)   {one_file:6.2f} s   (a pre-commit run on one article)")


if __name__ == "__main__":
    main()
