"""Volumes: units of the contract table, their inflections and compounds, and the traps."""
from __future__ import annotations

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_amounts", "muni_durations", "muni_volumes"):
        nlp.add_pipe(name)
    return nlp


def volumes(nlp, text):
    doc = nlp(text)
    return [
        (s._.norm["value"], s._.norm["value_max"], s._.norm["unit"], s._.norm["unit_text"], s._.norm["per"])
        for s in doc.spans["volumes"]
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Verksamheten har 60-70 besökare per dag.", (60, 70, "personer", "besökare", "dag")),
        ("Verksamheten har ca 80 besökare dagligen.", (80, None, "personer", "besökare", "dag")),
        ("Uppdraget omfattar 12,5 årsarbetare.", (12.5, None, "årsarbetare", "årsarbetare", None)),
        ("Med hel verksamhet avses två grupper.", (2, None, "grupper", "grupper", None)),
        ("Varje grupp har 6–8 deltagare.", (6, 8, "personer", "deltagare", None)),
        ("Varje grupp har 6 till 8 deltagare.", (6, 8, "personer", "deltagare", None)),
        ("Grundavtalet omfattas av 5200 stödtimmar per år.", (5200, None, "timmar", "stödtimmar", "år")),
        ("Insatsen ger i snitt 70 timmars stöd per person och år.", (70, None, "timmar", "timmars", "år")),
        ("Det motsvarar 5 200 h bedömning.", (5200, None, "timmar", "h", None)),
        ("Teamet består av 8 tjänster.", (8, None, "årsarbetare", "tjänster", None)),
        ("Personalen består av 10 heltidstjänster.", (10, None, "årsarbetare", "heltidstjänster", None)),
        ("Familjeteamet har totalt 14 årsanställda.", (14, None, "årsarbetare", "årsanställda", None)),
        ("Gruppen består av 5 heltidsanställningar.", (5, None, "årsarbetare", "heltidsanställningar", None)),
        ("Gruppboendet har 7 platser.", (7, None, "platser", "platser", None)),
        ("Boendet har tolv korttidsplatser.", (12, None, "platser", "korttidsplatser", None)),
        ("Totalt 96 aktuella ärenden.", (96, None, "ärenden", "ärenden", None)),
        ("Det blev 556 kontakter under året.", (556, None, "ärenden", "kontakter", None)),
        ("Utöver de 216 personerna inleddes inget.", (216, None, "personer", "personerna", None)),
        ("Antal gruppdeltagare uppgick till 130 personer.", (130, None, "personer", "personer", None)),
        ("Projektet nådde 45 gruppdeltagare.", (45, None, "personer", "gruppdeltagare", None)),
        ("Arbetet omfattade 188 hushåll.", (188, None, "familjer", "hushåll", None)),
        ("Arbetet omfattade 209 familjer.", (209, None, "familjer", "familjer", None)),
        ("Verksamheten beräknas nå ca 200 barn per år.", (200, None, "barn", "barn", "år")),
        ("Insatsen når 35 ungdomar i veckan.", (35, None, "barn", "ungdomar", "vecka")),
        ("Ca 20 personer/månad fick stöd.", (20, None, "personer", "personer", "månad")),
        ("Teamet omfattas av 19,5 medarbetare.", (19.5, None, "personer", "medarbetare", None)),
        ("Cirka 37 400 medborgare i kommunen.", (37400, None, "personer", "medborgare", None)),
        ("Kontaktcentrum har två anställda behandlingsassistenter.", (2, None, "personer", "anställda", None)),
        ("Det utfördes ca 10 000 antal utförda timmar.", (10000, None, "timmar", "timmar", None)),
        ("Insatsen ger upp till 6 timmar per vecka.", (6, None, "timmar", "timmar", "vecka")),
        ("Verksamheten tar emot 250-300 unika individer.", (250, 300, "personer", "individer", None)),
        ("Tjänsten omfattar 40 brukare om dagen.", (40, None, "personer", "brukare", "dag")),
        ("Ett och ett halvt årsarbetare tillkommer.", (1.5, None, "årsarbetare", "årsarbetare", None)),
        ("Mellan 60 och 70 besökare kommer varje dag.", (60, 70, "personer", "besökare", "dag")),
        ("Varje vecka deltar ca 20 personer.", (20, None, "personer", "personer", "vecka")),
        ("Dagligen kommer 80 besökare.", (80, None, "personer", "besökare", "dag")),
        ("Under ett år kom 80 besökare.", (80, None, "personer", "besökare", None)),
    ],
)
def test_written_forms(nlp, text, expected):
    assert volumes(nlp, text) == [expected]


