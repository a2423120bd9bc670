"""Persons and their roles on invented text; expected values worked out by hand."""
from __future__ import annotations

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)
from pipeline.nlp.people import find_names, name_on_line


@pytest.fixture(scope="module")
def pnlp():
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_parties", "muni_people", "muni_doctype"):
        nlp.add_pipe(name)
    return nlp


def people(doc) -> set[tuple[str, str]]:
    return {(s._.norm["name"], s._.norm["role"]) for s in doc.spans["people"]}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Frågan bereddes av Anna-Karin Öberg under våren.", ["Anna-Karin Öberg"]),
        ("Kontakta Karsten Åström för mer information.", ["Karsten Åström"]),
        ("Ordförande Maria von Essen öppnade mötet.", ["Maria von Essen"]),
        ("Simon Härnbro & Martin Börjesson", ["Simon Härnbro", "Martin Börjesson"]),
        ("Enhetschef Mohammed Al-Hassan och Fatima Yusuf deltog.", ["Mohammed Al-Hassan", "Fatima Yusuf"]),
        ("Lena Svensson Berg är utredare.", ["Lena Svensson Berg"]),
        ("Anna Maria Lindqvist valdes.", ["Anna Maria Lindqvist"]),
    ],
)
def test_names_in_running_text(text, expected):
    assert [n for _, _, n in find_names(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Umeå kommun och Region Skåne samverkar.",
        "Per dag serveras lunch. Maj månad är lugn.",
        "Samverkan med Linköpings Stadsmission fortsätter.",
        "Nora kommun och Mark kommun har yttrat sig.",
    ],
)
def test_no_person_in_place_and_organisation_names(text):
    assert find_names(text) == []


def test_reference_list_inverted_names_and_initials():
    text = (
        "Referenser\n"
        "Åström, Karsten (1988). Socialtjänstlagstiftningen i politik och förvaltning.\n"
        "Denvall, V & Vinnerljung, B (red.) (2006). Nytta och fördärv.\n"
        "Lundström, Tommy & Sunesson, Sune (2006). Socialt arbete.\n"
    )
    names = [n for _, _, n in find_names(text)]
    assert names == ["Karsten Åström", "Tommy Lundström", "Sune Sunesson"]


def test_signature_line_with_title():
    assert name_on_line("Linda Ljungqvist") == "Linda Ljungqvist"
    assert name_on_line("Anna Berg, socialdirektör") == "Anna Berg"
    assert name_on_line("Anna Berg har skrivit detta") is None


def test_signatory_under_office_on_last_page(pnlp):
    text = (
        "Göteborgs Stad TJÄNSTESKRIVELSE\n"
        "Förslag till beslut\n"
        "Socialnämnden Centrum föreslås besluta att godkänna avtalet.\n"
        "Ärendet\n"
        "Ärendet har diskuterats med Erik Johansson på Socialstyrelsen.\n"
        "Socialförvaltningen Centrum\n"
        "Helena Åkesson\n"
        "Förvaltningschef\n"
        "Beslutet skickas till: Socialnämnden\n"
    )
    assert people(pnlp(text)) == {("Helena Åkesson", "signatory"), ("Erik Johansson", "other")}


def test_handlaggare_is_author_and_the_signatory_signs(pnlp):
    text = (
        "Region Skåne TJÄNSTESKRIVELSE\n"
        "Handläggare: Sara Lindberg\n"
        "Upphandling av tolktjänster\n"
        "Förslag till beslut\n"
        "Regionstyrelsen föreslås besluta att tilldela avtal.\n"
        "Koncernkontoret\n"
        "Jonas Ek\n"
        "Regiondirektör\n"
    )
    assert people(pnlp(text)) == {("Sara Lindberg", "author"), ("Jonas Ek", "signatory")}


def test_protocol_justerare_signs(pnlp):
    text = (
        "Socialnämnden PROTOKOLL\n"
        "Sammanträdesdatum 2024-03-12\n"
        "§ 45 Avtal om skyddat boende\n"
        "Socialnämnden beslutar enligt förslag. Föredragande var Lars Persson.\n"
        "§ 46 Övrigt\n"
        "Inget att rapportera.\n"
        "Justerare\n"
        "Karin Nilsson\n"
    )
    assert people(pnlp(text)) == {("Karin Nilsson", "signatory"), ("Lars Persson", "other")}


