"""Text clean-up that yields the stored page text (offsets index into its output).

Every later stage indexes into what this returns, so clean-up happens once, here,
and nothing downstream rewrites the text again.
"""
from __future__ import annotations

import re
import unicodedata

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
# NBSP, thin and narrow spaces are spaces to a reader: "1\u00a0827\u00a0000" is one number.
_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000\t]")
# Characters a reader never sees; left in, they split tokens ("kom\u200bmun").
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A soft hyphen (U+00AD) is invisible: dropped, and at a line end it joins the halves.
_SOFT_HYPHEN = re.compile(r"\u00ad(?:[ ]*\n[ ]*)?")
# pdfium itself takes a hyphen at a line end for hyphenation: it drops the line break
# and reports the hyphen as U+FFFE (U+0002 in older builds). It cannot tell
# "kommun-|styrelsen" from "Social-|och", so the break is put back and our own rule
# below decides.
_PDFIUM_HYPHEN = re.compile(r"[\ufffe\x02][ ]*\n?")
# Hyphen look-alikes that the number and date rules should see as "-": the minus in
# "−28,8 Mkr", the non-breaking hyphen in "2019‑01‑01". Dashes (– —) stay as written.
# (str.replace, not str.translate: translate looks up every character of the page.)
_HYPHENS = ("\u2010", "\u2011", "\u2212")
_TRAILING_SPACE = re.compile(r"[ ]+\n")
# A hyphen at a line end followed by a line that goes on with a letter or digit. The
# word before it is read backwards from the hyphen: a pattern that starts with it
# (``\w*-``) would be tried at every character of the page.
_LINE_END_HYPHEN = re.compile(r"-\n(?=(\w+))")
_WORD = re.compile(r"\w*")
# "social-\noch omsorgsnämnden": coordination, the hyphen and the break are real.
_CONJ = {"och", "eller", "samt", "resp", "respektive", "till", "som", "and", "or"}


_SURROGATE = re.compile("[\ud800-\udfff]")
# Every character _special changes, and the two that NFC makes fixed spaces of
# (U+2000, U+2001), sought in one pass: most pages have none of them.
_SPECIAL = re.compile(
    "[\ud800-\udfff\ufb00-\ufb06\u2000\u2001\u2010\u2011\u2212" + _SPACES.pattern[1:-1] + _INVISIBLE.pattern[1:-1] + "]"
)


def _special(text: str) -> str:
    # a lone surrogate (a broken text layer) cannot be written as UTF-8, which
    # spaCy and DuckDB need: it becomes the replacement character
    text = _SURROGATE.sub("\ufffd", text)
    for lig, rep in _LIGATURES.items():
        if lig in text:
            text = text.replace(lig, rep)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    for hyphen in _HYPHENS:
        if hyphen in text:
            text = text.replace(hyphen, "-")
    return _INVISIBLE.sub("", text)


def clean_page_text(text: str) -> str:
    """The page text as a reader sees it, with every line-break artefact removed.

    - ligatures spelled out (ﬁ -> fi), decomposed letters composed (a + ¨ -> ä);
    - NBSP, thin and other fixed spaces become plain spaces, invisible characters go;
    - soft hyphens go, joining a word split at a line end;
    - a word broken by a line-end hyphen is rejoined ("kommun-\\nstyrelsen" ->
      "kommunstyrelsen") while real hyphens stay: "Social- och omsorgsnämnden",
      "LSS-\\ninsatser" -> "LSS-insatser", "60-\\n70" -> "60-70", "2019-\\n01-01" -> "2019-01-01".
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufffe" in text or "\x02" in text:
        text = _PDFIUM_HYPHEN.sub("-\n", text)
    if text.isascii():
        if "\t" in text:
            text = text.replace("\t", " ")
        text = _INVISIBLE.sub("", text)
    elif _SPECIAL.search(text):
        text = _special(text)
    else:
        text = unicodedata.normalize("NFC", text)
    if " \n" in text:  # a substring test is several times faster than the pattern's search
        text = _TRAILING_SPACE.sub("\n", text)
    if "\u00ad" in text:
        text = _SOFT_HYPHEN.sub("", text)
    if "-\n" in text:
        text = _rejoin_lines(text)
    return text


def _rejoin_lines(text: str) -> str:
    backwards = text[::-1]

    def rejoin(m: re.Match) -> str:
        # the word before the hyphen: the run of word characters that ends at it
        end = m.start()
        start = end - (_WORD.match(backwards, len(text) - end).end() - (len(text) - end))
        chained = start > 0 and text[start - 1] in "-/"
        return _rejoin(text[start:end], m.group(1), chained)

    return _LINE_END_HYPHEN.sub(rejoin, text)


def _rejoin(before: str, after: str, chained: bool) -> str:
    """What becomes of the hyphen and the line break between ``before`` and ``after``."""
    if not before:  # a dash opening a list item, or a lone hyphen: not a broken word
        return "-\n"
    if after.lower() in _CONJ or not after[0].isalnum():
        return "-\n"
    last, first = before[-1], after[0]
    if last.islower() and first.islower() and len(before) > 1 and not chained:
        return ""  # kommun-|styrelsen -> kommunstyrelsen
    if first.isdigit() and last.isdigit():
        return "-"  # 60-|70, 2019-|01-01: a range or a date broken at the line end
    if first.islower() and (last.isupper() or last.isdigit() or len(before) == 1 or chained):
        return "-"  # LSS-|insatser, 18-|åringar, e-|post, regler-och-|styrande: a hyphen compound
    return "-\n"
