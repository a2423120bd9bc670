"""Clean-up of the text layer: what a reader sees, with offsets into the cleaned text."""
from __future__ import annotations

import pytest

from pipeline.ingest import discover
from pipeline.parse import parse_pdf
from pipeline.parse.clean import clean_page_text
from tests.pdfgen import text_pdf


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        # a word broken at the line end is rejoined, the rest of the line follows it
        ("kommun-\nstyrelsen beslutar", "kommunstyrelsen beslutar"),
        ("uppfölj- \r\nningen", "uppföljningen"),
        ("Kommunstyrelsen har upp-\ndragit åt", "Kommunstyrelsen har uppdragit åt"),
        # real hyphens stay
        ("Social-\noch omsorgsnämnden", "Social-\noch omsorgsnämnden"),
        ("Social- och omsorgsnämnden", "Social- och omsorgsnämnden"),
        ("barn-\neller ungdomsärenden", "barn-\neller ungdomsärenden"),
        ("60-70 besökare", "60-70 besökare"),
        ("2019-01-01", "2019-01-01"),
        # a range or date broken at the line end keeps its hyphen and loses the break
        ("ca 60-\n70 besökare", "ca 60-70 besökare"),
        ("från 2019-\n01-01", "från 2019-01-01"),
        ("i åldern 0-\n20 år", "i åldern 0-20 år"),
        # compounds with an abbreviation or a single letter keep the hyphen
        ("LSS-\ninsatser", "LSS-insatser"),
        ("e-\npost", "e-post"),
        ("regler-och-styrande-\ndokument/", "regler-och-styrande-dokument/"),
        ("SoL-\nbeslut", "SoL-beslut"),
        # a capitalised next line is a new thing, not the rest of a word
        ("Ekonomi -\nBakgrund", "Ekonomi -\nBakgrund"),
        ("Linköpings-\nKommun", "Linköpings-\nKommun"),
        # a list dash is no hyphen
        ("punkt ett\n-\nnästa", "punkt ett\n-\nnästa"),
        # ligatures
        ("\ufb01nns \ufb02era e\ufb00ekter", "finns flera effekter"),
        ("\ufb03 \ufb04", "ffi ffl"),
        # soft hyphens: dropped, and at a line end they join the word
        ("kom\u00admun", "kommun"),
        ("kom\u00ad\nmunen", "kommunen"),
        ("kom\x02\r\nmunen", "kommunen"),
        # pdfium joins a line-end hyphen itself and says so with U+FFFE
        ("kommun\ufffestyrelsen", "kommunstyrelsen"),
        ("Social\ufffeoch omsorg", "Social-\noch omsorg"),
        ("LSS\ufffeinsatser", "LSS-insatser"),
        # NBSP, thin and narrow spaces are spaces: the number stays one number
        ("1\u00a0827\u00a0000 kronor", "1 827 000 kronor"),
        ("1\u2009827\u202f000 kr", "1 827 000 kr"),
        ("3,7\u00a0mnkr", "3,7 mnkr"),
        # invisible characters go, decomposed letters are composed
        ("kom\u200bmun\ufeff", "kommun"),
        ("a\u0308r o\u0308ver", "är över"),
        # minus and non-breaking hyphens read as hyphens; dashes stay
        ("\u221228,8 Mkr", "-28,8 Mkr"),
        ("2019\u201101\u201101", "2019-01-01"),
        ("stöd \u2013 och motivation", "stöd \u2013 och motivation"),
        # line ends: CRLF, trailing spaces
        ("rad ett  \r\nrad två\rrad tre", "rad ett\nrad två\nrad tre"),
        ("", ""),
    ],
)
def test_clean_forms(raw, cleaned):
    assert clean_page_text(raw) == cleaned


def test_clean_is_idempotent():
    text = "kommun-\nstyrelsen\u00a0har 60-\n70 platser, Social-\noch omsorgsnämnden \ufb01nns"
    once = clean_page_text(text)
    assert clean_page_text(once) == once


def test_clean_on_a_real_pdf(tmp_path):
    """Through pypdfium2: a line-end hyphen and NBSP as a PDF really holds them."""
    pdf = tmp_path / "raw" / "b" / "hyphen.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(text_pdf([[
        "Ärendet har beretts av kommun-",
        "styrelsen och Social- och omsorgsnämnden.",
        "Verksamheten tar emot 60-",
        "70 besökare per dag och kostar 1\u00a0827\u00a0000 kronor.",
        "Social-",
        "och omsorgsförvaltningen informerar.",
    ]]))
    (src,) = discover(tmp_path / "raw")
    text = parse_pdf(src).pages[0].text
    assert "kommunstyrelsen och Social- och omsorgsnämnden." in text
    assert "60-70 besökare" in text
    assert "1 827 000 kronor" in text
    assert "Social-\noch omsorgsförvaltningen" in text
    assert "\r" not in text and "\u00a0" not in text


