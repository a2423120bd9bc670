"""The scanning shortcuts must find exactly what the plain patterns find."""
from __future__ import annotations

import random
import re

from pipeline.nlp.orgs import BOARD_RE, _UNIT_ANCHOR
from pipeline.nlp.scan import finditer_near, trie_alternation

WORDS = ["Socialnämnden", "kultur-", "och", "fritidsnämndens", "beslut", "styrelsen", "Kommunstyrelsen",
         "samt", "tekniska", "nämnden", "förvaltningen", "arbetsmarknads-", "kontoret", "avtal", "med",
         "2024", "kr", ",", ".", "\n", "Barn-", "utbildningsnämnden", "omsorgsförvaltningens", "fullmäktige"]


def _texts(n: int, seed: int = 7):
    rnd = random.Random(seed)
    for _ in range(n):
        yield " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 120)))


def test_finditer_near_finds_what_finditer_finds():
    for text in _texts(300):
        assert [m.span() for m in finditer_near(BOARD_RE, text, _UNIT_ANCHOR, 200)] == \
            [m.span() for m in BOARD_RE.finditer(text)], text


def test_finditer_near_misses_a_match_whose_key_word_is_too_far():
    # the documented limit: the anchor must start within `before` of the match
    rx, anchor = re.compile(r"a+b"), re.compile("b")
    text = "a" * 50 + "b"
    assert [m.span() for m in finditer_near(rx, text, anchor, before=60)] == [(0, 51)]
    assert [m.span() for m in finditer_near(rx, text, anchor, before=10)] == [(40, 51)]


def test_finditer_near_with_a_stop_finds_what_finditer_finds():
    # an office name is letters and hyphens: the search for each anchor may end at the first other character
    from pipeline.nlp.orgs import UNIT_RE, _NOT_IN_UNIT, _OFFICE_ANCHOR
    rnd = random.Random(5)
    words = ["Kommunledningsstaben", "enheten", "Stöd-enheten", "avdelningens", "Ekonomiavdelningen", "och",
             "staben.", "kansliet,", "Sekretariatet", "x", "\n", "Barn-", "HR-avdelningen"]
    for _ in range(300):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(3, 60)))
        assert [m.span() for m in finditer_near(UNIT_RE, text, _OFFICE_ANCHOR, 60, stop=_NOT_IN_UNIT)] == \
            [m.span() for m in UNIT_RE.finditer(text)], text


def test_trie_matches_like_a_longest_first_alternation():
    names = ["Polisen", "Polismyndigheten", "Pol", "Röda Korset", "Röda Korsets Ungdomsförbund",
             "Stadsmissionen", "Stads", "A.B.C", "x|y", "Å"]
    plain = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    trie = re.compile(trie_alternation(names))
    rnd = random.Random(3)
    pieces = names + [" ", "i ", "Polisens", "Röda ", "Korsets", "x", "|y"]
    for _ in range(500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    assert trie.fullmatch("Röda Korsets Ungdomsförbund") and not trie.fullmatch("Röda Korsets")


def test_ranges_answer_like_a_scan_of_all():
    from pipeline.nlp.scan import Ranges

    rnd = random.Random(11)
    for _ in range(200):
        ranges = [(a, a + rnd.randint(1, 9)) for a in rnd.sample(range(200), 12)]
        taken = Ranges(ranges)
        plain = list(ranges)
        for _ in range(30):
            s = rnd.randint(0, 210)
            e = s + rnd.randint(1, 12)
            expected = all(e <= a or s >= b for a, b in plain)
            assert (not taken.overlaps(s, e)) == expected, (ranges, s, e)
            if expected:
                taken.add(s, e)
                plain.append((s, e))


def test_matches_at_finds_what_finditer_finds_when_every_match_starts_at_a_given_place():
    import re

    from pipeline.nlp.scan import matches_at

    rx = re.compile(r"(?i)(?<!\w)(?:avtal(?:et)?|avtalstiden)\b")
    text = "Avtalet gäller. Under avtalstiden, och i avtal med X, avtalsenligt."
    starts = [m.start() for m in re.finditer(r"(?i)\bavtal", text)]
    assert [m.span() for m in matches_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]
    assert [m.span() for m in matches_at(rx, text, None)] == [m.span() for m in rx.finditer(text)]
    # a start inside a match already found is not tried again
    assert [m.group() for m in matches_at(re.compile(r"a\w+"), "avtal", [0, 1])] == ["avtal"]
