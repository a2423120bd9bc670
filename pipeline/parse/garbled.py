"""Is a text layer nonsense? Then only the picture of the page can be read.

Three kinds of nonsense turn up in archives:
- glyphs without a Unicode mapping (fonts with no ToUnicode map): private-use and
  replacement characters, control codes, pdfminer-style "(cid:12)" runs, UTF-16 byte
  order marks read as Latin-1 ("ÿþ") and UTF-8 read as Latin-1 ("fÃ¶r");
- a font whose codes are not its letters: the text comes out as symbols and
  letters mixed ("3HUVRQDO#"), few tokens look like words or numbers;
- a scan's invisible OCR layer from a poor scanner: broken words and stray marks,
  or letters with no Swedish (or English) in them.
The last test is only made on scans: re-reading a scan costs one OCR pass, while a
born-digital page of names or a price list, which has few small words, keeps its
perfect text layer.
"""
from __future__ import annotations

import re

# private use (fonts without a Unicode map), the replacement character, controls
_LOST_GLYPH = re.compile("[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff\x00-\x08\x0e-\x1f]")
_CID = re.compile(r"\(cid:\d+\)")
_BOM = re.compile(r"ÿþ|þÿ")
# UTF-8 read as Latin-1: "Ã¶" for "ö"; a page of them and no real å, ä or ö is lost
_MOJIBAKE = re.compile(r"Ã[\x80-\xbf¤¥¶©–—]")
_SWEDISH = re.compile(r"[åäöÅÄÖ]")
LOST_SHARE = 0.3  # of the visible characters
# A word or a number, or words and numbers joined ("12-stegsmodellen", "Org.nr", "S:t",
# "31A", "2019-01-01"), in brackets or quotes, punctuation after. Letters and digits
# run together ("f0r1ängs", "3HUVRQ") are not; tokens without a letter or digit
# (bullets, dotted leaders) and addresses (URLs, e-mail) are not counted at all.
_PART = r"(?:[^\W\d_]+|\d+(?:[.,]\d+)*[^\W\d_]{0,2})"
_WORDLIKE = re.compile(
    rf"[(\[\"'«»”]*(?:{_PART}(?:[-'’.:/–]{_PART})*[-.]?[%‰]?|[§&])[)\]\"'»”.,:;!?]*"
)
_ADDRESS = re.compile(r"://|^www\.|@|\.(?:se|com|nu|org|net|eu|pdf|html?)\b")
MIN_WORDLIKE = 0.5  # of the tokens, on any page
MIN_WORDLIKE_SCAN = 0.7  # of the tokens, on a scan's text layer
# On a scan: this many words of letters and fewer than 3 in a hundred small Swedish or
# English words (prose has 20-30, the sample's tables of contents and lists have more
# than 5) is no language: the scanner read the page upside down or as a wrong script.
MIN_TOKENS_FOR_LANGUAGE, MIN_SMALL_WORDS = 40, 0.03
_SMALL_WORDS = frozenset(
    "och att i på av för med till som är det den de en ett om har ska inte kan vid från "
    "eller enligt samt under efter mot så sig vi ni du han hon man the and of to in is for".split()
)


def garbled(text: str, scanned: bool = False) -> bool:
    # Every page of a batch comes through here: counts by C-level string methods, and
    # the per-token word test only runs where a cheap lower bound cannot settle it.
    pieces = text.split()
    lengths = list(map(len, pieces))
    visible = sum(lengths)
    if not visible:
        return False
    lost = len(_LOST_GLYPH.findall(text)) + sum(len(m) for m in _CID.findall(text))
    if "þ" in text:  # both byte order marks have one; most pages have none
        lost += 2 * len(_BOM.findall(text))
    if lost > LOST_SHARE * visible:
        return True
    mojibake = len(_MOJIBAKE.findall(text))
    if mojibake >= 5 and mojibake > len(_SWEDISH.findall(text)):
        return True
    if not scanned and _plain_words(text, pieces, lengths) >= MIN_WORDLIKE * len(pieces):
        return False  # the exact share below, of fewer tokens, cannot come out lower
    tokens = [t for t in pieces if _ALNUM.search(t) and not _ADDRESS.search(t)]
    if len(tokens) < 10:
        return False  # a stamp or a page number: too little to judge (and too little to keep)
    if _few_wordlike(tokens, MIN_WORDLIKE_SCAN if scanned else MIN_WORDLIKE):
        return True
    if scanned:
        words = [t.strip(".,:;!?()\"'").lower() for t in tokens]
        words = [w for w in words if len(w) > 1 and w.isalpha()]
        small = sum(w in _SMALL_WORDS for w in words)
        if len(words) >= MIN_TOKENS_FOR_LANGUAGE and small < MIN_SMALL_WORDS * len(words):
            return True
    return False


# An upper-case letter after a lower-case one, found from the capital (the pattern
# _CASE_FLIP is tried at every character): at least one in every token _CASE_FLIP finds.
_FLIP_AT = re.compile(r"[A-ZÅÄÖÉÜ](?<=[^\W\d_A-ZÅÄÖÉÜ].)")


def _plain_words(text: str, pieces: list[str], lengths: list[int]) -> int:
    """A lower bound on the word-like tokens among ``pieces`` (the page split), without a
    per-token loop: tokens of letters alone are word-like (and counted: no address has
    only letters) unless a single letter or case-flipped."""
    return sum(map(str.isalpha, pieces)) - lengths.count(1) - len(_FLIP_AT.findall(text))


def _few_wordlike(tokens: list[str], share: float) -> bool:
    """Are fewer than ``share`` of the tokens word-like?"""
    need = share * len(tokens)
    found = 0
    for t in tokens:
        if _wordlike(t):
            found += 1
            if found >= need:
                return False
    return True


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum
_CASE_FLIP = re.compile(r"[^\W\d_A-ZÅÄÖÉÜ][A-ZÅÄÖÉÜ]")  # "SSapPeESYOSaA": upper after lower
_SINGLE_LETTER_WORDS = frozenset("iIåÅöÖ")


def _wordlike(token: str) -> bool:
    if not _WORDLIKE.fullmatch(token) or _CASE_FLIP.search(token):
        return False
    # a letter alone is a word (i, å, ö), a list mark "a)" or an initial "A."; "c" or
    # "E" between spaces is a stray mark read as a letter
    core = token.strip("(\"'«»”")
    return not (len(core) == 1 and core.isalpha() and core not in _SINGLE_LETTER_WORDS)
