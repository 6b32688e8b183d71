"""LanguageTool through language-tool-python, against a LanguageTool stand-in the tests start.

No LanguageTool is downloaded or needed: `languagetool_fake.FakeLanguageTool`
serves LanguageTool's /v2/check and /v2/languages on 127.0.0.1 and records
what it was sent.
"""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from pathlib import Path

import pytest

from languagetool_fake import FakeLanguageTool
from linter.cli import main
from linter.config import Config, bundled_rules_dir
from linter.engine import Engine
from linter.finding import Severity
from linter.languagetool import client, runtime
from linter.languagetool import local as client_local
from linter.languagetool.client import RateLimiter, Utf16Offsets
from linter.languagetool.request import SEPARATOR, build_requests
from linter.languagetool.settings import (ENV_VAR, GrammarSettings, SettingsError,
                                          from_sources)
from linter.pack import load_pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path_factory):
    """No local LanguageTool, no server from the environment, no download ever."""
    monkeypatch.setenv("LTP_PATH", str(tmp_path_factory.mktemp("ltp-empty")))
    monkeypatch.delenv(ENV_VAR, raising=False)
    # The stand-in server is on 127.0.0.1: never route it through a proxy from the environment.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")

    def no_download(self):  # pragma: no cover - reaching this is the failure
        raise AssertionError("LanguageTool must never be downloaded during a lint run")

    from language_tool_python.download_lt import LocalLanguageTool
    monkeypatch.setattr(LocalLanguageTool, "download", no_download, raising=False)
    for sub in LocalLanguageTool.__subclasses__():
        monkeypatch.setattr(sub, "download", no_download)
    yield
    runtime.forget_settings()


def settings_for(url: str, **kw) -> GrammarSettings:
    base = GrammarSettings(languagetool=url, source="test", timeout=5.0, retries=0)
    return replace(base, **kw)


def lint(files: dict[str, str | bytes], settings: GrammarSettings | None = None,
         rules_dir: Path | None = None, select: list[str] | None = None):
    if settings is not None:
        runtime.configure(settings)
    pack = load_pack(Config(rules_dirs=[rules_dir or bundled_rules_dir()]), select=select)
    engine = Engine(pack, select=select)
    outcomes = []
    for name, text in files.items():
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        outcomes.append(engine.lint_bytes(name, raw))
    return engine.result(outcomes, engine.corpus_findings(outcomes))


def lt_findings(result, rule_prefix="grammar.lt"):
    return [f for f in result.findings if f.rule.startswith(rule_prefix)]


