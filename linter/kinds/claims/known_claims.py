"""The claims registry: the `claims:` section of the rule pack, compiled once per run.

Editors keep a list of specific claims they have looked into:

    claims:
      dialysis-inventor:
        claim: Rizwan Ahmed developed a low-cost dialysis machine.
        status: unverified            # unverified | disputed | false | verified
        note: No patent, paper or news report names him; ask the author for one.
        patterns:                     # any pattern matching a sentence matches the claim
          - [dialys\\w*, Rizwan|Ahmed|Pakistan]   # a list: every term, in any order
          - low-cost dialysis machine            # a string: one term
        sources: [https://example.org/report, 10.1000/xyz]   # accepted sources

A term is a regular expression matched case-insensitively as a whole word or
phrase: "dialys\\w*" catches "dialysis" and "dialyser", "Ahmed|Pakistan"
either name. A list pattern matches when every term occurs somewhere in the
same sentence, so "a name and 'dialysis' in the same sentence" catches the
paraphrases a phrase would miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ...config import ConfigError
from ...document.memo import DocumentMemo
from ...patterns import RegexTimeout, compile_pattern
from .prefilter import UNSET, editor_gate, fold, fold_in

STATUSES = ("unverified", "disputed", "false", "verified")
SECTION = "claims"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_KEYS = {"claim", "status", "note", "patterns", "sources"}


@dataclass(frozen=True)
class KnownClaim:
    """One registered claim, compiled."""

    id: str
    status: str
    note: str
    claim: str
    patterns: tuple[tuple[object, ...], ...]  # each: compiled terms that must all match
    sources: tuple[str, ...]
    line: int
    # Per pattern, per term: a LiteralGate (or None) that skips a term the text cannot match.
    gates: tuple[tuple[object, ...], ...] = ()

    def matches(self, text: str, folded=None) -> bool:
        """`folded`: `prefilter.fold(text)`, when the caller has it (None: no gating)."""
        gates = self.gates or tuple((None,) * len(p) for p in self.patterns)
        try:
            # Plain loops, not any(all(...)): this runs for every claim of every sentence.
            for pattern, pattern_gates in zip(self.patterns, gates):
                for term, gate in zip(pattern, pattern_gates):
                    if gate is not None and not gate.admits(folded):
                        break
                    if not term.search(text, timeout=1.0):
                        break
                else:
                    return True
            return False
        except TimeoutError:
            raise RegexTimeout(self.id) from None


@dataclass(frozen=True)
class Registry:
    """All registered claims."""

    claims: tuple[KnownClaim, ...]

    def matching(self, text: str, folded=UNSET) -> list[KnownClaim]:
        """`folded`: `prefilter.fold(text)`, when the caller has it."""
        if not self.claims:
            return []
        if folded is UNSET:
            folded = fold(text)  # once per sentence, for every term's gate
        return [c for c in self._candidates.among(self.claims, folded) if c.matches(text, folded)]

    def matching_in(self, document, text: str) -> tuple[KnownClaim, ...]:
        """`matching(text)` for a sentence of `document`, asked once per document:
        claims.registry and claims.unsourced both ask it of every sentence.
        Only the current document's answers are kept."""
        return _MATCHES.get(  # a RegexTimeout is raised, not kept
            document, (id(self), text),
            lambda: tuple(self.matching(text, fold_in(document, text))))

    @cached_property
    def _candidates(self) -> CandidateIndex:
        return CandidateIndex(self.claims)


class CandidateIndex:
    """Which claims a sentence could match, from the words it contains.

    A claim matches when every term of one of its patterns matches, so each
    pattern needs what the gate of any one of its terms needs. Most sentences
    contain none of those words: one set intersection per sentence then skips
    every claim, instead of a gate check per claim. `KnownClaim.matches` still
    checks every gate and term, so the index only decides what is asked.
    """

    def __init__(self, claims) -> None:
        self.always: set[int] = set()  # claims with a pattern no gate can rule out
        by_word: dict[str, set[int]] = {}
        by_part: dict[str, set[int]] = {}
        for i, claim in enumerate(claims):
            for pattern_gates in claim.gates or [(None,)]:
                gate = next((g for g in pattern_gates if g is not None), None)
                if gate is None:
                    self.always.add(i)
                    break
                for word in gate.words:
                    by_word.setdefault(word, set()).add(i)
                for part in gate.parts:
                    by_part.setdefault(part, set()).add(i)
        self.words = frozenset(by_word)
        self.by_word = by_word
        self.by_part = tuple(by_part.items())

    def among(self, claims, folded) -> list:
        """The claims (in registry order) that `folded` (see `prefilter.fold`) may match."""
        if folded is None:
            return list(claims)
        hits = [self.by_word[w] for w in self.words.intersection(folded.words)]
        text = folded.text
        hits.extend(ids for part, ids in self.by_part if part in text)
        if not hits and not self.always:
            return []  # most sentences
        return [claims[i] for i in sorted(self.always.union(*hits))]


