"""The garbled check's shortcuts give the token-by-token answer: it decides OCR."""
from __future__ import annotations

import importlib
import random

import pytest

from pipeline.parse import MIN_TEXT_CHARS, needs_ocr
from pipeline.parse.objects import PageHints

G = importlib.import_module("pipeline.parse.garbled")  # the package exports the function under that name

# Tokens on both sides of every rule: words, single letters, case flips (ASCII and
# not), letters without case, numbers, mixed codes, symbols, addresses, lost glyphs.
_TOKENS = (
    "och att kommunen Kommunen KOMMUN nämnd Ödeshög ÅRET år i å ö c E A. a) "
    "SSapPeESYOSaA ØA Øa ÇA aÅ xÉ 漢字 ʰA ʰa ßA 2019 2019-01-01 12,5 31A f0r1ängs 3HUVRQDO# "
    "(kommun) \"Hej\" kommun, år. www. www.x.se a@b.se http://x.se rapport.pdf § & • .... # _ a_b "
    "² ½ ١٢ \ue000 \ufffd (cid:12) Ã¶ ÿþA þ ﬁnns S:t Org.nr – -"
).split()
_SPACES = (" ", " ", " ", "\n", "\t", "\xa0", "\u3000", "\x1c", "\x85", "  ")


def _texts(n: int, seed: int = 7):
    rng = random.Random(seed)
    for _ in range(n):
        # a few token kinds per text, so that pages fall on both sides of the share
        pool = rng.sample(_TOKENS, rng.randint(2, 12))
        tokens = [rng.choice(pool) for _ in range(rng.randint(0, 80))]
        text = "".join(t + rng.choice(_SPACES) for t in tokens)
        yield rng.choice(_SPACES) * rng.randint(0, 3) + text


def _wordlike_tokens(text: str) -> int:
    tokens = [t for t in text.split() if G._ALNUM.search(t) and not G._ADDRESS.search(t)]
    return sum(map(G._wordlike, tokens))


def test_plain_words_is_a_lower_bound():
    for text in _texts(4000):
        pieces = text.split()
        assert G._plain_words(text, pieces, list(map(len, pieces))) <= _wordlike_tokens(text), text


@pytest.mark.parametrize("scanned", [False, True])
def test_garbled_as_token_by_token(monkeypatch, scanned):
    texts = list(_texts(4000, seed=11))
    fast = [G.garbled(t, scanned) for t in texts]
    monkeypatch.setattr(G, "_plain_words", lambda *_: -1)  # never settles: every token is tested
    slow = [G.garbled(t, scanned) for t in texts]
    assert fast == slow
    assert 0.1 < sum(slow) / len(slow) < 0.9  # the texts test both answers


def test_needs_ocr_counts_the_whole_page():
    scan = PageHints(width=595, height=842, n_images=1, image_cover=1.0)
    rng = random.Random(3)
    for _ in range(2000):
        # visible characters around the threshold, spread behind runs of white space
        chunks = ["x" * rng.randint(0, 12) + " " * rng.randint(0, 60) for _ in range(rng.randint(0, 8))]
        text = "".join(chunks)
        visible = len("".join(text.split()))
        for hints in (None, scan, PageHints()):
            if visible >= MIN_TEXT_CHARS:
                expect = False
            else:  # a scan, or nothing at all when nothing is known of the page
                expect = not visible if hints is None else hints.scanned
            assert needs_ocr(text, hints) == expect, (text, hints)


def test_every_letter_makes_a_word_like_token():
    """The bound counts tokens of letters (str.isalpha) as word-like tokens: so they are,
    for every letter Unicode has, unless case-flipped."""
    for code in range(0x110000):
        ch = chr(code)
        if ch.isalpha():
            token = ch + ch  # a single letter is no word ("c" between spaces)
            if G._CASE_FLIP.search(token):
                continue
            assert G._ALNUM.search(token) and not G._ADDRESS.search(token), hex(code)
            assert G._wordlike(token), hex(code)
