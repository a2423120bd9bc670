"""Personal data never reaches the database unless --no-mask says so."""
from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest

import pdfgen
from pipeline.masking import (
    EMAIL_MARK, PHONE_MARK, PNR_MARK, SAMORD_MARK, luhn_ok, mask_pages, mask_text, shift,
)
from pipeline.parse import ParseOptions
from pipeline.records import Page
from pipeline.runner import RunOptions, run_batch
from pipeline.worker import WorkOptions


def with_check_digit(nine: str) -> str:
    """Nine digits YYMMDDNNN plus the Luhn digit, computed here, not by the code under test."""
    for d in "0123456789":
        digits = nine + d
        total = sum(sum(divmod(int(c) * (2 - i % 2), 10)) for i, c in enumerate(digits))
        if total % 10 == 0:
            return digits
    raise AssertionError


PNR = with_check_digit("811218987")  # 811218-987x: a real date
SAMORD = with_check_digit("811278987")  # day 78 = 18 + 60
PNR2 = with_check_digit("030229123")  # 29 Feb: neither 1903 nor 2003 had one
PNR_LEAP = with_check_digit("000229123")  # 29 Feb 2000


@pytest.mark.parametrize("text", [
    f"19{PNR[:6]}-{PNR[6:]}", f"{PNR[:6]}-{PNR[6:]}", f"{PNR[:6]}+{PNR[6:]}", PNR, f"19{PNR}",
    f"{PNR[:6]} {PNR[6:]}", f"{PNR[:6]} - {PNR[6:]}", f"19{PNR[:6]} -{PNR[6:]}", f"pnr:{PNR}", f"({PNR[:6]}-{PNR[6:]})", f"{PNR_LEAP[:6]}-{PNR_LEAP[6:]}",
])
def test_personnummer_masked_in_every_form(text):
    masked, edits = mask_text(f"Sökande {text}, Linköping.")
    assert PNR_MARK in masked and len(edits) == 1
    assert not re.search(r"\d{4}", masked)


def test_samordningsnummer():
    masked, _ = mask_text(f"Samordningsnummer {SAMORD[:6]}-{SAMORD[6:]}.")
    assert masked == f"Samordningsnummer {SAMORD_MARK}."


@pytest.mark.parametrize("text", [
    "212000-0449",  # Linköpings kommun's organisationsnummer: month 20
    f"{PNR[:6]}-{PNR[6:9]}{(int(PNR[9]) + 1) % 10}",  # wrong check digit
    f"{PNR2[:6]}-{PNR2[6:]}",  # no such date
    "SON 2021-611", "KS 2019/0456", "1976:580", "1 827 000 kronor", "2021-03-15",
    "20140408", "telefon 013-20 60 00", "08-123 456 78", "0771-123 456",
])
def test_other_numbers_stay(text):
    assert mask_text(text) == (text, [])


@pytest.mark.parametrize("phone", [
    "070-123 45 67", "0701234567", "073 - 123 45 67", "+46 70 123 45 67", "+46701234567",
    "0046 76-123 45 67", "+46 (0)72 123 45 67", "079-1234567",
])
def test_mobile_numbers_masked(phone):
    assert mask_text(f"Ring {phone} efter kl 9.") == (f"Ring {PHONE_MARK} efter kl 9.", mask_text(f"Ring {phone} efter kl 9.")[1])


@pytest.mark.parametrize("address, private", [
    ("anna.andersson@gmail.com", True), ("kalle82@hotmail.com", True), ("info@gmail.com", True),
    ("maria.nilsson@stadsmissionen.se", True), ("per@foretag.se", True),
    ("anna.svensson@linkoping.se", False), ("registrator@linkoping.se", False),
    ("kontaktcenter@norrkoping.se", False), ("socialnamnden@regionostergotland.se", False),
    ("info@stadsmissionen.se", False), ("x@skatteverket.se", False), ("nämnd@vasteraskommun.se", False),
])
def test_email(address, private):
    masked, _ = mask_text(f"Mejla {address} i dag.")
    assert (masked == f"Mejla {EMAIL_MARK} i dag.") is private
    assert (address in masked) is not private