def test_report_title_page_authors_and_foreword_signature(pnlp):
    pages = [
        "FoU Nordväst RAPPORT 2023:4\n"
        "Hemlöshet i fem kommuner\n"
        "Johanna Ek & Ali Hassan\n"
        "Förord\n"
        "Rapporten har tagits fram på uppdrag av kommunerna.\n"
        "Per-Olof Nyberg. Föreståndare, FoU Nordväst.\n",
        "Inledning\nStudien bygger på intervjuer.\n",
        "Referenser\nÅström, Karsten (1988). Socialtjänstlagstiftningen.\n",
    ]
    from pipeline.nlp import make_doc

    doc = pnlp(make_doc(pnlp, pages))
    assert people(doc) == {
        ("Johanna Ek", "author"),
        ("Ali Hassan", "author"),
        ("Per-Olof Nyberg", "other"),
        ("Karsten Åström", "other"),
    }


def test_one_role_per_person_the_strongest(pnlp):
    text = (
        "Umeå kommun TJÄNSTESKRIVELSE\n"
        "Förslag till beslut\n"
        "Äldrenämnden föreslås besluta att förlänga avtalet.\n"
        "Ärendet\n"
        "Ärendet har beretts av Klas Öhman.\n"
        "Äldreomsorgen\n"
        "Klas Öhman\n"
        "Direktör\n"
    )
    doc = pnlp(text)
    roles = {s._.norm["role"] for s in doc.spans["people"]}
    assert roles == {"signatory"}


def test_signature_under_the_proposal_on_page_one(pnlp):
    from pipeline.nlp import make_doc

    pages = [
        "Farsta stadsdelsförvaltning\nTjänsteutlåtande\nFörlängning av avtal om boendestöd\n"
        "Förvaltningens förslag till beslut\n1. Farsta stadsdelsnämnd förlänger avtalet.\n"
        "Anders Olsson\nStadsdelsdirektör\nMaria Berg\nAvdelningschef\nSammanfattning\nText.\n",
        "Bakgrund\nSamråd har skett med Erik Nilsson på socialförvaltningen.\n",
        "Ekonomi\nInga kostnader.\n",
    ]
    doc = pnlp(make_doc(pnlp, pages))
    assert people(doc) == {("Anders Olsson", "signatory"), ("Maria Berg", "signatory"), ("Erik Nilsson", "other")}


def test_protocol_header_table_signatures(pnlp):
    text = (
        "Kommunstyrelsen\nSAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2023-05-10\n"
        "Beslutande Lena Nilsson (S), ordförande\nJan Ek (M)\n"
        "Övriga deltagare Maria Holm, kommundirektör\n"
        "Underskrifter Sekreterare ........................ §§ 45–52\nAnna Lind\n"
        "Ordförande ........................\nLena Nilsson\n"
        "Justerare ..........................\nJan Ek\n"
        "§ 46 Information om budget\nKommunstyrelsen beslutar att notera informationen.\n"
        "§ 47 Avtal med Samhall AB om lokalvård\nKommunstyrelsen beslutar att teckna avtal med Samhall AB.\n"
    )
    doc = pnlp(text)
    assert doc._.doc_type == "protokoll"
    assert people(doc) == {
        ("Anna Lind", "signatory"), ("Lena Nilsson", "signatory"), ("Jan Ek", "signatory"), ("Maria Holm", "other"),
    }


def test_capitalised_signature_lines():
    text = "Socialförvaltningen\nLINDA LJUNGQVIST\nSOCIALDIREKTÖR\nANNA-KARIN ÖBERG\nTJÄNSTESKRIVELSE"
    found = find_names(text)
    assert [n for _, _, n in found] == ["Linda Ljungqvist", "Anna-Karin Öberg"]
    assert [text[s:e] for s, e, _ in found] == ["LINDA LJUNGQVIST", "ANNA-KARIN ÖBERG"]