def test_unit_of_second_number_serves_both(nlp):
    assert [v[0] for v in volumes(nlp, "Avtalets 13 000 och 260 timmar motsvarar behovet.")] == [13000, 260]


def test_rate_of_the_figure_before_stays_with_it(nlp):
    text = "Hemtjänst: 145 000 beviljade timmar per år, 320 brukare."
    assert volumes(nlp, text) == [
        (145000, None, "timmar", "timmar", "år"),
        (320, None, "personer", "brukare", None),
    ]


def test_per_belongs_to_the_nearest_number(nlp):
    text = "Stöd till ca 20 personer med i genomsnitt 70 timmars stöd per person och år."
    assert volumes(nlp, text) == [
        (20, None, "personer", "personer", None),
        (70, None, "timmar", "timmars", "år"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Motivationsgrupp två dagar per vecka.",  # frequency; dagar is no unit
        "Öppet sju dagar i veckan.",
        "Utföraren rapporterar var tredje månad.",
        "Verksamheten riktar sig till barn i åldern 0-20 år.",
        "Personer över 18 år.",
        "Cirka 80 % av besökarna är män.",
        "49 procent av alla kontakter kom via kliniken.",
        "Det gäller en besökare som behöver flytta.",  # the article
        "Målet är att erbjuda en plats för socialt umgänge.",
        "Telefon 013-20 60 00.",
        "Box 123, 581 81 Linköping.",
        "Organisationsnummer 212000-0449.",
        "Information enligt 19 § MBL.",
        "Verksamheten har 11 behandlare.",  # a profession, not a unit of the table
        "Mottagningen omfattas av 4 socionomer.",
        "Av dessa var 52 män och 27 kvinnor.",
        "Det blev 1198 rådgivningssamtal.",
        "Det finns 3 arbetsplatser i huset.",  # a workplace is no place of care
        "Kostnaden är 500 kr per person.",
        "Avtalet löper i tre år.",
        "3.2 Grupper",  # a section number
        "Under 2016 kom besökare från hela länet.",
        "Verksamheten erbjuder servicetjänster.",
        "Öppet kl 08.00 – 17.00 för besökare.",
    ],
)
def test_traps(nlp, text):
    assert volumes(nlp, text) == []


def test_unit_named_before_the_figure(nlp):
    assert volumes(nlp, "Antal platser: 12") == [(12, None, "platser", "platser", None)]
    assert volumes(nlp, "Antal besökare 2021 och 2022 redovisas nedan.") == []


def test_numbered_heading_is_no_volume(nlp):
    assert volumes(nlp, "Inledning.\n\n3 Grupper\n\nTexten börjar här.") == []


def test_dates_keep_their_text(nlp):
    doc = nlp.make_doc("Den 12 barn kom.")
    for name in ("muni_layout", "muni_sentences"):
        doc = nlp.get_pipe(name)(doc)
    doc.spans["dates"] = [doc.char_span(4, 6)]
    doc = nlp.get_pipe("muni_volumes")(doc)
    assert list(doc.spans["volumes"]) == []


def test_span_text_runs_from_number_to_unit(nlp):
    doc = nlp("Totalt 96 aktuella ärenden under året.")
    assert [s.text for s in doc.spans["volumes"]] == ["96 aktuella ärenden"]


def test_a_rate_after_one_figure_is_not_the_next_figures():
    # "per vecka" is the visitors' rate; "per termin" is no rate the spec knows
    got = {(v[0], v[2]): v[4] for v in volumes(
        nlp_full(), "Mötesplatsen räknar med 80–90 besökare per vecka samt 14 grupper per termin.")}
    assert got == {(80, "personer"): "vecka", (14, "grupper"): None}


def test_a_rate_cue_opening_the_clause_still_counts():
    got = [v[4] for v in volumes(nlp_full(), "Hyresgästen har två anställda. Varje vecka deltar 25 personer.")]
    assert got == [None, "vecka"]


