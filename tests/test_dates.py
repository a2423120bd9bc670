"""Dates: the written forms Swedish municipalities use, the traps, and the roles.

Expected values are worked out by hand from the text of each case (the seed tests at
the end compare with the gold annotations).
"""
from __future__ import annotations

import json
from datetime import date as _date
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp import make_doc
from pipeline.nlp.dates import find_date_candidates, to_iso


@pytest.fixture(scope="module")
def dnlp():
    # only what dates depend on: the other components are not under test here
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_identifiers", "muni_dates"):
        nlp.add_pipe(name)
    return nlp


def isos(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return sorted({s._.norm["date"] for s in doc.spans["dates"]})


def roles(nlp, text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    doc = nlp(text)
    for s in doc.spans["dates"]:
        assert out.get(s._.norm["date"], s._.norm["role"]) == s._.norm["role"], "one role per date"
        out[s._.norm["date"]] = s._.norm["role"]
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Avtalet gäller från och med 2019-01-01.", ["2019-01-01"]),
        ("Information lämnades 2017-12-04.", ["2017-12-04"]),
        ("Sidan lästes 20140408 13:30.", ["2014-04-08"]),
        ("Beslut fattades 1 april 2021 i nämnden.", ["2021-04-01"]),
        ("Avtalet gäller till och med den 28 februari 2026.", ["2026-02-28"]),
        ("Den 1 Mars 2016 ändrades öppettiderna.", ["2016-03-01"]),
        ("Sista dag är 28 feb. 2026 för svar.", ["2026-02-28"]),
        ("Start 1:a april 2021 enligt plan.", ["2021-04-01"]),
        ("Verksamheten startade första mars 2022.", ["2022-03-01"]),
        ("Det skedde tjugoförsta juni 2020.", ["2020-06-21"]),
        ("Avtalet löper ut 31/3 2026.", ["2026-03-31"]),
        ("Avtalet löper ut 31/3-2026.", ["2026-03-31"]),
        ("Avtalet löper ut 31.3.2026.", ["2026-03-31"]),
        ("Beslut 1/4-21 om ändring.", ["2021-04-01"]),
        ("Mötet hölls 3 sept. 2020 och 12 okt 2020.", ["2020-09-03", "2020-10-12"]),
        ("SENAST 15 APRIL 2021 SKA SVAR LÄMNAS.", ["2021-04-15"]),
        ("Avtalsperiod 2019-01-01--2020-12-31.", ["2019-01-01", "2020-12-31"]),
        ("Avtalsperiod 2019-01-01 – 2020-12-31.", ["2019-01-01", "2020-12-31"]),
        ("Information enligt MBL sker 30 januari och 6 februari 2023.", ["2023-01-30", "2023-02-06"]),
        ("Gruppen träffas 2, 7 och 21 maj 2025.", ["2025-05-02", "2025-05-07", "2025-05-21"]),
        ("Möten hålls den 3 och den 4 maj 2021.", ["2021-05-03", "2021-05-04"]),
        ("Kursen pågår 1-3 maj 2025.", ["2025-05-01", "2025-05-03"]),
        ("Se tabell 2, 10 maj 2021.", ["2021-05-10"]),
        ("Perioden avser 1 januari 2026 till 31 mars 2026.", ["2026-01-01", "2026-03-31"]),
        ("Perioden avser 1 april–31 december 2021.", ["2021-04-01", "2021-12-31"]),
        ("Från 1\njanuari 2022 justeras ersättningen.", ["2022-01-01"]),
        ("Gäller från 1 april\n2021 och tills vidare.", ["2021-04-01"]),
        # OCR splits digit groups
        ("Lämnades 2019-01 -01 till nämnden.", ["2019-01-01"]),
        ("Lämnades 2019-01-\n01 till nämnden.", ["2019-01-01"]),
        # a year-less date takes the year of a later full date in its sentence
        ("Från den 1 april gäller nya rutiner och avtalet löper ut 31 december 2021.",
         ["2021-04-01", "2021-12-31"]),
    ],
)
def test_written_forms(dnlp, text, expected):
    assert isos(dnlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Redovisning ska ske senast 31 mars.",  # no year in the sentence
        "Beslutet gäller från den 1 april.",
        "Under hösten 2022 genomfördes en uppföljning.",
        "Kostnaden är i 2017 års prisnivå.",
        "Projektet startar januari 2014.",
        "Under 2016 genomfördes 1400 stödtimmar.",
        "Efter årsskiftet 2022/23 var allt löst.",
        "Ring 013-20 60 00 eller tel. 013-26 20 00.",
        "Linköpings kommun, 581 81 Linköping.",
        "Organisationsnummer 212000-0449.",
        "Personnummer 19850101-1234.",
        "Enligt 19 § MBL och § 83 i protokollet.",
        "Barn i åldern 0-20 år och vuxna 18 till 70 år.",
        "Andelen är 25 % och 2,5 årsarbetare.",
        "Förlängning med två år.",
        "Mötet börjar kl 13:30 och slutar 15.30.",
        "Se avsnitt 5.3 och 2.1.3 samt punkt 1.2.2020a.",
        "Felaktiga datum 2021-02-30 och 31 juni 2020 och 20141332.",
        "Lång sifferserie 1386151801307 och 120140408 och 201404081.",
        "Sidhänvisning (2013:11-12) och lag (2016:1145).",
        "Åren 2011-2013 och 2019-2020 jämförs.",
        "Se http://www.example.se/2019-01-01/rapport.pdf för detaljer.",
        "Fakturanummer 20140408 ska anges.",
        "Det var 1 200 juni 2020 enligt tabell.",  # a number, not day 200
        "Under vecka 12 maj inte 2021.",
    ],
)
def test_not_dates(dnlp, text):
    assert isos(dnlp, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Under 2021 startar verksamheten den 1 april.", ["2021-04-01"]),
        ("Verksamheten startar år 2021 den 1 april med full bemanning.", ["2021-04-01"]),
        # a price level or a topic is not the year of the date
        ("Senast den 31 mars ska priset i 2017 års nivå redovisas.", []),
        ("Rapporten för 2022 lämnas senast den 31 mars.", []),
        ("Under 2021 och 2022 hålls möte den 1 april.", []),
    ],
)
def test_yearless_date_with_a_year_in_its_sentence(dnlp, text, expected):
    assert isos(dnlp, text) == expected


