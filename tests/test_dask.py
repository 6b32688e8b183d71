"""`--executor dask`: a LocalCluster on loopback gives the local run's findings."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("dask.distributed")

from test_runner import write_corpus  # noqa: E402  (after the importorskip)

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "linter"]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(CLI + args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dask-corpus")
    write_corpus(root, 40)
    gen_records = []
    for path in sorted((root / "docs").rglob("a0[0-1]*.md")):
        gen_records.append(json.dumps({"id": path.stem, "text": path.read_text("utf-8")}))
    gen_records.insert(3, "{not json")
    (root / "c.jsonl").write_text("\n".join(gen_records) + "\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def cluster():
    # Scheduler, workers and the HTTP endpoint on 127.0.0.1, on free ports.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=":0",
                                  silence_logs=logging.ERROR) as c:
        yield c


def test_scheduler_run_equals_local_run(corpus, cluster):
    local = run(["docs", "--format", "json", "--jobs", "1"], corpus)
    remote = run(["docs", "--format", "json", "--executor", "dask",
                  "--scheduler", cluster.scheduler_address], corpus)
    assert remote.returncode == local.returncode == 1, remote.stderr
    assert "Traceback" not in remote.stderr
    assert remote.stdout == local.stdout
    doc = json.loads(remote.stdout)
    assert doc["summary"]["files"] == 44 and doc["summary"]["findings"] > 50
    # The work really ran on the cluster's workers: each built its engine there.
    with distributed.Client(cluster.scheduler_address, timeout="15s") as client:
        built = client.run(lambda: len(__import__("linter.runner").runner._DASK_ENGINES))
    assert sum(built.values()) >= 1 and set(built.values()) <= {0, 1}


def test_jsonl_through_dask_equals_local(corpus, cluster):
    args = ["--jsonl", "c.jsonl", "--format", "json"]
    local = run(args + ["--jobs", "1"], corpus)
    remote = run(args + ["--scheduler", cluster.scheduler_address], corpus)  # implies dask
    assert remote.stdout == local.stdout
    got = json.loads(remote.stdout)["findings"]
    assert ("c.jsonl", 4, "io.decode") in {(f["path"], f["line"], f["rule"]) for f in got}
    assert any(f["path"].startswith("c.jsonl#a0") for f in got)


def test_executor_dask_without_scheduler_starts_a_local_cluster(corpus):
    local = run(["docs", "--format", "json", "--jobs", "1", "--profile"], corpus)
    own = run(["docs", "--format", "json", "--executor", "dask", "--jobs", "2", "--profile"], corpus)
    assert own.stdout == local.stdout
    assert any("dask (local cluster, 2 workers)" in line for line in own.stderr.splitlines())


def test_unreachable_scheduler_is_a_clear_error(corpus):
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run(["docs", "--scheduler", f"tcp://127.0.0.1:{port}"], corpus)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"lint-corpus: error: cannot reach the Dask scheduler tcp://127.0.0.1:{port}")
    assert "Traceback" not in proc.stderr
