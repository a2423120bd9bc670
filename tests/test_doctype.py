"""Document kind, title, authority and date on invented first pages."""
from __future__ import annotations

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)
from pipeline.nlp import make_doc


@pytest.fixture(scope="module")
def pnlp():
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_parties", "muni_people", "muni_doctype"):
        nlp.add_pipe(name)
    return nlp


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Umeå kommun TJÄNSTESKRIVELSE\nSida 1 (2)\nHemtjänst, förlängning av avtal\nFörslag till beslut\n", "tjansteskrivelse"),
        ("Göteborgs Stad\nTjänsteutlåtande\nUtfärdat 2023-01-10\nFörlängning av avtal\nFörslag till beslut\nI socialnämnden:\n",
         "tjansteskrivelse"),
        ("Region Skåne PROTOKOLLSUTDRAG\nRegionstyrelsen\nSammanträdesdatum 2024-02-01\n§ 12 Avtal om tolktjänst\n", "beslut"),
        ("SAMMANTRÄDESPROTOKOLL\nSocialnämnden\nSammanträdesdatum 2024-03-12\n§ 1 Val av justerare\n§ 2 Budget\n"
         "§ 3 Avtal\nJusterare\n", "protokoll"),
        ("Socialnämnden\nSammanträdesdatum 2024-03-12\n§ 1 Information\nText.\n§ 2 Avtal\nText.\nJusterare\nAnna Ek\n",
         "protokoll"),
        ("Socialnämnden PROTOKOLL\nSammanträdesdatum 2024-03-12\n§ 45 Avtal\nText.\n§ 46 Övrigt\nText.\n"
         "Justerandes signatur Utdragsbestyrkande\n", "protokoll"),
        ("Kungsbacka kommun RAMAVTAL\nRamavtal avseende tolktjänster\n1. Parter\n", "avtal"),
        ("Linköpings kommun VERKSAMHETSUPPDRAG\nSida 1 (4)\nVerksamhetsuppdrag till Leverantören\n", "avtal"),
        ("Överenskommelse om samverkan kring barn och unga\nmellan Malmö stad och Region Skåne\n1. Parter\n", "avtal"),
        ("CKS ARBETSNOTAT\nUtveckling av servicetjänster\nFörord\n", "rapport"),
        ("Verksamhetsberättelse 2023\nStödcentrum för unga brottsutsatta\nInledning\n", "rapport"),
        # reports under any compound of "rapport", reviews, follow-ups and the accounts of a year
        ("Revisionsrapport\nGranskning av kommunens bisysslor\nLundsjö kommun\n1. Inledning\n", "rapport"),
        ("Granskningsrapport 2024\nÄldreomsorgens bemanning\nSammanfattning\n", "rapport"),
        ("Lundsjö kommun\nDelårsrapport januari-augusti 2024\nKommunstyrelsen\nInledning\n", "rapport"),
        ("ÅRSREDOVISNING 2023\nLundsjö kommun\nFörvaltningsberättelse\n", "rapport"),
        ("Granskning av upphandling och avtalshantering\nLundsjö kommuns revisorer\nBakgrund\n", "rapport"),
        ("Uppföljning av tidigare granskningar\nLundsjö kommun\nSyfte\n", "rapport"),
        ("Utvärdering av familjecentralen\nLundsjö kommun\nSyfte\n", "rapport"),
        # a memo titled after the report it lays before the board proposes a decision
        ("Delårsrapport 2024\nFörslag till beslut\nKommunstyrelsen godkänner delårsrapporten.\n", "tjansteskrivelse"),
        ("Motion om fler parkbänkar\nVi föreslår att kommunen köper bänkar.\n", "other"),
        ("Socialnämnden\nTjänsteskrivelse\nSammanträdesdatum 2024-05-12\nAvtal med Humana AB\nFörslag till beslut\n",
         "tjansteskrivelse"),
        ("Avtal med Humana AB - förlängning\nFörslag till beslut\nSocialnämnden föreslås besluta.\nBeslutsunderlag\n",
         "tjansteskrivelse"),
        # the kind beside the issuer in a header, in title case
        ("Ljusdals kommun Tjänsteskrivelse\nOmsorgsförvaltningen\n2025-02-03\nUppsägning av avtal\n", "tjansteskrivelse"),
        ("Sundbybergs stad Tjänsteutlåtande\nSocialförvaltningen\nFörlängning av avtal\n", "tjansteskrivelse"),
        # whole minutes may hold a single item; only an extract is a decision
        ("Tranemo kommun PROTOKOLL\nBarn- och utbildningsnämnden\nSammanträdesdatum 2023-04-11\n§ 12 Avtal\nText.\n",
         "protokoll"),
        ("Tranemo kommun\nUtdrag ur protokoll\nSammanträdesdatum 2023-04-11\n§ 12 Avtal\nText.\n", "beslut"),
        ("Vara kommun BESLUT\nKommunstyrelsen\nAvtal om lokalvård\n", "beslut"),
        # an agenda item that carries the proposal of a board (or its committee) is a proposal
        ("Sammanträde 2022-05-04\nFritids- och kulturnämnden\n3 Bidrag till Solby IF\nDiarienummer 2022/FKN 0031\n"
         "Fritids- och kulturnämndens förslag till beslut\n1. Bidraget beviljas.\n", "tjansteskrivelse"),
        ("Sammanträde 2022-05-04\nKommunstyrelsen\n5 Borgen för Solby IF\n"
         "Kommunstyrelsens förslag till kommunfullmäktige\n1. Kommunen ingår borgen.\n", "tjansteskrivelse"),
        # the notice of a meeting and its agenda record no decision and propose none
        ("KALLELSE\nBygg- och miljönämnden\nTid: 2024-03-12 kl. 08.30\nFöredragningslista\n§ 1 Val av justerare\n"
         "§ 2 Bygglov\n§ 3 Delegationsbeslut\n", "other"),
        ("Bygg- och miljönämnden\nFöredragningslista\nSammanträdesdatum 2024-03-12\n1. Val av justerare\n2. Bygglov\n",
         "other"),
        # the award notice is the decision; the interim report is the report, though it carries a proposal
        ("Region Jämtland Härjedalen TILLDELNINGSBESLUT\nInköpsenheten\nTilldelningsbeslut – Upphandling av tolktjänster\n"
         "Beslut\nRegionstyrelsen har beslutat att tilldela ramavtalet till Tolkhuset Norr AB.\n", "beslut"),
        ("Tomelilla kommun DELÅRSRAPPORT\nSocialförvaltningen\nDelårsrapport 1 2025\nFörslag till beslut\n"
         "Socialnämnden godkänner delårsrapporten.\n", "rapport"),
    ],
)
def test_doc_type(pnlp, text, expected):
    assert pnlp(text)._.doc_type == expected


