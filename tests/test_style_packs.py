"""The style packs in rules/style.yml: what they flag on the seeds, exactly where,
and what they leave alone (plain descriptions, headings, code, URLs)."""

from __future__ import annotations

import json

import pytest

from conftest import REPO

STYLE_RULES = ("style.puffery", "style.machine-cliche", "style.wordiness", "style.weasel",
               "style.hedging", "style.passive")

# Every style finding on the seeds, reviewed by hand: (seed, line, column, rule, text).
SEED_FINDINGS = [
    ("000", 3, 20, "style.passive", "is founded"),
    ("000", 3, 273, "style.machine-cliche", "delve into"),
    ("000", 19, 30, "style.puffery", "pathmaker"),
    ("000", 19, 43, "style.machine-cliche", "a plethora of"),
    ("000", 19, 305, "style.weasel", "gained global recognition"),
    ("000", 19, 405, "style.passive", "are shared"),
    ("000", 21, 3, "style.puffery", "phenomenal"),
    ("001", 3, 35, "style.puffery", "diligently"),
    ("001", 7, 35, "style.passive", "are typically characterized"),
    ("001", 9, 85, "style.weasel", "globally recognized"),
    ("001", 13, 31, "style.puffery", "tirelessly"),
    ("001", 17, 75, "style.puffery", "superior"),
    ("001", 23, 16, "style.puffery", "commendable"),
    ("001", 27, 70, "style.machine-cliche", "pave the way"),
    ("001", 27, 229, "style.passive", "been strained"),
    ("001", 29, 1, "style.machine-cliche", "In summary"),
    ("001", 29, 332, "style.machine-cliche", "assumes a crucial role"),
    ("002", 5, 126, "style.hedging", "largely"),
    ("002", 15, 91, "style.machine-cliche", "significant strides"),
    ("002", 21, 255, "style.puffery", "invaluable"),
    ("002", 21, 403, "style.weasel", "widely shared"),
    ("003", 13, 31, "style.machine-cliche", "transformative power"),
    ("003", 15, 34, "style.passive", "is reflected"),
    ("003", 21, 214, "style.machine-cliche", "resonate perfectly"),
    ("003", 23, 244, "style.machine-cliche", "an integral part"),
    ("003", 23, 302, "style.passive", "are firmly rooted"),
    ("004", 7, 69, "style.wordiness", "orbits around"),
    ("004", 7, 229, "style.passive", "is echoed"),
    ("004", 7, 333, "style.hedging", "Essentially"),
    ("004", 9, 190, "style.puffery", "radiantly palpable"),
    ("004", 15, 122, "style.machine-cliche", "continually evolving healthcare landscape"),
    ("004", 19, 86, "style.machine-cliche", "stood as a powerful example"),
    ("004", 23, 1, "style.machine-cliche", "In conclusion"),
    ("004", 23, 20, "style.puffery", "quintessence"),
    ("004", 23, 233, "style.puffery", "unwavering"),
    ("004", 23, 253, "style.machine-cliche", "tapestry"),
    ("004", 23, 330, "style.passive", "are manifested"),
]


def lint(run_cli, args, cwd=REPO) -> dict:
    r = run_cli([*args, "--format", "json"], cwd=cwd)
    assert r.code in (0, 1), r
    return json.loads(r.out)


def spans(data, root=REPO) -> list[tuple]:
    out = []
    for f in data["findings"]:
        assert f["line"] == f["end_line"]
        line = (root / f["path"]).read_text("utf-8").split("\n")[f["line"] - 1]
        out.append((f["path"], f["line"], f["column"], f["rule"],
                    line[f["column"] - 1:f["end_column"] - 1]))
    return out


def test_style_packs_on_the_seeds_at_exact_positions(run_cli):
    data = lint(run_cli, ["seeds/", "--select", "style"])
    seeds = {p.name[:3]: f"seeds/{p.name}" for p in (REPO / "seeds").iterdir()}
    expected = [(seeds[s], line, col, rule, text) for s, line, col, rule, text in SEED_FINDINGS]
    assert spans(data) == expected


def test_seed_review_first_responders_is_not_puffery_but_superior_imaging_is(run_cli):
    data = lint(run_cli, ["seeds/", "--select", "style"])
    texts = {text.lower() for *_, text in spans(data)}
    assert "first responders" in (REPO / "seeds/000_09d03fb506c19b10.txt").read_text()
    assert not any("responder" in t or t == "first" for t in texts)
    line = (REPO / "seeds/001_5509d02a7a9f4268.txt").read_text().split("\n")[16]
    assert line[74:] .startswith("superior medical imaging")


