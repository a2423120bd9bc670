"""Durations: lengths of time, their months and roles, and what is no duration."""
from __future__ import annotations

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_amounts", "muni_durations"):
        nlp.add_pipe(name)
    return nlp


def durations(nlp, text):
    doc = nlp(text)
    return [(s._.norm["value"], s._.norm["unit"], s._.norm["months"], s._.norm["role"]) for s in doc.spans["durations"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Avtalet förlängs med två år.", (2, "år", 24, "extension")),
        ("Avtalet förlängs i tre (3) månader.", (3, "månad", 3, "extension")),
        ("Av den anledningen föreslås tre (3) månaders förlängning.", (3, "månad", 3, "extension")),
        ("Uppsägningstiden är 12 månader.", (12, "månad", 12, "notice")),
        ("Avtalet kan sägas upp med sex månaders varsel.", (6, "månad", 6, "notice")),
        ("Ömsesidig uppsägningstid om en månad gäller.", (1, "månad", 1, "notice")),
        ("Avtalstiden är 3 år.", (3, "år", 36, "term")),
        ("Avtalstiden var 3 år.", (3, "år", 36, "term")),
        ("Uppdraget har en avtalstid på två år.", (2, "år", 24, "term")),
        ("Avtalet gäller i fyra år.", (4, "år", 48, "term")),
        ("Med möjlighet till förlängning med ytterligare ett år.", (1, "år", 12, "extension")),
        ("Behandlingen omfattar 6 veckor.", (6, "vecka", 1.39, "other")),
        ("Primärbehandling enligt 12-stegsmodellen, 6 veckorsprogram", (6, "vecka", 1.39, "other")),
        ("Projektet genomförs under en treårsperiod.", (3, "år", 36, "other")),
        ("Ett besök ska genomföras inom tio arbetsdagar.", (10, "dag", 0.33, "other")),
        ("Insatsen ska starta inom en vecka.", (1, "vecka", 0.23, "other")),
        ("Svar ges inom två veckor.", (2, "vecka", 0.46, "other")),
        ("Faktura betalas inom 30 dagar.", (30, "dag", 1, "other")),
        ("Försöket pågår ett och ett halvt år.", (1.5, "år", 18, "other")),
        ("Utvärdering sker efter ett halvår.", (0.5, "år", 6, "other")),
        ("Kommunen tecknar ett 3-årigt avtal.", (3, "år", 36, "term")),
        ("Kommunen tecknar ett treårigt avtal.", (3, "år", 36, "term")),
        ("Beslutet gäller 18 mån.", (18, "månad", 18, "other")),
        ("Under de senaste 12 månaderna ökade antalet.", (12, "månad", 12, "other")),
    ],
)
def test_written_forms(nlp, text, expected):
    assert durations(nlp, text) == [expected]


def test_words_after_fran_are_lengths_not_ages(nlp):
    text = "Avtalet förlängs från två år till fyra år."
    assert durations(nlp, text) == [(2, "år", 24, "extension"), (4, "år", 48, "extension")]


def test_months_rounded_to_two_decimals(nlp):
    (d,) = durations(nlp, "Programmet pågår 5 veckor.")
    assert d[2] == 1.15  # 5 / 4.33 = 1.1547
    (d,) = durations(nlp, "Utredningen tar 45 dagar.")
    assert d[2] == 1.5


def test_roles_follow_the_nearest_cue(nlp):
    text = "Uppdraget har en avtalstid på två år med möjlighet till förlängning med ytterligare två år."
    assert [d[3] for d in durations(nlp, text)] == ["term", "extension"]
    text = "Avtalet sägs inte upp, varvid avtalet förlängs med två år."
    assert [d[3] for d in durations(nlp, text)] == ["extension"]


def test_end_of_term_is_no_term_cue(nlp):
    text = "Uppsägning ska ske senast 3 månader före avtalstidens utgång."
    assert durations(nlp, text) == [(3, "månad", 3, "notice")]


def test_ocr_without_ring(nlp):
    assert durations(nlp, "Projektet pågår i 18 manader.") == [(18, "månad", 18, "other")]


def test_section_heading_gives_role_when_sentence_has_none(nlp):
    text = "Inledning.\n\nUppsägning\n\nParterna har tre månader på sig.\n"
    assert durations(nlp, text) == [(3, "månad", 3, "notice")]


def test_list_item_cue_does_not_reach_the_next_item(nlp):
    text = "Följande ingår:\n\n- Primärbehandling, 6 veckorsprogram\n- Förlängd behandling\n"
    assert [d[3] for d in durations(nlp, text)] == ["other"]


