"""Readability kinds: sentence length, paragraph grade, document grade (textstat)."""

from __future__ import annotations


def analysis_or_notice(rule, document):
    """The document's shared readability analysis, or None after a notice when
    textstat cannot run (the other rules' findings are kept)."""
    from ...readability.measure import ReadabilityUnavailable, analyse

    try:
        return analyse(document)
    except ReadabilityUnavailable as exc:
        rule.notice(str(exc))
        return None