def test_yearless_date_needs_consistent_year(dnlp):
    # month of "1 december" is after June: which year is meant is a guess, so no date
    text = "Den 1 december fattades beslut om avtalet som gäller till 2021-06-30."
    assert isos(dnlp, text) == ["2021-06-30"]


def test_identifiers_claim_their_text(dnlp):
    doc = dnlp("Dnr KS 2019-0456 och diarienummer 2020-1231 gäller.")
    assert [s._.norm["date"] for s in doc.spans["dates"]] == []


def test_validation_bounds():
    assert to_iso(2024, 2, 29) == "2024-02-29"
    assert to_iso(2023, 2, 29) is None
    assert to_iso(1899, 1, 1) is None
    assert to_iso(2101, 1, 1) is None


def test_range_links_are_marked():
    text = "Perioden avser 1 januari 2026 till 31 mars 2026."
    links = [c.link for c in find_date_candidates(text)]
    assert links == ["start", "end"]


# ---------------------------------------------------------------- roles
def test_roles_decision_section_wins_over_history(dnlp):
    text = (
        "Förslag till beslut\n"
        "1. Avtalet förlängs från och med 2024-03-01 till och med 2026-02-28.\n\n"
        "Ärende\n"
        "Uppdraget har en avtalstid på två år från 2022-03-01 med möjlighet till förlängning.\n"
        "Information enligt MBL lämnades 2017-12-04.\n"
    )
    assert roles(dnlp, text) == {
        "2024-03-01": "period_start",
        "2026-02-28": "period_end",
        "2022-03-01": "other",
        "2017-12-04": "other",
    }


def test_roles_range_partner_of_decided_end(dnlp):
    text = (
        "Förslag till beslut\n"
        "1. Avtalet förlängs i tre månader och gäller till och med 31 mars 2026.\n\n"
        "Ärende\n"
        "Nämnden har sedan 1 januari 2022 avtal med föreningen. Befintligt avtal gäller till och "
        "med 31 december 2025. Driftstart bedöms vara 1 april 2026.\n\n"
        "Förslaget innebär att avtalet förlängs, perioden avser 1 januari 2026 till 31 mars 2026.\n"
    )
    assert roles(dnlp, text) == {
        "2026-03-31": "period_end",
        "2022-01-01": "other",
        "2025-12-31": "other",
        "2026-04-01": "other",
        "2026-01-01": "period_start",
    }


def test_roles_without_decision_section(dnlp):
    text = (
        "1. UPPDRAG\n"
        "Utföraren ska bedriva öppenvård.\n\n"
        "2. UPPDRAGSTID\n"
        "Från 1 april 2021 och tills vidare.\n\n"
        "3. ERSÄTTNING\n"
        "Ersättningen är fast till 31 december 2021. Från 1 januari 2022 justeras ersättningen "
        "årsvis.\n"
    )
    assert roles(dnlp, text) == {
        "2021-04-01": "period_start",
        "2021-12-31": "other",
        "2022-01-01": "other",
    }


