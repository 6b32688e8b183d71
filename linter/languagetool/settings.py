"""Which LanguageTool to use, and how: `[tool.lint-corpus.grammar]`, the environment, the CLI.

    [tool.lint-corpus.grammar]
    languagetool = "http://localhost:8010"   # a URL, "local", "public", "off" or "auto"
    language = "en-GB"                       # or "auto" with preferred-variants = ["en-GB"]
    picky = false
    disabled-rules = ["EN_QUOTES"]
    timeout = 30                             # seconds per request
    retries = 1
    concurrency = 2                          # requests in flight at once
    require = false                          # like --require-grammar

The choice of server is taken from `--languagetool`, else from the environment
variable LINT_CORPUS_LANGUAGETOOL, else from the config file, else "auto":
a configured server, or an installed local LanguageTool, or none (with a notice).
"public" sends text to the public API, so it is never chosen automatically.
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass, replace

ENV_VAR = "LINT_CORPUS_LANGUAGETOOL"
MODES = ("auto", "off", "local", "public")
# The public API's limits: about 20 requests a minute and 20 KB of text per request.
PUBLIC_MAX_REQUEST_BYTES = 18_000
PUBLIC_REQUESTS_PER_MINUTE = 20
DEFAULT_MAX_REQUEST_BYTES = 50_000


class SettingsError(ValueError):
    """A bad value; `key` names the config key (for the line number) when it came from the file."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class GrammarSettings:
    languagetool: str = "auto"  # auto | off | local | public | an http(s) URL
    source: str = "default"  # where `languagetool` came from, for messages
    language: str = "en-US"
    mother_tongue: str | None = None
    preferred_variants: tuple[str, ...] = ()
    picky: bool = False
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    timeout: float = 30.0
    retries: int = 1
    concurrency: int = 2
    max_request_bytes: int | None = None  # None: 50 000 for your own server, 18 000 for public
    require: bool = False
    local_version: str | None = None  # an installed local LanguageTool; default the newest
    # After this many documents in a row fail, later ones are not sent (the server is down).
    give_up_after: int = 3

    @property
    def mode(self) -> str:
        return self.languagetool if self.languagetool in MODES else "url"

    @property
    def url(self) -> str | None:
        return self.languagetool if self.mode == "url" else None

    @property
    def request_limit(self) -> int:
        if self.max_request_bytes:
            return self.max_request_bytes
        return PUBLIC_MAX_REQUEST_BYTES if self.mode == "public" else DEFAULT_MAX_REQUEST_BYTES


CONFIG_KEYS = {
    "languagetool", "language", "mother-tongue", "preferred-variants", "picky", "disabled-rules",
    "enabled-rules", "disabled-categories", "timeout", "retries", "concurrency",
    "max-request-bytes", "require", "local-version", "give-up-after",
}


def parse_backend(value: str, where: str, key: str | None = None) -> str:
    """Validate a --languagetool / env / config value; return it normalised."""
    v = value.strip()
    if v.lower() in MODES:
        return v.lower()
    parts = urllib.parse.urlparse(v)
    if parts.scheme in ("http", "https") and parts.netloc:
        return v
    raise SettingsError(f"{where}: expected a server URL (http://host:port), local, public, "
                        f"off or auto, not {value!r}", key)


def from_sources(table: dict | None = None, *, env: dict | None = None,
                 cli_value: str | None = None, cli_require: bool = False) -> GrammarSettings:
    """Settings from the config table, the environment and the command line (highest wins)."""
    table = dict(table or {})
    env = os.environ if env is None else env
    for key in table:
        if key not in CONFIG_KEYS:
            raise SettingsError(f"unknown key '{key}' in [tool.lint-corpus.grammar] "
                                f"(known: {', '.join(sorted(CONFIG_KEYS))})", key)
    s = GrammarSettings()
    if "languagetool" in table:
        s = replace(s, languagetool=parse_backend(_str(table, "languagetool"),
                                                  "grammar.languagetool", "languagetool"),
                    source="config")
    if env.get(ENV_VAR, "").strip():
        s = replace(s, languagetool=parse_backend(env[ENV_VAR], ENV_VAR), source=ENV_VAR)
    if cli_value is not None:
        s = replace(s, languagetool=parse_backend(cli_value, "--languagetool"),
                    source="--languagetool")
    changes: dict = {}
    if "language" in table:
        changes["language"] = _str(table, "language")
    if "mother-tongue" in table:
        changes["mother_tongue"] = _str(table, "mother-tongue")
    if "local-version" in table:
        changes["local_version"] = _str(table, "local-version")
    for key, attr in (("preferred-variants", "preferred_variants"),
                      ("disabled-rules", "disabled_rules"), ("enabled-rules", "enabled_rules"),
                      ("disabled-categories", "disabled_categories")):
        if key in table:
            changes[attr] = tuple(_str_list(table, key))
    for key in ("picky", "require"):
        if key in table:
            if not isinstance(table[key], bool):
                raise SettingsError(f"'grammar.{key}' must be true or false", key)
            changes[key] = table[key]
    if "timeout" in table:
        changes["timeout"] = _number(table, "timeout", minimum=0.1)
    for key, attr, minimum in (("retries", "retries", 0), ("concurrency", "concurrency", 1),
                               ("max-request-bytes", "max_request_bytes", 1000),
                               ("give-up-after", "give_up_after", 1)):
        if key in table:
            changes[attr] = int(_number(table, key, minimum=minimum, whole=True))
    s = replace(s, **changes)
    if cli_require:
        s = replace(s, require=True)
    if s.mode == "public" and s.max_request_bytes and s.max_request_bytes > PUBLIC_MAX_REQUEST_BYTES:
        s = replace(s, max_request_bytes=PUBLIC_MAX_REQUEST_BYTES)
    return s


def _str(table: dict, key: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"'grammar.{key}' must be a non-empty string", key)
    return value.strip()


def _str_list(table: dict, key: str) -> list[str]:
    value = table[key]
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"'grammar.{key}' must be a list of strings", key)
    return value


def _number(table: dict, key: str, *, minimum: float, whole: bool = False) -> float:
    value = table[key]
    ok = isinstance(value, int) if whole else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok or value < minimum:
        kind = "a whole number" if whole else "a number"
        raise SettingsError(f"'grammar.{key}' must be {kind} >= {minimum:g}", key)
    return value
