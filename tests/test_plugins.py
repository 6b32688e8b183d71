"""Third-party rule kinds load through the `lint_corpus.rules` entry-point group.

The plugin module is the README's own example, so the documentation stays true.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

from conftest import REPO


def readme_plugin_source() -> str:
    readme = (REPO / "README.md").read_text("utf-8")
    m = re.search(r"```python\n# my_rules.py\n(.*?)```", readme, re.S)
    assert m, "README lost its plugin example"
    return m.group(1)


def make_distribution(site, module_source: str, entry: str = "shouting = my_rules:Shouting"):
    """A minimal installed distribution: importlib.metadata finds it on sys.path."""
    (site / "my_rules.py").write_text(module_source, encoding="utf-8")
    info = site / "my_rules-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: my-rules\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[lint_corpus.rules]\n{entry}\n")


def run(cwd, site, *args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(REPO)]))
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_plugin_kind_from_entry_point(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    make_distribution(site, readme_plugin_source())
    (tmp_path / "pyproject.toml").write_text('[tool.lint-corpus]\nrules = "rules"\n')
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yml").write_text(textwrap.dedent("""\
        rules:
          style.shouting:
            kind: shouting
            severity: info
            min_length: 3
    """))
    (tmp_path / "a.md").write_text("We are VERY proud of `CODE` and NASA.\n")
    proc = run(tmp_path, site, "a.md", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    got = [(f["rule"], f["line"], f["column"], f["end_column"], f["severity"], f["message"])
           for f in json.loads(proc.stdout)["findings"]]
    # CODE is inline code: a placeholder, never reported.
    assert got == [("style.shouting", 1, 8, 12, "info", "'VERY' is shouting."),
                   ("style.shouting", 1, 33, 37, "info", "'NASA' is shouting.")]
    listing = run(tmp_path, site, "--list-rules").stdout
    assert "style.shouting" in listing and "shouting" in listing


def test_broken_plugin_is_a_config_error(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    make_distribution(site, "raise ImportError('missing dependency foo')\n")
    (tmp_path / "pyproject.toml").write_text('[tool.lint-corpus]\nrules = "rules"\n')
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yml").write_text("rules:\n  style.s:\n    kind: shouting\n")
    (tmp_path / "a.md").write_text("Text.\n")
    proc = run(tmp_path, site, "a.md")
    assert proc.returncode == 2
    assert proc.stderr == ("lint-corpus: error: rules/house.yml:3: rule 'style.s': plugin kind "
                           "'shouting' (my_rules:Shouting) failed to load: missing dependency foo\n")