def test_report_authors_introduced_by_av(pnlp):
    from pipeline.nlp import make_doc

    doc = pnlp(make_doc(pnlp, ["RAPPORT 2023:1\nStöd till unga\nav Sara Lind och Omar Ali\nFörord\nText.",
                               "Inledning\nSara Lind har tidigare skrivit om detta.\n"]))
    assert people(doc) == {("Sara Lind", "author"), ("Omar Ali", "author")}


def test_signature_columns_side_by_side(pnlp):
    text = (
        "AVTAL\nRamavtal avseende personlig assistans\n1. Parter\nBeställare\n"
        "Vård- och omsorgsnämnden, Kungsbacka kommun\nLeverantör\nHumana Assistans AB\n"
        "För beställaren                För leverantören\n"
        "Anna Andersson                 Per Persson\n"
        "Socialdirektör                 VD\n"
    )
    doc = pnlp(text)
    assert people(doc) == {("Anna Andersson", "signatory"), ("Per Persson", "signatory")}
    assert {(s._.norm["canonical_name"], s._.norm["role"]) for s in doc.spans["parties"]} == {
        ("Vård- och omsorgsnämnden", "buyer"), ("Humana Assistans AB", "supplier"),
    }


def test_minutes_signature_table_with_unlisted_first_names(pnlp):
    text = (
        "SAMMANTRÄDESPROTOKOLL\nArbetsmarknads- och socialnämnden\nSammanträdesdatum 2019-01-28\n"
        "Utses att justera Isabel Hildén\nUnderskrifter_____________________\nPär-Olof Stål, ordförande\n"
        "_____________________\nLaila Nabb, sekreterare\n_____________________\nIsabel Hildén, justerare\n"
        "Övriga närvarande\nLena Wetterlind, förvaltningschef\nAnna-Lena Svedberg, biträdande förvaltningschef\n"
        "§ 12 Avtal om boende\nArbetsmarknads- och socialnämnden beslutar att teckna avtal med Convictus.\n"
        "§ 13 Information\nText.\n"
    )
    assert people(pnlp(text)) == {
        ("Pär-Olof Stål", "signatory"), ("Laila Nabb", "signatory"), ("Isabel Hildén", "signatory"),
        ("Lena Wetterlind", "other"), ("Anna-Lena Svedberg", "other"),
    }


def test_handlaggare_with_telephone_label_and_capitalised_office(pnlp):
    text = (
        "Socialkontoret TJÄNSTESKRIVELSE\nHandläggare, telefon\nMartin Taavola\nSocialnämnden\n"
        "Delårsbokslut 2 med helårsprognos 2013\nFörslag till beslut\nSocialnämnden beslutar godkänna delårsbokslut 2.\n"
        "SOCIALKONTORET\nEva Folke\nSocialchef\nBeslut sänds till\nKommunstyrelsen\n"
    )
    doc = pnlp(text)
    assert people(doc) == {("Martin Taavola", "author"), ("Eva Folke", "signatory")}
    got = {(s._.norm["canonical_name"], s._.norm["role"]) for s in doc.spans["parties"]}
    assert got == {("Socialnämnden", "decision_maker"), ("Socialkontoret", "preparer"), ("Kommunstyrelsen", "recipient")}


def test_stacked_signatories_all_sign(pnlp):
    # several signatories stacked under the text: name, title, blank line, name, title
    text = ("Vara kommun TJÄNSTESKRIVELSE\nFörlängning av avtal om lokalvård\nFörslag till beslut\n"
            "Kommunstyrelsen beslutar att förlänga avtalet.\n\n"
            "Jonas Bergqvist\nKommundirektör\n\nSara Holmgren\nEkonomichef\n\nNils Åkerlund\nUpphandlare\n")
    doc = pnlp(text)
    assert people(doc) == {("Jonas Bergqvist", "signatory"), ("Sara Holmgren", "signatory"),
                           ("Nils Åkerlund", "signatory")}


def test_two_persons_side_by_side_on_the_handlaggare_line():
    # a second first name after a full name opens the next person, not a third name part
    names = [n for _, _, n in find_names("Handläggare Ulla Berglund Tobias Hedin\n")]
    assert names == ["Ulla Berglund", "Tobias Hedin"]


