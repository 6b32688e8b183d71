"""The check-worthiness model: shipped weights, lazy loading, no heavy imports, evaluation script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # claims_support, whatever pytest's import mode
from claims_support import ROOT, SEEDS

from linter.kinds.claims import model as M
from linter.kinds.claims.model import ModelError, decode_weights, features, load_model
from linter.kinds.claims.model.data import DataError, find_data_dir
from linter.kinds.claims.model.evaluate import main as evaluate_main

MODEL_DIR = Path(M.__file__).parent


def run_py(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **env}, timeout=120)


def test_weights_ship_small_with_their_data_terms():
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
    assert size <= 5 * 1024 * 1024
    meta = json.loads((MODEL_DIR / M.META_FILE).read_text("utf-8"))
    assert "free for general research use" in meta["data_terms"]
    assert "free for general research use" in (MODEL_DIR / "MODEL_CARD.md").read_text("utf-8")
    assert meta["feature_version"] == M.FEATURE_VERSION and meta["buckets"] == M.N_BUCKETS


def test_weights_were_trained_with_the_current_features():
    """Changing the featuriser or a lexical signal changes the model's input: retrain
    (pip install ".[train]"; python -m linter.kinds.claims.model.train) and commit the weights."""
    meta = json.loads((MODEL_DIR / M.META_FILE).read_text("utf-8"))
    assert meta["feature_fingerprint"] == M.feature_fingerprint()


def test_model_scores_claims_above_chatter():
    model = load_model()
    claim = model.score("We have cut inflation by better than half since 1980.")
    chatter = model.score("Thank you very much, it is good to be here tonight.")
    assert 0.0 <= chatter < 0.5 < claim <= 1.0


def test_features_are_a_pure_function_of_the_text():
    a = features("The clinic opened in 2015 with 40 beds.")
    assert a == features("The clinic opened in 2015 with 40 beds.")
    # Digits are normalised, so any year shares the year's features...
    assert set(features("The clinic opened in 1999 with 40 beds.")) == set(a)
    # ...and placeholders for inline code read as one word.
    assert features("Run Dummy3 now please.") == features("Run Dummy12 now please.")
    # Buckets come from CRC-32, not Python's per-process salted hash().
    assert zlib.crc32(b"w|clinic") & (M.N_BUCKETS - 1) in a


def test_features_do_not_depend_on_the_bucket_vocabulary(monkeypatch):
    sentences = [*M.PROBE_SENTENCES, "Ahmed built 3 clinics; Ahmed built 3 more."]
    warm = [features(s) for s in sentences]  # buckets from the vocabulary kept so far
    monkeypatch.setattr(M, "_VOCABULARY_SIZE", 0)  # emptied before every sentence
    assert [features(s) for s in sentences] == warm
    # Each bucket is the CRC-32 of its feature, however it was found.
    assert all(M._VOCABULARY[f] == M._bucket(f) for f in M._VOCABULARY)
    assert len(M._VOCABULARY) > 20  # the last sentence's features


def test_decode_rejects_weights_of_another_feature_version():
    meta = {"feature_version": M.FEATURE_VERSION + 1, "buckets": M.N_BUCKETS, "scale": 1, "bias": 0}
    with pytest.raises(ModelError, match="retrain"):
        decode_weights(b"", meta)
    meta["feature_version"] = M.FEATURE_VERSION
    with pytest.raises(ModelError, match="damaged"):
        decode_weights(zlib.compress(b"\0\0" * 10), meta)


def test_lint_loads_no_heavy_module_and_model_only_when_needed():
    heavy = ("numpy", "scipy", "sklearn", "torch")
    check = ("import sys, io, contextlib\n"
             "from linter.cli import main\n"
             "from linter.kinds.claims import model\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    main(['--select', 'claims', '-q', {path!r}])\n"
             "print(model.load_model.cache_info().currsize,"
             " [m for m in {heavy!r} if m in sys.modules])\n")
    value_only = ROOT / "tests" / "data" / "claims_values_only.md"
    out = run_py(check.format(path=str(value_only), heavy=heavy))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "[]"]  # no candidate sentence: weights never read
    seed = next(SEEDS.glob("000_*.txt"))
    out = run_py(check.format(path=str(seed), heavy=heavy))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "[]"]  # loaded once, still no numpy or torch


# -- evaluation script -------------------------------------------------------------------------
def write_split(d: Path, rows):
    d.mkdir(parents=True, exist_ok=True)
    lines = ["Sentence_id\tText\tclass_label"] + [f"{i}\t{t}\t{lab}" for i, (t, lab) in enumerate(rows)]
    for name in ("CT24_checkworthy_english_dev.tsv", "CT24_checkworthy_english_train.tsv"):
        (d / name).write_text("\n".join(lines) + "\n", "utf-8")


def test_evaluate_prints_precision_recall_f1(tmp_path, capsys):
    write_split(tmp_path, [
        ("We have cut inflation by better than half since 1980.", "Yes"),
        ("Unemployment rose to 9 percent last year, the highest in a decade.", "Yes"),
        ("Thank you very much, it is good to be here tonight.", "No"),
        ("I don't think that's a fair question.", "No"),
    ])
    assert evaluate_main(["--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "4 sentences, 2 check-worthy" in out
    assert "precision 1.000  recall 1.000  F1 1.000  (tp 2, fp 0, fn 0, tn 2)" in out


def test_evaluate_without_data_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("LINT_CORPUS_CHECKWORTHY_DATA", raising=False)
    assert evaluate_main(["--data", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("evaluate: CheckThat! 2024 check-worthiness data not found")
    assert "Traceback" not in err


def test_evaluate_rejects_bad_labels(tmp_path, capsys):
    write_split(tmp_path, [("Some sentence.", "Maybe")])
    assert evaluate_main(["--data", str(tmp_path)]) == 2
    assert "class_label must be Yes or No" in capsys.readouterr().err


def _shared_data():
    try:
        return find_data_dir()
    except DataError:
        return None


@pytest.mark.skipif(_shared_data() is None, reason="CT24 data not beside the repository (../shared)")
def test_dev_f1_meets_the_target(capsys):
    """The README's figure: F1 of the positive class on CT24 English dev, shipped weights."""
    assert evaluate_main([]) == 0
    out = capsys.readouterr().out
    f1 = float(out.split("F1 ")[1].split()[0])
    assert f1 >= 0.80, out


@pytest.mark.slow
@pytest.mark.skipif(_shared_data() is None, reason="CT24 data not beside the repository (../shared)")
def test_training_reproduces_the_shipped_weights(tmp_path):
    pytest.importorskip("sklearn", reason="training needs the [train] extra")
    from linter.kinds.claims.model.train import main as train_main

    assert train_main(["--out", str(tmp_path)]) == 0
    for name in (M.WEIGHTS_FILE, M.META_FILE):
        assert (tmp_path / name).read_bytes() == (MODEL_DIR / name).read_bytes(), name
