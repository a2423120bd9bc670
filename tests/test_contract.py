"""The contract summary on invented memos and contracts.

Dates, durations and amounts are other components' work: here they are set by hand
(as those components would) so that only this component's reasoning is tested.
"""
from __future__ import annotations

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)
from pipeline.nlp.contract import annotate


@pytest.fixture(scope="module")
def pnlp():
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_parties", "muni_people", "muni_doctype"):
        nlp.add_pipe(name)
    return nlp


def with_facts(doc, **groups):
    """Mark facts by their written form: dates=[("2019-01-01", {"date": ..., "role": ...}), ...]."""
    text = doc.text
    for group, items in groups.items():
        spans, pos = [], {}
        for written, norm in items:
            start = text.index(written, pos.get(written, 0))
            pos[written] = start + 1
            sp = doc.char_span(start, start + len(written), alignment_mode="expand")
            sp._.norm = norm
            spans.append(sp)
        doc.spans[group] = spans
    return annotate(doc)._.contract


def date(value, role):
    return {"date": value, "role": role}


def dur(value, unit, months, role):
    return {"value": value, "unit": unit, "months": months, "role": role}


def money(amount, period=None, price_year=None):
    return {"amount_sek": amount, "period": period, "price_year": price_year, "flags": []}


KUNGSBACKA = """Kungsbacka kommun TJÄNSTESKRIVELSE
Daglig verksamhet, ställningstagande till förlängning av avtal med Misa AB
Förslag till beslut
1. Avtalet med Misa AB avseende daglig verksamhet förlängs två år från 2019-01-01.
Ärende
Vård- och omsorgsnämnden har sedan 2017-01-01 avtal med Misa AB. Kostnaden är 2,4 mnkr per år
i 2018 års prisnivå. Uppsägningstiden är sex månader.
Förvaltningen för vård och omsorg
Karin Ek
"""


def test_extension_from_a_start_date_without_an_end(pnlp):
    doc = pnlp(KUNGSBACKA)
    c = with_facts(
        doc,
        dates=[("2019-01-01", date("2019-01-01", "period_start")), ("2017-01-01", date("2017-01-01", "other"))],
        durations=[("två år", dur(2, "år", 24, "extension")), ("sex månader", dur(6, "månad", 6, "notice"))],
        amounts=[("2,4 mnkr", money(2400000.0, "year", 2018))],
    )
    assert c == {
        "supplier": "Misa AB",
        "buyer": "Vård- och omsorgsnämnden",
        "subject": "Daglig verksamhet",
        "start_date": "2019-01-01",
        "end_date": "2020-12-31",
        "decision": "extend",
        "amount_per_year_sek": 2400000.0,
        "price_year": 2018,
        "notice_months": 6,
    }


def test_extension_in_months_from_the_day_after_the_current_end(pnlp):
    text = (
        "Umeå kommun TJÄNSTESKRIVELSE\n"
        "Natthärbärge - förlängning av avtal med Skyddsvärnet\n"
        "Förslag till beslut\n"
        "1. Avtalet med Skyddsvärnet förlängs i tre månader.\n"
        "Ärende\n"
        "Individ- och familjenämnden har avtal med Skyddsvärnet. Befintligt avtal gäller till och med\n"
        "31 december 2025.\n"
    )
    doc = pnlp(text)
    c = with_facts(doc, dates=[("31 december 2025", date("2025-12-31", "other"))],
                   durations=[("tre månader", dur(3, "månad", 3, "extension"))])
    assert (c["start_date"], c["end_date"]) == ("2026-01-01", "2026-03-31")
    assert c["supplier"] == "Skyddsvärnet"
    assert c["buyer"] == "Individ- och familjenämnden"
    assert c["subject"] == "Natthärbärge"


def test_start_from_end_and_extension(pnlp):
    text = (
        "Malmö stad TJÄNSTESKRIVELSE\n"
        "Förslag till beslut\n"
        "Avtalet med Humana AB förlängs i sex månader och gäller till och med 2025-06-30.\n"
    )
    doc = pnlp(text)
    c = with_facts(doc, dates=[("2025-06-30", date("2025-06-30", "period_end"))],
                   durations=[("sex månader", dur(6, "månad", 6, "extension"))])
    assert (c["start_date"], c["end_date"]) == ("2025-01-01", "2025-06-30")


