"""Money amounts: written forms, units, periods, price years and the traps."""
from __future__ import annotations

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)
from pipeline.nlp import make_doc


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_amounts"):
        nlp.add_pipe(name)
    return nlp


def amounts(nlp, text):
    doc = nlp(text)
    return [s._.norm for s in doc.spans["amounts"]]


def values(nlp, text):
    return [n["amount_sek"] for n in amounts(nlp, text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("För hel verksamhet utgår 1 827 000 kronor.", 1827000),
        ("Kostnaden är 1\u00a0827\u00a0000 kr.", 1827000),
        ("Kostnaden är 1.827.000 kr.", 1827000),
        ("Priset är 500 kr/timme.", 500),
        ("Avgiften är 500:- per besök.", 500),
        ("Totalt 12 500 SEK.", 12500),
        ("Budgeten är 3,7 mnkr.", 3700000),
        ("Budgeten är 3,7 miljoner kronor.", 3700000),
        ("Budgeten är 3,7 Mkr.", 3700000),
        ("Budgeten är 3,7 MSEK.", 3700000),
        ("Budgeten är 3,7 mkr.", 3700000),
        ("Ramen är 450 tkr.", 450000),
        ("Ramen är 450 tusen kronor.", 450000),
        ("Investeringen är 12 miljarder kronor.", 12000000000),
        ("Resultatet blev -28,8 Mkr.", -28800000),
        ("Resultatet blev \u221228,8 mnkr.", -28800000),
        ("Ersättningen är 0 kr.", 0),
        ("Ersättningen är tre miljoner kronor.", 3000000),
        ("Avgiften är 250 kronor per dygn.", 250),
        ("Avgiften är 250 kr. per dygn.", 250),  # OCR: "kr."
        ("Avgiften är 250 kr, per dygn.", 250),  # OCR: "kr,"
        ("Kostnad: SEK 75 000 exklusive moms.", 75000),
        ("Ersättningen är 500 000 (femhundratusen) kronor.", 500000),
        ("Ersättningen är 1,2 milj. kr.", 1200000),
    ],
)
def test_written_forms(nlp, text, expected):
    assert values(nlp, text) == [pytest.approx(expected)]


def test_range_gives_both_amounts(nlp):
    assert values(nlp, "Lönen höjs från 58 800 till 59 200 kronor.") == [58800, 59200]
    assert values(nlp, "Priset ligger på 58 800-59 200 kr i månaden.") == [58800, 59200]


def test_unit_suspect_reads_kronor_and_flags(nlp):
    (n,) = amounts(nlp, "Kostnad för verksamheten är i 2017 års prisnivå 3 747 552 mnkr per år.")
    assert n == {"amount_sek": 3747552, "period": "year", "price_year": 2017, "flags": ["unit_suspect"]}


def test_plausible_millions_are_not_suspect(nlp):
    (n,) = amounts(nlp, "Nämndens budget är 55 000 mnkr.")
    assert n["amount_sek"] == 55_000_000_000 and n["flags"] == []
    (n,) = amounts(nlp, "Underskottet är 1 234,5 mnkr.")
    assert n["amount_sek"] == pytest.approx(1_234_500_000) and n["flags"] == []


@pytest.mark.parametrize(
    "text, period",
    [
        ("Kostnaden är 500 000 kr per år.", "year"),
        ("Kostnaden är 500 000 kr/år.", "year"),
        ("Ersättningen utgår med 500 000 kronor årligen.", "year"),
        ("Den årliga kostnaden är 500 000 kronor.", "year"),
        ("Årskostnaden uppgår till 500 000 kr.", "year"),
        ("Hyran är 12 000 kr per månad.", "month"),
        ("Hyran är 12 000 kr i månaden.", "month"),
        ("Hyran är 12 000 kr/mån.", "month"),
        ("Projektet kostar totalt 2 mnkr.", "total"),
        ("Projektet kostar 2 mnkr för hela avtalsperioden.", "total"),
        ("För hel verksamhet utgår 1 827 000 kronor.", None),
        ("Timpriset är 521 kronor/timme.", None),  # a rate
        ("Dygnsavgiften är 1 900 kr per dygn.", None),
        ("Priset är 450 kr per år och person.", "year"),
    ],
)
def test_period(nlp, text, period):
    (n,) = amounts(nlp, text)
    assert n["period"] == period


