"""The run's one LanguageTool: chosen once, started at most once, shared by every document.

The CLI calls `configure()` with the settings from the config file, the
environment and its flags. Code that builds an Engine itself (tests, the
API) gets the settings from the environment alone. `backend()` opens the
connection (or starts the local server) on first use, under a lock, and keeps
it for the rest of the run; an unavailable LanguageTool is decided once too.
"""

from __future__ import annotations

import atexit
import threading

from .client import Backend, Unavailable, connect
from .settings import GrammarSettings, from_sources

_lock = threading.Lock()
_settings: GrammarSettings | None = None
_backend: Backend | Unavailable | None = None

NOT_CONFIGURED = "LanguageTool is not available (no server configured and no local install)"
HOW_TO = ("use --languagetool URL (a LanguageTool server), or run `lint-corpus grammar install` "
          "once for a local one")


def configure(settings: GrammarSettings) -> None:
    global _settings
    reset()
    with _lock:
        _settings = settings


def settings() -> GrammarSettings:
    global _settings
    with _lock:
        if _settings is None:
            _settings = from_sources({})
        return _settings


def backend(extra_disabled: tuple[str, ...] = ()) -> Backend | Unavailable:
    global _backend
    current = settings()
    with _lock:
        if _backend is None:
            _backend = open_backend(current, tuple(extra_disabled))
        return _backend


def worker_settings() -> GrammarSettings:
    """Settings for a worker process of this run: `configure(worker_settings())` in the
    worker's initializer. When this process started a local server, workers reach it by
    its URL instead of starting their own."""
    from dataclasses import replace

    current = settings()
    with _lock:
        b = _backend
    if isinstance(b, Backend) and b.owner is not None and b.url:
        return replace(current, languagetool=b.url, source="local server of this run")
    return current


def use_in_worker(worker: GrammarSettings) -> None:
    """In a worker process of this run, use `worker` (the parent's `worker_settings()`).

    A forked worker inherits the parent's backend: it must neither close it (that
    would stop the parent's local server) nor share its connections, so it is
    forgotten here and the worker opens its own client on first use."""
    global _backend, _settings
    with _lock:
        _backend = None
        _settings = worker


def open_backend(s: GrammarSettings, extra_disabled: tuple[str, ...] = ()) -> Backend | Unavailable:
    mode = s.mode
    if mode == "off":
        return Unavailable("LanguageTool is off", notify=False)
    if mode == "url":
        return connect(s, url=s.url, public=False, name=f"LanguageTool server {s.url}",
                       extra_disabled=extra_disabled)
    if mode == "public":
        return connect(s, url=None, public=True, name="the public LanguageTool API",
                       extra_disabled=extra_disabled)
    from .local import find_local_install, java_problem, start_server

    install = find_local_install(s.local_version)
    if install is None:
        if mode == "local":
            wanted = f" {s.local_version}" if s.local_version else ""
            return Unavailable(f"no local LanguageTool{wanted} is installed",
                               hint="run `lint-corpus grammar install` once (it downloads LanguageTool)")
        return Unavailable(NOT_CONFIGURED, hint=HOW_TO)
    problem = java_problem()
    if problem:
        return Unavailable(problem)
    name = f"local LanguageTool {install.version}"
    try:
        server, url = start_server(install, s.language)
    except Exception as exc:
        return Unavailable(f"{name} did not start ({type(exc).__name__}: "
                           f"{' '.join(str(exc).split())[:200]})")
    result = connect(s, url=url, public=False, name=name, extra_disabled=extra_disabled,
                     owner=server)
    if isinstance(result, Unavailable):
        server.close()
    return result


def reset() -> None:
    """Close the backend (stop a local server); the next `backend()` opens a new one."""
    global _backend
    with _lock:
        b = _backend
        _backend = None
    if isinstance(b, Backend):
        b.close()


def forget_settings() -> None:
    global _settings
    reset()
    with _lock:
        _settings = None


atexit.register(reset)
