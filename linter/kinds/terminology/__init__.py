"""Terminology kinds: they read the term base (`terms:` in rules/terminology.yml)."""