@pytest.mark.parametrize(
    "proposal, expected",
    [
        ("Avtalet med Humana AB sägs inte upp.", "not_terminate"),
        ("Nämnden beslutar att ej säga upp avtalet med Humana AB.", "not_terminate"),
        ("Avtalet med Humana AB sägs upp.", "terminate"),
        ("Avtalet med Humana AB förlängs inte.", "terminate"),
        ("Avtalet med Humana AB förlängs ett år.", "extend"),
        ("Tillägg till avtalet med Humana AB godkänns.", "amend"),
        ("Ändring av avtalet med Humana AB godkänns.", "amend"),
        ("Nämnden tecknar nytt avtal med Humana AB.", "new"),
        ("Tilldelning sker till Humana AB enligt anbud.", "new"),
    ],
)
def test_decision_cues(pnlp, proposal, expected):
    text = f"Region Skåne TJÄNSTESKRIVELSE\nBoendestöd, avtal med Humana AB\nFörslag till beslut\n{proposal}\nÄrende\nText.\n"
    doc = pnlp(text)
    assert with_facts(doc)["decision"] == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Kontaktcentrum, ställningstagande till uppsägning av avtal med Linköping Stadsmission", "Kontaktcentrum"),
        ("Östergötlands Stadsmission familjestödande insatser -ställningstagande till förlängning av ramavtal",
         "Familjestödande insatser"),
        ("Ställningstagande till förlängning av avtal med Nytida AB avseende boendestöd", "Boendestöd"),
        ("Tilldelningsbeslut - upphandling av hemtjänst", "Hemtjänst"),
        ("Förlängning av avtal för personligt ombud", "Personligt ombud"),
        ("Verksamhetsuppdrag till Leanlink avseende Individ- och familjeomsorg, Beroendemottagningen",
         "Individ- och familjeomsorg"),
        ("Godkännande av Trivselomsorg Nord AB som utförare inom valfrihetssystemet för ledsagning", "Ledsagning"),
        ("Godkännande av Friskvård Ekby AB som utförare i Vårdval Ekby, Hälsocentralen Ekbacken", "Vårdval Ekby"),
    ],
)
def test_subject_from_title(pnlp, title, expected):
    doc = pnlp(f"Göteborgs Stad TJÄNSTESKRIVELSE\n{title}\nFörslag till beslut\nAvtalet förlängs.\n")
    assert with_facts(doc)["subject"] == expected


def test_open_ended_contract_with_price_and_notice(pnlp):
    text = (
        "Linköpings kommun VERKSAMHETSUPPDRAG\n"
        "Tillägg verksamhetsuppdrag till Vuxenstöd Öst avseende Boendestöd\n"
        "1. VERKSAMHETSUPPDRAG\n"
        "Socialnämnden har överenskommit med Vuxenstöd Öst om ett tillägg.\n"
        "2. UPPDRAGSTID\n"
        "Från 1 april 2021 och tills vidare. Uppsägningstiden är 12 månader.\n"
        "3. ERSÄTTNING\n"
        "För hel verksamhet utgår 900 000 kronor i 2021 års pris. Ersättningen är 80 000 kronor per månad.\n"
    )
    doc = pnlp(text)
    c = with_facts(
        doc,
        dates=[("1 april 2021", date("2021-04-01", "period_start"))],
        durations=[("12 månader", dur(12, "månad", 12, "notice"))],
        amounts=[("900 000 kronor", money(900000.0, None, 2021)), ("80 000 kronor", money(80000.0, "month"))],
    )
    assert c["decision"] == "amend"
    assert (c["start_date"], c["end_date"]) == ("2021-04-01", None)
    assert c["supplier"] == "Vuxenstöd Öst"
    assert c["buyer"] == "Socialnämnden"
    assert c["notice_months"] == 12
    # an explicit monthly rate outranks a price without a period; the price level still holds
    assert c["amount_per_year_sek"] == 960000.0
    assert c["price_year"] == 2021


def test_no_contract_in_a_report_or_an_unrelated_memo(pnlp):
    report = "CKS ARBETSNOTAT\nUtförare av stöd\nInledning\nOmsorgsnämnden har avtal med Humana AB.\nReferenser\n"
    doc = pnlp(report)
    assert with_facts(doc) is None
    memo = "Umeå kommun TJÄNSTESKRIVELSE\nBudget 2025 för äldrenämnden\nFörslag till beslut\nBudgeten fastställs.\n"
    doc = pnlp(memo)
    assert with_facts(doc) is None


def test_contract_decision_from_its_title_and_rates_are_not_yearly_amounts(pnlp):
    text = (
        "AVTAL\nAvtal om drift av korttidsboende\n1. Parter\n"
        "Beställare: Äldrenämnden i Umeå kommun\nLeverantör: Attendo Sverige AB\n"
        "2. Avtalstid\nAvtalet gäller från och med 2023-01-01 med möjlighet till förlängning i två år.\n"
        "3. Ersättning\nErsättning utgår med 2 350 kronor per dygn och plats i 2023 års prisnivå.\n"
    )
    doc = pnlp(text)
    c = with_facts(doc, dates=[("2023-01-01", date("2023-01-01", "period_start"))],
                   amounts=[("2 350 kronor", money(2350.0, None, 2023))])
    assert c["decision"] == "new"
    assert c["amount_per_year_sek"] is None
    assert c["price_year"] == 2023
    assert (c["supplier"], c["buyer"]) == ("Attendo Sverige AB", "Äldrenämnden")