@pytest.mark.parametrize(
    "text, year",
    [
        ("Ersättningen är 1 827 000 kronor i 2021 års pris.", 2021),
        ("Kostnaden är i 2017 års prisnivå 3 747 552 kr per år.", 2017),
        ("Beloppet 900 tkr anges i prisnivå 2021.", 2021),
        ("Beloppet 900 tkr anges i prisläge januari 2023.", 2023),
        ("Beloppet 900 tkr anges i 2022 års pris- och lönenivå.", 2022),
        ("Beloppet är 900 tkr.", None),
    ],
)
def test_price_year(nlp, text, year):
    (n,) = amounts(nlp, text)
    assert n["price_year"] == year


def test_price_year_given_with_another_figure_stays_with_it(nlp):
    text = (
        "Ekonomi\n\nKostnaden är 24,5 mnkr per år i 2024 års prisnivå. "
        "Resultatet för 2023 blev ett underskott på 12,3 mnkr.\n"
    )
    assert [n["price_year"] for n in amounts(nlp, text)] == [2024, None]


def test_total_over_the_contract_period(nlp):
    (n,) = amounts(nlp, "Beloppet 5 000 000 SEK avser hela avtalsperioden.")
    assert n["period"] == "total"


def test_price_year_from_own_sentence_in_section(nlp):
    text = (
        "Ersättning\n\nFör hel verksamhet utgår 1 827 000 kronor. "
        "Ersättningen är i 2021 års pris- och lönenivå.\n"
    )
    (n,) = amounts(nlp, text)
    assert n["price_year"] == 2021


@pytest.mark.parametrize(
    "text",
    [
        "Telefon 013-20 60 00.",
        "Box 123, 581 81 Linköping.",
        "Organisationsnummer 212000-0449.",
        "Beslut enligt § 83 den 2019-01-01.",
        "Målgruppen är 0-20 år.",
        "Cirka 80 % av besökarna är män.",
        "Under 2016 ökade kostnaderna.",
        "Se avsnitt 3.2 om ersättning.",
        "Kommunen har 3 miljoner invånare i regionen.",  # "miljoner" alone, no money
        "Det finns 60-70 besökare per dag.",
        "Kristina och 3 krukväxter.",  # "kr" must be a whole word
        "Avgiften var SEK 2023 enligt taxan.",  # a year after the currency
    ],
)
def test_traps(nlp, text):
    assert values(nlp, text) == []


def test_unit_of_second_figure_serves_both(nlp):
    assert values(nlp, "Avgiften höjs till 500 respektive 600 kronor.") == [500, 600]
    assert values(nlp, "Under 2020 och 2 500 kr senare.") == [2500]


def test_unit_before_a_year_belongs_to_the_figure_before(nlp):
    assert values(nlp, "Kostnaden var 1 500 kr 2022 och 1 700 kr 2023.") == [1500, 1700]


def test_miljoner_alone_counts_in_money_context(nlp):
    assert values(nlp, "Budgeten för verksamheten är 3,5 miljoner.") == [3500000]
    assert values(nlp, "Statsbidraget uppgår till 1,8 miljoner.") == [1800000]


def test_dates_and_identifiers_keep_their_text(nlp):
    doc = nlp.make_doc("Beloppet 2019 kr avser ärende KS 500 kr.")
    for name in ("muni_layout", "muni_sentences"):
        doc = nlp.get_pipe(name)(doc)
    doc.spans["dates"] = [doc.char_span(9, 13)]
    doc.spans["identifiers"] = [doc.char_span(30, 36)]
    doc = nlp.get_pipe("muni_amounts")(doc)
    assert [s._.norm["amount_sek"] for s in doc.spans["amounts"]] == []


def test_boilerplate_yields_no_amount(nlp):
    doc = make_doc(nlp, ["Avgift 100 kr per besök.\nKostnad 900 kr."], boilerplate=[(1, 0, 24)])
    doc = nlp(doc)
    assert [s._.norm["amount_sek"] for s in doc.spans["amounts"]] == [900]


def test_table_figures_count_only_when_the_table_says_kronor(nlp):
    money = "Kostnader (tkr)\tBudget\tUtfall\nPersonal\t1 200\t1 150\nLokaler\t300\t310\n"
    assert values(nlp, money) == [1200000, 1150000, 300000, 310000]
    people = "Besök\t2021\t2022\nKvinnor\t120\t130\nMän\t200\t210\n"
    assert values(nlp, people) == []


def test_span_covers_number_and_unit(nlp):
    doc = nlp("Kostnaden är 3,7 miljoner kronor per år.")
    assert [s.text for s in doc.spans["amounts"]] == ["3,7 miljoner kronor"]


