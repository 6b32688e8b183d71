"""A LanguageTool stand-in for tests: an HTTP server on 127.0.0.1 that the tests start.

It implements LanguageTool's `/v2/languages`, `/v2/check` and `/v2/healthcheck`
with LanguageTool's JSON shape (offsets in UTF-16 code units, as Java counts
them), records every request, and asserts that only prose was sent: no
Markdown syntax, URLs, code or front matter.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]

# Text that must never reach LanguageTool (Markdown syntax, URLs, code).
FORBIDDEN = ("`", "](", "http://", "https://", "[^", "```", "<!--", "SECRET")


@dataclass
class Rule:
    """Report every match of `pattern` (group 1 if it has one) as a LanguageTool match."""

    pattern: str
    rule_id: str
    category: str
    message: str
    replacements: tuple[str, ...] = ()
    issue_type: str = "grammar"


DEFAULT_RULES = [
    Rule(r"\bteh\b", "MORFOLOGIK_RULE_EN_US", "TYPOS", "Possible spelling mistake found.",
         ("the", "ten", "tea"), "misspelling"),
    Rule(r"\b(Ummah|Rizwan)\b", "MORFOLOGIK_RULE_EN_US", "TYPOS",
         "Possible spelling mistake found.", ("Umma",), "misspelling"),
    Rule(r"\b(a) (?:apple|hour)\b", "EN_A_VS_AN", "MISC",
         "Use “an” instead of ‘a’ if the following word starts with a vowel sound.", ("an",)),
    Rule(r"\b(could of)\b", "COULD_OF", "GRAMMAR", "Did you mean “could have”?",
         ("could have",)),
    Rule(r"\b(very unique)\b", "EN_UNIQUE", "STYLE", "“unique” is absolute.", ("unique",),
         "style"),
]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FakeLanguageTool:
    rules: list[Rule] = field(default_factory=lambda: list(DEFAULT_RULES))
    # "ok", "500", "malformed", "slow", "no-matches-key"; or a function(text) -> one of them.
    behaviour: object = "ok"
    slow_seconds: float = 2.0
    checks: list[dict] = field(default_factory=list)  # form fields of each /v2/check
    violations: list[str] = field(default_factory=list)
    language_requests: int = 0

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                path = urllib.parse.urlparse(self.path).path
                if path == "/v2/languages":
                    with fake.lock:
                        fake.language_requests += 1
                    self._send(200, json.dumps(LANGUAGES))
                elif path == "/v2/healthcheck":
                    self._send(200, "OK", "text/plain")
                else:
                    self._send(404, "Not found", "text/plain")

            def do_POST(self):
                if urllib.parse.urlparse(self.path).path != "/v2/check":
                    self._send(404, "Not found", "text/plain")
                    return
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"),
                                             keep_blank_values=True)
                params = {k: v[0] for k, v in form.items()}
                text = params.get("text", "")
                with fake.lock:
                    fake.checks.append(params)
                    for bad in FORBIDDEN:
                        if bad in text:
                            fake.violations.append(f"{bad!r} sent in {text[:80]!r}")
                    if text.lstrip().startswith("---"):
                        fake.violations.append("front matter sent")
                mode = fake.behaviour(text) if callable(fake.behaviour) else fake.behaviour
                if mode == "slow":
                    time.sleep(fake.slow_seconds)
                    mode = "ok"
                if mode == "500":
                    self._send(500, "Error: Internal Server Error: java.lang.RuntimeException",
                               "text/plain")
                elif mode == "malformed":
                    self._send(200, '{"software": {"name": "LanguageTool"}, "matches": [{"off')
                elif mode == "no-matches-key":
                    self._send(200, json.dumps({"software": {"name": "LanguageTool"}}))
                else:
                    self._send(200, json.dumps(fake.response(text, params)))

            def _send(self, status, body, ctype="application/json"):
                data = body.encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    # -- LanguageTool's answer -------------------------------------------------------------
    def response(self, text: str, params: dict) -> dict:
        matches = []
        disabled = set(filter(None, params.get("disabledRules", "").split(",")))
        for rule in self.rules:
            if rule.rule_id in disabled:
                continue
            for m in re.finditer(rule.pattern, text):
                start, end = (m.start(1), m.end(1)) if m.groups() else (m.start(), m.end())
                matches.append(self._match(text, start, end, rule))
        matches.sort(key=lambda d: d["offset"])
        return {
            "software": {"name": "LanguageTool", "version": "6.5", "buildDate": "2024-09-27",
                         "apiVersion": 1, "premium": False, "status": ""},
            "warnings": {"incompleteResults": False},
            "language": {"name": "English (US)", "code": params.get("language", "en-US"),
                         "detectedLanguage": {"name": "English (US)", "code": "en-US",
                                              "confidence": 0.99}},
            "matches": matches,
        }

    @staticmethod
    def _match(text: str, start: int, end: int, rule: Rule) -> dict:
        ctx_start = max(0, start - 40)
        context = text[ctx_start:end + 40].replace("\n", " ")
        return {
            "message": rule.message,
            "shortMessage": "",
            "replacements": [{"value": r} for r in rule.replacements],
            # Java strings: offsets and lengths in UTF-16 code units.
            "offset": utf16_len(text[:start]),
            "length": utf16_len(text[start:end]),
            "context": {"text": context, "offset": utf16_len(text[ctx_start:start]),
                        "length": utf16_len(text[start:end])},
            "sentence": text[max(0, start - 20):end + 20],
            "type": {"typeName": "Other"},
            "rule": {"id": rule.rule_id, "description": rule.message,
                     "issueType": rule.issue_type,
                     "category": {"id": rule.category, "name": rule.category.title()}},
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        }

    # -- lifecycle -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "FakeLanguageTool":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def texts(self) -> list[str]:
        return [c.get("text", "") for c in self.checks]
