"""Rule kinds: built-in ones by name, third-party ones through entry points.

Kinds are imported lazily, only when a rule pack uses them, so a pre-commit
run on one file does not pay for the claims model or LanguageTool.
"""

from __future__ import annotations

import importlib

from .base import FAMILIES, Option, OptionError, RuleKind

ENTRY_POINT_GROUP = "lint_corpus.rules"

BUILTIN: dict[str, str] = {
    "existence": "linter.kinds.generic.existence:Existence",
    "substitution": "linter.kinds.generic.substitution:Substitution",
    "repetition": "linter.kinds.generic.repetition:Repetition",
    "claim-registry": "linter.kinds.claims.registry:ClaimRegistry",
    "unsourced-claim": "linter.kinds.claims.unsourced:UnsourcedClaim",
    "term-preferred": "linter.kinds.terminology.preferred:Preferred",
    "term-consistency": "linter.kinds.terminology.consistency:Consistency",
    "term-case": "linter.kinds.terminology.case:Case",
    "term-agreement": "linter.kinds.terminology.agreement:Agreement",
    "term-corpus": "linter.kinds.terminology.corpus:Corpus",
    "readability": "linter.kinds.readability.readability:Readability",
    "paragraph-grade": "linter.kinds.readability.paragraph_grade:ParagraphGrade",
    "sentence-length": "linter.kinds.readability.sentence_length:SentenceLength",
    "languagetool": "linter.kinds.grammar.languagetool:LanguageToolRule",
    "article": "linter.kinds.grammar.article:Article",
    "agreement": "linter.kinds.grammar.agreement:Agreement",
    "possessive": "linter.kinds.grammar.possessive:Possessive",
}


class KindError(Exception):
    pass


def _import(target: str):
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def _plugin_kinds() -> dict[str, object]:
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load_kind(name: str) -> type[RuleKind]:
    if name in BUILTIN:
        return _import(BUILTIN[name])
    ep = _plugin_kinds().get(name)
    if ep is None:
        known = sorted(set(BUILTIN) | set(_plugin_kinds()))
        raise KindError(f"unknown kind {name!r} (known kinds: {', '.join(known)})")
    try:
        cls = ep.load()
    except Exception as exc:  # a broken plugin must not crash the run with a traceback
        raise KindError(f"plugin kind {name!r} ({ep.value}) failed to load: {exc}") from None
    if not (isinstance(cls, type) and issubclass(cls, RuleKind)):
        raise KindError(f"plugin kind {name!r} ({ep.value}) is not a linter.kinds.RuleKind subclass")
    return cls


def known_kinds() -> list[str]:
    return sorted(set(BUILTIN) | set(_plugin_kinds()))


__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "FAMILIES", "KindError", "Option", "OptionError",
           "RuleKind", "known_kinds", "load_kind"]