def test_role_document_header_label(dnlp):
    text = (
        "Tjänsteskrivelse\n"
        "Datum: 2023-01-17\n"
        "Dnr SON 2021-611\n\n"
        "Ärende\n"
        "Nämnden beslutade 2022-11-30 att ge uppdraget.\n"
    )
    assert roles(dnlp, text) == {"2023-01-17": "document", "2022-11-30": "other"}


def test_role_document_place_before_signature(dnlp):
    text = (
        "Ärende\nAvtalet undertecknades efter förhandling 2021-02-01 med utföraren.\n\n"
        "Linköping 2021-03-15\n\nAnna Andersson\nSocialdirektör\n"
    )
    assert roles(dnlp, text) == {"2021-02-01": "other", "2021-03-15": "document"}


def test_role_document_memo_in_beslutsunderlag(dnlp):
    text = (
        "Ärende\nNämnden ska ta ställning till förlängning.\n\n"
        "Beslutsunderlag:\n"
        "Protokoll från arbetsutskottet, 2022-01-10\n\n"
        "Tjänsteskrivelse – Ramavtal Familjestöd\nställningstagande till förlängning.docx , 2022-01-17\n\n"
        "Bakgrund\nEn uppföljning gjordes den 9 januari 2023.\n"
    )
    assert roles(dnlp, text) == {
        "2022-01-10": "other",
        "2022-01-17": "document",
        "2023-01-09": "other",
    }


def test_strongest_role_wins_for_repeated_date(dnlp):
    text = (
        "Förslag till beslut\n"
        "1. Avtalet förlängs till och med 2020-12-31.\n\n"
        "Bakgrund\n"
        "Uppföljningen visar att avtalet fungerar väl, se rapport 2020-12-31.\n"
    )
    doc = dnlp(text)
    assert [s._.norm["role"] for s in doc.spans["dates"]] == ["period_end", "period_end"]


def test_boilerplate_gives_no_dates(dnlp):
    footer = "Utskrivet 2023-05-05"
    page = "Ärende\nBeslut fattades 2023-04-04.\n" + footer
    doc = make_doc(dnlp, [page], boilerplate=[(1, len(page) - len(footer), len(page))])
    doc = dnlp(doc)
    assert [s._.norm["date"] for s in doc.spans["dates"]] == ["2023-04-04"]


def test_two_dates_in_one_token_keep_other_groups(dnlp):
    text = "Ärende\nDnr SON 2021-611 gäller.\n\nAvtalstid\nAvtalet gäller 2019-01-01--2020-12-31. Sedan slut."
    doc = dnlp(text)
    assert [(s.text, s._.norm["date"]) for s in doc.spans["dates"]] == [
        ("2019-01-01", "2019-01-01"), ("2020-12-31", "2020-12-31")]
    assert [s.text.split("\n")[0] for s in doc.spans["sections"]] == ["Ärende", "Avtalstid"]
    assert doc.spans["sections"][1].text.endswith("Sedan slut.")
    assert [s._.norm["value"] for s in doc.spans["identifiers"]] == ["SON 2021-611"]
    assert [s.text for s in doc.sents][-1] == "Sedan slut."


def test_roles_agreement_term_with_option(dnlp):
    # no decision section: the term of the agreement is the period; the option's end is not
    text = (
        "Avtal om hemtjänst\n\n"
        "Avtalet gäller från och med 2021-01-01 till och med 2022-12-31 med möjlighet till "
        "förlängning i högst två år, längst till och med 2024-12-31.\n"
    )
    assert roles(dnlp, text) == {
        "2021-01-01": "period_start",
        "2022-12-31": "period_end",
        "2024-12-31": "other",
    }


def test_roles_history_sentence_is_not_the_period(dnlp):
    text = (
        "Bakgrund\n"
        "Det befintliga avtalet gäller sedan 2018-01-01 och till och med 2020-12-31.\n"
        "Avtalet förlängdes 2019 till och med 2020-06-30.\n"
        "Avtalet förlängs från 2021-01-01 till 2021-12-31.\n"
    )
    assert roles(dnlp, text) == {
        "2018-01-01": "other",
        "2020-12-31": "other",
        "2020-06-30": "other",
        "2021-01-01": "period_start",
        "2021-12-31": "period_end",
    }


