"""Walk one markdown-it `inline` token and build its prose Block.

markdown-it gives block tokens line ranges but inline tokens no positions.
We recover them by walking the children in order with a cursor over the
inline token's `content` (the block's raw inline source), skipping markup,
and mapping content offsets to source offsets line by line. Every literal
segment is then checked against the source; a block that does not check out
is dropped rather than reported at a wrong position.
"""

from __future__ import annotations

import bisect

from markdown_it.helpers import parseLinkDestination, parseLinkTitle

from .blocks import LITERAL, PLACEHOLDER, SUBSTITUTE, Block, Link, Segment

_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


class MappingError(Exception):
    """The inline content could not be aligned with the source."""


def placeholder(n: int) -> str:
    # A capitalised nonce word keeps the sentence grammatical for readability
    # and LanguageTool, and is easy to recognise (LTeX does the same).
    return f"Dummy{n}"


class ContentMap:
    """Maps offsets in an inline token's `content` to normalised source offsets.

    Each content line is a verbatim slice of one source line (block markers
    such as "> " or "- " and indentation removed), so the map is linear per line.
    """

    def __init__(self, content: str, first_line: int, source, *, table: bool = False,
                 search_from: int = 0) -> None:
        self.line_content_starts: list[int] = []
        self.line_source_starts: list[int] = []
        self.end_in_line = 0  # column just past this content on its first line (tables)
        pos = 0
        for k, piece in enumerate(content.split("\n")):
            line_no = first_line + k
            if line_no >= len(source.starts):
                raise MappingError("content runs past the end of the file")
            line_start = source.starts[line_no]
            line = source.line_text(line_no + 1)
            idx = _locate(line, piece, table=table, search_from=search_from if k == 0 else 0)
            if idx < 0:
                raise MappingError(f"line {line_no + 1}: inline content not found in source")
            if k == 0:
                self.end_in_line = idx + len(piece)
            self.line_content_starts.append(pos)
            self.line_source_starts.append(line_start + idx)
            pos += len(piece) + 1

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self.line_content_starts, offset) - 1
        return self.line_source_starts[i] + offset - self.line_content_starts[i]


def _locate(line: str, piece: str, *, table: bool, search_from: int) -> int:
    if not piece:
        return len(line.rstrip()) if not table else search_from
    if not table:
        # Paragraph lines are suffixes of their source line (trailing spaces
        # included, except on the last line); prefer that over an earlier match
        # inside the block markers.
        if line.endswith(piece):
            return len(line) - len(piece)
        stripped = line.rstrip()
        if stripped.endswith(piece):
            return len(stripped) - len(piece)
    return line.find(piece, search_from)


def _skip_link_tail(content: str, pos: int) -> int:
    """Return the offset just past a link's tail: "(dest "title")", "[label]", "[]" or nothing."""
    n = len(content)
    if pos < n and content[pos] == "(":
        p = _skip_ws(content, pos + 1)
        dest = parseLinkDestination(content, p, n)
        if dest.ok:
            p = _skip_ws(content, dest.pos)
            title = parseLinkTitle(content, p, n)
            if title.ok:
                p = _skip_ws(content, title.pos)
        if p < n and content[p] == ")":
            return p + 1
        raise MappingError("unterminated link destination")
    if pos < n and content[pos] == "[":
        end = content.find("]", pos)
        if end < 0:
            raise MappingError("unterminated link label")
        return end + 1
    return pos


def _skip_ws(s: str, p: int) -> int:
    while p < len(s) and s[p] in " \t\n":
        p += 1
    return p


def _find_run(content: str, run: str, start: int) -> int:
    """Find a backtick run of exactly len(run) characters at or after start."""
    i = content.find(run, start)
    while i >= 0:
        before = i > 0 and content[i - 1] == run[0]
        after = i + len(run) < len(content) and content[i + len(run)] == run[0]
        if not before and not after:
            return i
        j = i
        while j < len(content) and content[j] == run[0]:
            j += 1
        i = content.find(run, j)
    return -1


def _find(content: str, needle: str, start: int) -> int:
    i = content.find(needle, start)
    if i < 0:
        raise MappingError(f"could not find {needle!r} in inline content")
    return i