def test_component_works_without_sentence_boundaries():
    nlp = spacy.blank("sv")
    nlp.add_pipe("muni_amounts")
    doc = nlp("Kostnaden är 2,4 miljoner kronor per år. Hyran är 12 000 kr i månaden.")
    assert [(s._.norm["amount_sek"], s._.norm["period"]) for s in doc.spans["amounts"]] == [
        (2400000, "year"),
        (12000, "month"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ersättningen höjs från 12,5 mnkr till 14 mnkr per år.", {12_500_000: "year", 14_000_000: "year"}),
        ("Hyran är 8 000 respektive 9 500 kronor per månad.", {8_000: "month", 9_500: "month"}),
        ("Kostnaden var 5 mnkr och intäkten 2 mnkr per år.", {5_000_000: None, 2_000_000: "year"}),
    ],
)
def test_a_period_after_coordinated_amounts_belongs_to_each(nlp, text, expected):
    doc = nlp(text)
    assert {round(s._.norm["amount_sek"]): s._.norm["period"] for s in doc.spans["amounts"]} == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # price lists and OCR'd tables leave out the space before the unit
        ("Timpriset är 745kr/tim exkl. moms.", [745]),
        ("Resor ersätts med 4,20kr/km.", [4.2]),
        ("Bidraget är 1 250 000kr för 2025.", [1_250_000]),
        ("Föreningen beviljas 35tkr och projektet 2,5mnkr.", [35_000, 2_500_000]),
        ("Underskottet väntas bli 12Mkr.", [12_000_000]),
    ],
)
def test_unit_written_against_the_figure(nlp, text, expected):
    assert values(nlp, text) == [pytest.approx(v) for v in expected]


def test_letters_against_a_figure_are_no_unit(nlp):
    assert values(nlp, "Skolan köpte 12krukor och 3kranar till 2krabbor.") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        # regions and the state write large figures in millions to the last digit
        ("Regionens nettokostnader uppgick till 38 417 mnkr.", 38_417_000_000),
        ("Anslaget uppgår till 64 213 miljoner kronor.", 64_213_000_000),
        ("Budgetomslutningen är 112 406 Mkr.", 112_406_000_000),
    ],
)
def test_large_figures_in_millions_are_plausible(nlp, text, expected):
    (n,) = amounts(nlp, text)
    assert n["amount_sek"] == expected and n["flags"] == []


