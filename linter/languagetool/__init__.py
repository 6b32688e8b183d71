"""LanguageTool for lint-corpus: settings, the prose requests, the client and the local server.

The rule kind that uses it is linter.kinds.grammar.languagetool; this package is
imported only when that rule runs, so a run without LanguageTool never pays for
language-tool-python or requests.
"""
