"""Reading the CheckThat! 2024 check-worthiness data (English train and dev).

The data is not shipped: training and evaluation read it from a directory
holding `CT24_checkworthy_english_{train,dev}.tsv` (columns Sentence_id, Text,
class_label). By default that is `../shared/data/checkworthy/` beside the
repository (or the current directory); `--data DIR` or the environment
variable LINT_CORPUS_CHECKWORTHY_DATA point elsewhere.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

FILES = {"train": "CT24_checkworthy_english_train.tsv", "dev": "CT24_checkworthy_english_dev.tsv"}
ENV = "LINT_CORPUS_CHECKWORTHY_DATA"


class DataError(Exception):
    pass


def candidate_dirs() -> list[Path]:
    repo = Path(__file__).resolve().parents[4]  # linter/kinds/claims/model -> repository
    out = []
    if os.environ.get(ENV):
        out.append(Path(os.environ[ENV]))
    for base in (Path.cwd(), repo):
        out.append(base.parent / "shared" / "data" / "checkworthy")
        out.append(base / "shared" / "data" / "checkworthy")
    return out


def find_data_dir(given: str | None = None) -> Path:
    dirs = [Path(given)] if given else candidate_dirs()
    for d in dirs:
        if (d / FILES["dev"]).is_file():
            return d
    tried = ", ".join(str(d) for d in dirs)
    raise DataError(
        f"CheckThat! 2024 check-worthiness data not found (looked for {FILES['dev']} in: {tried}). "
        f"Pass --data DIR or set {ENV}.")


def read_split(data_dir: Path, split: str) -> list[tuple[str, str, int]]:
    """(sentence id, text, label 1/0) rows of one split."""
    path = data_dir / FILES[split]
    rows = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t")
            missing = {"Sentence_id", "Text", "class_label"} - set(reader.fieldnames or ())
            if missing:
                raise DataError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            for i, row in enumerate(reader, start=2):
                label = (row["class_label"] or "").strip()
                if label not in ("Yes", "No"):
                    raise DataError(f"{path}:{i}: class_label must be Yes or No, not {label!r}")
                rows.append((row["Sentence_id"], row["Text"] or "", int(label == "Yes")))
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    return rows
