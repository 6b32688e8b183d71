"""Document: one source file as rules see it.

The data flows one way: file -> Document -> rules -> Finding -> reporter.
A Document holds the decoded source, the prose blocks with their offset maps,
the link reference and footnote definitions (for citation detection) and the
suppression comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..source import SourceText
from ..suppress import Suppressions
from .blocks import Block


@dataclass(slots=True)
class Document:
    path: str
    source: SourceText
    blocks: list[Block]
    suppressions: Suppressions
    # Reference-style link labels (normalised, upper-case as markdown-it keeps them)
    # and footnote labels that have a definition.
    link_references: dict[str, str] = field(default_factory=dict)
    footnote_definitions: set[str] = field(default_factory=set)
    front_matter: str | None = None
    # Blocks that could not be mapped exactly and were left out (never mis-reported).
    unmapped: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.source.text

    def position(self, offset: int) -> tuple[int, int]:
        return self.source.position(offset)