def test_severities_and_explain_text(run_cli):
    r = run_cli(["--list-rules"], cwd=REPO)
    listed = {line.split()[0]: line.split()[1] for line in r.out.splitlines()}
    assert listed["style.passive"] == "info"
    assert listed["style.hedging"] == "info"
    assert listed["style.puffery"] == "warning"
    for rule in STYLE_RULES:
        r = run_cli(["--explain", rule], cwd=REPO)
        assert r.code == 0
        body = r.out.split("\n", 2)[2]
        assert len(body.split()) > 15, (rule, r.out)  # a real explanation, not a stub
        assert "Message:" in r.out


def test_nothing_flagged_in_headings_code_or_urls(run_cli, project):
    project.write("a.md", (
        "# A phenomenal heading that delves into a tapestry\n\n"
        "Inline `phenomenal code` and `in order to` stay quiet.\n\n"
        "```\nexperts say this is phenomenal, in order to delve into it\n```\n\n"
        "See https://example.com/phenomenal/tapestry and "
        "[a plain link](https://example.com/experts-say/in-order-to).\n\n"
        "    indented code is phenomenal too\n\n"
        "This phenomenal tapestry gets flagged.\n"))
    data = lint(run_cli, ["a.md", "--select", "style"], project.root)
    assert spans(data, project.root) == [
        ("a.md", 13, 6, "style.puffery", "phenomenal"),
        ("a.md", 13, 17, "style.machine-cliche", "tapestry"),
    ]


@pytest.mark.parametrize("text, rule, expected", [
    # puffery: praise yes, comparison, rank, place or anatomy no
    ("It has superior medical imaging.", "style.puffery", ["superior"]),
    ("It is superior to the old one.", "style.puffery", []),
    ("She told her superior officer.", "style.puffery", []),
    ("The superior vena cava drains blood.", "style.puffery", []),
    ("We sailed on Lake Superior.", "style.puffery", []),
    ("The first responders arrived.", "style.puffery", []),
    ("A world-renowned, cutting-edge lab.", "style.puffery", ["world-renowned", "cutting-edge"]),
    # machine cliches, including the pattern forms
    ("Water plays a vital role here.", "style.machine-cliche", ["plays a vital role"]),
    ("The law stands as a testament to them.", "style.machine-cliche",
     ["stands as a testament"]),
    ("In the ever-evolving digital landscape we work.", "style.machine-cliche",
     ["ever-evolving"]),
    ("A rapidly evolving market landscape.", "style.machine-cliche",
     ["rapidly evolving market landscape"]),
    ("The role was crucial.", "style.machine-cliche", []),
    # weasel words
    ("Experts say it works, and studies show it.", "style.weasel",
     ["Experts say", "studies show"]),
    ("Dr. Ng said it works.", "style.weasel", []),
    # hedging, but not modal verbs
    ("It is arguably the best, perhaps.", "style.hedging", ["arguably", "perhaps"]),
    ("It may rain and it might not.", "style.hedging", []),
    ("The results seem to hold to some extent.", "style.hedging",
     ["seem to", "to some extent"]),
    # passive voice heuristic
    ("The report was written by the board.", "style.passive", ["was written"]),
    ("Mistakes were quickly made.", "style.passive", ["were quickly made"]),
    ("The house is being built.", "style.passive", ["being built"]),
    ("This is indeed red.", "style.passive", []),
    ("The board wrote the report.", "style.passive", []),
])
def test_rule_examples(run_cli, project, text, rule, expected):
    project.write("a.md", text + "\n")
    data = lint(run_cli, ["a.md", "--select", rule], project.root)
    assert [t for *_, t in spans(data, project.root)] == expected


def test_wordiness_carries_a_fix_that_keeps_the_capital(run_cli, project):
    project.write("a.md", "In order to win, we act due to the fact that we can.\n")
    data = lint(run_cli, ["a.md", "--select", "style.wordiness"], project.root)
    assert [(f["column"], f["suggestions"]) for f in data["findings"]] == [
        (1, ["To"]), (25, ["because"])]
    assert data["findings"][0]["message"] == "Write 'To' instead of 'In order to'."