def test_shift_moves_offsets_with_the_edits():
    text = f"A {PNR[:6]}-{PNR[6:]} B 0701234567 C"
    masked, edits = mask_text(text)
    for word in ("A", "B", "C"):
        old = text.index(f" {word}") + 1 if word != "A" else 0
        assert masked[shift(old, edits)] == word
    page = Page(1, text, boilerplate=[(text.index("B"), text.index("B") + 1), (0, len(text))])
    mask_pages([page])
    (s1, e1), (s2, e2) = page.boilerplate
    assert page.text[s1:e1] == "B" and (s2, e2) == (0, len(page.text))


def test_table_cells_are_masked():
    from pipeline.masking import mask_document
    from pipeline.records import ParsedDocument, SourceFile, TableRow

    src = SourceFile("d", "x.pdf", "x.pdf", "x.pdf", "", "0" * 64, 1)
    doc = ParsedDocument(src, n_pages=1, pages=[Page(1, "Tabell")],
                         tables=[TableRow(1, 1, 1, ["Namn", f"{PNR[:6]}-{PNR[6:]}", None, "0701234567"])])
    assert mask_document(doc) == 2
    assert doc.tables[0].cells == ["Namn", PNR_MARK, None, PHONE_MARK]


def _luhn_date_numbers(text: str) -> list[str]:
    """Independent of the code under test: every 10/12-digit run that is a valid personnummer
    or samordningsnummer."""
    found = []
    for m in re.finditer(r"(?<!\d)(?:19|20)?(\d{6})[-+ ]?(\d{4})(?!\d)", text):
        ten = m.group(1) + m.group(2)
        if not luhn_ok(ten):
            continue
        mm, dd = int(ten[2:4]), int(ten[4:6])
        dd = dd - 60 if dd > 60 else dd
        try:
            dt.date(2000, mm, dd)
        except ValueError:
            continue
        found.append(m.group())
    return found


LINES = [
    "Linköpings kommun",
    "Tjänsteskrivelse",
    "Dnr SON 2021-611",
    f"Klagomål från Anna Andersson, personnummer 19{PNR[:6]}-{PNR[6:]}, boende i Linköping.",
    "Hon nås på 070-123 45 67 eller anna.andersson@gmail.com och har sökt bistånd.",
    f"Hennes son har samordningsnummer {SAMORD[:6]}-{SAMORD[6:]} och nås på +46 73 987 65 43.",
    "Beslutet gäller från den 1 april 2021 till och med den 31 mars 2022.",
    "Handläggare Eva Berg, eva.berg@linkoping.se, växel 013-20 60 00.",
    "Kostnaden är 1 827 000 kronor per år.",
]
PAGE2 = [f"Bilaga: {PNR} och {PNR[:6]}+{PNR[6:]} i registret.", "Beslutet fattades den 15 mars 2021."]
SECRETS = [PNR, f"{PNR[:6]}-{PNR[6:]}", SAMORD, "070-123 45 67", "73 987 65 43", "anna.andersson@gmail.com"]


def _extract(tmp_path, mask: bool):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / f"Klagomål {PNR[:6]}-{PNR[6:]}.pdf").write_bytes(pdfgen.text_pdf([LINES, PAGE2]))
    (raw / "kontakt.pdf").write_bytes(pdfgen.text_pdf([[f"Ring 0701234567 eller mejla kalle82@hotmail.com, pnr {PNR}."]]))
    db = tmp_path / "m.duckdb"
    run_batch(RunOptions(raw=str(raw), db=str(db), executor="serial", progress=False,
                         work=WorkOptions(parse=ParseOptions(ocr=False), mask=mask)))
    return duckdb.connect(str(db), read_only=True)


def _all_text(con) -> list[tuple[str, str, str]]:
    """(table, column, value) for every string in every VARCHAR and VARCHAR[] column."""
    out = []
    cols = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND data_type IN ('VARCHAR', 'VARCHAR[]')").fetchall()
    for table, column, dtype in cols:
        for (value,) in con.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL').fetchall():
            for v in value if isinstance(value, list) else [value]:
                if v:
                    out.append((table, column, v))
    return out


@pytest.fixture(scope="module")
def masked_con(tmp_path_factory):
    con = _extract(tmp_path_factory.mktemp("mask"), mask=True)
    yield con
    con.close()