def test_role_document_ort_och_datum(dnlp):
    text = "Ärende\nUtföraren åtar sig uppdraget.\n\nOrt och datum: Stockholm den 20 mars 2021\n\nFör utföraren\n"
    assert roles(dnlp, text) == {"2021-03-20": "document"}


def test_role_protocol_lists_other_memo(dnlp):
    # minutes list the memo as an underlag: its date is not the minutes' own date
    text = (
        "SAMMANTRÄDESPROTOKOLL\nKommunstyrelsen\n\n"
        "Ärende\nKommunstyrelsen ska yttra sig över remissen.\n\n"
        "Beslutsunderlag\nTjänsteskrivelse från kommunledningsförvaltningen 2023-01-20\n"
    )
    assert roles(dnlp, text) == {"2023-01-20": "other"}


def test_role_document_two_signature_columns(dnlp):
    text = (
        "AVTAL\navseende korttidsboende\n\n1. AVTALSTID\n"
        "Avtalet gäller från och med 2022-10-01 till och med 2025-09-30.\n\n"
        "2. ERSÄTTNING\nPriset är fast till och med 2023-12-31 och justeras därefter årligen "
        "enligt index. Ersättningen betalas månadsvis i efterskott mot faktura.\n"
        "Beställaren ska betala inom trettio dagar. Dröjsmålsränta utgår enligt räntelagen.\n\n"
        "Umeå 2022-09-15                       Umeå 2022-09-20\n"
        "För beställaren                        För utföraren\n"
    )
    assert roles(dnlp, text) == {
        "2022-10-01": "period_start",
        "2025-09-30": "period_end",
        "2023-12-31": "other",
        "2022-09-15": "document",
        "2022-09-20": "document",
    }


def test_role_decision_sentence_without_heading(dnlp):
    text = (
        "PROTOKOLLSUTDRAG\nSocialnämnden\nSammanträdesdatum 2023-02-15\n\n"
        "§ 23 Dnr SN 2022/1234\nFörlängning av avtal om boendestöd\n"
        "Socialnämndens beslut\n"
        "1. Socialnämnden beslutar att förlänga avtalet fr.o.m. 2023-04-01 t.o.m. 2024-03-31.\n\n"
        "Sammanfattning av ärendet\n"
        "Avtalet löper till och med 2023-03-31 med möjlighet till förlängning om 1+1 år.\n\n"
        "Beslutsunderlag\nTjänsteskrivelse 2023-01-20\nUppföljningsrapport, 12/1 2023\n"
    )
    assert roles(dnlp, text) == {
        "2023-02-15": "document",
        "2023-04-01": "period_start",
        "2024-03-31": "period_end",
        "2023-03-31": "other",
        "2023-01-20": "other",
        "2023-01-12": "other",
    }


def test_decision_date_outside_a_period_sentence(dnlp):
    text = (
        "Förslag till beslut\n"
        "1. Avtalet förlängs till och med 2025-12-31.\n"
        "2. Förvaltningen får i uppgift att redovisa resultatet till 2024-06-30.\n"
    )
    assert roles(dnlp, text) == {"2025-12-31": "period_end", "2024-06-30": "other"}


def test_ocr_confusables_only_on_ocr_pages(dnlp):
    page = "Information lämnades 2O19-0l-15 till facket."
    doc = dnlp(make_doc(dnlp, [page], ocr_pages=[1]))
    assert [s._.norm["date"] for s in doc.spans["dates"]] == ["2019-01-15"]
    doc = dnlp(make_doc(dnlp, [page]))
    assert [s._.norm["date"] for s in doc.spans["dates"]] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Riktlinjen träder i kraft den 1 juli 2023.", {"2023-07-01": "period_start"}),
        ("Gäller från: 2023-01-01", {"2023-01-01": "period_start"}),
        ("Avtalet börjar gälla 2023-01-01 och upphör att gälla 2024-12-31.",
         {"2023-01-01": "period_start", "2024-12-31": "period_end"}),
        ("Avtalet gäller fr o m 2021-01-01 t o m 2021-12-31.",
         {"2021-01-01": "period_start", "2021-12-31": "period_end"}),
        ("Avtalet gäller from 2021-01-01 tom 2021-12-31.",
         {"2021-01-01": "period_start", "2021-12-31": "period_end"}),
        # a start cue far from the date is no cue
        ("Från förvaltningen kom svar om att avtalet gäller, daterat 2021-01-01.",
         {"2021-01-01": "other"}),
    ],
)
def test_period_cues(dnlp, text, expected):
    assert roles(dnlp, text) == expected


