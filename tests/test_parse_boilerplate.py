"""Running headers and footers: marked, kept in the text, never a source of facts."""
from __future__ import annotations

import re

from pipeline.ingest import discover
from pipeline.parse import parse_pdf
from pipeline.parse.boilerplate import is_footer_line, mark_boilerplate
from pipeline.records import Page
from tests.pdfgen import TEXT_SAMPLES, text_pdf

FOOTER = ("Linköpings kommun · 581 81 Linköping · Besöksadress Drottninggatan 45 · "
          "Telefon 013-20 60 00 · Organisationsnummer 212000-0449 ·")


def _marked(page: Page) -> list[str]:
    return [page.text[s:e] for s, e in page.boilerplate]


def test_sample_headers_and_footers_marked():
    for path in TEXT_SAMPLES:
        (src,) = [s for s in discover(path.parent) if s.path == str(path)]
        doc = parse_pdf(src)
        for page in doc.pages:
            marked = _marked(page)
            assert any(re.fullmatch(r"Sida \d+ \(\d+\)", m) for m in marked), (path.name, page.page_no, marked)
            assert any("581 8" in m for m in marked), (path.name, page.page_no, marked)
            # the body is not boilerplate: header (2 lines) and footer (1-2 lines) only
            assert len(marked) <= 4, marked
            # offsets point into the stored text, on whole lines
            for s, e in page.boilerplate:
                assert page.text[s:e].strip() == page.text[s:e]
                assert s == 0 or page.text[s - 1] == "\n"


def test_wrapped_footer_tail_marked():
    pages = [Page(1, "Tjänsteskrivelse\nBeslutet gäller från 2024-01-01.\nText.\n" + FOOTER + "\nlinkoping.se")]
    mark_boilerplate(pages)
    assert _marked(pages[0])[-2:] == [FOOTER, "linkoping.se"]
    assert "Beslutet gäller från 2024-01-01." not in _marked(pages[0])


def test_single_page_footer_by_form():
    """One page: nothing repeats, the footer is known by what it is made of."""
    text = "\n".join([
        "Motala kommun", "BESLUT", "Sida 1 (1)", "Avtalet förlängs till 2025-12-31.",
        "Kostnaden är 450 000 kronor per år.", "Motala kommun",
        "Postadress 591 86 Motala · Telefon 0141-22 50 00 · www.motala.se",
    ])
    pages = [Page(1, text)]
    mark_boilerplate(pages)
    marked = _marked(pages[0])
    assert "Sida 1 (1)" in marked
    assert "Postadress 591 86 Motala · Telefon 0141-22 50 00 · www.motala.se" in marked
    assert not any("2025-12-31" in m or "450 000" in m for m in marked)


def test_footer_line_forms():
    assert is_footer_line(FOOTER)
    assert is_footer_line("Org.nr 212000-0449")
    assert is_footer_line("581 81 Linköping · linkoping.se")
    assert is_footer_line("Telefon 013-20 60 00 · kommun@linkoping.se")
    assert not is_footer_line("Verksamheten tar emot 60-70 besökare per dag.")
    assert not is_footer_line("Kostnaden är 1 827 000 kronor i 2021 års pris.")
    assert not is_footer_line("Kontakta handläggaren på telefon om du har frågor.")


def test_running_header_with_case_number_is_read_once(tmp_path):
    """A letterhead may carry the document's own date and diarienummer: its first
    occurrence stays readable, the repeats on later pages do not count again."""
    head = "Dnr SON 2023-117  2023-03-01"
    pages = [Page(i, f"{head}\nSida {i} (3)\nText på sidan {i} om avtalet.\nMer text.\n{FOOTER}") for i in (1, 2, 3)]
    mark_boilerplate(pages)
    assert head not in _marked(pages[0])
    assert head in _marked(pages[1]) and head in _marked(pages[2])
    assert all(FOOTER in _marked(p) for p in pages)


def test_repeated_body_line_in_the_middle_is_not_boilerplate():
    body = "\n".join(f"Rad {k} med vanlig text om verksamheten." for k in range(12))
    pages = [Page(i, f"Rubrik\n{body}\nUtförarform\n{body}\nSlut {i}") for i in (1, 2)]
    mark_boilerplate(pages)
    for p in pages:
        assert "Utförarform" not in _marked(p)


def test_footer_never_a_fact(sample_con):
    """581 81 (postcode), 013-20 60 00 (switchboard), 212000-0449 (organisation
    number) and 'Sida 1 (3)' stand on every sample page: none becomes a fact."""
    footer_bits = ("581 8", "013-2", "013-28", "212000", "20 60 00", "28 10 00")
    for table in ("amounts", "volumes", "dates", "durations", "identifiers"):
        rows = sample_con.execute(f"SELECT text, evidence FROM {table}").fetchall()
        for text, evidence in rows:
            assert not any(b in (text or "") for b in footer_bits), (table, text)
            assert "Organisationsnummer" not in (evidence or ""), (table, text, evidence)
    # and no fact comes from a marked line: compare offsets with the boilerplate lines
    pages = {
        (d, n): t for d, n, t in sample_con.execute("SELECT doc_id, page_no, text FROM pages").fetchall()
    }
    rows = sample_con.execute(
        "SELECT doc_id, page_no, start_char, end_char FROM amounts UNION ALL "
        "SELECT doc_id, page_no, start_char, end_char FROM volumes UNION ALL "
        "SELECT doc_id, page_no, start_char, end_char FROM dates"
    ).fetchall()
    for doc_id, page_no, s, e in rows:
        text = pages[(doc_id, page_no)]
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        assert not is_footer_line(line) and not re.match(r"^Sida \d+ \(\d+\)$", line), line


