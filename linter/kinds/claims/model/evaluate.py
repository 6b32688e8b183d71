"""Evaluate the shipped check-worthiness model on the CT24 English dev set.

    python -m linter.kinds.claims.model.evaluate [--data DIR] [--threshold T]

Prints precision, recall and F1 of the positive class ("Yes": check-worthy).
It uses the same pure-Python inference as `lint-corpus` (no scikit-learn),
so the figures are those of the weights that ship.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from . import ModelError, load_model
from .data import DataError, find_data_dir, read_split


@dataclass(frozen=True)
class Scores:
    """Confusion counts of the positive class."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_pairs(pairs) -> Scores:
    """(predicted, gold) booleans -> counts."""
    tp = fp = fn = tn = 0
    for pred, gold in pairs:
        if pred and gold:
            tp += 1
        elif pred:
            fp += 1
        elif gold:
            fn += 1
        else:
            tn += 1
    return Scores(tp, fp, fn, tn)


def evaluate(rows, threshold: float) -> Scores:
    model = load_model()
    return score_pairs((model.score(text) > threshold, bool(label)) for _, text, label in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m linter.kinds.claims.model.evaluate",
                                 description="Precision, recall and F1 of the check-worthiness "
                                             "model on the CT24 English dev set.")
    ap.add_argument("--data", help="directory with the CT24 English TSV files")
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--threshold", type=float, default=None,
                    help="decision threshold (default: the one the model was trained for)")
    args = ap.parse_args(argv)
    try:
        rows = read_split(find_data_dir(args.data), args.split)
        model = load_model()
    except (DataError, ModelError) as exc:
        sys.stderr.write(f"evaluate: {exc}\n")
        return 2
    threshold = args.threshold if args.threshold is not None else float(model.meta["threshold"])
    s = evaluate(rows, threshold)
    print(f"CT24 English {args.split}: {len(rows)} sentences, {s.tp + s.fn} check-worthy; "
          f"threshold {threshold:.2f}")
    print(f"precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
          f"(tp {s.tp}, fp {s.fp}, fn {s.fn}, tn {s.tn})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