def test_party_letter_between_commas_before_the_title():
    # Ånge-style attendance lists write the party bare: "Namn Efternamn, s, vice ordförande"
    names = [n for _, _, n in find_names("Zlatomir Vinterhav, s, vice ordförande\nGösta Rask, c\n")]
    assert "Zlatomir Vinterhav" in names


def test_minutes_signatories_named_in_running_text_and_genitives(pnlp):
    text = (
        "Direktionen\nSammanträdesprotokoll 2/2022\n"
        "Plats och tid Ove Strömbergs tjänsterum, kl. 13.00\n"
        "Beslutande Ove Strömberg (S), ordförande\nHanna Lidholm (M)\nSten Fagerlund (C)\n"
        "Justering och sekreterare\n"
        "Att jämte ordföranden justera dagens protokoll valdes Hanna Lidholm. Sekreterare är Tove Ramsell.\n"
        "§ 14 Budget 2023\nDirektionen beslutar att godkänna budgeten.\n"
        "§ 15 Delårsrapport\nDirektionen beslutar att godkänna rapporten.\n"
        + "Bakgrund och ärendet i korthet.\n" * 20
    )
    got = people(pnlp(text))
    assert ("Hanna Lidholm", "signatory") in got and ("Tove Ramsell", "signatory") in got
    assert ("Sten Fagerlund", "other") in got
    # the genitive in "Ove Strömbergs tjänsterum" is the chair, not a second person
    assert {n for n, _ in got if n.startswith("Ove")} == {"Ove Strömberg"}


def test_attendance_lines_with_titles_do_not_sign_minutes(pnlp):
    text = (
        "PROTOKOLL\nKommunstyrelsens arbetsutskott\nSammanträdesdatum 2023-04-04\n"
        "Beslutande Gösta Rask (C), ordförande\nÖvriga deltagare\n"
        "Kommundirektör Bertil Wahlgren\nKommunsekreterare Sofia Renberg\nEkonomichef Ulla Berglund\n"
        "Utses att justera Gösta Rask\n"
        "§ 31 Budget\nArbetsutskottet föreslår kommunstyrelsen besluta att godkänna budgeten.\n"
        "§ 32 Lokaler\nArbetsutskottet föreslår kommunstyrelsen besluta att godkänna hyran.\n"
        + "Ärendet beskrivs i tjänsteskrivelsen.\n" * 20
    )
    got = people(pnlp(text))
    assert ("Bertil Wahlgren", "other") in got and ("Ulla Berglund", "other") in got


def test_first_name_opening_a_company_name_is_no_person(pnlp):
    text = "Beskrivning av ärendet\nSigrid Vårdhem AB driver Ekbackens gruppbostad på uppdrag av kommunen.\n"
    assert people(pnlp(text)) == set()


def test_handlaggare_slot_written_surname_first(pnlp):
    # the header table of some municipalities puts the surname first: "Efternamn Förnamn"
    text = (
        "KOMMUNLEDNINGSKONTORET\nHandläggare Bergdahl Sixten Af Klint Greta\nDatum 2021-03-01 Diarienummer KSN-2021-0042\n"
        "Kommunstyrelsen\nRiktlinjer för lokalbidrag\nFörslag till beslut\nKommunstyrelsen föreslås besluta att anta riktlinjerna.\n"
    )
    got = people(pnlp(text))
    assert got == {("Sixten Bergdahl", "author"), ("Greta Af Klint", "author")}


def test_handlaggare_slot_with_labels_above_the_values(pnlp):
    text = (
        "SOCIALFÖRVALTNINGEN\nHandläggare Datum Diarienummer\nNordqvist Bodil 2021-05-26 SCN-2021-0180\n"
        "Socialnämnden\nYttrande till IVO\nFörslag till beslut\nSocialnämnden föreslås besluta att avge yttrande.\n"
    )
    assert ("Bodil Nordqvist", "author") in people(pnlp(text))