# ---------------------------------------------------------------- property
_FULL_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                "september", "oktober", "november", "december"]


@settings(max_examples=200, deadline=None)
@given(
    d=st.dates(min_value=_date(1900, 1, 1), max_value=_date(2100, 12, 31)),
    form=st.sampled_from(["iso", "text", "den", "slash", "dot", "compact"]),
)
def test_any_real_date_in_any_form(d, form):
    written = {
        "iso": d.isoformat(),
        "text": f"{d.day} {_FULL_MONTHS[d.month - 1]} {d.year}",
        "den": f"den {d.day} {_FULL_MONTHS[d.month - 1].capitalize()} {d.year}",
        "slash": f"{d.day}/{d.month} {d.year}",
        "dot": f"{d.day}.{d.month}.{d.year}",
        "compact": f"{d.year:04d}{d.month:02d}{d.day:02d}",
    }[form]
    text = f"Nämnden fattade beslut {written} om ärendet."
    assert [c.iso for c in find_date_candidates(text)] == [d.isoformat()]


def test_role_document_label_opens_its_line(dnlp):
    text = (
        "Tjänsteutlåtande\nUtfärdat 2022-11-03\n\n"
        "Sammanfattning\nNämnden har tagit del av underlaget.\n\n"
        "Bilagor\n1. Överenskommelse IOP, daterad 2019-12-15\n"
    )
    assert roles(dnlp, text) == {"2022-11-03": "document", "2019-12-15": "other"}


def test_roles_range_partner_of_decided_start(dnlp):
    text = (
        "Förslag till beslut\n"
        "1. Avtalet förlängs från och med 2024-01-01.\n\n"
        "Ärende\n"
        "Nämnden har tagit del av uppföljningen. Förlängningen avser perioden 2024-01-01 -- 2024-12-31.\n"
    )
    assert roles(dnlp, text) == {"2024-01-01": "period_start", "2024-12-31": "period_end"}


def test_role_document_only_for_the_memo_item(dnlp):
    text = (
        "Ärende\nNämnden ska ta ställning till förlängning.\n\n"
        "Beslutsunderlag\n"
        "Tjänsteskrivelse Förlängning av avtal\nom hemtjänst, 2023-01-20\n"
        "Uppföljningsrapport, 12/1 2023\n"
    )
    assert roles(dnlp, text) == {"2023-01-20": "document", "2023-01-12": "other"}


def test_role_document_memo_item_wrapped_at_a_capital(dnlp):
    # as pypdfium2 reads seed 004: the item wraps before a proper noun
    text = (
        "Ärende\nNämnden ska ta ställning till förlängning.\n"
        "Beslutsunderlag: Tjänsteskrivelse – Ramavtal Familjestödande insatser Linköpings\n"
        "Stadsmission ställningstagande till förlängning.docx , 2022-01-17\n"
        "Bakgrund\nUppföljningen gjordes den 9 januari 2023.\n"
    )
    assert roles(dnlp, text) == {"2022-01-17": "document", "2023-01-09": "other"}


# ---------------------------------------------------------------- seeds
SEEDS = sorted(p.stem for p in (Path(__file__).parent / "fixtures" / "text").glob("*.txt"))


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_texts_against_gold(dnlp, stem):
    """The fixture renderings of the seed PDFs give exactly the gold dates and roles."""
    fixtures = Path(__file__).parent / "fixtures"
    gold = json.loads((fixtures / "gold" / f"{stem}.json").read_text())
    text = (fixtures / "text" / f"{stem}.txt").read_text()
    assert roles(dnlp, text) == {d["value"]: d["role"] for d in gold["dates"]}


@pytest.mark.parametrize(
    "text,iso",
    [
        ("Förslag till beslut\nNämnden beslutar att säga upp avtalet med Bygg och Fix AB. "
         "Avtalet upphör därmed den 30 april 2025.\nÄrende\nText.", "2025-04-30"),
        ("Förslag till beslut\nKommunstyrelsen beslutar att säga upp avtalet om städning "
         "med Rent Hus AB att upphöra den 31 maj 2021.\nBakgrund\nText.", "2021-05-31"),
    ],
)
def test_a_termination_sets_the_end_of_the_period(dnlp, text, iso):
    assert roles(dnlp, text)[iso] == "period_end"


def test_the_day_minutes_are_checked_is_not_their_date(dnlp):
    text = ("Barn- och skolnämnden\nSammanträdesdatum 2021-03-10\n\n§ 12 Skolskjuts\n\nBeslut\n"
            "Nämnden beslutar att godkänna avtalet.\n\nVid protokollet\nLisa Ek\n\nJusterat 2021-03-17\n"
            "Ordförande Maria Holm")
    assert roles(dnlp, text) == {"2021-03-10": "document", "2021-03-17": "other"}


