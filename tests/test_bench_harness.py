"""The benchmark's own plumbing (the benchmark itself never runs in tests)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from linter.runner import Profile

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up by name
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_corpus_is_deterministic_and_prefix_stable(tmp_path):
    corpus = _load("corpus")
    small = corpus.build(5, tmp_path / "a")
    again = corpus.build(8, tmp_path / "b")
    for i in range(5):
        name = f"docs/000/article-{i:06d}.md"
        assert (Path(small["dir"]) / name).read_bytes() == (Path(again["dir"]) / name).read_bytes()
    assert small["words"] > 5 * 250
    text = (Path(again["dir"]) / "docs/000/article-000003.md").read_text("utf-8")
    assert text.startswith(("# ", "---\n")) and "\n## " in text
    # Articles differ from each other.
    assert len({corpus.Generator().article(i) for i in range(20)}) == 20


def test_bench_reads_the_profile_table_the_cli_prints():
    profile = Profile()
    profile.add({"parse": 1.5, "style.puffery": 0.25, "terminology.x-y": 2.0})
    profile.add({"parse": 0.5, "style.puffery": 0.25})
    profile.phases["report"] = 0.125
    profile.executor, profile.wall = "process pool, 2 workers", 3.0
    parsed = _load("run").parse_profile(profile.render())
    assert parsed["header"] == "profile: 2 documents, process pool, 2 workers, 3.000 s wall"
    assert parsed["phases"] == {"parse": 2.0, "rules": 2.5, "corpus": 0.0, "report": 0.125}
    assert parsed["rules"] == {"terminology.x-y": 2.0, "style.puffery": 0.5}


def test_results_file_keeps_hand_written_text(tmp_path):
    run = _load("run")
    out = tmp_path / "RESULTS.md"
    run.write_results(out, f"{run.BEGIN}\nfirst\n{run.END}\n")
    out.write_text("# Results\n\nNotes above.\n\n" + out.read_text("utf-8").split("\n\n", 1)[1]
                   + "\n## Analysis\n\nkept\n", "utf-8")
    run.write_results(out, f"{run.BEGIN}\nsecond\n{run.END}\n")
    text = out.read_text("utf-8")
    assert "second" in text and "first" not in text
    assert text.startswith("# Results\n\nNotes above.") and text.endswith("## Analysis\n\nkept\n")
