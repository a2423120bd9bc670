"""The tokenizer: spaCy's Swedish rules, with a chunk cache that fills.

spaCy caches the tokens of every whitespace-separated chunk it splits, but stops
saving for the rest of a text once one special case (an abbreviation such as
"t.ex.") has turned up in it (spaCy #1250). In a municipal document that happens on
the first page, so almost nothing was cached and every "kommunen," went through
the affix rules again: 3 ms a page, a fifth of the whole pipeline. Here each chunk
not seen before is first tokenized on its own, which saves it, and the whole text
then reads from the cache: the tokens are exactly spaCy's, about ten times faster.
"""
from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

# "2019-01-01--2020-12-31", "6–8": each end of a range is a token of its own, so each
# date of a range gets its own span.
RANGE_INFIX = r"(?<=[0-9])(?:--|[\u2013\u2014])(?=[0-9])"


class CachingTokenizer(Tokenizer):
    def __call__(self, text: str) -> Doc:
        seen = self.__dict__.setdefault("_seen", set())
        if len(seen) < self.max_cache_size:  # a full cache saves nothing more
            tokenize = super().__call__
            for chunk in set(text.split()) - seen:
                tokenize(chunk)
                seen.add(chunk)
        return super().__call__(text)

    def _reset_cache(self, keys):  # rules changed: what was cached is stale
        self.__dict__.pop("_seen", None)
        return super()._reset_cache(keys)


@registry.tokenizers("muni_tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    def make(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        infixes = list(d.infixes or []) + [RANGE_INFIX]
        return CachingTokenizer(
            nlp.vocab,
            rules=d.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=d.token_match,
            url_match=d.url_match,
        )

    return make