def test_minutes_item_and_approval_of_a_contract(pnlp):
    text = (
        "Kommunstyrelsen\nSAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2023-05-10\n"
        "§ 46 Information om budget\nKommunstyrelsen beslutar att notera informationen.\n"
        "§ 47 Avtal med Samhall AB om lokalvård\nBeslut\nKommunstyrelsen beslutar\n"
        "att godkänna avtal med Samhall AB om lokalvård från 2023-07-01.\n"
    )
    doc = pnlp(text)
    c = with_facts(doc, dates=[("2023-07-01", date("2023-07-01", "period_start"))])
    assert (c["subject"], c["decision"], c["supplier"], c["buyer"]) == ("Lokalvård", "new", "Samhall AB", "Kommunstyrelsen")
    assert c["start_date"] == "2023-07-01" and c["end_date"] is None


def test_extension_to_an_end_date_starts_after_the_current_end(pnlp):
    text = (
        "Malmö stad TJÄNSTESKRIVELSE\nFörslag till beslut\n"
        "Avtalet med Humana AB förlängs till och med 2025-12-31.\n"
        "Ärende\nNuvarande avtal löper ut 2024-12-31.\n"
    )
    doc = pnlp(text)
    c = with_facts(doc, dates=[("2025-12-31", date("2025-12-31", "period_end")),
                               ("2024-12-31", date("2024-12-31", "other"))])
    assert (c["start_date"], c["end_date"], c["decision"]) == ("2025-01-01", "2025-12-31", "extend")


def test_subject_from_the_proposal_when_the_title_has_none(pnlp):
    text = (
        "Umeå kommun TJÄNSTESKRIVELSE\nStällningstagande i ärende 2024/17\nFörslag till beslut\n"
        "1. Avtalet med Convictus gällande härbärge för hemlösa förlängs ett år.\n"
    )
    doc = pnlp(text)
    assert with_facts(doc)["subject"] == "Härbärge för hemlösa"


AWARD_EXTRACT = """Tranemo kommun PROTOKOLLSUTDRAG
Barn samt utbildnings- och kulturnämnden
Sammanträdesdatum: 2023-04-11
§ 12 Dnr 0456/23
Tilldelning av kontrakt avseende drift av Lyckebo förskola
Beslut
Barn samt utbildnings- och kulturnämnden beslutar
1. Kontrakt avseende drift av Lyckebo förskola tilldelas Pedagogpartner i Sjuhärad AB.
2. Avtalsperioden är 2023-08-01 till och med 2026-07-31 med möjlighet till förlängning i högst 24 månader.
Beslutet skickas till
Pedagogpartner i Sjuhärad AB
Vid protokollet
Tove Strand
Sekreterare
"""


def test_award_in_minutes_option_to_extend_is_no_extension(pnlp):
    doc = pnlp(AWARD_EXTRACT)
    c = with_facts(
        doc,
        dates=[("2023-08-01", date("2023-08-01", "period_start")), ("2026-07-31", date("2026-07-31", "period_end"))],
        durations=[("24 månader", dur(24, "månad", 24, "extension"))],
    )
    assert c["supplier"] == "Pedagogpartner i Sjuhärad AB"
    assert c["buyer"] == "Barn samt utbildnings- och kulturnämnden"
    assert c["decision"] == "new"
    assert c["subject"] == "Drift av Lyckebo förskola"
    assert (c["start_date"], c["end_date"]) == ("2023-08-01", "2026-07-31")


TERMINATION = """Ljusdals kommun Tjänsteskrivelse
Omsorgsförvaltningen
2025-02-03
Uppsägning av avtal om ledsagning med Hjälpande Händer i Hälsingland AB
Förslag till beslut
Omsorgsnämnden beslutar att säga upp avtalet med Hjälpande Händer i Hälsingland AB om ledsagning.
Avtalet upphör därmed den 31 augusti 2025.
Beslutet skickas till
Hjälpande Händer i Hälsingland AB
Jonas Bergqvist
Omsorgschef
"""


def test_termination_supplier_buyer_and_subject_from_the_title(pnlp):
    doc = pnlp(TERMINATION)
    c = with_facts(doc, dates=[("31 augusti 2025", date("2025-08-31", "period_end"))])
    assert c["supplier"] == "Hjälpande Händer i Hälsingland AB"
    assert c["buyer"] == "Omsorgsnämnden"
    assert c["decision"] == "terminate"
    assert c["subject"] == "Ledsagning"
    assert c["end_date"] == "2025-08-31"


def test_award_of_a_contract_for_a_service_subject():
    from pipeline.nlp.contract import _SUBJECT_RES

    m = _SUBJECT_RES[3].search("Tilldelning av kontrakt för yrkesutbildning")
    assert m and m.group("s") == "yrkesutbildning"