@pytest.mark.parametrize(
    "text",
    [
        "Målgruppen är män och kvinnor från 18 år.",
        "Verksamheten riktar sig till personer över 18 år.",
        "Barn och ungdomar i åldern 0-20 år.",
        "Barn i åldern 6 – 15 år.",
        "Ett åldersspann mellan 18 till 70 år.",
        "Barn och unga under 20 år.",
        "Förskola för barn under tre år.",
        "Personer 65 år och äldre.",
        "En 12-årig pojke.",
        "Barn i åldern O- 20 år.",  # OCR read the zero as a letter
        "Motivationsgrupp två dagar per vecka.",
        "Öppet sju dagar i veckan.",
        "Utföraren rapporterar var tredje månad.",
        "Planen revideras varje halvår.",
        "Kostnaden är i 2017 års prisnivå.",
        "Verksamheten startade år 1996.",
        "Under 2016 ökade antalet.",
        "Teamet har 5 årsarbetare.",
        "Fyra årstider.",
        "Information enligt 19 § MBL.",
        "Grundavtalet omfattas av 13 000 timmar.",
    ],
)
def test_not_durations(nlp, text):
    assert durations(nlp, text) == []


def test_dates_keep_their_text(nlp):
    doc = nlp.make_doc("Förlängs två år.")
    for name in ("muni_layout", "muni_sentences"):
        doc = nlp.get_pipe(name)(doc)
    doc.spans["dates"] = [doc.char_span(9, 15)]
    doc = nlp.get_pipe("muni_durations")(doc)
    assert list(doc.spans["durations"]) == []


def test_lease_terms_are_terms(nlp):
    doc = nlp("Nämnden tecknar hyresavtal med Hus i Väst AB med en hyrestid om 15 år. Arrendetiden är 10 år.")
    assert sorted((s._.norm["value"], s._.norm["role"]) for s in doc.spans["durations"]) == [(10, "term"), (15, "term")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # how long before the term ends word must be given: a notice period
        ("Förlängning ska meddelas senast 2 eller 4 månader före avtalstidens slut.",
         [(2, "månad", 2, "notice"), (4, "månad", 4, "notice")]),
        ("Uppsägningstiden är tre respektive nio månader för parterna.",
         [(3, "månad", 3, "notice"), (9, "månad", 9, "notice")]),
    ],
)
def test_coordinated_lengths_share_the_unit(nlp, text, expected):
    assert durations(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Medelåldern i Ydre kommun är 44,2 år.",
        "Medellivslängden i Ydre var 83,1 år för kvinnor.",
        "Ersättning betalades ut tills de fyllde 21 år.",
    ],
)
def test_ages_in_compounds_and_past_tense_are_no_durations(nlp, text):
    assert durations(nlp, text) == []


def test_an_assets_useful_life_is_a_length(nlp):
    assert durations(nlp, "Inventarier med en livslängd överstigande fem år aktiveras.") == [(5, "år", 60, "other")]


def test_listed_lengths_share_the_last_ones_unit():
    from pipeline.nlp import build_nlp

    doc = build_nlp()("Avtalet kan förlängas med 6, 9 eller 18 månader.")
    assert [(s._.norm["value"], s._.norm["unit"]) for s in doc.spans["durations"]] == [
        (6, "månad"), (9, "månad"), (18, "månad")]


@pytest.mark.parametrize(
    "text",
    [
        "Medellivslängden för män i kommunen var under perioden 2017–2021 hela 81,4 år.",
        "Medelåldern bland de boende i kommunens särskilda boenden är nu 85 år.",
    ],
)
def test_an_age_named_far_before_its_figure_is_no_duration(text):
    from pipeline.nlp import build_nlp

    assert list(build_nlp()(text).spans["durations"]) == []


def test_an_age_subject_in_an_earlier_sentence_does_not_reach():
    from pipeline.nlp import build_nlp

    doc = build_nlp()("Medelåldern är hög. Avtalet gäller i 3 år.")
    assert [s._.norm["value"] for s in doc.spans["durations"]] == [3]


def test_ar_followed_by_a_year_names_the_year():
    from pipeline.nlp import build_nlp

    doc = build_nlp()("Antalet brukare i daglig verksamhet var 3 260 år 2023.")
    assert list(doc.spans["durations"]) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kommunen kan säga upp avtalet med en (1) månads varsel.", [(1, "månad", 1, "notice")]),
        ("Leverantören kan säga upp uppdraget med en veckas varsel.", [(1, "vecka", 0.23, "notice")]),
        ("Avtalet har fyra månaders uppsägningstid.", [(4, "månad", 4, "notice")]),
    ],
)
def test_notice_in_the_genitive(nlp, text, expected):
    assert durations(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Den som vill överklaga beslutet ska göra det inom tre veckor från den dag du fick del av beslutet.",
        "Överklagandet ska ha kommit in inom tre veckor från den dag då protokollet tillkännagavs.",
        "Avtal får inte ingås förrän tio dagar har gått (avtalsspärr).",
        "Ramavtal får tidigast tecknas tio dagar efter att tilldelningsbeslutet skickats ut.",
    ],
)
def test_periods_the_law_sets_are_no_durations(nlp, text):
    assert durations(nlp, text) == []


def test_a_limit_the_decision_sets_stays(nlp):
    assert durations(nlp, "Utföraren ska lämna in en handlingsplan inom två veckor.") == [(2, "vecka", 0.46, "other")]