def test_yearless_dates_of_one_sentence_are_read_alike(dnlp):
    # the year said in the sentence speaks for both ends of the range, not for the first only
    text = "Under 2024 är ansökningsperioden från 15 mars till 30 april."
    assert isos(dnlp, text) == ["2024-03-15", "2024-04-30"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The agreement was signed on October 14, 2023 by both parties.", ["2023-10-14"]),
        ("Signed in Malmö, June 2nd, 2022.", ["2022-06-02"]),
        ("Avtalet undertecknades mars 3, 2024.", ["2024-03-03"]),
    ],
)
def test_month_first_dates(dnlp, text, expected):
    assert isos(dnlp, text) == expected


def test_month_first_needs_the_comma(dnlp):
    assert isos(dnlp, "Antal besök maj 12 2024 enligt tabellen.") == []


def test_roles_amendment_keeps_the_unchanged_end(dnlp):
    # the decision gives only when the amendment starts; the term's end is told in the body
    text = (
        "Förslag till beslut\n"
        "Omsorgsnämnden godkänner tillägg till avtalet med Lingon AB. Tillägget gäller från och "
        "med den 1 mars 2024.\n\n"
        "Ärendet\n"
        "Nämnden tecknade den 3 maj 2020 avtal med Lingon AB. Avtalstiden är oförändrad och "
        "löper till och med 30 april 2026.\n"
    )
    assert roles(dnlp, text) == {
        "2024-03-01": "period_start",
        "2020-05-03": "other",
        "2026-04-30": "period_end",
    }


def test_roles_end_before_the_decided_start_is_no_period_end(dnlp):
    text = (
        "Förslag till beslut\n"
        "Nämnden beslutar att avtalet gäller från och med 2024-03-01.\n\n"
        "Ärendet\n"
        "Avtalet gäller till och med 2023-12-31 enligt ursprungsavtalet.\n"
    )
    assert roles(dnlp, text)["2023-12-31"] == "other"


def test_roles_reporting_period_in_a_decision_is_other(dnlp):
    text = (
        "§ 7 Delegationsbeslut\n"
        "Beslut\n"
        "Nämnden lägger redovisningen av delegationsbeslut för perioden 2024-03-01--2024-03-31 "
        "till handlingarna.\n"
    )
    assert roles(dnlp, text) == {"2024-03-01": "other", "2024-03-31": "other"}


def test_role_document_place_line_above_a_signer_in_a_short_text(dnlp):
    # the place line sits in the first half of this short text: the name under it tells
    text = (
        "Ärende\nAvtalet gäller till 2025-12-31.\n\n"
        "Vimmerby den 12 mars 2024\n\nKarl Karlsson\nOrdförande\n\n\n"
        "Ort den 14 mars 2024\n\nLisa Berg\nUtföraren\n"
    )
    assert roles(dnlp, text) == {
        "2025-12-31": "period_end", "2024-03-12": "document", "2024-03-14": "document"}


def test_roles_an_agreement_that_runs_from_to(dnlp):
    # no decision: the sentence about how long the agreement runs gives its period
    text = "Avtal om snöröjning\n\nAvtalet löper från 2023-11-01 till 2025-10-31.\n"
    assert roles(dnlp, text) == {"2023-11-01": "period_start", "2025-10-31": "period_end"}


def test_roles_of_an_agreement_being_concluded(dnlp):
    # no heading announces the decision: the sentence that concludes the agreement gives its term
    text = (
        "§ 12\nUtförare av hemtjänst\n\n"
        "1. Omsorgsnämnden tecknar avtal med Vårdhjälpen AB fr.o.m. den 1 juni 2026 t.o.m. den 31 maj 2028.\n\n"
        "Ärendet\nVårdhjälpen AB ansökte den 4 februari 2026. Ett tidigare avtal tecknades 2020-06-01.\n"
    )
    assert roles(dnlp, text) == {
        "2026-06-01": "period_start",
        "2028-05-31": "period_end",
        "2026-02-04": "other",
        "2020-06-01": "other",
    }


