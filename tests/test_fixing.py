"""--fix and --diff: only the fixed spans change; idempotent; atomic; never in code or URLs."""

from __future__ import annotations

import os
import stat

import pytest

from linter.cli import main
from linter.engine import Engine
from linter.finding import Edit, Finding, Fix, Severity
from linter.fixing import fix_bytes, select_fixes, unified_diff
from termhelp import repo_pack

PACK = repo_pack(select=())  # every shipped rule: --fix applies safe fixes from all of them


def engine():
    return Engine(PACK)


BODY = ("Islamic nations act.\r\n"
        "\r\n"
        "The Islamic world is vast, and Islamic countries agree – in order to grow.\r\n"
        "\r\n"
        "Keep `Islamic countries` and <https://example.com/Islamic%20countries> as they are.\r\n"
        "\r\n"
        "```\r\n"
        "Islamic countries in a code block\r\n"
        "```\r\n"
        "\r\n"
        "Last line, no newline: Islamic countries")


def test_crlf_bom_and_missing_final_newline_survive_byte_for_byte():
    raw = b"\xef\xbb\xbf" + BODY.encode("utf-8")
    ff = fix_bytes(engine(), "a.md", raw)
    expected = raw.replace("The Islamic world is vast, and Islamic countries agree – in order to grow."
                           .encode(), "The Islamic World is vast, and Islamic nations agree – to grow."
                           .encode()).replace(b"no newline: Islamic countries",
                                              b"no newline: Islamic nations")
    assert ff.after == expected
    assert ff.after.startswith(b"\xef\xbb\xbf") and ff.after.count(b"\r\n") == raw.count(b"\r\n")
    assert not ff.after.endswith(b"\n")
    # Code spans, code blocks and URLs are untouched.
    assert b"`Islamic countries`" in ff.after and b"Islamic%20countries" in ff.after
    assert b"Islamic countries in a code block" in ff.after
    assert ff.applied == 4


def test_fixing_is_idempotent_and_the_rerun_drops_the_fixed_findings():
    raw = BODY.encode("utf-8")
    first = fix_bytes(engine(), "a.md", raw)
    second = fix_bytes(engine(), "a.md", first.after)
    assert second.applied == 0 and second.after == first.after
    rules = {f.rule for f in first.outcome.findings}
    assert "terminology.case" not in rules and "terminology.consistency" not in rules
    assert not any(f.fix is not None and f.fix.safe for f in second.outcome.findings)


def test_number_change_fix_changes_the_verb_too():
    raw = b"Intro.\n\nOver time, the Islamic Nation has established alliances.\n"
    ff = fix_bytes(engine(), "a.md", raw)
    assert ff.after == b"Intro.\n\nOver time, the Islamic nations have established alliances.\n"


def test_unsafe_fixes_are_not_applied():
    raw = "The Islamic Nation's approach reflects its values.\n".encode()
    ff = fix_bytes(engine(), "a.md", raw)
    assert ff.after == raw and ff.applied == 0
    assert [f.rule for f in ff.outcome.findings] == ["terminology.preferred"]


def test_not_utf8_is_left_alone():
    raw = "Islamic countries and Islamic nations, café".encode("latin-1")
    ff = fix_bytes(engine(), "a.md", raw)
    assert ff.after == raw
    assert [f.rule for f in ff.outcome.findings] == ["io.decode"]


def _finding(start, end, text, rule="r.x", safe=True, extra=()):
    edits = (Edit(start, end, text),) + tuple(extra)
    return Finding("a.md", 1, 1, 1, 1, rule, Severity.WARNING, "m", fix=Fix(edits, safe=safe),
                   start=start, end=end)


def test_select_fixes_skips_overlaps_and_unsafe_ones():
    a = _finding(0, 5, "A")
    b = _finding(3, 8, "B")                   # overlaps a: the later one loses
    c = _finding(8, 10, "C")                  # touches b's end, but b is out; fine
    d = _finding(12, 14, "D", safe=False)     # a suggestion
    e = _finding(20, 22, "E", extra=(Edit(4, 6, "x"),))  # its second edit overlaps a
    chosen = select_fixes([e, d, c, b, a])
    assert [fx.edits[0].text for fx in chosen] == ["A", "C"]


def test_adjacent_edits_both_apply():
    chosen = select_fixes([_finding(0, 3, "X"), _finding(3, 6, "Y")])
    assert len(chosen) == 2


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_bytes(
        b"Islamic nations act.\r\n\r\nThe Islamic world is vast.")
    (tmp_path / "docs" / "b.md").write_bytes(b"Nothing to fix here.\n")
    os.chmod(tmp_path / "docs" / "a.md", 0o640)
    return tmp_path