def test_agreement_subject_is_the_named_service_it_runs(pnlp):
    text = ("ÖVERENSKOMMELSE OM IDÉBURET OFFENTLIGT PARTNERSKAP\n1. Parter\nLuleå kommun, genom socialnämnden, "
            "och Föreningen Norrsken Ung, ideell förening.\n2. Bakgrund\nFöreningen driver träffpunkten Solrummet "
            "med öppet tre kvällar i veckan.\n3. Avtalstid\nÖverenskommelsen gäller 2024-01-01 till 2024-12-31.\n")
    doc = pnlp(text)
    c = with_facts(doc, dates=[("2024-01-01", date("2024-01-01", "period_start"))])
    assert c["subject"] == "Solrummet"


@pytest.mark.parametrize("title, proposal, decision, subject", [
    ("Hyresavtal för Solbacka förskola", "Kommunstyrelsen beslutar att teckna hyresavtal med Solbacka Fastigheter AB.",
     "new", "Solbacka förskola"),
    ("Uppsägning av avtal med Hemtjänst Söder AB", "Socialnämnden säger upp avtalet med Hemtjänst Söder AB.",
     "terminate", None),
])
def test_compound_contract_nouns_and_present_tense_termination(pnlp, title, proposal, decision, subject):
    doc = pnlp(f"Vara kommun\nKommunledningskontoret\nDnr KS 2024/10\n{title}\nFörslag till beslut\n{proposal}\n")
    c = with_facts(doc)
    assert (c["decision"], c["subject"]) == (decision, subject)


def test_a_raised_compensation_is_the_new_amount_per_year():
    from pipeline.nlp import build_nlp

    doc = build_nlp()(
        "Tillägg till avtal om hemtjänst med Omsorg Nord AB\n\nFörslag till beslut\n"
        "Socialnämnden godkänner tillägg till avtalet med Omsorg Nord AB.\n\nEkonomiska konsekvenser\n"
        "Ersättningen höjs från 10,2 mnkr till 11,9 mnkr per år.\n"
    )
    assert doc._.contract["amount_per_year_sek"] == 11_900_000


MINUTES = """Vallby kommun PROTOKOLL
Socialnämnden
Sammanträdesdatum 2025-02-18

§ 21 Tilldelning av ramavtal avseende familjehemsvård
Beslut
Socialnämnden beslutar att tilldela ramavtal avseende familjehemsvård till Ekbackens Familjehem AB.
Ramavtalet gäller från och med 2025-05-01 till och med 2027-04-30.

§ 22 Svar på motion om anhörigstöd
Beslut
Socialnämnden föreslår kommunfullmäktige att anse motionen besvarad.
En utökning skulle kosta 1,3 miljoner kronor per år.

§ 23 Anmälan av delegationsbeslut
Beslut
Socialnämnden lägger redovisningen för perioden 2025-01-01 – 2025-01-31 till handlingarna.
"""


def test_minutes_summarise_the_contract_from_its_own_paragraph(pnlp):
    c = with_facts(
        pnlp(MINUTES),
        dates=[("2025-05-01", date("2025-05-01", "period_start")), ("2027-04-30", date("2027-04-30", "period_end")),
               ("2025-01-01", date("2025-01-01", "period_start")), ("2025-01-31", date("2025-01-31", "period_end"))],
        amounts=[("1,3 miljoner kronor", money(1300000, "year"))],
    )
    assert (c["start_date"], c["end_date"], c["decision"]) == ("2025-05-01", "2027-04-30", "new")
    assert c["amount_per_year_sek"] is None  # the motion's cost is not the contract's


def test_a_reporting_period_is_no_contract_period(pnlp):
    text = ("Vallby kommun TJÄNSTESKRIVELSE\nFörlängning av avtal om hemtjänst\nFörslag till beslut\n"
            "Omsorgsnämnden beslutar att förlänga avtalet med Tallbackens Omsorg AB.\n"
            "Ärende\nUppföljningen för perioden 2024-01-01 – 2024-06-30 visar att kraven uppfylls.\n")
    c = with_facts(pnlp(text), dates=[("2024-01-01", date("2024-01-01", "period_start")),
                                      ("2024-06-30", date("2024-06-30", "period_end"))])
    assert (c["start_date"], c["end_date"]) == (None, None)


def test_a_follow_up_report_summarises_its_contract_and_decides_nothing(pnlp):
    text = ("Vallby stad RAPPORT\nAvtalsuppföljning 2024\n\n1. Sammanfattning\n"
            "Uppföljningen avser avtalet mellan Omsorgsnämnden och Bergkvists Omsorg AB om daglig verksamhet. "
            "Avtalet gäller 2023-04-01 – 2027-03-31. Beslut om förlängning ska fattas senast 2026-09-30.\n")
    c = with_facts(pnlp(text), dates=[("2023-04-01", date("2023-04-01", "period_start")),
                                      ("2027-03-31", date("2027-03-31", "period_end"))])
    assert c is not None
    assert (c["supplier"], c["buyer"], c["decision"]) == ("Bergkvists Omsorg AB", "Omsorgsnämnden", "other")
    assert (c["start_date"], c["end_date"]) == ("2023-04-01", "2027-03-31")