def test_roles_another_paragraph_of_minutes_sets_no_period(dnlp):
    # minutes with a § about a contract: a taxa's start in another § is no contract period
    text = (
        "Vintersta kommun SAMMANTRÄDESPROTOKOLL\nKommunfullmäktige\n\n"
        "§ 7 Ny avgift för bygglov\n\nKommunfullmäktiges beslut\n"
        "Den nya avgiften gäller från och med den 1 mars 2026.\n\n"
        "§ 8 Förlängning av avtal om städning\n\nKommunfullmäktiges beslut\n"
        "Avtalet med Städbolaget AB förlängs från och med 2026-04-01 till och med 2027-03-31.\n"
    )
    assert roles(dnlp, text) == {
        "2026-03-01": "other", "2026-04-01": "period_start", "2027-03-31": "period_end"}


def test_role_certification_of_an_extract_is_other(dnlp):
    # the date a secretary certifies the extract is not the document's own date
    text = (
        "Vintersta kommun PROTOKOLLSUTDRAG\nKommunstyrelsen\n\nÄrende\nKommunstyrelsen tar del av rapporten.\n\n"
        "Vid protokollet\nMaria Holm, sekreterare\n\nUtdragsbestyrkande\nMaria Holm, 2026-02-10\n"
    )
    assert roles(dnlp, text) == {"2026-02-10": "other"}


@pytest.mark.parametrize(
    "line",
    [
        "Halmstad den 3 februari 2026 Kungsbacka den 9 februari 2026",
        "Gävle 2026-02-03 Sandviken 9/2 2026",
        "Ort och datum: Luleå 3 februari 2026 Boden, den 9 februari 2026",
    ],
)
def test_role_document_two_place_lines_run_together(dnlp, line):
    # the text lost the gap between two signatures: each place-and-date dates its signature
    text = (
        "HYRESAVTAL\n\n1. Hyrestid\nHyresavtalet gäller från och med 2026-04-01 till och med 2029-03-31.\n\n"
        "2. Hyra\nHyran betalas kvartalsvis i förskott. Hyresgästen svarar för el och värme. "
        "Hyresvärden svarar för yttre underhåll och snöröjning av gångytor runt byggnaden.\n\n"
        # far enough down page 1 that no header rule can date the line
        + "3. Övrigt\nParterna ska samråda om ändringar i lokalen och dess användning.\n" * 8
        + f"\n{line}\nFör hyresvärden För hyresgästen\n"
    )
    assert roles(dnlp, text) == {
        "2026-04-01": "period_start", "2029-03-31": "period_end",
        "2026-02-03": "document", "2026-02-09": "document",
    }


def test_role_two_dates_in_a_sentence_are_no_place_line(dnlp):
    # a sentence that names two places and two dates is no signature line
    text = (
        "Ärende\nArbetet pågår. Samrådsmöten hölls i nämnden.\n\n"
        "Mötet i Halmstad den 3 februari 2026 följdes av mötet i Kungsbacka den 9 februari 2026\n"
    )
    assert roles(dnlp, text) == {"2026-02-03": "other", "2026-02-09": "other"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Avtalsspärren löper till och med den 20 oktober 2025.",
        "Erbjudandet gäller t.o.m. 2025-11-30.",
        "Anbudet ska gälla till och med 2026-01-31.",
        "Överprövningsfristen löper t.o.m. 2025-10-20.",
    ],
)
def test_role_lasting_thing_that_is_no_agreement_sets_no_period(dnlp, sentence):
    text = f"Tilldelningsbeslut\n\nBakgrund\nUpphandlingen avslutades med tre anbud. {sentence}\n"
    assert set(roles(dnlp, text).values()) == {"other"}


@pytest.mark.parametrize(
    "sentence, end",
    [
        ("Hyresavtalet löper till och med den 31 mars 2030.", "2030-03-31"),
        ("Partnerskapet gäller t.o.m. 2027-06-30.", "2027-06-30"),
        ("Det nya kontraktet ska gälla till och med 2028-12-31.", "2028-12-31"),
        ("Med stöd av avtalet löper uppdraget till 2026-09-30.", "2026-09-30"),
    ],
)
def test_role_agreement_that_lasts_sets_its_period(dnlp, sentence, end):
    text = f"Ärende\nNämnden har prövat frågan. {sentence}\n"
    assert roles(dnlp, text) == {end: "period_end"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Ombyggnaden beräknas vara klar till den 15 januari 2027 och hyresavtalet gäller därefter.",
        "Inflyttningen har flyttats fram till den 1 mars 2027 och avtalet löper som förut.",
        "Avtalet löper vidare och utföraren ska rapportera resultatet till den 30 april 2026.",
    ],
)
def test_role_till_after_planning_is_a_point_in_time(dnlp, sentence):
    text = f"Ärende\nUtföraren har lämnat en tidplan. {sentence}\n"
    assert set(roles(dnlp, text).values()) == {"other"}