def test_a_figure_too_large_for_any_public_body_is_suspect(nlp):
    (n,) = amounts(nlp, "Hyran för lokalen är 2 614 380 mnkr per år.")
    assert n["amount_sek"] == 2_614_380 and n["flags"] == ["unit_suspect"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Word wraps at the space between thousands groups
        ("Ersättningen är 34\n720 kr per plats och månad.", [34_720]),
        ("Dygnspriset är 1 370–1\n845 kr beroende på behov.", [1_370, 1_845]),
        ("Hyran höjs till 4 630\n000 kronor.", [4_630_000]),
        # a year, a figure alone on its line (a page or list number), decimals: no join
        ("Avtalet gäller från 2019\n500 kr per timme betalas.", [500]),
        ("Ersättning\n3\n250 kr per timme.", [250]),
        ("Andelen var 2,5\n400 kr per dag.", [400]),
        # no money unit after the three digits: two numbers
        ("Vi hade 12\n300 besökare.", []),
    ],
)
def test_a_figure_wrapped_between_groups_is_read_whole(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize(
    "text, period",
    [
        ("Priset är 3 900 kr per plats och månad.", "month"),
        ("Priset är 3 900 kr per elev och år.", "year"),
        ("Priset är 3 900 kr per dygn och plats.", None),
    ],
)
def test_a_rate_also_given_per_month_or_year_takes_that_period(nlp, text, period):
    (n,) = amounts(nlp, text)
    assert n["period"] == period


# Word tables without rules: one space between cells, the same space that groups thousands
def test_layout_table_under_a_tkr_caption(nlp):
    text = (
        "Ärendet\nUtfallet redovisas nedan.\n"
        "Tabell 2. Kostnader per enhet (tkr)\n"
        "Enhet Budget 2023 Utfall 2023 Avvikelse\n"
        "Hemtjänst norr 231 400 236 900 -5 500\n"
        "Hemtjänst söder 118 700 117 250 1 450\n"
        "Summa 350 100 354 150 -4 050\n"
        "Sida 3 (5)\n"
    )
    assert values(nlp, text) == [
        231_400_000, 236_900_000, -5_500_000,
        118_700_000, 117_250_000, 1_450_000,
        350_100_000, 354_150_000, -4_050_000,
    ]


def test_layout_table_with_years_as_row_labels(nlp):
    text = "Belopp i tkr\nÅr Budget Utfall\n2021 6 400 6 215\n2022 8 900 9 020\n"
    assert values(nlp, text) == [6_400_000, 6_215_000, 8_900_000, 9_020_000]


def test_layout_table_in_mnkr_with_a_minus_set_apart(nlp):
    text = (
        "mnkr Bokslut\n2022\nBudget\n2023\n"
        "Verksamhetens intäkter\n1 170,4 182,9\n"
        "Verksamhetens kostnader – 1 227,5 – 1 301,6\n"
    )
    assert values(nlp, text) == pytest.approx([1_170_400_000, 182_900_000, -1_227_500_000, -1_301_600_000])


def test_layout_table_percentages_and_notes_are_no_amounts(nlp):
    text = (
        "(tkr) Not Utfall Förändring Budget\n"
        "Revision 1 – 712 – 14 2,0 % – 730\n"
        "Pensioner 2 – 6 120 4 310 – 41,3 % – 9 450\n"
        "Övrigt 45 12 3,1 % 50\n"
    )
    assert values(nlp, text) == [
        -712_000, -14_000, -730_000, -6_120_000, 4_310_000, -9_450_000, 45_000, 12_000, 50_000,
    ]


def test_layout_table_row_label_ending_in_a_digit(nlp):
    text = "Kostnad, tkr\nEnhet Budget Utfall\nGrupp 4 1 200 1 350\nGrupp A 2 150 2 075\nGrupp B 3 600 3 480\n"
    assert values(nlp, text) == [1_200_000, 1_350_000, 2_150_000, 2_075_000, 3_600_000, 3_480_000]


@pytest.mark.parametrize(
    "text",
    [
        # no unit: counts
        "Tabell 1. Besök per år\nEnhet 2022 2023\nNorr 1 200 1 350\nSöder 2 150 2 075\n",
        # counts and money side by side under a caption's unit: which column is which is lost
        "Tabell 1. Kostnader (tkr)\nEnhet Antal platser Kostnad\nNorr 12 3 400\nSöder 16 4 150\n",
        # a unit named in a sentence, then one short line: no table
        "Avgiften räknas i kr och\nhöjs 2025 med 12\n",
        # the unit belongs to a figure in the text, not to a table
        "Kostnaden blev 640 tkr.\nBarn 1 200 1 300\nVuxna 2 100 2 400\n",
    ],
)
def test_layout_figures_without_a_money_header_are_no_amounts(nlp, text):
    expected = [640_000] if "640 tkr" in text else []
    assert values(nlp, text) == expected


@pytest.mark.parametrize(
    "text, period",
    [
        ("Avtalets värde beräknas till 14–17 mnkr under avtalsperioden.", "total"),
        ("Ersättningen är 9 mnkr för hela avtalstiden.", "total"),
        # a sum within one year is that year's outcome
        ("Sammanlagt betalade nämnden ut 6 420 tkr till utföraren under 2023.", None),
        ("Totalt kostade insatsen 3,1 mnkr under 2021–2023.", "total"),
        ("Projektet kostar totalt 2 mnkr i 2022 års prisnivå.", "total"),
        # paid once: neither recurring nor a sum over a period
        ("Engångskostnaden för flytten beräknas till 220–260 tkr.", None),
    ],
)
def test_total_is_the_sum_over_a_contract_or_project(nlp, text, period):
    assert {n["period"] for n in amounts(nlp, text)} == {period}


def test_layout_table_groups_go_where_the_row_splits_most_evenly(nlp):
    text = (
        "(tkr) Utfall Förändring Budget Avvikelse\n"
        "Kulturskola – 26 318 – 1 472 3,9 % – 26 500 182\n"
        "Bibliotek – 8 120 – 310 1,1 % – 8 400 280\n"
    )
    assert values(nlp, text) == [-26_318_000, -1_472_000, -26_500_000, 182_000, -8_120_000, -310_000, -8_400_000, 280_000]


def test_layout_tkr_cell_holds_at_most_two_groups(nlp):
    # 4 380 120 tkr would be four billion kronor: two cells
    text = "Belopp i tkr\nVerksamhet Budget Prognos Avvikelse\nFritid 4 500 4 380 120\nBibliotek 12 900 13 150 -250\n"
    assert values(nlp, text) == [4_500_000, 4_380_000, 120_000, 12_900_000, 13_150_000, -250_000]
    # a kronor table's cells are larger
    text = "Kostnad (kr)\nPost Belopp\nLokaler 1 827 000\nPersonal 2 410 500\n"
    assert values(nlp, text) == [1_827_000, 2_410_500]


def test_listed_amounts_share_the_last_ones_unit_and_period(nlp):
    got = amounts(nlp, "Bidraget är 410 000, 470 000 respektive 530 000 kronor per år.")
    assert [(n["amount_sek"], n["period"]) for n in got] == [
        (410000, "year"), (470000, "year"), (530000, "year")]
    got = amounts(nlp, "Hyran är 11 500 kr, 12 500 kr och 13 500 kr per månad.")
    assert [(n["amount_sek"], n["period"]) for n in got] == [
        (11500, "month"), (12500, "month"), (13500, "month")]


def test_a_period_after_the_second_of_two_amounts_does_not_reach_back(nlp):
    got = amounts(nlp, "Ersättningen är 310 000 kronor årligen och 26 000 kronor per månad.")
    assert [n["period"] for n in got] == ["year", "month"]


# Tables laid out with wide spaces between columns, as PDF text extraction gives them
def test_layout_table_with_a_wide_header_row(nlp):
    # the heading row is wider than a short caption line and its unit line is long
    text = (
        "(tkr)                        Utfall 2023   Förändring 2022/2023   Förändring %   Budget 2023   Avvikelse\n"
        "Revision                         -611            -14                 2,3 %          -620             9\n"
        "Kommunstyrelsen               -36 410         -1 377                 3,9 %       -37 000           590\n"
    )
    assert values(nlp, text) == [-611_000, -14_000, -620_000, 9_000, -36_410_000, -1_377_000, -37_000_000, 590_000]
    text = (
        "PROGNOSAVVIKELSE, MKR\n"
        "Nämnd                      Bokslut     Delårsrapport jan-aug     Avvikelse\n"
        "Tekniska nämnden                 17              11                     6\n"
        "Kulturnämnden                    -3              -5                     2\n"
    )
    assert values(nlp, text) == [17e6, 11e6, 6e6, -3e6, -5e6, 2e6]


def test_layout_cell_set_apart_by_wide_spaces_is_one_figure(nlp):
    # a municipality's costs run past a billion kronor: seven digits in tkr, in one cell
    text = (
        "Resultaträkning (tkr)          Not     Utfall 2023     Utfall 2022\n"
        "Verksamhetens intäkter           1         387 200         371 900\n"
        "Verksamhetens kostnader          2      -1 318 600      -1 262 300\n"
        "Årets resultat                             27 300          14 800\n"
    )
    assert values(nlp, text) == [
        387_200_000, 371_900_000, -1_318_600_000, -1_262_300_000, 27_300_000, 14_800_000]


@pytest.mark.parametrize("mark", ["Sida 4 av 19", "                                          19"])
def test_layout_page_number_under_a_table_is_no_amount(nlp, mark):
    text = (
        "Nettokostnad, tkr\n"
        "Verksamhet                 2022        2023\n"
        "Hemtjänst               211 300     219 800\n"
        "Särskilt boende         302 100     311 500\n"
        f"\n{mark}\n"
    )
    assert values(nlp, text) == [211_300_000, 219_800_000, 302_100_000, 311_500_000]


def test_layout_table_cells_take_no_period_from_the_header(nlp):
    text = (
        "Belopp i tkr\n"
        "Område              Jan–aug 2024    Helårsprognos    Budget 2024\n"
        "Gymnasieskola             58 310           88 700         87 900\n"
        "Vuxenutbildning            5 914            9 150          9 600\n"
    )
    assert {n["period"] for n in amounts(nlp, text)} == {None}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hyran uppgår till kr 2 740 000 för perioden.", [2740000]),
        ("Ett lokalbidrag om kr 17 300 beviljas.", [17300]),
        ("Ett lokalbidrag om kr. 41 600 beviljas.", [41600]),
        ("Ett lokalbidrag om Kr 9 800 beviljas.", [9800]),
        ("Anbud över SEK 2 450 000 förkastas.", [2450000]),
        # the currency is the unit of the figure before it, not of the year after
        ("Avgiften var 1 350 kr 2021 och 1 420 kr 2022.", [1350, 1420]),
        # nor of a count after it
        ("Avgiften är 640 kr 12 gånger per år.", [640]),
    ],
)
def test_currency_written_before_the_figure(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize(
    "text, figure, period",
    [
        ("Uppdraget har ett takpris för hela uppdraget om SEK 840 000.", 840000, "total"),
        ("Ersättningen för förlängningsperioden uppgår till 2 190 000 kr.", 2190000, "total"),
        # a forecast of the year's outcome is no yearly sum
        ("Helårsprognosen är ett underskott om -4,1 mnkr.", -4100000, None),
        ("Helårskostnaden är 4,1 mnkr.", 4100000, "year"),
        # "sammanlagt" adding up the grants just named is their sum, not a period total
        ("Föreningen får 31 000 kr i bidrag och 12 400 kr i hyresstöd. Sammanlagt beviljas 43 400 kronor.",
         43400, None),
        ("Föreningen får 31 000 kr i bidrag. Sammanlagt beviljas 90 000 kronor.", 90000, "total"),
        # a sum over the named contract period stays a total
        ("Avtalet ger 200 000 kr och 300 000 kr, sammanlagt 500 000 kr under avtalsperioden.", 500000, "total"),
    ],
)
def test_period_of_totals_forecasts_and_sums(nlp, text, figure, period):
    by_value = {n["amount_sek"]: n["period"] for n in amounts(nlp, text)}
    assert by_value[figure] == period


def test_layout_unit_in_one_column_heading_is_that_column_only(nlp):
    text = (
        "Utförare                 Anbudspris (SEK)    Poäng    Plats\n"
        "Omsorg Nord AB                  2 315 600       42        1\n"
        "Vårdhjälpen Syd AB              2 480 100       27        2\n"
    )
    assert values(nlp, text) == [2_315_600, 2_480_100]


def test_layout_unit_in_the_title_or_label_heading_is_every_column(nlp):
    text = "Kostnader (tkr)\nEnhet            Budget    Utfall\nFritid            4 500     4 380\nBibliotek       12 900    13 150\n"
    assert values(nlp, text) == [4_500_000, 4_380_000, 12_900_000, 13_150_000]
    text = "Tkr              Budget    Utfall\nFritid            4 500     4 380\nBibliotek       12 900    13 150\n"
    assert values(nlp, text) == [4_500_000, 4_380_000, 12_900_000, 13_150_000]


def test_unit_in_one_column_heading_without_layout_spaces(nlp):
    text = (
        "Utförare Anbudspris (SEK) Poäng Plats\n"
        "Omsorg Nord AB 2 315 600 42 1\n"
        "Vårdhjälpen Syd AB 2 480 100 27 2\n"
    )
    assert values(nlp, text) == [2_315_600, 2_480_100]
    # the only value column
    text = "Roll Timpris (SEK)\nProjektledare 1 480\nAnalytiker 1 160\n"
    assert values(nlp, text) == [1_480, 1_160]


def test_column_heading_under_a_sentence_naming_the_currency(nlp):
    # the wrapped sentence's last line names SEK; the table's own heading follows
    text = (
        "Anbud med ett jämförelsepris över\n"
        "SEK 2 900 000 har inte prövats.\n"
        "Utförare Anbudspris (SEK) Poäng Plats\n"
        "Omsorg Nord AB 2 315 600 42 1\n"
        "Vårdhjälpen Syd AB 2 480 100 27 2\n"
    )
    assert values(nlp, text) == [2_900_000, 2_315_600, 2_480_100]


def test_caption_sentence_naming_the_unit_still_declares_it(nlp):
    text = "Tabellen nedan visar kostnaderna i tkr.\nEnhet Budget Utfall\nFritid 4 500 4 380\nBibliotek 12 900 13 150\n"
    assert values(nlp, text) == [4_500_000, 4_380_000, 12_900_000, 13_150_000]


def test_kkr_is_thousands(nlp):
    assert values(nlp, "Hyran beräknas till 380 kkr för helåret.") == [380000.0]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a year, then "till" a smaller figure: no range, two figures
        ("Intäkterna steg från 2,3 miljoner 2021 till 2,9 miljoner kronor 2022.", [2300000.0, 2900000.0]),
        # a year, then a figure whose own sign stands against it
        ("Avvikelse helår 2025 -3,6 mnkr mot budget.", [-3600000.0]),
    ],
)
def test_falling_pair_is_no_range(nlp, text, expected):
    assert values(nlp, text) == expected