def test_title_joins_wrapped_lines_and_skips_header_block(pnlp):
    pages = [
        "Linköpings kommun TJÄNSTESKRIVELSE\nSida 1 (2)\n"
        "Kontaktcentrum, ställningstagande till uppsägning av\navtal med Linköping Stadsmission\n"
        "Förslag till beslut\n1. Avtalet sägs inte upp.\n",
        "Linköpings kommun TJÄNSTESKRIVELSE\nSida 2 (2)\nSlut.\n",
    ]
    doc = pnlp(make_doc(pnlp, pages, boilerplate=[(1, 0, 45), (2, 0, 45)]))
    assert doc._.title == "Kontaktcentrum, ställningstagande till uppsägning av avtal med Linköping Stadsmission"
    assert doc._.authority == "Linköpings kommun"


def test_title_after_label_lines(pnlp):
    text = "Göteborgs Stad\nTjänsteutlåtande\nUtfärdat 2023-01-10\nDiarienummer N123-0456/22\n" \
           "Förlängning av avtal om stödboende med Gryning Vård AB\nFörslag till beslut\n"
    doc = pnlp(text)
    assert doc._.title == "Förlängning av avtal om stödboende med Gryning Vård AB"
    assert doc._.authority == "Göteborgs Stad"


@pytest.mark.parametrize("label", [
    "Upphandlingsnummer: EK-UH-2025-031", "Beslutsdatum: 2025-06-18", "Vår referens: Petra Lind",
    "Avtalsnummer: EK-77",
])
def test_a_label_value_line_is_no_title(pnlp, label):
    text = (f"Ekby kommun\n{label}\nSökande: Gustav Brink, Ekvägen 3, 123 45 Ekby\n"
            "Underrättelse om tilldelningsbeslut — Snöröjning, område Öst\nBeslut\nText.\n")
    doc = pnlp(text)
    assert doc._.title == "Underrättelse om tilldelningsbeslut — Snöröjning, område Öst"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Region Skåne BESLUT\nRegionstyrelsen beslutar.\n", "Region Skåne"),
        ("Socialnämnden TJÄNSTESKRIVELSE\nText om Umeå kommuns arbete i Umeå kommun.\n", "Umeå kommun"),
        ("Västra Götalandsregionen\nRAPPORT\nText.\n", "Västra Götalandsregionen"),
        ("Ett brev utan avsändare.\n", None),
    ],
)
def test_authority(pnlp, text, expected):
    assert pnlp(text)._.authority == expected


