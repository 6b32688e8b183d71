"""The one markdown-it parser configuration every document goes through."""

from __future__ import annotations

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
    return md