def test_every_person_after_the_handlaggare_label_is_an_author(pnlp):
    text = "SOCIALFÖRVALTNINGEN\nHandläggare Agda Wennberg Rut Holmén\nSocialnämnden\nYttrande\nFörslag till beslut\n"
    assert people(pnlp(text)) == {("Agda Wennberg", "author"), ("Rut Holmén", "author")}


def test_header_contact_person_with_own_email_is_the_author(pnlp):
    text = (
        "TJÄNSTESKRIVELSE 1 (2)\nDatum Vår beteckning\nMaj-Lis Ågren\nFritidskontoret\nmaj-lis.agren@solby.se\n"
        "2022-03-01 FN 22/0031 Fritidsnämnden\nBidrag till föreningar\nFörslag till beslut\n"
        "Fritidsnämnden godkänner bidragen.\n"
    )
    assert ("Maj-Lis Ågren", "author") in people(pnlp(text))


def test_name_missing_from_first_name_list_in_a_signature_slot(pnlp):
    text = (
        "TJÄNSTESKRIVELSE\nSocialförvaltningen\nBoendestöd\nFörslag till beslut\nSocialnämnden godkänner avtalet.\n"
        "Ärendet\nAvtalet löper ut.\n"
        "Socialförvaltningen\nJarl Vikström\nSocialdirektör\n"
    )
    assert ("Jarl Vikström", "signatory") in people(pnlp(text))


def test_a_first_name_learnt_from_the_layout_splits_a_justering_line(pnlp):
    text = (
        "Solby Bostäder AB\nProtokoll från styrelsens sammanträde 2020-05-11\n"
        "§ 3 Ombyggnad\nStyrelsen beslutade att godkänna ombyggnaden.\n"
        "Justeras:\nGreta Lundmark Idun Sahlberg\n"
        "Närvarande:\nOrdföranden Greta Lundmark (m)\nVice ordföranden Idun Sahlberg (s)\n"
    )
    got = people(pnlp(text))
    assert {n for n, _ in got} == {"Greta Lundmark", "Idun Sahlberg"}
    assert ("Idun Sahlberg", "signatory") in got and ("Greta Lundmark", "signatory") in got


def test_capitalised_common_words_in_a_signature_slot_are_no_person(pnlp):
    text = (
        "TJÄNSTESKRIVELSE\nTekniska förvaltningen\nGatubelysning\nFörslag till beslut\nTekniska nämnden godkänner planen.\n"
        "Ärendet\nplanen gäller belysning i centrum.\nTekniska förvaltningen\nPlanen Belysning\nAvdelningschef\n"
    )
    assert people(pnlp(text)) == set()


def test_label_row_over_its_values_and_ansvarig_tjansteman_name_the_author(pnlp):
    text = (
        "OMSORGSFÖRVALTNINGEN\nHandläggare Datum Diarienummer\nMaj-Lis Ågren 2015-02-10 OSN-2015-0042\n"
        "Omsorgsnämnden\nInternavtal\nFörslag till beslut\nOmsorgsnämnden föreslås besluta att godkänna internavtalet.\n"
    )
    assert ("Maj-Lis Ågren", "author") in people(pnlp(text))
    text = "Tjänsteskrivelse\n2021-09-01\nAnsvarig tjänsteman: Rut Holmén, upphandlingschef\nAvrop av livsmedel\n"
    assert ("Rut Holmén", "author") in people(pnlp(text))


def test_party_labels_of_a_contracts_signature_block_are_no_person(pnlp):
    text = ("Avtal\n1. Parter\nAvtalet gäller.\nFör Beställaren\nAgda Wennberg\nSocialchef\n"
            "För Utföraren\nJarl Vikström\nVD\n")
    assert {n for n, _ in people(pnlp(text))} == {"Agda Wennberg", "Jarl Vikström"}