def test_cli_diff_prints_a_unified_diff_and_writes_nothing(corpus, capsys):
    before = (corpus / "docs" / "a.md").read_bytes()
    mtime = (corpus / "docs" / "a.md").stat().st_mtime_ns
    assert main(["docs", "--diff"]) == 1
    out = capsys.readouterr().out
    assert out == ("--- a/docs/a.md\n"
                   "+++ b/docs/a.md\n"
                   "@@ -1,3 +1,3 @@\n"
                   " Islamic nations act.\r\n"
                   " \r\n"
                   "-The Islamic world is vast.\n"
                   "\\ No newline at end of file\n"
                   "+The Islamic World is vast.\n"
                   "\\ No newline at end of file\n")
    assert (corpus / "docs" / "a.md").read_bytes() == before
    assert (corpus / "docs" / "a.md").stat().st_mtime_ns == mtime
    assert main(["docs/b.md", "--diff"]) == 0
    assert capsys.readouterr().out == ""


def test_cli_fix_writes_atomically_and_reports_what_is_left(corpus, capsys):
    b_mtime = (corpus / "docs" / "b.md").stat().st_mtime_ns
    code = main(["docs", "--fix", "--no-show-source"])
    out = capsys.readouterr().out
    assert (corpus / "docs" / "a.md").read_bytes() == b"Islamic nations act.\r\n\r\nThe Islamic World is vast."
    assert stat.S_IMODE((corpus / "docs" / "a.md").stat().st_mode) == 0o640
    assert (corpus / "docs" / "b.md").stat().st_mtime_ns == b_mtime  # unchanged: not rewritten
    assert sorted(p.name for p in (corpus / "docs").iterdir()) == ["a.md", "b.md"]  # no temp files
    assert "note: fixed 1 finding in 1 file" in out
    assert "terminology.case" not in out
    assert code == 0
    # A second --fix changes nothing.
    assert main(["docs", "--fix", "--no-show-source"]) == 0
    assert "note: fixed 0 findings in 0 files" in capsys.readouterr().out


def test_unified_diff_handles_a_new_final_newline():
    assert unified_diff("x.md", b"a", b"a\n").splitlines()[2:] == [
        "@@ -1 +1 @@", "-a", "\\ No newline at end of file", "+a"]


# -- properties: line endings, BOM and the final newline never change the fix -------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = ["Islamic countries", "Islamic nations", "Islamic world", "Islamic ummah",
          "the Islamic Nation has", "Islamic nations recognises", "in order to", "café –",
          "`Islamic countries`", "<https://example.com/Islamic-world>", "and", "grew.", "Muslims",
          "**Islamic world**", "[Islamic ummah](https://x.org/ummah)", "The", "it"]


@st.composite
def documents(draw):
    paragraphs = draw(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8),
                               min_size=1, max_size=4))
    return "\n\n".join(" ".join(p) for p in paragraphs)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(documents(), st.booleans(), st.booleans(), st.booleans())
def test_fix_commutes_with_crlf_bom_and_final_newline(doc, crlf, bom, final_newline):
    eng = engine()
    plain = fix_bytes(eng, "a.md", (doc + "\n").encode()).after.decode()
    assert plain.endswith("\n")
    variant = doc + ("\n" if final_newline else "")
    expected = plain if final_newline else plain[:-1]
    if crlf:
        variant, expected = variant.replace("\n", "\r\n"), expected.replace("\n", "\r\n")
    prefix = "\ufeff" if bom else ""
    got = fix_bytes(eng, "a.md", (prefix + variant).encode()).after
    assert got == (prefix + expected).encode()
    # Idempotent: fixing the result again changes nothing.
    assert fix_bytes(eng, "a.md", got).after == got


def test_markup_and_line_breaks_inside_a_term_are_kept():
    raw = ("Intro text here.\n\n"
           "> The **Islamic** world and the Islamic\n"
           "> world again, and Islamic\n"
           "  world.\n").encode()
    ff = fix_bytes(engine(), "a.md", raw)
    assert ff.after == ("Intro text here.\n\n"
                        "> The **Islamic** World and the Islamic\n"
                        "> World again, and Islamic\n"
                        "  World.\n").encode()


def test_a_fix_that_would_delete_markup_is_not_applied():
    from linter.fixing import removes_markup

    text = "in **order** to"
    assert removes_markup(text, Edit(0, len(text), "to"))
    assert not removes_markup(text, Edit(5, 10, "ORDER"))
    assert not removes_markup("plain", Edit(0, 5, "`plain`"))  # adding markup is fine
    finding = _finding(0, len(text), "to")
    assert select_fixes([finding], text) == []
    raw = b"We met in **order** to talk.\n"
    assert fix_bytes(engine(), "a.md", raw).after == raw
