"""Talking to LanguageTool through language-tool-python.

The requests are language-tool-python's own (`LanguageTool(..., remote_server=URL)`
or `LanguageToolPublicAPI`): its parameters (`language`, `disabledRules`,
`level=picky`, …), its `/v2/languages` check and its `Match` objects. Around it
this module adds what a linter run needs:

- a timeout per request and retries with backoff (language-tool-python's own
  retry is turned off: it would also restart a local server);
- bounded concurrency: one thread pool per run, `concurrency` requests at once;
- the public API's rate limit (about 20 requests a minute);
- exact offsets: LanguageTool counts UTF-16 code units; Python counts code points;
- a clear reason for every failure, and giving up on a server that keeps failing,
  so a dead server costs seconds, not minutes per file.
"""

from __future__ import annotations

import bisect
import json
import re
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass

from .settings import PUBLIC_REQUESTS_PER_MINUTE, GrammarSettings


class LTError(Exception):
    """A request that failed for good; `reason` is one short phrase for the summary."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LTMatch:
    start: int  # code-point offsets into the request text
    end: int
    rule_id: str
    category: str
    message: str
    replacements: tuple[str, ...]
    issue_type: str = ""


@dataclass(frozen=True)
class Unavailable:
    """No LanguageTool for this run. `notify` is False when the user turned it off."""

    reason: str
    notify: bool = True
    hint: str = ""  # what to do about it

    def notice(self) -> str:
        hint = f"; {self.hint}" if self.hint else ""
        return f"{self.reason}; only the offline grammar checks ran{hint}"

    def error(self) -> str:
        return f"{self.reason}; {self.hint}" if self.hint else self.reason


# -- rate limit --------------------------------------------------------------------------------
class RateLimiter:
    """At most `calls` requests in any `period` seconds (thread-safe)."""

    def __init__(self, calls: int, period: float, *, clock=time.monotonic, sleep=time.sleep):
        self.calls, self.period = calls, period
        self.clock, self.sleep = clock, sleep
        self.sent: deque[float] = deque()
        self.lock = threading.Lock()

    def acquire(self) -> None:
        while True:
            with self.lock:
                now = self.clock()
                while self.sent and now - self.sent[0] >= self.period:
                    self.sent.popleft()
                if len(self.sent) < self.calls:
                    self.sent.append(now)
                    return
                wait = self.period - (now - self.sent[0])
            self.sleep(max(wait, 0.01))


PUBLIC_LIMITER = RateLimiter(PUBLIC_REQUESTS_PER_MINUTE, 60.0)


# -- offsets --------------------------------------------------------------------------------
class Utf16Offsets:
    """LanguageTool (Java) counts UTF-16 code units; map them to code points."""

    def __init__(self, text: str) -> None:
        # UTF-16 start of every character outside the BMP (each takes two units).
        self.astral: list[int] = []
        extra = 0
        for i, ch in enumerate(text):
            if ord(ch) > 0xFFFF:
                self.astral.append(i + extra)
                extra += 1

    def to_code_points(self, unit: int) -> int:
        return unit - bisect.bisect_left(self.astral, unit)


_MATCH_LOCK = threading.Lock()  # language_tool_python.Match keeps a class-level cache


def parse_matches(response, text: str) -> list[LTMatch]:
    """LanguageTool's JSON -> LTMatch list; anything not shaped like LanguageTool's is an error."""
    from language_tool_python import Match

    if not isinstance(response, dict) or not isinstance(response.get("matches"), list):
        raise LTError("unexpected response (no 'matches' list)")
    offsets = Utf16Offsets(text)
    out = []
    for raw in response["matches"]:
        try:
            off, length = raw["offset"], raw["length"]
            if not (isinstance(off, int) and isinstance(length, int)) or off < 0 or length < 0:
                raise ValueError("bad offset")
            start = offsets.to_code_points(off)
            end = offsets.to_code_points(off + length)
            with _MATCH_LOCK:
                m = Match(json.loads(json.dumps(raw)), text)  # Match edits the dict it gets
            out.append(LTMatch(start, end, m.rule_id, m.category, m.message,
                               tuple(m.replacements), getattr(m, "rule_issue_type", "")))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise LTError(f"unexpected response (malformed match: {exc})") from None
    return out


# Where "public" sends requests; None means language-tool-python's LanguageToolPublicAPI default.
PUBLIC_URL: str | None = None


# -- the language-tool-python client -------------------------------------------------------------
class _ClientMixin:
    """Mixed into language_tool_python.LanguageTool / LanguageToolPublicAPI."""

    _limiter: RateLimiter | None = None

    def _query_server(self, url, params=None, num_tries=2, method="get"):
        if self._limiter is not None:
            self._limiter.acquire()
        # One try: retries (with backoff) are ours.
        return super()._query_server(url, params, num_tries=1, method=method)

    def check_spans(self, text: str) -> list[LTMatch]:
        url = urllib.parse.urljoin(self._url, "check")
        response = self._query_server(url, self._create_params(text), method="post")
        return parse_matches(response, text)


def tool_class(*, public: bool, timeout: float, limiter: RateLimiter | None):
    import language_tool_python as ltp

    base = ltp.LanguageToolPublicAPI if public else ltp.LanguageTool
    return type("LintCorpusLanguageTool", (_ClientMixin, base),
                {"_TIMEOUT": timeout, "_limiter": limiter})


def describe(exc: BaseException, timeout: float) -> str:
    """One short phrase for what went wrong."""
    import requests

    if isinstance(exc, LTError):
        return exc.reason
    seen = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, requests.exceptions.Timeout):
            return f"timed out after {timeout:g} s"
        if isinstance(e, requests.exceptions.ConnectionError):
            text = str(e).lower()
            return "connection refused" if "refused" in text else "could not connect"
        if isinstance(e, json.JSONDecodeError):
            body = " ".join(str(exc).split())[:80]
            return f"invalid response (not JSON): {body}" if body else "invalid response (not JSON)"
        e = e.__cause__ or e.__context__
    text = " ".join(str(exc).split())[:100]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Backend:
    """A LanguageTool that answered at start-up."""

    def __init__(self, tool, settings: GrammarSettings, name: str, *, concurrency: int,
                 sleep=time.sleep, owner=None, url: str = "") -> None:
        self.tool = tool
        self.url = url
        self.settings = settings
        self.name = name
        self.max_request_bytes = settings.request_limit
        self.concurrency = max(1, concurrency)
        self.sleep = sleep
        self.owner = owner  # a local server process to stop at the end
        self._pool = None  # a ThreadPoolExecutor, made on the first document with several requests
        self._lock = threading.Lock()
        self.failed_in_a_row = 0
        self.gave_up: str | None = None
        self.requests_sent = 0

    def _check_one(self, text: str) -> list[LTMatch] | LTError:
        from language_tool_python.exceptions import RateLimitError

        delay = 0.5
        reason = "no attempt made"
        for attempt in range(self.settings.retries + 1):
            with self._lock:
                self.requests_sent += 1
            try:
                return self.tool.check_spans(text)
            except RateLimitError:
                reason = "rate limit of the public API reached"
                delay = max(delay, 15.0)
            except Exception as exc:  # any failure is one file's grammar, never the run
                reason = describe(exc, self.settings.timeout)
            if attempt < self.settings.retries:
                self.sleep(delay)
                delay *= 2
        return LTError(reason)

    def check_texts(self, texts: list[str]) -> list[list[LTMatch] | LTError]:
        """Check the requests of one document; a failure is returned, never raised."""
        if self.gave_up:
            return [LTError(self.gave_up) for _ in texts]
        if len(texts) <= 1 or self.concurrency == 1:
            results = [self._check_one(t) for t in texts]
        else:
            from concurrent.futures import ThreadPoolExecutor

            with self._lock:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(self.concurrency,
                                                    thread_name_prefix="languagetool")
            results = list(self._pool.map(self._check_one, texts))
        failures = [r for r in results if isinstance(r, LTError)]
        with self._lock:
            if failures and len(failures) == len(results):
                self.failed_in_a_row += 1
                if self.failed_in_a_row >= self.settings.give_up_after:
                    self.gave_up = (f"{failures[-1].reason}; stopped sending after "
                                    f"{self.failed_in_a_row} failed files")
            elif not failures:
                self.failed_in_a_row = 0
        return results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self.owner is not None:
            try:
                self.owner.close()
            except Exception:  # the process may be gone already
                pass
            self.owner = None


def connect(settings: GrammarSettings, *, url: str | None, public: bool, name: str,
            extra_disabled: tuple[str, ...] = (), owner=None, sleep=time.sleep) -> Backend | Unavailable:
    """Open a client (language-tool-python asks the server for its languages) with retries."""
    try:
        cls = tool_class(public=public, timeout=settings.timeout,
                         limiter=PUBLIC_LIMITER if public else None)
    except ImportError as exc:  # pragma: no cover - it is a dependency
        return Unavailable(f"language-tool-python is not installed ({exc})")
    kwargs = {"mother_tongue": settings.mother_tongue}
    if public and PUBLIC_URL is not None:
        url = PUBLIC_URL
    if url is not None:
        # language-tool-python adds "v2/" itself: accept "http://host:8010/v2" as well.
        kwargs["remote_server"] = re.sub(r"/v2/?$", "/", url)
    reason = ""
    delay = 0.5
    for attempt in range(settings.retries + 1):
        try:
            tool = cls(settings.language, **kwargs)
            break
        except ValueError as exc:  # an unsupported language: asking again will not help
            return Unavailable(f"{name} cannot check {settings.language!r}: {exc}")
        except Exception as exc:
            reason = describe(exc, settings.timeout)
        if attempt < settings.retries:
            sleep(delay)
            delay *= 2
    else:
        return Unavailable(f"{name} did not answer ({reason})")
    tool.picky = settings.picky
    tool.disabled_rules = set(settings.disabled_rules) | set(extra_disabled)
    tool.enabled_rules = set(settings.enabled_rules)
    tool.disabled_categories = set(settings.disabled_categories)
    tool.preferred_variants = set(settings.preferred_variants)
    concurrency = 1 if public else settings.concurrency
    return Backend(tool, settings, name, concurrency=concurrency, sleep=sleep, owner=owner,
                   url=url or "")