@pytest.mark.parametrize("cue", ["Rapporten är framtagen av", "Rapporten har tagits fram av", "Utredare:", "Författare:"])
def test_a_reports_authors_listed_under_its_author_cue(pnlp, cue):
    text = (
        "Vallby stad RAPPORT\n"
        "Uppföljning av hemtjänst 2024\n"
        "Uppföljningen visar att utföraren uppfyller kraven.\n\n"
        "Vallby den 3 mars 2025\n\n"
        f"{cue}\n"
        "Ingrid Svedberg, avtalsuppföljare\n"
        "Tobias Lindqvist, kvalitetsutvecklare\n"
    )
    assert people(pnlp(text)) == {("Ingrid Svedberg", "author"), ("Tobias Lindqvist", "author")}


def test_flattened_signature_rows_sign_and_attendance_titles_do_not(pnlp):
    # minutes whose table cells the PDF flattened onto single lines: the attendance list
    # "Name, party, title" (a vice chair signs nothing), the label row "Sekreterare Ordförande
    # Justerande" with the names after it in order, and labels interleaved with the names
    text = (
        "Omsorgsnämnden\nSAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2024-03-12\n"
        "Beslutande Vilma Rosengård, S, ordförande Teodor Hallin, C, 1:e vice ordförande "
        "Greta Sundqvist, M, 2:e vice ordförande Elias Bergfors, S\n"
        "Övriga deltagande Alva Tornberg, sekreterare Melker Åkesson (KD)\n"
        "§ 4 Budget\nNämnden beslutar att godkänna budgeten.\n"
        "§ 5 Information\nNämnden noterar informationen.\n"
        "Underskrifter Sekreterare........ Alva Tornberg Ordförande......... Vilma Rosengård Justerande....... Elias Bergfors\n"
    )
    got = people(pnlp(text))
    assert got == {("Vilma Rosengård", "signatory"), ("Alva Tornberg", "signatory"), ("Elias Bergfors", "signatory"),
                   ("Teodor Hallin", "other"), ("Greta Sundqvist", "other"), ("Melker Åkesson", "other")}
    text2 = (
        "Kulturnämnden\nPROTOKOLL\nSammanträdesdatum 2024-05-02\n"
        "§ 8 Budget\nNämnden beslutar att godkänna budgeten.\n§ 9 Övrigt\nInget.\n"
        "Paragrafer 8-9 Underskrifter Sekreterare Ordförande Justerande Ingela Wallberg Sixten Lövgren (S) Märta Hedlund (KD)\n"
    )
    assert people(pnlp(text2)) == {("Ingela Wallberg", "signatory"), ("Sixten Lövgren", "signatory"),
                                   ("Märta Hedlund", "signatory")}


def test_credential_or_common_word_after_a_name_is_no_surname():
    assert [n for _, _, n in find_names("Granskad av Valter Sandström Cert\n")] == ["Valter Sandström"]
    assert [n for _, _, n in find_names("Ingrid Malmberg Certifierad kommunal revisor\n")] == ["Ingrid Malmberg"]
    # a word the text writes in lower case elsewhere ends the name before it
    text = "Handläggare Tyra Hjalmarsson Granskad\nRapporten är granskad av revisionen.\n"
    assert [n for _, _, n in find_names(text)] == ["Tyra Hjalmarsson"]
    # a real double surname stays
    assert [n for _, _, n in find_names("Utredare Tyra Hjalmarsson Lindkvist deltog.")] == ["Tyra Hjalmarsson Lindkvist"]


def test_addressee_line_is_no_signature(pnlp):
    text = ("Kultur- och fritidsförvaltningen\nHandläggare: Ivar Tornvik\n\nFöreningen Norrskär Roddklubb\n"
            "Att: Hanna Vestberg, ordförande\nStrandgatan 3\n\nBeslut om bidrag\nBidraget beviljas.\n")
    got = people(pnlp(text))
    assert ("Hanna Vestberg", "other") in got
    assert ("Ivar Tornvik", "author") in got


def test_the_procurement_officer_is_the_author(pnlp):
    text = "Inköpsenheten\nDatum: 2025-02-03\nAnsvarig upphandlare: Ivar Tornvik\n\nTilldelningsbeslut\nText.\n"
    assert ("Ivar Tornvik", "author") in people(pnlp(text))
    text = "Inköpsenheten\nUpphandlare: Ivar Tornvik\n\nTilldelningsbeslut\nText.\n"
    assert ("Ivar Tornvik", "author") in people(pnlp(text))