def test_single_page_pdf_footer(tmp_path):
    raw = tmp_path / "raw" / "b"
    raw.mkdir(parents=True)
    (raw / "one.pdf").write_bytes(text_pdf([[
        "Vadstena kommun", "Sida 1 (1)", "Beslut om förlängning av avtalet till 2026-03-31.",
        "Kostnaden är 3 500 000 kronor per år.", "",
        "Vadstena kommun · 592 80 Vadstena · Telefon 0143-150 00 · Organisationsnummer 212000-0506",
    ]]))
    (src,) = discover(tmp_path / "raw")
    page = parse_pdf(src).pages[0]
    marked = _marked(page)
    assert any("592 80 Vadstena" in m for m in marked)
    assert any(m == "Sida 1 (1)" for m in marked)
    assert not any("3 500 000" in m for m in marked)


def test_a_recipient_list_at_the_foot_of_pages_is_no_footer():
    # minutes end each item with its recipients; on two pages they fall at the foot
    from pipeline.parse.boilerplate import mark_boilerplate
    from pipeline.records import Page

    item = ("§ {n} {title}\n\nNämnden beslutar att {what}.\n\n"
            "Beslutet skickas till\nTekniska nämnden\nGlans AB\n"
            "Justerandes signatur    Utdragsbestyrkande\n")
    items = [("Avtal om städning", "teckna avtal med Glans AB"), ("Förlängning", "förlänga avtalet med Glans AB"),
             ("Tilläggsavtal", "godkänna tillägget om fönsterputs")]
    pages = [Page(i + 1, item.format(n=10 + i, title=t, what=w)) for i, (t, w) in enumerate(items)]
    mark_boilerplate(pages)
    for page in pages:
        marked = [page.text[s:e] for s, e in page.boilerplate]
        assert "Justerandes signatur    Utdragsbestyrkande" in marked  # the running footer
        assert not any(m in marked for m in ("Beslutet skickas till", "Tekniska nämnden", "Glans AB"))


def test_the_minutes_signature_boxes_are_a_footer_and_a_certification_is_not():
    from pipeline.parse.boilerplate import is_footer_line

    assert is_footer_line("Justerandes signatur        Utdragsbestyrkande")
    assert is_footer_line("Justerandes signaturer | Utdragsbestyrkande")
    assert not is_footer_line("Utdragsbestyrkande Maria Ekholm 2025-04-02")


def test_strong_keys_stand_for_every_strong_word():
    """The substring test before _STRONG's search lets no footer word through: every
    alternative holds a key, and whatever matches a key's letters without case is
    lowered to them."""
    import re

    from pipeline.parse import boilerplate as bp

    for alternative in bp._STRONG.pattern.split("|"):
        assert any(k in alternative.lower() for k in bp._STRONG_KEYS), alternative
    letters = sorted(set("".join(bp._STRONG_KEYS)))
    any_letter = re.compile("[" + "".join(letters) + "]", re.IGNORECASE)
    for code in range(0x110000):
        ch = chr(code)
        if any_letter.fullmatch(ch):
            for letter in letters:
                assert not re.fullmatch(letter, ch, re.IGNORECASE) or ch.lower() == letter, hex(code)
    # through the whole check: odd capitals and the letters pdfium may hand over
    for line in ("ORGANISATIONSNUMMER 212000-0449", "Org. nr 212000-0449", "BESÖKSADRESS Storgatan 1",
                 "Växel 013-20 60 00", "FAX 013-20 60 01", "Styrelsens säte: Linköping", "Bankgiro 123-4567"):
        assert bp.is_footer_line(line), line


def test_edge_lines_as_from_all_lines():
    """Reading the edges from both ends gives what listing every line gives."""
    import random

    from pipeline.parse.boilerplate import EDGE_LINES, _edge_lines

    def reference(text):
        spans, pos = [], 0
        for line in text.split("\n"):
            if line.strip():
                spans.append((pos + len(line) - len(line.lstrip()), pos + len(line.rstrip()), line))
            pos += len(line) + 1
        if len(spans) <= 2 * EDGE_LINES:
            return spans[: (len(spans) + 1) // 2], spans[(len(spans) + 1) // 2:]
        return spans[:EDGE_LINES], spans[-EDGE_LINES:]

    rng = random.Random(2)
    parts = ["Sida 1", "  text ", "\n", "\n", "\n", " ", "\t", "\u00a0", "x", "\r"]
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 40)))
        assert _edge_lines(text) == reference(text), repr(text)