def test_the_decision_names_the_service_in_full_where_the_title_shortens_it(pnlp):
    text = ("Vallby region PROTOKOLLSUTDRAG\nAvtal med Kommunalförbundet Ådalens Vård om närsjukvård i Fjällby\n"
            "Beslut\nHälso- och sjukvårdsnämnden beslutar\n1. att teckna avtal med Kommunalförbundet Ådalens Vård om närsjukvård och\n"
            "jourmottagning i Fjällby under perioden 1 december 2024 till 30 november 2027,\n")
    assert with_facts(pnlp(text))["subject"] == "Närsjukvård och jourmottagning i Fjällby"


def test_a_follow_up_reports_subtitle_pairs_service_and_supplier(pnlp):
    text = ("Omsorgsförvaltningen\nDatum 2025-03-03\nRAPPORT\nAvtalsuppföljning 2024\nKorttidsvistelse enligt LSS – Bergkvists Omsorg AB\n\n"
            "Uppföljningen avser avtalet mellan Omsorgsnämnden och Bergkvists Omsorg AB om korttidsvistelse för barn "
            "enligt 9 § 6 lagen (1993:387) om stöd och service.\n")
    assert with_facts(pnlp(text))["subject"] == "Korttidsvistelse enligt LSS"


def test_the_parties_of_a_partnership_are_not_its_subject(pnlp):
    text = ("Överenskommelse om idéburet offentligt partnerskap (IOP) mellan Vallby kommun "
            "och Föreningen Ljusglimten\n1. Parter\nVallby kommun, nedan kallad kommunen.\n")
    c = with_facts(pnlp(text))
    assert c["subject"] is None or "mellan" not in c["subject"]


@pytest.mark.parametrize(
    "text",
    [
        # rules for buying: the policy is the matter, though its text is all procurement
        "Lundsjö kommun\nTjänsteskrivelse\nRevidering av upphandlingspolicy\nFörslag till beslut\n"
        "Kommunfullmäktige antar reviderad upphandlingspolicy.\nÄrendet\nLeverantörer ska behandlas lika.\n",
        "Lundsjö kommun\nTjänsteskrivelse\nRiktlinjer för inköp och upphandling\nFörslag till beslut\n"
        "Kommunstyrelsen antar riktlinjer för inköp och upphandling.\n",
        # a budget whose text mentions a contract in passing
        "Lundsjö kommun\nTjänsteskrivelse\nBudget 2025 för socialnämnden\nFörslag till beslut\n"
        "Socialnämnden godkänner budget 2025 och uppdrar åt förvaltningen att se över avtal.\n"
        "Ärendet\nAvtalet med Vårdbolaget Ek AB löper ut och kostnaderna för leverantörer ökar.\n",
        "Lundsjö kommun\nTjänsteskrivelse\nDetaljbudget och upphandlingsplan 2025\nFörslag till beslut\n"
        "Nämnden godkänner detaljbudget och upphandlingsplan 2025.\n",
        # minutes none of whose §s is about a contract
        "Lundsjö kommun\nSocialnämnden\nSAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2024-03-12\n"
        "§ 4 Budget 2025\nNämnden beslutar att godkänna budgeten.\nKostnaden för avtal med leverantörer ökar.\n"
        "§ 5 Internkontrollplan\nNämnden beslutar att anta planen, som omfattar avtalstrohet.\n",
    ],
)
def test_no_contract_row_when_only_the_body_mentions_contracts(pnlp, text):
    assert with_facts(pnlp(text)) is None


def test_a_governing_title_with_an_act_on_a_contract_still_has_one(pnlp):
    text = ("Lundsjö kommun\nTjänsteskrivelse\nBudget 2025 och avtal om lokalvård\nFörslag till beslut\n"
            "Kommunstyrelsen beslutar att förlänga avtalet med Städ Ek AB till och med 2026-12-31.\n")
    assert with_facts(pnlp(text))["decision"] == "extend"


def test_subject_from_an_agreement_clause_wrapped_in_the_decision(pnlp):
    # a one-page extract prints its signature footer on top; the § title names only the form
    # of the agreement; the decision names the service, its line wrapped inside a name
    text = ("Justerandes signatur Utdragsbestyrkande\nVälfärdsnämnden\nSammanträdesdatum 2023-05-10\n"
            "§ 31 Förlängning av överenskommelse om idéburet offentligt partnerskap med Ljusglimtens\n"
            "Stödförening\nBeslut\n"
            "Välfärdsnämnden beslutar att förlänga överenskommelsen med Ljusglimtens Stödförening om\n"
            "nattcafé för unga vuxna under perioden 1 juli 2023 – 30 juni 2025.\n")
    doc = pnlp(text)
    assert doc._.title.startswith("Förlängning av överenskommelse")
    assert with_facts(doc)["subject"] == "Nattcafé för unga vuxna"


