"""Headings and sections: found in the sample, stored in the sections table."""
from __future__ import annotations

import re

from pipeline.nlp.layout import is_heading_line, mark_layout, section_of


def _sections(con, file_name: str) -> list[str]:
    return [h for (h,) in con.execute(
        "SELECT heading FROM sections s JOIN documents d USING (doc_id) WHERE d.file_name = ? ORDER BY section_no",
        [file_name]).fetchall()]


def test_sections_of_the_sample(sample_con):
    memo = _sections(sample_con, "004_73ab96fcde37e5c4.pdf")
    assert memo[:3] == ["förslag till social- och omsorgsnämndens beslut", "ärende", "bakgrund"]
    assert "ekonomiska konsekvenser" in memo
    # a heading broken over two lines is one heading
    assert "information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet" in memo
    assert "information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet" in \
        _sections(sample_con, "002_1900549f2ee016df.pdf")
    contract = _sections(sample_con, "001_62d12ed7b24e347c.pdf")
    assert "3. ersättning till utförare, volymer" in contract
    assert "2. uppdragstid" in contract and "5.1 samverkan" in contract
    # a signature block is no heading
    assert "social- och omsorgsförvaltningen" not in memo
    assert "linköping" not in contract
    report = _sections(sample_con, "003_7abf9e9e5921c3d0.pdf")
    assert "2.1.1 övergripande riktlinjer och funktion" in report and "referenser" in report


def test_sections_rows_point_into_pages(sample_con):
    rows = sample_con.execute(
        "SELECT s.heading, p.text, s.start_char, s.end_char FROM sections s "
        "JOIN pages p ON p.doc_id = s.doc_id AND p.page_no = s.page_no").fetchall()
    assert len(rows) > 50
    for heading, text, start, end in rows:
        assert 0 <= start < end
        assert " ".join(text[start:].split()).lower().startswith(heading.split(" ")[0])


def test_facts_know_their_section(sample_con):
    rows = sample_con.execute(
        "SELECT a.section FROM amounts a JOIN documents d USING (doc_id) WHERE d.file_name = '001_62d12ed7b24e347c.pdf'"
    ).fetchall()
    assert ("3. ersättning till utförare, volymer",) in rows


def test_heading_lines():
    assert is_heading_line("Förslag till beslut", None)
    assert is_heading_line("Regionstyrelsens beslut", "Avtal om jourmottagning")
    assert is_heading_line("3. ERSÄTTNING TILL UTFÖRARE, VOLYMER", "Text.")
    assert is_heading_line("2.1 Avtalstid", "Text.")
    assert not is_heading_line("1. Avtalet avseende familjestödande insatser förlängs två år från och med", None)
    # unknown headings: short, after a finished sentence, before running text
    assert is_heading_line("Personal", "Slut på stycket.", "Verksamheten har åtta anställda med socionomexamen.")
    assert not is_heading_line("Social- och omsorgsförvaltningen", "Slut.", "Yvonne Thilander")
    assert not is_heading_line("Linköping", "Slut.", "Linköping")
    assert not is_heading_line("Personal", "Slut.", None)


def test_mark_layout_plain_text(nlp):
    doc = nlp.make_doc(
        "Ärende\nNämnden ska besluta om avtalet.\n\nEkonomiska konsekvenser\nKostnaden är 450 000 kronor per år.")
    mark_layout(doc)
    assert [h.text for h in doc.spans["headings"]] == ["Ärende", "Ekonomiska konsekvenser"]
    span = doc.char_span(doc.text.index("450 000"), doc.text.index("450 000") + 7)
    assert section_of(span) == "ekonomiska konsekvenser"


def test_doc_text_is_built_once_and_right(nlp):
    from pipeline.nlp.layout import doc_text

    doc = nlp("Ärende\nNämnden beslutar om 450 000 kronor.  ")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
    other = nlp.make_doc("En annan text.")
    other.user_data.update(doc.user_data)  # carried over: not trusted
    assert doc_text(other) == "En annan text."
    assert doc_text(nlp.make_doc("")) == ""


def test_case_folded_knows_every_letter_a_case_blind_pattern_matches_besides_its_lower_case():
    # case_folded's promise: a case-sensitive scan of the lowered text finds what a
    # case-blind scan of the text finds. It breaks on a character that a case-blind
    # Latin-1 letter matches but that lowers to something else ("ſ" matches "s").
    from pipeline.nlp.layout import EXTRA_CASES, case_folded

    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    odd = set()
    for code in range(256):
        letter = chr(code)
        if letter.isalpha() and letter == letter.lower():
            odd |= {m.group() for m in re.finditer(re.escape(letter), every, re.I) if m.group().lower() != letter}
    assert odd <= set(EXTRA_CASES)
    assert case_folded("Avtalet gäller till den 1 MARS") == "avtalet gäller till den 1 mars"
    assert case_folded("ſeptember") is None
