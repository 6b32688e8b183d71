"""A deterministic benchmark corpus built from the seed articles.

    python bench/corpus.py 2000 --out /tmp/corpora      # writes /tmp/corpora/corpus-2000/

Article i is the same in every corpus size (its random generator is seeded
with the corpus seed and i alone), so the 100-document corpus is the first
100 articles of the 2,000-document one. Each article has a title, an
introduction and 3-6 sections of seed paragraphs (sentences now and then
swapped between paragraphs, numbers varied), with inline links, a bullet list,
inline code, a fenced code block now and then, front matter in some and
footnotes in some: about 450 words, like the seeds.

Words are counted as `wc -w` does (whitespace-separated tokens), for both
tools alike.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GENERATOR_VERSION = 1
PER_DIR = 1000  # files per sub-directory, so no directory gets huge

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBER = re.compile(r"\b(19|20)\d\d\b|\b\d{1,3}\b")

CODE_BLOCKS = [
    "```python\nimport csv\n\nwith open(\"clinics.csv\") as f:\n    rows = list(csv.DictReader(f))\n"
    "print(len(rows), \"clinics\")\n```",
    "```sh\ncurl -s https://example.org/api/v1/programs | jq '.[] | .name'\n```",
    "```json\n{\"program\": \"exchange\", \"year\": 2021, \"partners\": [\"A\", \"B\"]}\n```",
]
INLINE_CODE = ["`programs.yaml`", "`--region`", "`exchange_id`", "`v2.1`"]


def load_seeds(seeds: Path = SEEDS) -> tuple[list[str], list[list[str]]]:
    """Headings and paragraphs (each a list of sentences) of every seed article."""
    headings: list[str] = []
    paragraphs: list[list[str]] = []
    for path in sorted(seeds.glob("*.txt")) + sorted(seeds.glob("*.md")):
        for chunk in re.split(r"\n\s*\n", path.read_text("utf-8")):
            chunk = chunk.strip()
            if not chunk:
                continue
            if chunk.startswith("#"):
                headings.append(chunk.lstrip("#").strip())
            else:
                sentences = [s.strip() for s in _SENTENCE_END.split(" ".join(chunk.split()))]
                paragraphs.append([s for s in sentences if s])
    if not paragraphs:
        raise SystemExit(f"no seed paragraphs found in {seeds}")
    return headings, paragraphs


class Generator:
    def __init__(self, seed: int = 8, seeds: Path = SEEDS) -> None:
        self.seed = seed
        self.headings, self.paragraphs = load_seeds(seeds)
        self.sentences = [s for p in self.paragraphs for s in p]
        # Any change to the seeds or to this file makes a new corpus.
        code = Path(__file__).read_bytes()
        self.digest = hashlib.sha256(
            repr((GENERATOR_VERSION, seed, self.headings, self.paragraphs, code)).encode()
        ).hexdigest()[:16]

    # -- pieces ------------------------------------------------------------------
    def _numbers(self, rng: random.Random, text: str) -> str:
        def swap(m: re.Match) -> str:
            if m.group(1):  # a year
                return str(rng.randint(1990, 2024))
            return str(rng.randint(2, 400))

        return _NUMBER.sub(swap, text)

    def _link(self, rng: random.Random, sentence: str, n: int) -> str:
        words = sentence.split(" ")
        if len(words) < 6:
            return sentence
        i = rng.randrange(1, len(words) - 3)
        k = rng.randint(1, 3)
        span = " ".join(words[i:i + k])
        if not re.fullmatch(r"[\w' -]+", span):
            return sentence
        target = f"https://example.org/articles/{n}-{rng.randrange(10_000)}"
        return " ".join(words[:i] + [f"[{span}]({target})"] + words[i + k:])

    def _paragraph(self, rng: random.Random, n: int) -> str:
        sentences = list(rng.choice(self.paragraphs))
        if len(sentences) > 1 and rng.random() < 0.5:
            sentences[rng.randrange(len(sentences))] = rng.choice(self.sentences)
        if rng.random() < 0.15:
            rng.shuffle(sentences)
        if rng.random() < 0.35:
            j = rng.randrange(len(sentences))
            sentences[j] = self._link(rng, sentences[j], n)
        if rng.random() < 0.1:
            j = rng.randrange(len(sentences))
            sentences[j] = sentences[j].rstrip(".") + f", as {rng.choice(INLINE_CODE)} shows."
        text = self._numbers(rng, " ".join(sentences))
        # Wrap long lines now and then, as hand-edited Markdown often is.
        if rng.random() < 0.3:
            words, lines, line = text.split(" "), [], []
            for w in words:
                line.append(w)
                if sum(len(x) + 1 for x in line) > 78:
                    lines.append(" ".join(line))
                    line = []
            if line:
                lines.append(" ".join(line))
            text = "\n".join(lines)
        return text

    def article(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:{i}")
        parts: list[str] = []
        if rng.random() < 0.2:
            parts.append(f"---\ntitle: Article {i}\nid: {i}\ntags: [health, cooperation]\n---")
        parts.append("# " + rng.choice(self.headings))
        parts.append(self._paragraph(rng, i))
        footnotes: list[str] = []
        for _section in range(rng.randint(3, 6)):
            parts.append("## " + rng.choice(self.headings))
            for _ in range(rng.randint(1, 2)):
                para = self._paragraph(rng, i)
                if rng.random() < 0.12:
                    label = str(len(footnotes) + 1)
                    para += f"[^{label}]"
                    footnotes.append(f"[^{label}]: Source: annual report {rng.randint(2000, 2024)}, "
                                     f"p. {rng.randint(1, 300)}.")
                parts.append(para)
            if rng.random() < 0.15:
                items = rng.sample(self.sentences, 3)
                parts.append("\n".join(f"- {self._numbers(rng, s)}" for s in items))
            if rng.random() < 0.08:
                parts.append(rng.choice(CODE_BLOCKS))
        parts.extend(footnotes)
        return "\n\n".join(parts) + "\n"


def corpus_dir(out: Path, n: int) -> Path:
    return out / f"corpus-{n}"


def build(n: int, out: Path, *, seed: int = 8, force: bool = False, jsonl: bool = False) -> dict:
    """Write the n-document corpus under `out` (reused when already there). Returns its manifest."""
    gen = Generator(seed)
    target = corpus_dir(out, n)
    manifest_path = target / "manifest.json"
    if not force and manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text("utf-8"))
        if manifest.get("digest") == gen.digest and manifest.get("documents") == n and (
                not jsonl or (target.parent / f"corpus-{n}.jsonl").is_file()):
            manifest["dir"] = str(target)
            return manifest
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    words = size = 0
    jsonl_file = open(target.parent / f"corpus-{n}.jsonl", "w", encoding="utf-8") if jsonl else None
    try:
        for i in range(n):
            text = gen.article(i)
            sub = target / "docs" / f"{i // PER_DIR:03d}"
            if i % PER_DIR == 0:
                sub.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            (sub / f"article-{i:06d}.md").write_bytes(data)
            words += len(text.split())
            size += len(data)
            if jsonl_file is not None:
                jsonl_file.write(json.dumps({"id": f"article-{i:06d}", "text": text},
                                            ensure_ascii=False) + "\n")
    finally:
        if jsonl_file is not None:
            jsonl_file.close()
    manifest = {"documents": n, "words": words, "bytes": size, "seed": seed,
                "digest": gen.digest, "generator": GENERATOR_VERSION}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    manifest["dir"] = str(target)
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", nargs="+", type=int, help="numbers of documents, e.g. 100 2000 20000")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / ".corpora")
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--force", action="store_true", help="rebuild even if present")
    p.add_argument("--jsonl", action="store_true", help="also write corpus-N.jsonl")
    args = p.parse_args(argv)
    for n in args.sizes:
        m = build(n, args.out, seed=args.seed, force=args.force, jsonl=args.jsonl)
        print(f"{m['dir']}: {m['documents']} documents, {m['words']:,} words, {m['bytes']:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