def nlp_full():
    from pipeline.nlp import build_nlp

    return build_nlp()


def test_listed_figures_share_the_last_ones_unit_and_rate(nlp):
    assert volumes(nlp, "Träffpunkten tar emot 35 och 48 besökare per dag.") == [
        (35, None, "personer", "besökare", "dag"), (48, None, "personer", "besökare", "dag")]
    got = volumes(nlp, "Under åren deltog 115, 133 respektive 171 brukare per månad.")
    assert [(v[0], v[2], v[4]) for v in got] == [
        (115, "personer", "månad"), (133, "personer", "månad"), (171, "personer", "månad")]


def test_commas_alone_make_no_list(nlp):
    assert [v[0] for v in volumes(nlp, "Se bilaga 3, 17 personer deltog.")] == [17]


@pytest.mark.parametrize(
    "text, per",
    [
        ("Verksamheten har 27 besökare i veckan.", "vecka"),
        ("Verksamheten har 330 besökare i månaden.", "månad"),
        ("Verksamheten har 4100 besökare om året.", "år"),
        # rates the contract's `per` has no value for
        ("Gruppen tar emot 11 deltagare per termin.", None),
        ("Skolan har 23 platser per läsår.", None),
        ("Vi tar emot 9 personer per tillfälle.", None),
    ],
)
def test_per_words(nlp, text, per):
    assert [v[4] for v in volumes(nlp, text)] == [per]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I riket utfördes 148,2 miljoner timmar hemtjänst.", (148_200_000, None, "timmar", "timmar", None)),
        ("Biblioteken hade 1,7 miljoner besökare per år.", (1_700_000, None, "personer", "besökare", "år")),
        ("Det motsvarar 3,5 tusen timmar per månad.", (3_500, None, "timmar", "timmar", "månad")),
    ],
)
def test_a_multiplier_word_between_figure_and_unit(nlp, text, expected):
    assert volumes(nlp, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # the next row's label: the first half of a compound, or a capitalised word on the next line
        "Kommunstyrelsen   -31 240   612\nBarn- och utbildningsnämnden   -210 330   -5 104\n",
        "Summa kostnader 412\nPersoner som väntar redovisas nedan.\n",
    ],
)
def test_a_unit_word_in_the_next_row_is_not_the_figures(nlp, text):
    assert volumes(nlp, text) == []


def test_thousands_group_wrapped_to_the_next_line_of_prose(nlp):
    text = (
        "Inom hemtjänsten för äldre i de norra kommundelarna utförs omkring 7\n"
        "250 stödtimmar per månad enligt verksamhetens egen uppföljning.\n"
    )
    assert volumes(nlp, text) == [(7250, None, "timmar", "stödtimmar", "månad")]


@pytest.mark.parametrize(
    "text",
    [
        # a short line ending in a figure is a heading or list number, not a wrapped group
        "Tabell 3\n250 stödtimmar per månad utfördes.\n",
        # a figure alone or after a non-word is no part of a sentence
        "Verksamheten inom hemtjänsten för äldre i kommunens norra delar, 7\n250 stödtimmar per månad.\n",
    ],
)
def test_line_end_figure_outside_prose_stays_apart(nlp, text):
    assert [v[0] for v in volumes(nlp, text)] == [250]


@pytest.mark.parametrize("text", [
    "§ 4 Deltagare\nAlla som anmält sig får delta.",
    # OCR reads the "§" of a heading as an "8"
    "8 4 Deltagare\nAlla som anmält sig får delta.",
    "2.3 Grupper\nVerksamheten bedrivs i grupper.",
])
def test_a_numbered_heading_is_no_volume(nlp, text):
    assert volumes(nlp, text) == []


def test_a_count_after_other_words_on_the_line_stays(nlp):
    assert volumes(nlp, "Vi tog emot 4 Deltagare från grannkommunen.")[0][:3] == (4, None, "personer")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Personalstyrkan har ökat med 35 till 1 210 anställda.", [(1210, None, "personer", "anställda", None)]),
        ("Antalet platser minskade med 6 till 88 platser.", [(88, None, "platser", "platser", None)]),
    ],
)
def test_change_by_then_new_level_is_the_level_not_a_range(nlp, text, expected):
    assert volumes(nlp, text) == expected