def test_role_lease_runs_from_taking_possession(dnlp):
    text = (
        "Ärende\nLokalen byggs om under 2026. Tillträde sker den 1 februari 2027 "
        "och hyresavtalet löper därefter till och med 2037-01-31.\n"
    )
    assert roles(dnlp, text) == {"2027-02-01": "period_start", "2037-01-31": "period_end"}


def test_role_taking_possession_outside_an_agreement_sentence_is_other(dnlp):
    # a handover in a sentence about no agreement's term: a point in time
    text = "Ärende\nKöparen har betalat handpenning. Tillträde sker den 1 februari 2027.\n"
    assert roles(dnlp, text) == {"2027-02-01": "other"}


def test_role_in_a_decision_what_lasts_decides_the_role(dnlp):
    # a decision that names an agreement: the standstill and a price that "löper"/"gäller"
    # until a date are not the agreement's period; the agreement's own dates are
    text = (
        "Beslut\nTrafiknämnden beslutar att tilldela avtalet till Bussbolaget AB och att avtalet "
        "gäller från och med 2026-01-01 till och med 2028-12-31. Avtalsspärren löper till och med "
        "den 10 november 2025. Nämnden beslutar att det angivna priset gäller t.o.m. 2026-06-30.\n"
    )
    assert roles(dnlp, text) == {
        "2026-01-01": "period_start", "2028-12-31": "period_end",
        "2025-11-10": "other", "2026-06-30": "other",
    }


def test_a_month_with_a_long_s_is_read_not_a_crash():
    # a case-blind pattern takes "ſ" (an old font's long s) for "s"; the month table must too
    from pipeline.nlp.dates import find_date_candidates

    found = [(c.day, c.month, c.year) for c in find_date_candidates("Avtalet gäller från den 1 ſept 2025.")]
    assert (1, 9, 2025) in found


@pytest.mark.parametrize("weekday", ["Måndagen", "onsdag", "Torsdagen"])
def test_role_document_weekday_after_the_label(dnlp, weekday):
    text = f"Barn- och utbildningsnämnden\nSammanträdesdatum: {weekday} den 4 mars 2026, kl. 9.00-12.00\n\n§ 5 Information\n"
    assert roles(dnlp, text)["2026-03-04"] == "document"


def test_extension_supersedes_the_term_told_in_the_background(dnlp):
    text = (
        "Omsorgsnämndens arbetsutskott\n1. Avtalet med Lindgårdens Omsorg AB förlängs med ytterligare "
        "ett år, fr.o.m. 2026-04-01 t.o.m. 2027-03-31.\n\n"
        "Ärendebeskrivning\nAvtalet avser boendestöd och gäller 2023-04-01--2026-03-31.\n"
    )
    r = roles(dnlp, text)
    assert (r["2026-04-01"], r["2027-03-31"], r["2023-04-01"], r["2026-03-31"]) == (
        "period_start", "period_end", "other", "other"
    )


@pytest.mark.parametrize(
    "cue", ["Avtalsstart planeras till den", "Planerad driftstart är den", "Driftstarten beräknas till den"]
)
def test_agreement_start_cue(dnlp, cue):
    text = f"Avtalstid\nAvtalet gäller i tre år. {cue} 1 september 2026 och perioden löper till och med 2029-08-31.\n"
    r = roles(dnlp, text)
    assert (r["2026-09-01"], r["2029-08-31"]) == ("period_start", "period_end")


_BODY = "".join(f"Punkt {n} i ärendet beskrivs närmare i bilagan.\n" for n in range(1, 16))


@pytest.mark.parametrize("field, iso", [
    ("Datum:\n2024-10-07", "2024-10-07"),
    ("Beslutsdatum\n21 maj 2025", "2025-05-21"),
    ("Upprättad\n2023-06-30", "2023-06-30"),
    ("Sammanträdesdatum\nOnsdagen den 9 april 2025, kl. 13.00-16.00", "2025-04-09"),
])
def test_a_document_date_label_over_its_date_on_the_next_line(dnlp, field, iso):
    # a form's field written over its value: the same role as on one line
    assert roles(dnlp, _BODY + field + "\nÖvrigt\n")[iso] == "document"


def test_a_column_of_dates_under_a_datum_label_is_a_list(dnlp):
    text = _BODY + "Datum\n2024-10-07 Startmöte med leverantören\n2024-11-04 Uppföljning\n"
    got = roles(dnlp, text)
    assert got["2024-10-07"] != "document" and got["2024-11-04"] != "document"