def test_a_notice_period_is_no_subject(pnlp):
    text = ("Överenskommelse om idéburet offentligt partnerskap mellan Vallby kommun och Föreningen Ljusglimten\n"
            "1. Parter\nVallby kommun, nedan kallad kommunen.\n"
            "Vardera parten har rätt att säga upp överenskommelsen med en uppsägningstid om sex månader.\n")
    assert with_facts(pnlp(text))["subject"] is None


def test_a_contracts_numbered_clauses_are_all_the_contracts(pnlp):
    # "§ 1 Parter ... § 5 Ersättning" are clauses, not the items of minutes
    text = ("Samverkansavtal om tolkförmedling mellan Tierps kommun och Heby kommun\n\n§ 1 Parter\n"
            "Tierps kommun och Heby kommun.\n\n§ 2 Avtalstid\nAvtalet gäller 2025-01-01 till 2026-12-31.\n\n"
            "§ 3 Ersättning\nHeby ersätter Tierp med 640 000 kr per år i 2025 års prisnivå.\n\n§ 4 Tvist\nText.\n")
    c = with_facts(pnlp(text), amounts=[("640 000 kr", money(640000.0, "year", 2025))])
    assert (c["amount_per_year_sek"], c["price_year"]) == (640000.0, 2025)


def test_an_add_on_fee_per_month_is_not_the_contracts_yearly_amount(pnlp):
    text = ("UPPDRAGSAVTAL\nKartläggning av matsvinn i skolan\n\n1. Parter\nBeställare: Socialnämnden\n"
            "Leverantör: Vindbro Analys AB\n\n2. Pris\nTakpriset för uppdraget är 400 000 kr. "
            "Därutöver tillkommer licenskostnad för verktyget med 1 900 kr/månad.\n")
    c = with_facts(pnlp(text), amounts=[("400 000 kr", money(400000.0, "total")), ("1 900 kr", money(1900.0, "month"))])
    assert c["amount_per_year_sek"] is None


def test_a_rates_price_level_is_not_the_yearly_amounts(pnlp):
    text = ("Socialnämnden TJÄNSTESKRIVELSE\nGodkännande av Trivselomsorg Nord AB som utförare inom valfrihetssystemet för ledsagning\n"
            "Förslag till beslut\n1. att teckna avtal med Trivselomsorg Nord AB.\nÄrendet\n"
            "Ersättningen är 455 kr per timme i 2025 års prisnivå. Uppdraget motsvarar cirka 2,1 mkr per år.\n")
    c = with_facts(pnlp(text), amounts=[("455 kr", money(455.0, None, 2025)), ("2,1 mkr", money(2100000.0, "year"))])
    assert c["amount_per_year_sek"] == 2100000.0
    assert c["price_year"] is None


def test_a_length_of_time_and_a_framework_line_are_no_subject(pnlp):
    text = ("Socialnämnden TJÄNSTESKRIVELSE\nGodkännande av utförare\nFörslag till beslut\n"
            "1. att avtal tecknas med Trivselomsorg Nord AB med en avtalstid om fyra år.\n")
    assert with_facts(pnlp(text))["subject"] is None
    # a call-off names its framework's scope; the line under a title that names only the kind is the matter
    text = ("UPPDRAGSAVTAL (STATEMENT OF WORK)\nInförande av digital signering i biståndshandläggningen\n\n"
            "Avrop från Heby kommuns ramavtal för managementkonsulttjänster\n\n1. Parter\n"
            "Beställare: Socialnämnden\nLeverantör: Vindbro Analys AB\n")
    assert with_facts(pnlp(text))["subject"] == "Införande av digital signering i biståndshandläggningen"


