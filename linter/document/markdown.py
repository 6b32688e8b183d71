"""The one markdown-it parser configuration every document goes through."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = (
        MarkdownIt("commonmark", {"linkify": True})
        .enable(["table", "strikethrough", "linkify"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )
    # Keep "&amp;" and "\*" as separate tokens that remember their source
    # spelling; merging them into text would lose the offset map.
    md.disable("text_join")
    _quicken_linkify_pretest(md.linkify)
    return md


# A dot right before a letter or digit ("example.com", "1.2.3.4", "e.g"), as
# every fuzzy host linkify-it recognises has.
_DOT_ALNUM = re.compile(r"\.[^\W_]")


def _quicken_linkify_pretest(linkify) -> None:
    """Answer linkify-it's pretest from a few substring checks when they rule a link out.

    markdown-it asks `pretest(content)` of every paragraph; linkify-it answers
    with one large case-insensitive regex (its schemas, "localhost", "www.",
    a dot before a TLD or a digit, "@"), about a third of the parse time. Each
    of those needs ":" or "//" (the schemas), "@", "www.", "localhost", or a
    dot followed by a letter or digit, so a paragraph with none of them gets
    False at once; any other paragraph gets linkify-it's own answer. Applied
    only when every schema has ":" in it or is "//", as linkify-it's own do.
    """
    schemas = [name for name in getattr(linkify, "_compiled", {}) if name]
    if linkify is None or not schemas or not all(":" in s or s == "//" for s in schemas):
        return
    full = linkify.pretest

    def pretest(text: str) -> bool:
        if "@" in text or ":" in text or "//" in text or _DOT_ALNUM.search(text):
            return full(text)
        folded = text.casefold()  # IGNORECASE also matches "ſ" to "s"
        return ("www." in folded or "localhost" in folded) and full(text)

    linkify.pretest = pretest