def test_under_after_a_verb_of_lasting_is_a_length(nlp):
    assert durations(nlp, "Hyresavtalet löper under 5 år.") == [(5.0, "år", 60.0, "term")]
    # an age limit still is one
    assert durations(nlp, "Insatsen ges till personer under 21 år.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Flickan flyttade till jourhemmet 2020 och är nu 14 år.",
        "Pojken var 9 år när placeringen började.",
    ],
)
def test_age_said_with_a_copula_is_no_duration(nlp, text):
    assert durations(nlp, text) == []


def test_copula_without_a_person_stays_a_duration(nlp):
    assert durations(nlp, "Avtalstiden är 3 år.") == [(3.0, "år", 36.0, "term")]


def test_participle_of_teckna_is_a_term_cue(nlp):
    got = durations(nlp, "Ramavtalet är tecknat på 4 år med möjlighet till ett års förlängning.")
    assert got[0] == (4.0, "år", 48.0, "term")


@pytest.mark.parametrize(
    "text",
    [
        "Besked om förlängning lämnas senast fyra månader före avtalstidens utgång.",
        "Meddelande om att optionen utnyttjas ska ges senast 9 månader innan avtalet löper ut.",
    ],
)
def test_deadline_before_the_term_ends_is_notice(nlp, text):
    (d,) = durations(nlp, text)
    assert d[3] == "notice"


@pytest.mark.parametrize(
    "text",
    [
        "Insatsen riktar sig till personer som har\nvarit arbetslösa i mer än åtta månader.",
        "Målgruppen är 20 deltagare som har haft ekonomiskt bistånd i minst 18 månader.",
    ],
)
def test_how_long_a_state_has_lasted_is_a_condition_not_a_duration(nlp, text):
    assert durations(nlp, text) == []


def test_a_minimum_length_the_contract_sets_stays(nlp):
    assert [d[3] for d in durations(nlp, "Avtalet gäller i minst två år.")] == ["term"]


def test_the_statutory_validity_of_a_permit_is_no_duration(nlp):
    # PBL 9:43 sets these, not the decision; the fee's payment term still counts
    text = ("Rivningslovet upphör att gälla om arbetena inte har påbörjats inom två år och "
            "avslutats inom fem år från den dag beslutet vann laga kraft. "
            "Avgiften betalas inom 30 dagar.")
    assert durations(nlp, text) == [(30, "dag", 1.0, "other")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the option belongs to the length before it: that length is the term
        ("Uppdraget ska utföras från och med den 1 mars 2026 i tre år, med möjlighet till förlängning 1+1 år.",
         [(3, "år", 36, "term"), (1, "år", 12, "extension")]),
        ("Kontraktet gäller från 2026-01-01 i 18 månader med option på förlängning om ett år.",
         [(18, "månad", 18, "term"), (1, "år", 12, "extension")]),
        # a length before an option of its own is still what the option extends
        ("Avtalet förlängs med ett år, med möjlighet till ytterligare ett år.",
         [(1, "år", 12, "extension"), (1, "år", 12, "extension")]),
        # a length the extension names stays the extension's
        ("Avtalet kan förlängas med två år i taget.", [(2, "år", 24, "extension")]),
    ],
)
def test_option_after_a_length_leaves_it_the_term(nlp, text, expected):
    assert durations(nlp, text) == expected


@pytest.mark.parametrize(
    "text, role",
    [
        ("Leverantören ska begära förlängning senast tre månader före avtalstidens utgång.", "other"),
        ("Ansökan om förlängning ska lämnas senast fyra månader innan avtalet löper ut.", "other"),
        ("Förlängning kan påkallas senast 6 månader före kontraktstidens slut.", "other"),
        # a notice in the same sentence keeps it notice
        ("Sägs avtalet inte upp senast tre månader före avtalstidens utgång förlängs det.", "notice"),
        ("Om förlängning inte begärs ska uppsägning ske senast två månader före avtalstidens utgång.", "notice"),
    ],
)
def test_deadline_to_ask_for_an_extension_is_no_notice(nlp, text, role):
    (d,) = [d for d in durations(nlp, text) if d[0] in (2, 3, 4, 6)]
    assert d[3] == role


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Avtalet ingicks 2021 och gällde inledningsvis t.o.m. 2023-12-31, alltså i 36 månader.",
         (36, "månad", 36, "term")),
        ("Överenskommelsen är tänkt att gälla från 1 juli 2026 under fyra år.", (4, "år", 48, "term")),
    ],
)
def test_what_the_agreement_lasts_is_its_term(nlp, text, expected):
    assert durations(nlp, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Avtalet löper i två år med option på förlängning, högst fem år inklusive förlängningar.",
        "Ramavtalet gäller i 24 månader och kan förlängas, sammanlagt 48 månader inkl. optioner.",
    ],
)
def test_a_longest_term_including_extensions_is_other(nlp, text):
    assert durations(nlp, text)[-1][3] == "other"


def test_a_renewed_competition_is_no_extension(nlp):
    text = "Uppdrag om högst tre (3) månader avropas genom förnyad konkurrensutsättning."
    assert [d[3] for d in durations(nlp, text)] == ["other"]
