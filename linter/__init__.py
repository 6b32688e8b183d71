"""lint-corpus: an editorial quality and fact-check linter for Markdown corpora."""

__version__ = "0.1.0"