def test_layout_caption_unit_serves_a_heading_row_without_layout_spaces(nlp):
    # the unit in the caption above a heading row of its own; "Andel %" is no money
    text = (
        "Fördelning\n"
        "Tabell 3. Kostnader per område (mnkr)\n"
        "Område Utfall 2022 Budget 2023 Avvikelse Andel %\n"
        "Kultur 41,6 43,2 1,6 3,8\n"
        "Fritid 27,3 26,9 -0,4 1,5\n"
        "Summa 68,9 70,1 1,2 1,7\n"
        "Nästa avsnitt\n"
    )
    assert values(nlp, text) == pytest.approx([
        41_600_000, 43_200_000, 1_600_000, 27_300_000, 26_900_000, -400_000,
        68_900_000, 70_100_000, 1_200_000,
    ])


@pytest.mark.parametrize(
    "text, expected, period",
    [
        ("Bidraget uppgår till tkr 275 för hela avtalsperioden.", 275_000, "total"),
        ("Intäkterna ökar med tkr 140 per år.", 140_000, "year"),
        ("Ramen höjs med mnkr 2,5 per år.", 2_500_000, "year"),
    ],
)
def test_multiplying_unit_before_the_figure(nlp, text, expected, period):
    (n,) = amounts(nlp, text)
    assert n["amount_sek"] == pytest.approx(expected) and n["period"] == period


