"""Grammar kinds: LanguageTool (when available) and offline checks that always run."""
