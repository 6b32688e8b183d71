import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test starts with an empty result cache of its own: no test sees
    another's entries, and none writes .lint-corpus-cache into the checkout.
    Tests of the cache itself pass --cache-dir, which wins over this."""
    monkeypatch.setenv("LINT_CORPUS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
