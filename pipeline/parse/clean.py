"""Text clean-up that yields the stored page text (offsets index into its output)."""
from __future__ import annotations

import re

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
# NBSP, thin and narrow spaces are spaces to a reader: "1\u00a0827\u00a0000" is one number.
_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a]")
_SOFT_HYPHEN = re.compile(r"\u00ad\s*|\ufffe\s*|\x02\s*")
# "kommun-\nstyrelsen": a word broken at the line end. Not "Social- och", "60-\n70",
# nor "2019-\n01-01": the next line must go on in lower case.
_LINE_END_HYPHEN = re.compile(r"(?<=[a-zåäöéü])-\n(?=[a-zåäöéü]{2,})")
_CONJ = re.compile(r"^(?:och|eller|samt|resp|respektive|till)\b")


def clean_page_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
    text = _SOFT_HYPHEN.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _LINE_END_HYPHEN.sub(_join_unless_coordination, text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return text


def _join_unless_coordination(m: re.Match) -> str:
    rest = m.string[m.end() : m.end() + 12]
    # "social-\noch omsorgsnämnden" keeps its hyphen
    return "-\n" if _CONJ.match(rest) else ""