@pytest.mark.parametrize(
    "text, period",
    [
        # "total" of a frame or budget says whose it is, not a contract period's sum
        ("Fullmäktige beslutade en total driftram om 2,3 mdkr för nämnderna.", None),
        ("Den totala budgeten för nämnden är 46 mnkr.", None),
        ("Den totala kostnaden för projektet är 2 mnkr.", "total"),
        # a VAT note between the unit and the period cue, and a line wrap before the unit
        ("Avtalet får uppgå till högst 275 000\nkronor exkl. moms för hela perioden.", "total"),
        ("Hyran är 8 400 kr (inkl. moms) per månad.", "month"),
        ("Tolken kostar 640 kr inklusive moms per timme.", None),
    ],
)
def test_period_cues_for_frames_and_vat_notes(nlp, text, period):
    (n,) = amounts(nlp, text)
    assert n["period"] == period


@pytest.mark.parametrize("text", [
    "Hyran är 900 000 kr per år, vilket motsvarar 512 kr/m² och år.",
    "Hyran är 900 000 kr per år, vilket motsvarar 512 kr per kvm och år.",
])
def test_a_rate_per_area_and_year_has_no_period(nlp, text):
    periods = {n["amount_sek"]: n["period"] for n in amounts(nlp, text)}
    assert periods == {900_000: "year", 512: None}