_MATCHES = DocumentMemo()  # (id(registry), sentence text) -> matching claims


def load_registry(pack) -> Registry:
    """The pack's registry, validated and compiled once (cached on the pack)."""
    if pack is None:
        return Registry(())
    cached = getattr(pack, "_claims_registry", None)
    if cached is not None:
        return cached
    section = pack.sections.get(SECTION) if getattr(pack, "sections", None) else None
    registry = _compile(section) if section is not None else Registry(())
    pack._claims_registry = registry
    return registry


def _compile(section) -> Registry:
    path, value = section.path, section.value

    def err(message: str, line: int | None) -> ConfigError:
        return ConfigError(f"claims registry: {message}", path, line or section.line)

    if value is None:
        return Registry(())
    if not isinstance(value, dict):
        raise err("'claims:' must map claim ids to claims", section.line)
    claims = []
    for claim_id, spec in value.items():
        line = value.lines.get(claim_id, section.line) if hasattr(value, "lines") else section.line
        cid = str(claim_id)
        if not _ID_RE.match(cid):
            raise err(f"claim id {cid!r} must be lower-case letters, digits, '-' or '_'", line)
        if not isinstance(spec, dict):
            raise err(f"claim '{cid}' must be a mapping with status, note and patterns", line)

        def key_line(key: str) -> int:
            return spec.lines.get(key, line) if hasattr(spec, "lines") else line

        unknown = sorted(set(map(str, spec)) - _KEYS)
        if unknown:
            raise err(f"claim '{cid}': unknown key {unknown[0]!r} (keys: "
                      f"{', '.join(sorted(_KEYS))})", key_line(unknown[0]))
        status = spec.get("status")
        if status is False:  # YAML reads a bare `status: false` as the boolean
            status = "false"
        if status not in STATUSES:
            raise err(f"claim '{cid}': status must be one of {', '.join(STATUSES)}, not {status!r}",
                      key_line("status"))
        note = spec.get("note", "")
        claim_text = spec.get("claim", "")
        for key, val in (("note", note), ("claim", claim_text)):
            if not isinstance(val, str):
                raise err(f"claim '{cid}': '{key}' must be a string", key_line(key))
        if not note.strip():
            raise err(f"claim '{cid}': give an editor's 'note' (it is the message writers see)",
                      key_line("note") if "note" in spec else line)
        sources = spec.get("sources", []) or []
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise err(f"claim '{cid}': 'sources' must be a list of URLs or DOIs", key_line("sources"))
        patterns = spec.get("patterns")
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not patterns:
            raise err(f"claim '{cid}': give 'patterns' (a list of terms or lists of terms)",
                      key_line("patterns") if "patterns" in spec else line)
        compiled, gates = [], []
        for i, pattern in enumerate(patterns):
            pline = patterns.lines[i] if hasattr(patterns, "lines") else key_line("patterns")
            terms = pattern if isinstance(pattern, list) else [pattern]
            if not terms or not all(isinstance(t, str) and t.strip() for t in terms):
                raise err(f"claim '{cid}': pattern {i + 1} must be a term or a list of terms", pline)
            try:
                compiled.append(tuple(_term(t) for t in terms))
                gates.append(tuple(editor_gate(t.strip(), c.pattern)
                                   for t, c in zip(terms, compiled[-1])))
            except ValueError as exc:
                raise err(f"claim '{cid}': pattern {i + 1}: {exc}", pline) from None
        claims.append(KnownClaim(cid, status, " ".join(note.split()), " ".join(claim_text.split()),
                                 tuple(compiled), tuple(sources), line, tuple(gates)))
    return Registry(tuple(claims))


def _term(term: str):
    """A term as a whole-word, case-insensitive regex; spaces match any whitespace."""
    body = re.sub(r"(?<!\\) ", r"\\s+", term.strip())
    return compile_pattern(r"(?<![\w'’-])(?:" + body + r")(?![\w'’-])", ignorecase=True)


# -- accepted sources -----------------------------------------------------------------------------
def normalise_source(text: str) -> str:
    """A URL or DOI reduced to a comparable key: no scheme, "www.", doi.org prefix or trailing '/'."""
    t = text.strip().lower()
    t = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/", "", t)
    t = re.sub(r"^doi:\s*", "", t)
    t = re.sub(r"^[a-z][a-z0-9+.-]*://", "", t)
    t = re.sub(r"^www\.", "", t)
    return t.rstrip("/")
