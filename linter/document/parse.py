"""Markdown source -> Document (prose blocks with exact offset maps)."""

from __future__ import annotations

from ..source import SourceText
from ..suppress import Suppressions, parse_directives
from .document import Document
from .inline import InlineWalker, MappingError
from .markdown import parser

_CONTAINERS = {
    "blockquote_open": "blockquote",
    "list_item_open": "list_item",
    "footnote_open": "footnote",
}
_CLOSERS = {"blockquote_close", "list_item_close", "footnote_close"}


def parse_document(path: str, source: SourceText) -> Document:
    env: dict = {}
    tokens = parser().parse(source.text, env)
    blocks = []
    directives = []
    unmapped = []
    containers: list[str] = []
    pending = ("paragraph", 0)
    placeholders = [0]
    table_line, table_from = -1, 0
    front_matter = None

    for tok in tokens:
        t = tok.type
        if t in _CONTAINERS:
            containers.append(_CONTAINERS[t])
        elif t in _CLOSERS:
            containers.pop()
        elif t == "heading_open":
            pending = ("heading", int(tok.tag[1:]))
        elif t == "paragraph_open":
            pending = ("paragraph", 0)
        elif t in ("th_open", "td_open"):
            pending = ("table_cell", 0)
        elif t == "front_matter":
            front_matter = tok.content
        elif t == "html_block" and tok.map:
            directives.extend(parse_directives(tok.content, tok.map[0] + 1))
        elif t == "inline" and tok.map:
            kind, level = pending
            if kind == "table_cell" and tok.map[0] != table_line:
                table_line, table_from = tok.map[0], 0
            try:
                walker = InlineWalker(tok, source, kind=kind, containers=tuple(containers),
                                      level=level, placeholders=placeholders,
                                      table_search_from=table_from)
                block = walker.build()
            except MappingError as exc:
                unmapped.append(f"line {tok.map[0] + 1}: {exc}")
                continue
            for start, _end, html in walker.html:
                directives.extend(parse_directives(html, source.position(start)[0]))
            if kind == "table_cell":
                table_from = walker.cmap.end_in_line
            if block.text.strip():
                block.index = len(blocks)
                blocks.append(block)
            pending = ("paragraph", 0)

    references = {k: v.get("href", "") for k, v in env.get("references", {}).items()}
    footnotes = {
        label.lstrip(":") for label in env.get("footnotes", {}).get("refs", {})
    }
    return Document(
        path=path,
        source=source,
        blocks=blocks,
        suppressions=Suppressions(directives),
        link_references=references,
        footnote_definitions=footnotes,
        front_matter=front_matter,
        unmapped=unmapped,
    )