# Tables whose column spaces collapse into single spaces: the table's own structure decides
def test_layout_caption_with_its_own_unit_ends_the_table_above(nlp):
    # a line of units gives the column count ("1 150 690 820" is three prices); the
    # next caption's tkr is that table's alone
    text = (
        "Tabell 3. Taxor, kronor\n"
        "Bolag Vardag Helg Natt\n"
        "kr/tim kr/tim kr/tim\n"
        "Taxi Norr AB 1 150 690 820\n"
        "Taxi Syd AB 1 090 720 845\n"
        "Tabell 4. Årskostnad (tkr)\n"
        "Bolag Kostnad Rabatt Netto\n"
        "Taxi Norr AB 12 480 -310 12 170\n"
        "Taxi Syd AB 11 950 0 11 950\n"
    )
    assert values(nlp, text) == [
        1150, 690, 820, 1090, 720, 845,
        12_480_000, -310_000, 12_170_000, 11_950_000, 0, 11_950_000,
    ]


def test_layout_last_rank_or_score_column_is_no_money(nlp):
    text = (
        "Utvärdering (tkr)\n"
        "Anbudsgivare Pris Avdrag Jämförelsepris Placering\n"
        "Bygg Ett AB 14 200 -400 13 800 1\n"
        "Bygg Två AB 14 650 -150 14 500 2\n"
    )
    assert values(nlp, text) == [14_200_000, -400_000, 13_800_000, 14_650_000, -150_000, 14_500_000]


def test_layout_rows_that_read_one_way_decide_the_ambiguous_ones(nlp):
    # "318 174 500" could be 318 174 | 500 or 318 | 174 500: "47 62 300" reads only as
    # 47 | 62 300, so the count column holds one group and the grants two; a dash set
    # apart is an empty cell, and the sum row is the sum of the grants
    text = (
        "Klubb Aktiva 13-25 år Stöd (kr)\n"
        "IK Norr 318 174 500\n"
        "BK Väst 47 62 300\n"
        "FK Syd - 55 000\n"
        "Summa 291 800\n"
    )
    assert values(nlp, text) == [174_500, 62_300, 55_000, 291_800]


def test_layout_counts_beside_money_that_no_row_decides_are_dropped(nlp):
    # every row reads two ways: which digits are places and which are kronor is lost
    text = "Enhet Antal platser Kostnad (tkr)\nNorr 120 340 400\nSöder 160 410 150\n"
    assert values(nlp, text) == []
    # where the rows read one way, the unit's column is read
    text = "Enhet Antal platser Kostnad (tkr)\nNorr 12 3 400\nSöder 16 4 150\n"
    assert values(nlp, text) == [3_400_000, 4_150_000]


