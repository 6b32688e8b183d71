"""`sentence-length`: a sentence over N words, reported at the sentence.

    readability.sentence-length:
      kind: sentence-length
      message: "This sentence has {words} words; ..."
      max_words: 35        # default: the audience preset's sentence_words

Words are the Document's own (a hyphenated compound or a number is one word);
inline code, images and URLs do not count. No textstat needed, so this rule
stays fast.
"""

from __future__ import annotations

from ...readability.measure import counted_words, span
from ...readability.presets import SECTION, resolve
from ..base import Option, OptionError, RuleKind


class SentenceLength(RuleKind):
    kind = "sentence-length"
    description = "Sentences longer than the audience can follow in one go."
    help = "Split the sentence; one idea per sentence."
    sections = (SECTION,)
    options = {
        "audience": Option(str, "", help="audience preset (default: the section's `audience`)"),
        "max_words": Option(int, 0, help="longest sentence allowed (0: the preset's sentence_words)"),
    }

    def configure(self) -> None:
        limit = self.opts["max_words"]
        audience = resolve(self.pack, self.opts["audience"])
        if limit < 0:
            raise OptionError("max_words", "'max_words' must be 0 (use the preset) or more")
        if not limit:
            if audience is None or audience.sentence_words is None:
                raise OptionError("max_words", "set 'max_words', or an audience preset with "
                                  f"'sentence_words' in the '{SECTION}' section")
            limit = audience.sentence_words
        self.limit = limit
        self.audience = audience.name if audience else "custom"

    def check(self, document):
        for block in self.blocks(document):
            for sentence in block.sentences:
                words = counted_words(block, sentence.start, sentence.end)
                if len(words) <= self.limit:
                    continue
                where = span(block, sentence.start, sentence.end)
                if where is None:
                    continue
                message = self.format_message(words=len(words), limit=self.limit,
                                              audience=self.audience)
                yield self.report(document, block, where[0], where[1], message,
                                  data={"words": len(words), "limit": self.limit})