def test_no_personnummer_reaches_the_database(masked_con):
    values = _all_text(masked_con)
    assert any(t == "pages" for t, _, _ in values)
    leaks = [(t, c, v[:80]) for t, c, v in values
             if _luhn_date_numbers(v) or any(s in v for s in SECRETS) or "hotmail" in v]
    assert leaks == []


def test_markers_and_officials_stay(masked_con):
    text = "\n".join(r[0] for r in masked_con.execute("SELECT text FROM pages ORDER BY doc_id, page_no").fetchall())
    for mark in (PNR_MARK, SAMORD_MARK, PHONE_MARK, EMAIL_MARK):
        assert mark in text
    for kept in ("eva.berg@linkoping.se", "013-20 60 00", "Eva Berg", "SON 2021-611", "1 827 000 kronor"):
        assert kept in text
    names = [r[0] for r in masked_con.execute("SELECT file_name FROM documents").fetchall()]
    assert f"Klagomål {PNR_MARK}.pdf" in names


def test_offsets_index_the_masked_text(masked_con):
    rows = masked_con.execute(
        "SELECT d.text, p.text, d.start_char, d.end_char FROM dates d "
        "JOIN pages p USING (doc_id, page_no)").fetchall()
    assert len(rows) >= 2
    for text, page, start, end in rows:
        assert page[start:end] == text


def test_no_mask_keeps_originals(tmp_path):
    """The scan above can fail: without masking, the same scan finds the numbers."""
    con = _extract(tmp_path, mask=False)
    try:
        values = _all_text(con)
    finally:
        con.close()
    assert any(_luhn_date_numbers(v) for _, _, v in values)
    assert any("anna.andersson@gmail.com" in v for t, _, v in values if t == "pages")

    # The same unchanged files, now with masking: they are redone, not skipped.
    con = _extract(tmp_path, mask=True)
    try:
        values = _all_text(con)
        masked = con.execute("SELECT count(*) FROM documents WHERE masked").fetchone()[0]
    finally:
        con.close()
    assert masked == 2
    assert [v for _, _, v in values if _luhn_date_numbers(v) or any(s in v for s in SECRETS)] == []


# --- property: whatever surrounds them, valid numbers never survive ---------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def personnummer(draw):
    day = draw(st.integers(1, 28))
    nine = f"{draw(st.integers(0, 99)):02d}{draw(st.integers(1, 12)):02d}" \
           f"{day + (60 if draw(st.booleans()) else 0):02d}{draw(st.integers(0, 999)):03d}"
    ten = with_check_digit(nine)
    form = draw(st.sampled_from(["{c}{d}-{t}", "{d}-{t}", "{d}+{t}", "{d}{t}", "{c}{d}{t}", "{d} {t}"]))
    return form.format(c=draw(st.sampled_from(["19", "20"])), d=ten[:6], t=ten[6:])


fragment = st.one_of(
    personnummer(),
    st.sampled_from(["Dnr SON 2021-611", "1 827 000 kr", "2021-03-15", "013-20 60 00", "§ 12", "(", ")",
                     "pnr:", "tel.", "070-123 45 67", "anna@gmail.com", "info@linkoping.se", "\n", "–"]),
    st.text(alphabet="abcåäö ÅÄÖ.,:;-+/0123456789\u00a0", max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(fragment, min_size=1, max_size=12), st.sampled_from([" ", "\n", ", ", " – ", "\u00a0"]))
def test_no_valid_number_survives_masking(parts, sep):
    text = sep.join(parts)
    masked, edits = mask_text(text)
    assert _luhn_date_numbers(masked) == []
    assert "anna@gmail.com" not in masked and "070-123 45 67" not in masked
    assert [shift(p, edits) for p in range(len(text) + 1)] == sorted(shift(p, edits) for p in range(len(text) + 1))
    assert shift(len(text), edits) == len(masked)


def test_a_mobile_number_right_after_a_personnummer_is_masked_too():
    # the personnummer's last digits and the phone number read together as another
    # mobile number ("0701 070-123"), which overlaps both: it must hide neither
    masked, _ = mask_text("Sökande 19000101-0701 070-123 45 67, se bilaga.")
    assert masked == f"Sökande {PNR_MARK} {PHONE_MARK}, se bilaga."