class InlineWalker:
    """Builds one Block from an inline token; collects HTML comments for suppressions."""

    def __init__(self, token, source, *, kind: str, containers: tuple[str, ...], level: int,
                 placeholders: list[int], table_search_from: int = 0) -> None:
        self.token = token
        self.source = source
        self.kind = kind
        self.containers = containers
        self.level = level
        self.placeholders = placeholders  # shared counter so placeholders are unique per document
        self.table = kind == "table_cell"
        self.cmap = ContentMap(token.content, token.map[0], source, table=self.table,
                               search_from=table_search_from)
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.links: list[Link] = []
        self.footnote_refs: list[tuple[int, str]] = []
        self.html: list[tuple[int, int, str]] = []  # (source start, source end, comment text)
        self.plen = 0

    # -- emitting prose -------------------------------------------------
    def _emit(self, text: str, c_start: int, c_end: int, kind: int) -> None:
        if not text:
            return
        s_start = self.cmap(c_start)
        s_end = s_start + len(text) if kind == LITERAL else self.cmap(c_end - 1) + 1
        self.segments.append(Segment(self.plen, self.plen + len(text), s_start, s_end, kind))
        self.parts.append(text)
        self.plen += len(text)

    def _emit_placeholder(self, c_start: int, c_end: int) -> None:
        self.placeholders[0] += 1
        self._emit(placeholder(self.placeholders[0] - 1), c_start, c_end, PLACEHOLDER)

    # -- walking ----------------------------------------------------------
    def build(self) -> Block:
        content = self.token.content
        c = 0
        children = self.token.children or []
        i = 0
        link_stack: list[tuple[int, str]] = []
        while i < len(children):
            tok = children[i]
            t = tok.type
            if t == "text":
                if tok.content:
                    j = _find(content, tok.content, c)
                    self._emit(tok.content, j, j + len(tok.content), LITERAL)
                    c = j + len(tok.content)
            elif t == "text_special":
                j = _find(content, tok.markup, c)
                self._emit(tok.content, j, j + len(tok.markup), SUBSTITUTE)
                c = j + len(tok.markup)
            elif t in ("softbreak", "hardbreak"):
                j = _find(content, "\n", c)
                self._emit(" ", j, j + 1, SUBSTITUTE)
                c = j + 1
            elif t == "code_inline":
                j = _find_run(content, tok.markup, c)
                k = _find_run(content, tok.markup, j + len(tok.markup)) if j >= 0 else -1
                if k < 0:
                    raise MappingError("unterminated code span")
                self._emit_placeholder(j, k + len(tok.markup))
                c = k + len(tok.markup)
            elif t == "link_open" and tok.markup in ("autolink", "linkify"):
                # A URL shown as itself: a placeholder, never prose.
                url_tok = children[i + 1] if i + 1 < len(children) else None
                if tok.markup == "autolink":
                    j = _find(content, "<", c)
                    k = _find(content, ">", j) + 1
                else:
                    text = url_tok.content if url_tok is not None else ""
                    j = _find(content, text, c)
                    k = j + len(text)
                start = self.plen
                self._emit_placeholder(j, k)
                self.links.append(Link(start, self.plen, tok.attrs.get("href", ""), "autolink"))
                c = k
                while i < len(children) and children[i].type != "link_close":
                    i += 1
            elif t == "link_open":
                j = _find(content, "[", c)
                c = j + 1
                link_stack.append((self.plen, str(tok.attrs.get("href", ""))))
            elif t == "link_close":
                j = _find(content, "]", c)
                tail = _skip_link_tail(content, j + 1)
                start, href = link_stack.pop() if link_stack else (self.plen, "")
                kind = "inline" if content.startswith("(", j + 1) else "reference"
                self.links.append(Link(start, self.plen, href, kind))
                c = tail
            elif t == "image":
                j = _find(content, "![", c)
                close = j + 2 + len(tok.content)
                if not content.startswith("]", close):
                    raise MappingError("image label does not close where expected")
                end = _skip_link_tail(content, close + 1)
                start = self.plen
                self._emit_placeholder(j, end)
                self.links.append(Link(start, self.plen, str(tok.attrs.get("src", "")), "image"))
                c = end
            elif t == "footnote_ref":
                label = tok.meta.get("label")
                if label is not None:
                    j = _find(content, f"[^{label}]", c)
                    c = j + len(label) + 3
                    self.footnote_refs.append((self.plen, label))
                else:  # inline footnote ^[...]: its text is not mapped; skip it whole
                    j = _find(content, "^[", c)
                    c = _matching_bracket(content, j + 1) + 1
                    self.footnote_refs.append((self.plen, ""))
            elif t == "html_inline":
                j = _find(content, tok.content, c)
                self.html.append((self.cmap(j), self.cmap(j + len(tok.content) - 1) + 1, tok.content))
                c = j + len(tok.content)
            elif t in _EMPHASIS:
                j = _find(content, tok.markup, c)
                c = j + len(tok.markup)
            elif tok.content:
                # Unknown inline construct from a plugin: keep it out of the prose.
                j = _find(content, tok.content, c)
                c = j + len(tok.content)
            i += 1
        block = Block(self.kind, "".join(self.parts), self.segments, self.containers,
                      self.level, self.links, self.footnote_refs)
        self._verify(block)
        return block

    def _verify(self, block: Block) -> None:
        text = self.source.text
        for seg in block.segments:
            if seg.kind == LITERAL and (
                text[seg.source_start:seg.source_end] != block.text[seg.prose_start:seg.prose_end]
            ):
                raise MappingError(
                    f"offset {seg.source_start}: prose does not match source; block skipped"
                )


def _matching_bracket(s: str, open_at: int) -> int:
    depth = 0
    k = open_at
    while k < len(s):
        ch = s[k]
        if ch == "\\":
            k += 2  # an escaped bracket does not count
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    raise MappingError("unterminated inline footnote")
