"""A LanguageTool on this machine, managed by language-tool-python.

Finding an install never downloads and never imports language-tool-python
(it only looks at the folder language-tool-python downloads to). Downloading
happens only in `lint-corpus grammar install`, which shows progress.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# language-tool-python's own environment variable and default folder.
LTP_PATH_ENV = "LTP_PATH"
JAR_NAMES = ("languagetool-server.jar", "languagetool.jar")
MIN_JAVA = 17


@dataclass(frozen=True)
class LocalInstall:
    version: str
    path: Path


def download_dir() -> Path:
    return Path(os.environ.get(LTP_PATH_ENV) or Path.home() / ".cache" / "language_tool_python")


def _version_key(version: str) -> tuple:
    # Snapshots (20250101) sort after releases (6.8), as language-tool-python does.
    if re.fullmatch(r"\d{8}", version):
        return (1, int(version))
    return (0, tuple(int(p) for p in re.findall(r"\d+", version)))


def find_local_install(version: str | None = None) -> LocalInstall | None:
    """The newest (or the requested) LanguageTool under language-tool-python's folder."""
    folder = download_dir()
    if not folder.is_dir():
        return None
    found = []
    for path in folder.glob("LanguageTool-*"):
        m = re.fullmatch(r"LanguageTool-(\d+(?:\.\d+)+|\d{8})", path.name)
        if m and path.is_dir() and any((path / jar).is_file() for jar in JAR_NAMES):
            found.append(LocalInstall(m.group(1), path))
    if version is not None:
        return next((f for f in found if f.version == version), None)
    return max(found, key=lambda f: _version_key(f.version), default=None)


@lru_cache(maxsize=1)
def java_version() -> int | None:
    """The major version of `java` on PATH, or None when there is none."""
    import shutil
    import subprocess

    java = shutil.which("java")
    if java is None:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if m is None:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major  # "1.8" is Java 8


def java_problem() -> str | None:
    version = java_version()
    if version is None:
        return f"Java {MIN_JAVA} or newer is needed to run LanguageTool locally, and none was found"
    if version < MIN_JAVA:
        return f"Java {MIN_JAVA} or newer is needed to run LanguageTool locally (found Java {version})"
    return None


def start_server(install: LocalInstall, language: str):
    """Start the local LanguageTool server (once per run); returns (server tool, URL).

    language-tool-python starts `java … org.languagetool.server.HTTPServer` on a
    free port and waits for /v2/healthcheck. The install exists, so it does not
    download anything; its atexit hook stops the server.
    """
    import language_tool_python as ltp

    server = ltp.LanguageTool(language, language_tool_download_version=install.version)
    url = server.url
    if url.endswith("v2/"):
        url = url[: -len("v2/")]
    return server, url


def install(version: str | None = None, *, out=None) -> int:
    """`lint-corpus grammar install`: download LanguageTool once, with progress."""
    import sys

    out = out or sys.stderr
    problem = java_problem()
    if problem:
        out.write(f"lint-corpus: error: {problem}.\n")
        return 2
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

    version = version or LTP_DOWNLOAD_VERSION
    existing = find_local_install(version)
    if existing is not None:
        out.write(f"LanguageTool {version} is already installed in {existing.path}\n")
        return 0
    out.write(f"Downloading LanguageTool {version} to {download_dir()} (about 250 MB, once)…\n")
    try:
        LocalLanguageTool.from_version_name(version).download()
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # no network, a bad checksum, a full disk: one clear line
        out.write(f"lint-corpus: error: could not install LanguageTool {version}: "
                  f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}\n")
        return 2
    installed = find_local_install(version)
    if installed is None:
        out.write(f"lint-corpus: error: the download finished but no LanguageTool {version} "
                  f"was found in {download_dir()}\n")
        return 2
    out.write(f"Installed LanguageTool {version} in {installed.path}\n"
              f"lint-corpus now uses it when no server is configured (or with --languagetool local).\n")
    return 0