def test_unlisted_first_name_in_a_name_slot(pnlp):
    # "Zoltrim" is on no first-name list: the slot says person
    got = people(pnlp("Socialförvaltningen\nHandläggare: Zoltrim Vaskeby\n\nRapport\nText.\n"))
    assert ("Zoltrim Vaskeby", "author") in got
    got = people(pnlp("§ 7 Kontaktpersoner\nFör Västra: Zoltrim Vaskeby, chef individ- och familjeomsorg, telefon 0485-470 00.\n"))
    assert {n for n, _ in got} == {"Zoltrim Vaskeby"}


def test_minutes_signature_lines_keep_the_party_letters(pnlp):
    # a member signs with the party letters after the name: still a signature line
    text = (
        "SAMMANTRÄDESPROTOKOLL\nFritidsnämnden\n"
        "Beslutande Vendela Krok (S) ordförande\nArne Dyrberg (M)\nIda Fjällström (C)\n"
        "Sekreterare ......................\nTorun Ahlsell\n"
        "Ordförande ......................\nVendela Krok (S)\n"
        "Justerare ......................\nArne Dyrberg (M)\n"
        "§ 4 Dnr FN 2022/9\nBidrag till föreningar\n§ 5 Dnr FN 2022/10\nTaxor\n"
    )
    got = people(pnlp(text))
    assert ("Vendela Krok", "signatory") in got
    assert ("Arne Dyrberg", "signatory") in got
    assert ("Torun Ahlsell", "signatory") in got
    assert ("Ida Fjällström", "other") in got


def test_attendance_list_after_the_signatures_signs_nothing(pnlp):
    # "Övriga närvarande" under the signature block opens a new list of who attended
    text = (
        "PROTOKOLL\nTekniska nämnden\nSammanträdesdatum 2021-02-03\n"
        "Underskrifter\nSekreterare\nIrma Stolpe\nOrdförande\nViggo Alander\nJusterare\nDagny Fröberg\n"
        "Övriga närvarande\nStadsdirektör Osvald Brink, ekonomichef Tyra Lodin\n"
        "§ 3 Dnr TN 2021/2\nGatubelysning\n§ 4 Dnr TN 2021/5\nSnöröjning\n"
    )
    got = people(pnlp(text))
    assert ("Dagny Fröberg", "signatory") in got
    assert ("Osvald Brink", "other") in got
    assert ("Tyra Lodin", "other") in got


def test_name_with_a_balkan_diacritic_is_a_person_not_a_supplier():
    import spacy
    import pipeline.nlp  # noqa: F401
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_parties", "muni_people", "muni_doctype"):
        nlp.add_pipe(name)
    doc = nlp("AVTAL\nAvtal mellan Ekby kommun och Ekbacka Omsorg AB om daglig verksamhet.\n"
              "Kontaktperson för Utföraren är Emir Kovačević, verksamhetschef.\n")
    assert "Emir Kovačević" in {s._.norm["name"] for s in doc.spans["people"]}
    assert "Emir Kovačević" not in {s._.norm["canonical_name"] for s in doc.spans["parties"]}


def test_every_name_on_an_author_line_is_author_and_a_described_chair_does_not_sign(pnlp):
    text = (
        "Revisionsrapport\nGranskning av kosten\nVimmerby kommun\n"
        "Författare: Tilda Rosenqvist, certifierad kommunal revisor, och Axel Bergdahl, revisionskonsult\n\n"
        "1. Sammanfattning\nKostverksamheten fungerar väl.\n\n"
        "Kontaktperson hos revisorerna är revisorernas ordförande Harald Lindqvist.\n\n"
        "Vimmerby den 3 mars 2025\n"
    )
    got = people(pnlp(text))
    assert ("Tilda Rosenqvist", "author") in got
    assert ("Axel Bergdahl", "author") in got
    assert ("Harald Lindqvist", "other") in got