def test_document_date_is_the_date_with_role_document(pnlp):
    from pipeline.nlp.doctype import find_document_date

    doc = pnlp.make_doc("Datum 2024-05-02. Avtalet gäller från 2024-06-01.")
    d1 = doc.char_span(6, 16)
    d2 = doc.char_span(38, 48)
    d1._.norm = {"date": "2024-05-02", "role": "document"}
    d2._.norm = {"date": "2024-06-01", "role": "period_start"}
    doc.spans["dates"] = [d2, d1]
    assert find_document_date(doc) == "2024-05-02"
    doc.spans["dates"] = [d2]
    assert find_document_date(doc) is None


def test_proposal_with_case_number_is_a_memo(pnlp):
    text = ("Vara kommun\nKommunledningskontoret\n2024-05-05\nDnr KS 2024/10\nHyresavtal för Solbacka förskola\n"
            "Förslag till beslut\nKommunstyrelsen beslutar att teckna hyresavtal med Solbacka Fastigheter AB.\n")
    assert pnlp(text)._.doc_type == "tjansteskrivelse"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a förbund's minutes: the owner's genitive before the kind, a date in words, "7 §" items
        ("Direktionens protokoll 12 april 2022\nNärvarande\nLena Ek (S)\n7 § Budget\nText.\n8 § Övrigt\nText.\n",
         "protokoll"),
        ("Kommunstyrelsens arbetsutskott\nPlats och tid Kommunhuset\nUtses att justera Lena Ek\n"
         "§ 31 Budget\nText.\n§ 32 Lokaler\nText.\n", "protokoll"),
        ("AVTALSFÖRLAGA\nTRANSPORTER, ANBUDSOMRÅDE 2\n1.1 PARTER OCH OMBUD\nText.\n", "avtal"),
    ],
)
def test_minutes_and_contract_templates_of_other_forms(pnlp, text, expected):
    assert pnlp(text)._.doc_type == expected


def test_title_skips_the_reference_and_buyer_contact_lines(pnlp):
    text = ("Upphandlingsenheten\nDatum: 2025-02-03\nVår referens: UH-2025-0042\nAnsvarig upphandlare: Ossian Trevik\n\n"
            "Till samtliga anbudsgivare\n\nTilldelningsbeslut – Upphandling av tolktjänster\n\n"
            "Regionen har genomfört en upphandling.\n")
    assert pnlp(text)._.title == "Tilldelningsbeslut – Upphandling av tolktjänster"


def test_a_paragraph_above_a_beslut_heading_is_no_title(pnlp):
    text = ("Inköpsenheten\nTilldelningsbeslut – Upphandling av tolktjänster\n"
            "Regionen har genomfört en upphandling av ramavtal för tolktjänster enligt\n"
            "lagen om offentlig upphandling, som ett öppet förfarande. Tre anbud har kommit in.\n"
            "Beslut\nRegionstyrelsen har beslutat att tilldela ramavtalet till Tolkhuset Norr AB.\n")
    assert pnlp(text)._.title == "Tilldelningsbeslut – Upphandling av tolktjänster"


def test_minutes_known_by_their_posting_box_and_paragraph_range(pnlp):
    # a flattened first page: no "Protokoll" header, the items' "§" not at a line's start
    text = (
        "1 Plats och tid Beslutande Ledamöter Tjänstgörande ersättare Kommunhuset kl 13.00 "
        "Justering Justerare Paragrafer 40-52 Underskrifter Sekreterare Ordförande "
        "Anslag / Bevis Protokollet är justerat. Justeringen har tillkännagivits genom anslag.\n"
    )
    assert pnlp(text)._.doc_type == "protokoll"