def test_sample_text_is_clean(sample_con):
    """No artefacts left in the stored pages of the sample batch."""
    rows = sample_con.execute("SELECT text FROM pages").fetchall()
    assert rows
    for (text,) in rows:
        assert "\r" not in text
        assert not any(c in text for c in "\u00a0\u00ad\ufb01\ufb02\u2009\x02")
    joined = "\n".join(t for (t,) in rows)
    # the sample's "0-\n20 år" is one range again
    assert "0-20 år" in joined


def test_one_damaged_page_does_not_cost_the_others(monkeypatch, tmp_path):
    import shutil

    import pypdfium2 as pdfium

    from pipeline.ingest import discover
    from pipeline.parse import ParseOptions, parse_pdf, text as text_mod
    from tests.conftest import SAMPLE

    real = text_mod.page_hints

    def flaky(page):  # the second page pdfium opens cannot be read
        flaky.calls += 1
        if flaky.calls == 2:
            raise pdfium.PdfiumError("Failed to load page.")
        return real(page)

    flaky.calls = 0
    monkeypatch.setattr(text_mod, "page_hints", flaky)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE / "000_7f2fc2e1f45aab5b.pdf", raw / "a.pdf")
    src, = discover(raw)
    parsed = parse_pdf(src, ParseOptions(ocr=False))
    assert parsed.status == "partial"
    assert "page(s) 2 could not be read (damaged page)" in parsed.error
    assert parsed.pages[0].text.strip() and parsed.pages[2].text.strip()


def test_a_lone_surrogate_becomes_the_replacement_character():
    from pipeline.nlp import build_nlp
    from pipeline.parse.clean import clean_page_text

    text = clean_page_text("Avtalet med Solbo AB \ud800 gäller till och med 2026-12-31.")
    assert "\ud800" not in text and "\ufffd" in text
    doc = build_nlp()(text)  # spaCy hashes every token as UTF-8
    assert [s._.norm["date"] for s in doc.spans["dates"]] == ["2026-12-31"]


def test_line_end_hyphens_as_the_word_first_pattern():
    """The word before a line-end hyphen, read backwards, is the one the pattern
    ``(\\w*)-\\n`` takes: random lines of words, hyphens, slashes and numbers."""
    import random
    import re

    from pipeline.parse import clean

    def reference(text):
        def rejoin(m):
            chained = m.start() > 0 and m.string[m.start() - 1] in "-/"
            return m.group(1) + clean._rejoin(m.group(1), m.group(2), chained)

        return re.sub(r"(\w*)-\n(?=(\w+))", rejoin, text)

    rng = random.Random(5)
    parts = "kommun styrelsen och Social LSS e 60 70 2019 01 åringar ÖVER a_b x ² - / -\n \n , . –".split(" ") + [" ", "-\n", "\n"]
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 30)))
        assert clean._rejoin_lines(text) == reference(text), text


def test_nfc_makes_nothing_the_special_steps_change():
    """A page without _SPECIAL's characters only needs NFC: no character's canonical
    form holds one of them, and none of them is a composite that NFC could build."""
    import unicodedata

    from pipeline.parse import clean

    for code in range(0x110000):
        ch = chr(code)
        if not clean._SPECIAL.search(ch):
            assert not clean._SPECIAL.search(unicodedata.normalize("NFC", ch)), hex(code)
            assert not clean._SPECIAL.search(unicodedata.normalize("NFD", ch)), hex(code)
        elif code not in (0x2000, 0x2001):
            assert unicodedata.decomposition(ch) in ("",) or unicodedata.decomposition(ch).startswith("<"), hex(code)


def test_special_steps_skipped_only_where_they_change_nothing(monkeypatch):
    import random
    import re

    from pipeline.parse import clean

    rng = random.Random(9)
    parts = ["kommun", "ä", "a\u0308", "\u00a0", "\u2000", "\u2009", "\t", "\u200b", "\ufeff", "\ufb01", "\u2212",
             "\u2011", "\ud800", "\x01", "\u00ad", " \n", "-\n", "\r\n", " ", "Ö", "–", "”", "€"]
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 12))) for _ in range(4000)]
    fast = [clean_page_text(t) for t in texts]
    monkeypatch.setattr(clean, "_SPECIAL", re.compile(""))  # matches every page: all steps run
    assert fast == [clean_page_text(t) for t in texts]