@pytest.mark.parametrize(
    "line, name",
    [
        ("Handläggare: Upphandlingscontroller Britt Sandberg", "Britt Sandberg"),
        ("Handläggare: Socialsekreterare Jonas Wall", "Jonas Wall"),
        ("Frågor besvaras av ansvarig upphandlare Lennart Ohlin, tfn 010-123 45 67.", "Lennart Ohlin"),
    ],
)
def test_author_cue_with_a_title_or_inside_a_sentence(pnlp, line, name):
    text = (
        "Ekby kommun TJÄNSTESKRIVELSE\n"
        f"{line}\n"
        "Upphandling av tolktjänster\nFörslag till beslut\nNämnden föreslås besluta att tilldela avtal.\n"
        "Socialförvaltningen\nMaja Ek\nSocialchef\n"
    )
    assert (name, "author") in people(pnlp(text))


def test_persons_in_a_distribution_list_before_the_signatures_sign_nothing(pnlp):
    text = (
        "Kommunfullmäktige PROTOKOLL\n§ 31 Fyllnadsval\nKommunfullmäktiges beslut\n"
        "Till ny ledamot i kulturnämnden väljs Alva Nord (L).\n"
        "Sammanfattning av ärendet\nKurt Vall (L) har i en skrivelse begärt att bli entledigad från sitt uppdrag "
        "som ledamot i kulturnämnden. Fullmäktige har att välja en ny ledamot för resten av mandatperioden. "
        "Valberedningen har lämnat sitt förslag till fullmäktige inför sammanträdet.\n"
        "Beslutet skickas till\nKulturnämnden\nLöneenheten\nAlva Nord\nKurt Vall\n\n"
        "Vid protokollet\n\nStina Berg\nSekreterare\n\nJusteras\n\nOlle Sand\nOrdförande\n"
    )
    got = people(pnlp(text))
    assert ("Alva Nord", "other") in got and ("Kurt Vall", "other") in got
    assert ("Stina Berg", "signatory") in got and ("Olle Sand", "signatory") in got


@pytest.mark.parametrize(
    "line, expected",
    [
        # the text layer collapsed the gap between two signature columns
        # (the first surname is also a first name: read as a second first name before)
        ("Karin Stig Erik Strand", ["Karin Stig", "Erik Strand"]),
        ("Linnea Holger Sten Ås", ["Linnea Holger", "Sten Ås"]),
        ("Maja Ivar Olof Dahl (S)", ["Maja Ivar", "Olof Dahl"]),
    ],
)
def test_two_signature_columns_on_one_line_are_two_people(line, expected):
    assert [n for _, _, n in find_names(f"Beslutet fattades.\n{line}\nEkonomichef Controller\n")] == expected


def test_a_four_word_name_in_running_text_stays_one_person():
    assert [n for _, _, n in find_names("Utredningen gjordes av Anna Maria Lind Berg i våras.")] == ["Anna Maria Lind Berg"]


def test_two_signature_columns_both_sign(pnlp):
    text = (
        "Vänersborgs kommun TJÄNSTESKRIVELSE\nKommunstyrelseförvaltningen\n2025-03-01\n"
        "Handläggare: Controller Erik Strand\nFörslag till beslut\nKommunstyrelsen beslutar att godkänna rapporten.\n"
        "Ärendet\nRapporten redovisar utfallet.\n"
        "Karin Stig Erik Strand\nEkonomichef Controller\n"
        "Beslutet skickas till\nEkonomienheten\n"
    )
    got = people(pnlp(text))
    assert ("Karin Stig", "signatory") in got and ("Erik Strand", "signatory") in got
    assert not any(n == "Karin Stig Erik Strand" for n, _ in got)


def test_the_people_under_a_reports_performed_by_line_wrote_it(pnlp):
    text = (
        "Region Sörmland REVISIONSRAPPORT\nGranskning av intern kontroll\n"
        "Genomförd av Revisionsgruppen Syd AB på uppdrag av\nRegion Sörmlands revisorer\n"
        "Linda Åkesson, certifierad kommunal revisor\nPeter Falk, revisor\n"
        "1. Sammanfattning\nVi har granskat regionstyrelsen.\n"
    )
    got = people(pnlp(text))
    assert ("Linda Åkesson", "author") in got and ("Peter Falk", "author") in got