@pytest.mark.parametrize("text, expected", [
    # the title wrapped under its kind line
    ("Dnr SN 2025/1\n\nAVTAL\nom korttidsvistelse för barn enligt LSS, Ekgården\n\n1. Parter\n",
     "Korttidsvistelse för barn enligt LSS"),
    # a title naming only the form of agreement: the service is on the line under it
    ("Avtal om idéburet offentligt partnerskap (IOP)\nStöd till unga vuxna i hemlöshet\nDnr 2025/9\n",
     "Stöd till unga vuxna i hemlöshet"),
    # "org.nr 559000-0000," inside the clause does not end it; the article is the clause's
    ("Beslutsdatum: 2025-01-10\n\nBeslut\nJag beslutar att teckna avtal med Ekby Läger AB, org.nr 559000-0000, "
     "om en lägerverksamhet för unga med funktionsnedsättning under perioden 1 juli–31 augusti 2025.\n",
     "Lägerverksamhet för unga med funktionsnedsättning"),
    # the procurement names the matter; the law it follows does not belong to it
    ("Datum: 2025-01-10\n\nEkby kommun har genomfört en upphandling av färdtjänstresor enligt lagen (2016:1145) "
     "om offentlig upphandling, som ett öppet förfarande.\n", "Färdtjänstresor"),
    # the same under a letterhead line taken for the title
    ("Ekby kommun IOP-AVTAL\nSida 1 (2)\nAvtal om idéburet offentligt partnerskap\nStöd till unga vuxna i hemlöshet\n"
     "Dnr 2025/9\n", "Stöd till unga vuxna i hemlöshet"),
    # ... but not the title again in capitals: the service it runs is named further on
    ("Ekby kommun\nAvtal om idéburet offentligt partnerskap\nAVTAL OM IDÉBURET OFFENTLIGT PARTNERSKAP\n1. Parter\n"
     "Föreningen driver mötesplatsen Kvällsljuset med öppet tre kvällar i veckan.\n", "Kvällsljuset"),
    # a procurement "av X" with no agreement named
    ("Tilldelningsbeslut\nDatum: 2025-01-10\n\nEkby kommun har genomfört en upphandling av färdtjänstresor. Tre anbud har kommit in.\n",
     "Färdtjänstresor"),
    # a relative clause cut at its verb leaves the head noun, not "för patienter som"
    ("Överenskommelse mellan Region Kronoberg och Alvesta kommun om rehabplatser för patienter som är "
     "färdigbehandlade i slutenvården\n\n1. Parter\n", "Rehabplatser"),
])
def test_subject_to_the_end_of_its_clause(pnlp, text, expected):
    assert with_facts(pnlp(text))["subject"] == expected


def test_yearly_amount_is_the_stated_sum_and_an_agreements_price_level_is_its_own(pnlp):
    text = (
        "AVTAL\nom boendestöd, Ekgården\n\n1. Parter\nAlvesta kommun genom socialnämnden, nedan kallad Kommunen.\n"
        "Ekby Omsorg AB, nedan kallad Utföraren.\n\n5. Ersättning\n"
        "Ersättning utgår med 900 kr per timme, i 2025 års prisnivå. "
        "Den beräknade ersättningen för boendestödet är 3,2 mnkr per år och för kvällsstödet ca 1 mnkr/år. "
        "Sammanlagt beräknas ersättningen till 4,2 mnkr per år.\n"
    )
    doc = pnlp(text)
    assert doc._.doc_type == "avtal"
    c = with_facts(doc, amounts=[("900 kr", money(900, None, 2025)), ("3,2 mnkr", money(3_200_000, "year")),
                                 ("1 mnkr", money(1_000_000, "year")), ("4,2 mnkr", money(4_200_000, "year"))])
    assert (c["amount_per_year_sek"], c["price_year"]) == (4_200_000, 2025)


@pytest.mark.parametrize("head, expected", [
    # the letterhead repeats the form; the kind line of its own stands over the object
    ("Ekby kommun RAMAVTAL\nSida 1 (2)\nAvtalsnummer: EK-12\nRAMAVTAL\nSnöröjning i kommunens gator\n",
     "Snöröjning i kommunens gator"),
    # "för lokal" names only the form; a property designation's colon is no label
    ("Ekby kommun HYRESAVTAL FÖR LOKAL\nSida 1 (2)\nDnr EK 2024/12\nHYRESAVTAL FÖR LOKAL\nLindgårdsskolan, Ekby 3:14\n",
     "Lindgårdsskolan"),
])
def test_subject_under_a_form_only_title(pnlp, head, expected):
    doc = pnlp(head + "§ 1 Parter\nEkby kommun och Bygg Ekby AB.\n")
    assert with_facts(doc)["subject"] == expected


def test_the_buyers_share_of_a_divided_cost_is_the_contracts_amount(pnlp):
    text = (
        "SAMVERKANSAVTAL\nSamverkansavtal om gemensam upphandlingsfunktion\n"
        "Parter\nTibro kommun, nedan kallad Värdkommunen, och Hjo kommun, nedan kallad Hjo.\n"
        "Ersättning\nDe sammanlagda kostnaderna för funktionen beräknas till totalt 3 000 000 kr per år. "
        "Hjo betalar 30 procent av kostnaden, vilket ger en ersättning om 900 000 kr per år.\n"
    )
    doc = pnlp(text)
    got = with_facts(doc, amounts=[("3 000 000 kr", money(3000000, "year")), ("900 000 kr", money(900000, "year"))])
    assert got["amount_per_year_sek"] == 900000
    assert got["supplier"] == "Tibro kommun" and got["buyer"] == "Hjo kommun"