def position_of(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based (line, column in code points) of the n-th occurrence, CRLF counted as one break."""
    norm = text.replace("\r\n", "\n")
    idx = -1
    for _ in range(occurrence + 1):
        idx = norm.index(needle, idx + 1)
    line = norm.count("\n", 0, idx) + 1
    col = idx - (norm.rfind("\n", 0, idx) + 1) + 1
    return line, col


MARKDOWN = textwrap.dedent("""\
    ---
    title: teh front matter SECRET
    ---

    # A heading with teh typo

    Intro with a [link about teh site](https://example.com/teh) and `teh code`, then teh word.
    A second line: the café serves teh best tea.

    Footnote here[^1] and teh 😀 emoji, then teh again 😀😀 teh.

    ```python
    teh = "SECRET code block"
    ```

    > Quoted teh text with <https://example.com/teh> inside.

    [^1]: The footnote has teh typo too.
    """)

# Every prose "teh", in source order, as (line text fragment, occurrence of "teh" in the file).
PROSE_TEH_LINES = [5, 7, 7, 8, 10, 10, 10, 16, 18]


def expected_teh_positions(text: str, skip_lines=()) -> list[tuple[int, int]]:
    """Where every "teh" is, except on `skip_lines` and inside URLs or inline code."""
    keep = []
    for line_no, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        col = line.find("teh")
        while col >= 0:
            before = line[:col]
            if line_no not in skip_lines and not before.endswith(("example.com/", "`")):
                keep.append((line_no, col + 1))
            col = line.find("teh", col + 1)
    return keep


@pytest.mark.parametrize("newline,bom", [("\n", b""), ("\r\n", b""), ("\r\n", b"\xef\xbb\xbf")],
                         ids=["LF", "CRLF", "CRLF+BOM"])
def test_positions_are_exact_through_markdown_and_only_prose_is_sent(newline, bom):
    text = MARKDOWN.replace("\n", newline)
    with FakeLanguageTool() as fake:
        result = lint({"doc.md": bom + text.encode("utf-8")}, settings_for(fake.url))
    assert fake.violations == []
    assert len(fake.checks) == 1  # one request for the whole document
    sent = fake.texts[0]
    assert "teh front matter" not in sent and "SECRET" not in sent and "example.com" not in sent
    assert "Dummy" in sent  # inline code went as a placeholder word
    got = sorted((f.line, f.column) for f in lt_findings(result)
                 if f.rule == "grammar.lt.MORFOLOGIK_RULE_EN_US")
    want = expected_teh_positions(text, skip_lines=(2, 13))  # front matter, code block
    assert [line for line, _ in want] == PROSE_TEH_LINES
    assert got == want
    for f in lt_findings(result):
        assert f.end_line == f.line and f.end_column == f.column + 3
        assert f.span_text == "teh"
        assert f.severity is Severity.INFO
        assert f.suggestions == ("the", "ten", "tea")
    assert result.notices == []
    assert all(fr.metrics.get("languagetool") == "checked" for fr in result.files)


def test_request_text_is_the_prose_of_the_blocks():
    text = "# Title\n\nSee [the docs](http://x.org) and `code` here.\n\n| a | b |\n|---|---|\n| c | d |\n"
    with FakeLanguageTool() as fake:
        lint({"t.md": text}, settings_for(fake.url))
    # Headings and paragraphs, joined with a blank line; table cells are left out by default.
    assert fake.texts == ["Title" + SEPARATOR + "See the docs and Dummy0 here."]
    params = fake.checks[0]
    assert params["language"] == "en-US"
    assert "ENGLISH_WORD_REPEAT_RULE" in params["disabledRules"]


@pytest.mark.parametrize("suffix", ["", "/", "/v2", "/v2/"])
def test_server_url_with_or_without_the_api_path(suffix):
    with FakeLanguageTool() as fake:
        result = lint({"a.md": "It has teh typo.\n"}, settings_for(fake.url + suffix))
    assert [f.span_text for f in lt_findings(result)] == ["teh"]


def test_one_request_per_document_and_one_connection_per_run():
    docs = {f"d{i}.md": f"Paragraph one of {i} has teh typo.\n\nParagraph two.\n" for i in range(4)}
    with FakeLanguageTool() as fake:
        result = lint(docs, settings_for(fake.url))
    assert len(fake.checks) == 4
    assert fake.language_requests == 1  # the client was opened once for the run
    assert len(lt_findings(result)) == 4


def test_chunking_at_paragraph_boundaries_when_over_the_limit():
    paragraphs = [f"Paragraph {i} is here and it mentions teh mistake once. " * 3 for i in range(12)]
    text = "\n\n".join(p.strip() for p in paragraphs) + "\n"
    with FakeLanguageTool() as fake:
        result = lint({"long.md": text}, settings_for(fake.url, max_request_bytes=1000))
    assert len(fake.checks) > 1
    blocks = [p.strip() for p in paragraphs]
    for sent in fake.texts:
        assert len(sent.encode("utf-8")) <= 1000
        # Every request is whole paragraphs joined by blank lines: cut only at paragraph boundaries.
        assert all(part in blocks for part in sent.split(SEPARATOR))
    assert sum(len(t.split(SEPARATOR)) for t in fake.texts) == 12
    got = sorted((f.line, f.column) for f in lt_findings(result))
    assert got == expected_teh_positions(text)
    assert len(got) == 36


def test_a_paragraph_over_the_limit_is_split_between_sentences():
    sentence = "This sentence has teh word and is long enough to matter here. "
    text = (sentence * 40).strip() + "\n"
    with FakeLanguageTool() as fake:
        result = lint({"p.md": text}, settings_for(fake.url, max_request_bytes=1000))
    assert len(fake.checks) >= 3
    for sent in fake.texts:
        assert len(sent.encode("utf-8")) <= 1000
        assert sent.startswith("This sentence") and sent.endswith("here.")
    assert sorted((f.line, f.column) for f in lt_findings(result)) == expected_teh_positions(text)


def test_build_requests_maps_offsets_back_to_blocks():
    from linter.engine import parse_for_tests

    doc = parse_for_tests("One teh.\n\nTwo `x` teh.\n")
    (request,) = build_requests(doc.blocks, 10_000)
    assert request.text == "One teh.\n\nTwo Dummy0 teh."
    i = request.text.rindex("teh")
    block, start, end = request.locate(i, i + 3)
    assert block is doc.blocks[1] and block.text[start:end] == "teh"
    assert request.locate(6, 12) is None  # across the separator


def test_utf16_offsets_are_converted_to_code_points():
    text = "a😀b😀😀c"
    conv = Utf16Offsets(text)
    # LanguageTool's offset of "c" is 8 UTF-16 units (each emoji is two), Python's is 5.
    assert conv.to_code_points(8) == text.index("c")
    assert conv.to_code_points(3) == text.index("b")
    assert conv.to_code_points(1) == 1


def test_severity_suggestions_and_fixes_follow_the_category():
    text = "We could of done it. It was a very unique idea with teh cat.\n"
    with FakeLanguageTool() as fake:
        result = lint({"s.md": text}, settings_for(fake.url))
    by_rule = {f.rule: f for f in lt_findings(result)}
    grammar = by_rule["grammar.lt.COULD_OF"]
    assert grammar.severity is Severity.WARNING
    assert (grammar.line, grammar.column) == position_of(text, "could of")
    assert grammar.fix is not None and grammar.fix.safe
    assert grammar.fix.edits[0].text == "could have"
    style = by_rule["grammar.lt.EN_UNIQUE"]
    assert style.severity is Severity.INFO and style.suggestions == ("unique",)
    typo = by_rule["grammar.lt.MORFOLOGIK_RULE_EN_US"]
    assert typo.severity is Severity.INFO
    assert typo.fix is None  # three suggestions: no fix, suggestions only
    assert typo.data["category"] == "TYPOS"


def test_a_severity_set_for_the_rule_applies_to_every_category():
    text = "We could of done it with teh cat.\n"
    with FakeLanguageTool() as fake:
        runtime.configure(settings_for(fake.url))
        config = Config(rules_dirs=[bundled_rules_dir()])
        pack = load_pack(config, severity={"grammar.lt": Severity.ERROR})
        engine = Engine(pack)
        findings = lt_findings(engine.lint_bytes("a.md", text.encode()))
    assert {(f.rule, f.severity) for f in findings} == {
        ("grammar.lt.COULD_OF", Severity.ERROR), ("grammar.lt.MORFOLOGIK_RULE_EN_US", Severity.ERROR)}


def test_accepted_and_term_base_words_are_never_spelling_errors(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "rules" / "grammar.yml", rules / "grammar.yml")
    text = "Rizwan Ahmed serves the Ummah and teh community.\n"
    with FakeLanguageTool() as fake:
        plain = lint({"a.md": text}, settings_for(fake.url), rules_dir=rules)
        assert {f.span_text for f in lt_findings(plain)} == {"Rizwan", "Ummah", "teh"}
        (rules / "vocabulary.yml").write_text("accept:\n  - Rizwan\n  - Ummah\n", "utf-8")
        runtime.forget_settings()
        accepted = lint({"a.md": text}, settings_for(fake.url), rules_dir=rules)
    assert {f.span_text for f in lt_findings(accepted)} == {"teh"}
    runtime.forget_settings()
    with FakeLanguageTool() as fake:  # the shipped rule pack: its term base knows both words
        shipped = lint({"a.md": text}, settings_for(fake.url))
    assert {f.span_text for f in lt_findings(shipped)} == {"teh"}


def test_one_error_reported_by_languagetool_and_the_offline_rule_gives_one_finding():
    text = "She ate a apple yesterday.\n"
    with FakeLanguageTool() as fake:
        result = lint({"a.md": text}, settings_for(fake.url))
    spans = [(f.rule, f.line, f.column) for f in result.findings if f.span_text == "a"]
    assert spans == [("grammar.lt.EN_A_VS_AN", 1, 9)]
    runtime.forget_settings()
    offline = lint({"a.md": text}, GrammarSettings(languagetool="off"))
    assert [(f.rule, f.column) for f in offline.findings] == [("grammar.article", 9)]


def test_config_settings_are_sent(tmp_path):
    with FakeLanguageTool() as fake:
        s = from_sources({"languagetool": fake.url, "language": "en-GB", "picky": True,
                          "disabled-rules": ["EN_QUOTES"], "mother-tongue": "de-DE"})
        lint({"a.md": "Some text.\n"}, s)
    params = fake.checks[0]
    assert params["language"] == "en-GB"
    assert params["level"] == "picky"
    assert params["motherTongue"] == "de-DE"
    assert set(params["disabledRules"].split(",")) == {"EN_QUOTES", "ENGLISH_WORD_REPEAT_RULE"}


# -- failures: never lose the other rules' findings --------------------------------------------
def _offline_and_style(result, path):
    return {f.rule for f in result.findings if f.path == path and not f.rule.startswith("grammar.lt")}


BROKEN = "These changes reduces costs. It is a phenomenal idea. teh BOOM.\n"
FINE = "This one is fine but has teh typo.\n"


@pytest.mark.parametrize("mode,reason", [
    ("500", "invalid response (not JSON): Error: Internal Server Error"),
    ("malformed", "invalid response (not JSON)"),
    ("no-matches-key", "unexpected response (no 'matches' list)"),
])
def test_a_failing_request_names_the_file_and_keeps_other_findings(mode, reason):
    with FakeLanguageTool(behaviour=lambda text: mode if "BOOM" in text else "ok") as fake:
        result = lint({"a.md": FINE, "b.md": BROKEN}, settings_for(fake.url))
    assert [f.path for f in lt_findings(result)] == ["a.md"]
    assert _offline_and_style(result, "b.md") == {"grammar.agreement", "style.puffery"}
    (notice,) = [n for n in result.notices if n.startswith("grammar.lt")]
    assert "incomplete for 1 of 2 files" in notice and notice.endswith(": b.md")
    assert reason in notice
    files = {f.path: f.metrics.get("languagetool") for f in result.files}
    assert files == {"a.md": "checked", "b.md": "incomplete"}


def test_a_timeout_is_reported_and_retried():
    with FakeLanguageTool(behaviour="slow", slow_seconds=3.0) as fake:
        result = lint({"b.md": BROKEN}, settings_for(fake.url, timeout=0.4, retries=1))
    assert len(fake.checks) == 2  # one retry
    (notice,) = [n for n in result.notices if n.startswith("grammar.lt")]
    assert "timed out after 0.4 s" in notice and "b.md" in notice
    assert _offline_and_style(result, "b.md") == {"grammar.agreement", "style.puffery"}


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_connection_refused_at_start_is_one_unavailable_notice():
    url = _closed_port_url()
    result = lint({"a.md": BROKEN, "b.md": FINE}, settings_for(url, retries=1))
    notices = [n for n in result.notices if n.startswith("grammar.lt")]
    assert notices == [f"grammar.lt: LanguageTool server {url} did not answer (connection "
                       f"refused); only the offline grammar checks ran"]
    assert _offline_and_style(result, "a.md") == {"grammar.agreement", "style.puffery"}


def test_a_server_that_dies_mid_run_loses_nothing_else():
    fake = FakeLanguageTool().__enter__()
    settings = settings_for(fake.url)
    runtime.configure(settings)
    pack = load_pack(Config(rules_dirs=[bundled_rules_dir()]))
    engine = Engine(pack)
    outcomes = [engine.lint_bytes("a.md", FINE.encode())]
    fake.stop()
    outcomes += [engine.lint_bytes(p, BROKEN.encode()) for p in ("b.md", "c.md")]
    result = engine.result(outcomes, engine.corpus_findings(outcomes))
    assert [f.path for f in lt_findings(result)] == ["a.md"]
    (notice,) = [n for n in result.notices if n.startswith("grammar.lt")]
    assert "incomplete for 2 of 3 files" in notice and notice.endswith(": b.md, c.md")
    assert "connection refused" in notice or "could not connect" in notice
    for p in ("b.md", "c.md"):
        assert _offline_and_style(result, p) == {"grammar.agreement", "style.puffery"}


def test_repeated_failures_stop_sending():
    docs = {f"f{i}.md": BROKEN for i in range(6)}
    with FakeLanguageTool(behaviour="500") as fake:
        result = lint(docs, settings_for(fake.url, give_up_after=2))
    assert len(fake.checks) == 2  # then the server is given up on
    (notice,) = [n for n in result.notices if n.startswith("grammar.lt")]
    assert "incomplete for 6 of 6 files" in notice and "stopped sending after 2 failed files" in notice


def test_concurrency_is_bounded():
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def behaviour(text):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        return "ok"

    text = "\n\n".join(f"Paragraph {i} says teh thing. " * 20 for i in range(30)) + "\n"
    with FakeLanguageTool(behaviour=behaviour) as fake:
        result = lint({"big.md": text}, settings_for(fake.url, max_request_bytes=1500,
                                                      concurrency=2))
    assert len(fake.checks) >= 10
    assert state["max"] <= 2
    assert len(lt_findings(result)) == 600


# -- the public API ------------------------------------------------------------------------------
def test_public_mode_uses_language_tool_public_api_with_its_limits(monkeypatch):
    calls = []

    class CountingLimiter(RateLimiter):
        def acquire(self):
            calls.append(time.monotonic())

    text = "\n\n".join(f"Paragraph {i} has teh error in it. " * 30 for i in range(40)) + "\n"
    with FakeLanguageTool() as fake:
        monkeypatch.setattr(client, "PUBLIC_URL", fake.url)
        monkeypatch.setattr(client, "PUBLIC_LIMITER", CountingLimiter(20, 60))
        result = lint({"big.md": text}, settings_for("public", concurrency=8))
        backend = runtime.backend()
    import language_tool_python

    assert isinstance(backend.tool, language_tool_python.LanguageToolPublicAPI)
    assert backend.concurrency == 1
    assert len(fake.checks) >= 3
    assert all(len(t.encode("utf-8")) <= 18_000 for t in fake.texts)
    assert len(calls) == len(fake.checks) + 1  # every request, the languages query included
    assert len(lt_findings(result)) == 1200


def test_rate_limiter_allows_twenty_requests_a_minute():
    clock = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        clock[0] += seconds

    limiter = RateLimiter(20, 60.0, clock=lambda: clock[0], sleep=sleep)
    for _ in range(20):
        limiter.acquire()
    assert slept == [] and clock[0] == 0.0
    limiter.acquire()  # the 21st waits for the first to leave the window
    assert clock[0] == pytest.approx(60.0)
    clock[0] += 1.0
    for _ in range(19):
        limiter.acquire()
    assert clock[0] == pytest.approx(61.0)


# -- settings and the command line ---------------------------------------------------------------
def test_settings_precedence_cli_over_env_over_config():
    table = {"languagetool": "http://config:8010"}
    assert from_sources(table, env={}).languagetool == "http://config:8010"
    s = from_sources(table, env={ENV_VAR: "http://env:8010"})
    assert (s.languagetool, s.source) == ("http://env:8010", ENV_VAR)
    s = from_sources(table, env={ENV_VAR: "http://env:8010"}, cli_value="off")
    assert (s.mode, s.source) == ("off", "--languagetool")
    assert from_sources({}, env={}).mode == "auto"
    assert from_sources({}, env={}, cli_value="PUBLIC").request_limit == 18_000


@pytest.mark.parametrize("table,message", [
    ({"languagetool": "ftp://x"}, "expected a server URL"),
    ({"languagetool": 3}, "must be a non-empty string"),
    ({"picky": "yes"}, "must be true or false"),
    ({"timeout": 0}, "must be a number >= 0.1"),
    ({"retries": 1.5}, "must be a whole number"),
    ({"disabled-rules": [1]}, "must be a list of strings"),
    ({"colour": "red"}, "unknown key 'colour'"),
])
def test_bad_settings_are_clear_errors(table, message):
    with pytest.raises(SettingsError, match=message):
        from_sources(table, env={})


def run_cli(args, cwd: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    try:
        import os
        os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            code = main(args)
    finally:
        os.chdir(old)
        runtime.forget_settings()
    return code, out.getvalue(), err.getvalue()


def test_cli_without_languagetool_runs_offline_checks_with_one_notice():
    code, out, err = run_cli(["seeds/", "--no-show-source"], ROOT)
    assert code in (0, 1) and err == ""
    notes = [line for line in out.splitlines() if line.startswith("note: grammar.lt")]
    assert notes == ["note: grammar.lt: LanguageTool is not available (no server configured and "
                     "no local install); only the offline grammar checks ran; use --languagetool "
                     "URL (a LanguageTool server), or run `lint-corpus grammar install` once for "
                     "a local one"]
    # The seeds' three agreement errors, each once (terminology.agreement knows the term base).
    agreement = [line.split(": ")[0] for line in out.splitlines()
                 if " grammar.agreement " in line or " terminology.agreement " in line]
    assert agreement == ["seeds/002_abe32fcd212065ce.txt:3:108", "seeds/002_abe32fcd212065ce.txt:3:128",
                         "seeds/002_abe32fcd212065ce.txt:21:81"]


def test_cli_languagetool_flag_env_and_config(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("It has teh typo.\n", "utf-8")
    with FakeLanguageTool() as fake:
        code, out, _ = run_cli(["a.md", "--languagetool", fake.url, "--format", "json"], tmp_path)
        assert code == 0 and '"grammar.lt.MORFOLOGIK_RULE_EN_US"' in out
        monkeypatch.setenv(ENV_VAR, fake.url)
        code, out, _ = run_cli(["a.md", "--format", "json"], tmp_path)
        assert '"grammar.lt.MORFOLOGIK_RULE_EN_US"' in out
        monkeypatch.delenv(ENV_VAR)
        (tmp_path / "pyproject.toml").write_text(
            f'[tool.lint-corpus.grammar]\nlanguagetool = "{fake.url}"\n', "utf-8")
        code, out, _ = run_cli(["a.md", "--format", "json"], tmp_path)
        assert '"grammar.lt.MORFOLOGIK_RULE_EN_US"' in out
        code, out, _ = run_cli(["a.md", "--format", "json", "--languagetool", "off"], tmp_path)
        assert "grammar.lt" not in out  # off: no findings and no notice
    assert len(fake.checks) == 3


def test_cli_bad_config_value_names_file_and_line(tmp_path):
    (tmp_path / "a.md").write_text("Text.\n", "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.lint-corpus]\n\n[tool.lint-corpus.grammar]\nlanguagetool = "nonsense"\n', "utf-8")
    code, _, err = run_cli(["a.md"], tmp_path)
    assert code == 2
    assert "pyproject.toml:4:" in err and "expected a server URL" in err
    code, _, err = run_cli(["a.md", "--languagetool", "gopher://x"], ROOT)
    assert code == 2 and "--languagetool: expected a server URL" in err


def test_require_grammar(tmp_path):
    (tmp_path / "a.md").write_text(FINE, "utf-8")
    (tmp_path / "b.md").write_text(BROKEN, "utf-8")
    code, out, err = run_cli(["a.md", "--require-grammar"], tmp_path)
    assert code == 2 and out == ""
    assert "--require-grammar: LanguageTool is not available" in err
    with FakeLanguageTool(behaviour=lambda t: "500" if "BOOM" in t else "ok") as fake:
        code, out, err = run_cli(["a.md", "--require-grammar", "--languagetool", fake.url],
                                 tmp_path)
        assert code == 0 and err == "" and "grammar.lt.MORFOLOGIK_RULE_EN_US" in out
        code, out, err = run_cli([".", "--require-grammar", "--languagetool", fake.url], tmp_path)
    assert code == 2
    assert "grammar.agreement" in out  # the report is still printed in full
    assert "LanguageTool did not check 1 file(s): b.md" in err


def test_grammar_install_downloads_only_when_asked(tmp_path, monkeypatch):
    from language_tool_python.download_lt import ReleaseLocalLanguageTool

    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    made = []

    def fake_download(self):
        made.append(self.version_name)
        folder = tmp_path / f"LanguageTool-{self.version_name}"
        folder.mkdir()
        (folder / "languagetool-server.jar").write_bytes(b"PK")

    monkeypatch.setattr(ReleaseLocalLanguageTool, "download", fake_download)
    code, _, err = run_cli(["grammar", "install", "--version", "6.4"], ROOT)
    assert code == 0 and made == ["6.4"]
    assert "Installed LanguageTool 6.4" in err
    code, _, err = run_cli(["grammar", "install", "--version", "6.4"], ROOT)
    assert code == 0 and made == ["6.4"] and "already installed" in err

    def failing_download(self):
        raise OSError("network unreachable")

    monkeypatch.setattr(ReleaseLocalLanguageTool, "download", failing_download)
    code, _, err = run_cli(["grammar", "install", "--version", "6.3"], ROOT)
    assert code == 2 and "could not install LanguageTool 6.3" in err and "network unreachable" in err
    code, out, _ = run_cli(["grammar", "status"], ROOT)
    assert code == 0 and "LanguageTool-6.4" in out


def test_worker_processes_share_the_run_s_local_server(monkeypatch):
    with FakeLanguageTool() as fake:
        runtime.configure(settings_for(fake.url, language="en-GB"))
        assert runtime.worker_settings() == runtime.settings()  # a URL is shared as it is

        class FakeServer:  # what start_server returns: the local server's owner
            closed = False

            def close(self):
                FakeServer.closed = True

        monkeypatch.setattr("linter.languagetool.local.find_local_install",
                            lambda version=None: client_local.LocalInstall("6.8", Path("/x")))
        monkeypatch.setattr("linter.languagetool.local.java_problem", lambda: None)
        monkeypatch.setattr("linter.languagetool.local.start_server",
                            lambda install, language: (FakeServer(), fake.url + "/"))
        runtime.configure(GrammarSettings(languagetool="local", language="en-GB"))
        backend = runtime.backend()
        assert backend.name == "local LanguageTool 6.8"
        worker = runtime.worker_settings()
        assert (worker.languagetool, worker.language) == (fake.url + "/", "en-GB")
        runtime.reset()
        assert FakeServer.closed  # the run's end stops the local server


def test_local_mode_without_install_never_downloads():
    result = lint({"a.md": BROKEN}, GrammarSettings(languagetool="local"))
    (notice,) = [n for n in result.notices if n.startswith("grammar.lt")]
    assert "no local LanguageTool is installed" in notice and "grammar install" in notice
    assert _offline_and_style(result, "a.md") == {"grammar.agreement", "style.puffery"}


# -- a real local server process ------------------------------------------------------------------
FAKE_SERVER_JAVA = r"""
package org.languagetool.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;

/** A stand-in for LanguageTool's HTTPServer: same class name and -p flag, LanguageTool's JSON. */
public class HTTPServer {
    public static void main(String[] args) throws Exception {
        int port = 8081;
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals("-p")) port = Integer.parseInt(args[i + 1]);
        String log = System.getenv("FAKE_LT_STARTS");
        if (log != null) Files.writeString(Paths.get(log), ProcessHandle.current().pid() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v2/healthcheck", ex -> send(ex, "OK"));
        server.createContext("/v2/languages", ex -> send(ex,
            "[{\"name\":\"English (US)\",\"code\":\"en\",\"longCode\":\"en-US\"}]"));
        server.createContext("/v2/check", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String text = "";
            for (String kv : body.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(0, eq).equals("text"))
                    text = URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
            StringBuilder out = new StringBuilder("{\"matches\":[");
            int at = text.indexOf("teh"); boolean first = true;
            while (at >= 0) {
                if (!first) out.append(',');
                first = false;
                out.append("{\"message\":\"Possible spelling mistake found.\",\"replacements\":[{\"value\":\"the\"}],")
                   .append("\"offset\":").append(at).append(",\"length\":3,")
                   .append("\"context\":{\"text\":\"teh\",\"offset\":0,\"length\":3},\"sentence\":\"teh\",")
                   .append("\"rule\":{\"id\":\"MORFOLOGIK_RULE_EN_US\",\"description\":\"Spelling\",")
                   .append("\"issueType\":\"misspelling\",\"category\":{\"id\":\"TYPOS\",\"name\":\"Typos\"}}}");
                at = text.indexOf("teh", at + 1);
            }
            send(ex, out.append("]}").toString());
        });
        server.start();
    }

    static void send(HttpExchange ex, String body) throws IOException {
        byte[] data = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, data.length);
        try (OutputStream os = ex.getResponseBody()) { os.write(data); }
    }
}
"""


@pytest.mark.skipif(shutil.which("javac") is None or not sys.platform.startswith("linux"),
                    reason="needs a JDK (javac) and /proc")
def test_local_mode_starts_the_server_once_per_run_and_stops_it(tmp_path):
    import os
    import zipfile

    src = tmp_path / "src" / "org" / "languagetool" / "server"
    src.mkdir(parents=True)
    (src / "HTTPServer.java").write_text(FAKE_SERVER_JAVA, "utf-8")
    classes = tmp_path / "classes"
    subprocess.run(["javac", "-d", str(classes), str(src / "HTTPServer.java")], check=True,
                   capture_output=True, timeout=300)
    ltp = tmp_path / "ltp"
    install = ltp / "LanguageTool-6.8"
    install.mkdir(parents=True)
    with zipfile.ZipFile(install / "languagetool-server.jar", "w") as jar:
        for f in classes.rglob("*.class"):
            jar.write(f, f.relative_to(classes).as_posix())
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"d{i}.md").write_text(f"# Doc {i}\n\nIt has teh 😀 teh typo.\n", "utf-8")
    starts = tmp_path / "starts.log"
    env = dict(os.environ, LTP_PATH=str(ltp), FAKE_LT_STARTS=str(starts))
    env.pop(ENV_VAR, None)
    proc = subprocess.run([sys.executable, "-m", "linter", ".", "--no-show-source",
                           "--require-grammar"], cwd=docs, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if "MORFOLOGIK" in line]
    assert len(lines) == 6
    assert "d0.md:3:8:" in lines[0] and "d0.md:3:14:" in lines[1]  # after the emoji: code points
    pids = starts.read_text().split()
    assert len(pids) == 1  # started once for the three files
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and Path(f"/proc/{pids[0]}").exists():
        time.sleep(0.1)
    assert not Path(f"/proc/{pids[0]}").exists()  # stopped when the run ended
