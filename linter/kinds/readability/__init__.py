"""Readability kinds: sentence length, paragraph grade, document grade (textstat)."""