def test_approving_a_proposed_lease_is_a_new_contract(pnlp):
    text = ("Kommunfullmäktige PROTOKOLL\n§ 4 Hyresavtal för ny skola\nKommunfullmäktiges beslut\n"
            "Kommunfullmäktige godkänner förslag till hyresavtal med Skolhus Ekby AB.\n")
    assert with_facts(pnlp(text))["decision"] == "new"


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Underrättelse om tilldelningsbeslut – Städtjänster, skolor i Ekby", "Städtjänster"),
        ("Förlängning av avtal – Larmmottagning", "Larmmottagning"),
        ("Tilldelningsbeslut — Matdistribution", "Matdistribution"),
        # after the dash another matter: no service is read off the dash ("Direktupphandling av ...")
        ("Delegationsbeslut – direktupphandling av fönsterputs", None),
    ],
)
def test_subject_after_a_title_that_names_the_matter_first(pnlp, title, expected):
    doc = pnlp(f"Göteborgs Stad TJÄNSTESKRIVELSE\n{title}\nFörslag till beslut\nAvtalet förlängs.\n")
    assert with_facts(doc)["subject"] == expected


def test_a_new_contracts_option_to_extend_sets_no_end_date(pnlp):
    # the period a new contract sets is its own term; "möjlighet till förlängning" is an
    # option, which only a later decision to extend would use
    text = (
        "Örebro kommun TJÄNSTESKRIVELSE\n"
        "Tilldelning av avtal om skolskjutsar\n"
        "Förslag till beslut\n"
        "1. Tekniska nämnden tilldelar Närkes Buss AB avtal om skolskjutsar.\n"
        "Ärende\n"
        "Avtalet gäller från 1 juli 2026 med möjlighet till förlängning i ett år.\n"
    )
    doc = pnlp(text)
    c = with_facts(doc, dates=[("1 juli 2026", date("2026-07-01", "period_start"))],
                   durations=[("ett år", dur(1, "år", 12, "extension"))])
    assert c["decision"] != "extend"
    assert (c["start_date"], c["end_date"]) == ("2026-07-01", None)


@pytest.mark.parametrize("title, expected", [
    # the kind of agreement is no service; the service follows the matter after a comma,
    # the supplier after a dash
    ("Förlängning av korttidsavtal, Stödboende för unga - Granåsen", "Stödboende för unga"),
    # what is built or bought for the service
    ("Investering i ny sporthall på Västra Berga", "Sporthall på Västra Berga"),
])
def test_subject_from_title_after_the_matter(pnlp, title, expected):
    doc = pnlp(f"Göteborgs Stad TJÄNSTESKRIVELSE\n{title}\nFörslag till beslut\nAvtalet förlängs.\n"
               "Expedieras till\nGranåsen Omsorg AB\n")
    org = {"name": "Granåsen Omsorg AB", "canonical_name": "Granåsen Omsorg AB"}
    assert with_facts(doc, orgs=[("Granåsen Omsorg AB", org)])["subject"] == expected


def test_a_titles_abbreviation_is_spelled_out_where_the_text_says_what_the_agreement_is(pnlp):
    text = ("Göteborgs Stad TJÄNSTESKRIVELSE\nFörlängning av placeringsavtal, LSS för barn - Björkhagen\n"
            "Förslag till beslut\nPlaceringsavtalet med Björkhagen Omsorg AB förlängs med sex månader.\n"
            "Ärendebeskrivning\nAvtalet mellan Vallby kommun och Björkhagen Omsorg AB avser LSS-boende "
            "med skolgång.\n")
    org = {"name": "Björkhagen Omsorg AB", "canonical_name": "Björkhagen Omsorg AB"}
    assert with_facts(pnlp(text), orgs=[("Björkhagen Omsorg AB", org)])["subject"] == "LSS-boende för barn"


def test_the_decision_names_the_service_run_in_its_definite_form(pnlp):
    text = ("Vallby region BESLUT\nAvtal om vårdcentral i Norrby med Hälsobolaget AB\nRegionstyrelsens beslut\n"
            "Regionstyrelsen beslutar att ingå avtal med Hälsobolaget AB om drift av vårdcentralen i\n"
            "Norrby för perioden den 1 mars 2024 t o m 28 februari 2026.\n")
    assert with_facts(pnlp(text))["subject"] == "Vårdcentralen i Norrby"


def test_a_partnership_is_about_what_the_association_runs_not_the_association(pnlp):
    text = ("Vallby kommun ÖVERENSKOMMELSE\nÖverenskommelse om idéburet offentligt partnerskap (IOP) mellan Vallby kommun och\n"
            "Föreningen Ljusglimten\n1. Parter\nFöreningen Ljusglimten, org.nr 802400-1234.\n2. Bakgrund\n"
            "Föreningen har sedan 2019 drivit ett nattcafé för ungdomar som saknar annan mötesplats.\n")
    c = with_facts(pnlp(text))
    assert c["subject"] == "Nattcafé"