def test_layout_sum_row_with_more_digit_groups_than_its_column(nlp):
    # a total past a billion kronor: seven digits in tkr, read where they sum the columns
    text = (
        "Nettokostnad (tkr)\n"
        "Verksamhet Budget Utfall Avvikelse\n"
        "Skola 612 300 618 900 -6 600\n"
        "Omsorg 845 100 851 100 -6 000\n"
        "Summa 1 457 400 1 470 000 -12 600\n"
    )
    assert values(nlp, text) == [
        612_300_000, 618_900_000, -6_600_000, 845_100_000, 851_100_000, -6_000_000,
        1_457_400_000, 1_470_000_000, -12_600_000,
    ]


@pytest.mark.parametrize(
    "text, period",
    [
        # the adjective: all of a ceiling or of a year's costs, no period's sum
        ("Borgen avser lån upp till ett totalt belopp om 40 000 000 kronor.", None),
        ("Regionens totala kostnader uppgick till 12,4 miljarder kronor.", None),
        ("Nämnden har en total kostnad om 310 mnkr.", None),
        # what it totals is a project's or contract's
        ("Projektets totala kostnad beräknas till 6 mnkr.", "total"),
        # the adverb sums
        ("Ersättningen uppgår totalt till 1 400 000 kr.", "total"),
    ],
)
def test_total_as_an_adjective_is_no_period(nlp, text, period):
    assert {n["period"] for n in amounts(nlp, text)} == {period}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Investeringen beräknas till en halv miljon kronor.", 500_000),
        ("Ramen utökas med en kvarts miljard kronor.", 250_000_000),
        ("Bidraget är halvannan miljon kronor.", 1_500_000),
        ("Kostnaden blir tre och en halv miljon kronor.", 3_500_000),
    ],
)
def test_fractions_of_a_million_in_words(nlp, text, expected):
    assert values(nlp, text) == [expected]


def test_layout_table_dash_cells_and_parenthesised_negatives(nlp):
    # a "-" set apart by a column gap is an empty cell, not the next figure's minus; a
    # figure in parentheses is negative (accounting convention)
    text = (
        "Driftkonsekvenser (tkr)\n\n"
        "                          2025      2026      2027\n"
        "Hyra                       -       450       460\n"
        "Avskrivningar              -     (120)     (240)\n"
        "Personal                  310      (1 250)      -\n"
    )
    assert values(nlp, text) == [450_000, 460_000, -120_000, -240_000, 310_000, -1_250_000]


def test_ruled_table_parenthesised_negative(nlp):
    text = "Belopp (mnkr)\tBudget\tUtfall\nNetto\t2,5\t(0,4)\nInvestering\t1,0\t0,9\n"
    assert values(nlp, text) == [2_500_000, -400_000, 1_000_000, 900_000]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kommunens kostnader uppgick 2023 till 2 845 mnkr.", [2_845_000_000]),
        ("Intäkterna ökade 2022 till 3 320 tkr.", [3_320_000]),
        ("Underskottet minskade 2021 till 2 050 000 kronor.", [2_050_000]),
    ],
)
def test_a_year_after_a_level_verb_is_no_range_start(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ersättningen är 1 120 kr/invånare och år.",
        "Avgiften är 95 kronor per kommuninvånare och år.",
    ],
)
def test_a_capitation_rate_has_no_period(nlp, text):
    assert [a["period"] for a in amounts(nlp, text)] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Kontraktets värde under förlängningen beräknas till 6,2 mnkr.",
        "Ersättningen under optionsperioden uppgår till 900 000 kronor.",
    ],
)
def test_a_sum_over_the_extension_is_a_total(nlp, text):
    assert [a["period"] for a in amounts(nlp, text)] == ["total"]


def test_layout_table_year_columns_with_dash_cells_spaces_lost(nlp):
    # the text layer lost the column gaps: the year headings give four columns, so the
    # dash before three figures is the empty first cell, not a minus
    text = (
        "Ekonomiska effekter (mnkr)\n"
        "2025 2026 2027 Summa\n"
        "Lokalkostnad 1,2 3,4 3,6 8,2\n"
        "varav städ - 0,4 0,5 0,9\n"
        "Räntor - (0,1) (0,3) (0,4)\n"
    )
    assert values(nlp, text) == pytest.approx([
        1_200_000, 3_400_000, 3_600_000, 8_200_000, 400_000, 500_000, 900_000, -100_000, -300_000, -400_000,
    ])
