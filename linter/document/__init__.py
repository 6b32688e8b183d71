"""The document model: Markdown -> prose blocks, sentences, words, and an exact offset map."""

from .blocks import Block, Link, Sentence, Word
from .document import Document
from .parse import parse_document

__all__ = ["Block", "Document", "Link", "Sentence", "Word", "parse_document"]
