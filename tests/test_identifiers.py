"""Identifiers: diarienummer as municipalities write them, SFS numbers, and look-alikes.

Expected values are worked out by hand from the contract's normalisation rule:
upper-case, no leading Dnr, one space between the letter prefix and the number.
"""
from __future__ import annotations

import json
from pathlib import Path
import pytest
import spacy

from pipeline.nlp import make_doc
from pipeline.nlp.identifiers import find_identifiers


@pytest.fixture(scope="module")
def inlp():
    nlp = spacy.blank("sv")
    for name in ("muni_layout", "muni_sentences", "muni_identifiers"):
        nlp.add_pipe(name)
    return nlp


def found(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.value) for i in find_identifiers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Förslaget innebär att avtal SON 2021-611, förlängs.", "SON 2021-611"),
        ("Ärendet ON 2017-123 avslutas.", "ON 2017-123"),
        ("Dnr KS 2019/0456", "KS 2019/0456"),
        ("Se ärende KS 2019.0456 i diariet.", "KS 2019.0456"),
        ("Byggnadsnämnden BN 2024-000123.", "BN 2024-000123"),
        ("Dnr VO-2025-00072", "VO 2025-00072"),
        ("Dnr 2021.1234", "2021.1234"),
        ("Diarienummer: KS-2020-123", "KS 2020-123"),
        ("Dnr: SN 2018/123-1.4.2", "SN 2018/123-1.4.2"),
        ("dnr son 2021-611", "SON 2021-611"),
        ("Vår beteckning: KS 2020/45", "KS 2020/45"),
        ("Ärendenr 2022-145", "2022-145"),
        ("Dnr. 123/2019", "123/2019"),
        ("Diarienummer\n2021.1234", "2021.1234"),
        ("regleras i ett särskilt samverkansavtal, SON\n2019-846.", "SON 2019-846"),
        ("Beslut i ärende MBN 2020-45 och i KFN 2021/7.", "MBN 2020-45"),
        ("Ärende STK-2019-1234 hos stadskontoret.", "STK 2019-1234"),
        ("KSN-2019-01234", "KSN 2019-01234"),
        ("Dnr KS 2019:123", "KS 2019:123"),
        ("Dnr KS/2019:123", "KS 2019:123"),
        ("Ärendet KS 123/2019 behandlades.", "KS 123/2019"),
        ("Dnr Ks 123/2019", "KS 123/2019"),
        ("Ks 2019/123 Remissvar", "KS 2019/123"),
        ("Diarienummer: 0123/19", "0123/19"),
        ("Dnr 1.2.3-456/2019", "1.2.3-456/2019"),
        ("Diarienummer N123-0456/22", "N123-0456/22"),
        ("dnr n123-0456/22", "N123-0456/22"),
    ],
)
def test_diarienummer(text, expected):
    assert found(text)[0] == ("diarienummer", expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Information enligt lag (1976:580) om medbestämmande i arbetslivet", "1976:580"),
        ("enligt SFS 2001:453", "2001:453"),
        ("Lag (2016:1145) om offentlig upphandling", "2016:1145"),
        ("enligt socialtjänstlagen (2001:453)", "2001:453"),
        ("enligt förordningen (SFS 2017:80)", "2017:80"),
        ("Kommunallagen (2017:725) reglerar", "2017:725"),
        ("enligt LSS (1993:387)", "1993:387"),
        ("enligt lagen om offentlig upphandling (2016:1145)", "2016:1145"),
        ("Lag om stöd och service till vissa funktionshindrade (1993:387)", "1993:387"),
        ("upphandlas enligt (LOU, 2016:1145)", "2016:1145"),
        ("enligt SFS nr: 2010:800", "2010:800"),
        ("Information enligt lag\n(1976:580) om medbestämmande", "1976:580"),
    ],
)
def test_sfs(text, expected):
    assert found(text) == [("sfs", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Socialstyrelsens föreskrifter SOSFS 2011:9 om ledningssystem.",
        "Enligt HSLF-FS 2016:40 ska journal föras.",
        "Myndigheten för vårdanalys (PM 2013:2).",
        "(Myndigheten för vårdanalys, 2013:11-12, 29)",
        "Åström poängterar detta (1988:118-117).",
        "Åström (1988:118) menar att",
        "Mötet börjar kl. 13:30 i sal 2.",
        "Förhållandet är 1:2 mellan grupperna.",
        "Ring 013-20 60 00.",
        "Organisationsnummer 212000-0449.",
        "Linköpings kommun, 581 81 Linköping.",
        "Avtalet gäller från 2019-01-01.",
        "Betänkandet SOU 2019:12 föreslår.",
        "Insatser enligt LSS 2019-2021 ökade.",
        "Under 2019-2020 ökade kostnaderna.",
        "Talet 2021.1234 utan ledord.",
        "Det var år 2021-611 enligt texten.",
        "Enligt 19 § MBL och § 83.",
        "Personnummer 19850101-1234.",
        "Se http://www.example.se/KS-2019-123/beslut.pdf",
        # a committee and a date, not a case number
        "Protokoll KS 2019-01-15.",
        "Socialstyrelsens föreskrifter (2011:9) om ledningssystem.",
        "Läsåret LÅ 2019/20 och HT 2020/21.",
        "Under Maj 2019/2020 och År 2019/123.",
        "Enligt rapporten (Socialstyrelsen 2019:12).",
        "Lagen om offentlig upphandling gäller. Se (2019:12) i rapporten.",
    ],
)
def test_not_identifiers(text):
    assert found(text) == []


def test_one_value_per_mention_and_norm(inlp):
    doc = inlp("Dnr SON 2021-611\n\nÄrende\nAvtal SON 2021-611 enligt lag (1976:580) om medbestämmande.")
    got = [(s.text, s._.norm) for s in doc.spans["identifiers"]]
    assert got == [
        ("SON 2021-611", {"kind": "diarienummer", "value": "SON 2021-611"}),
        ("SON 2021-611", {"kind": "diarienummer", "value": "SON 2021-611"}),
        ("1976:580", {"kind": "sfs", "value": "1976:580"}),
    ]


def test_boilerplate_gives_no_identifiers(inlp):
    header = "Dnr KS 2020/99"
    page = header + "\nÄrende\nAvtal SON 2021-611 gäller."
    doc = inlp(make_doc(inlp, [page], boilerplate=[(1, 0, len(header))]))
    assert [s._.norm["value"] for s in doc.spans["identifiers"]] == ["SON 2021-611"]


SEEDS = sorted(p.stem for p in (Path(__file__).parent / "fixtures" / "text").glob("*.txt"))


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_texts_against_gold(stem):
    fixtures = Path(__file__).parent / "fixtures"
    gold = json.loads((fixtures / "gold" / f"{stem}.json").read_text())
    text = (fixtures / "text" / f"{stem}.txt").read_text()
    assert set(found(text)) == {(i["kind"], i["value"]) for i in gold["identifiers"]}


# Serial before the year after a cue, and registries that join parts with dots.
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Diarienummer: RS 01234-2023", [("diarienummer", "RS 01234-2023")]),
        ("Dnr 456-2021", [("diarienummer", "456-2021")]),
        ("Ärendet har beteckningen KS.2020.0087 i diariet.", [("diarienummer", "KS 2020.0087")]),
        ("Telefon 08.2020.1234", []),
        ("Under åren 1990-2023 växte staden.", []),
    ],
)
def test_serial_year_and_dotted_registries(text, expected):
    assert [(i.kind, i.value) for i in find_identifiers(text)] == expected


# Registries outside the prefix-year-serial pattern, as other municipalities and the
# Government Offices write them (invented case numbers in the real forms).
@pytest.mark.parametrize(
    "text,expected",
    [
        # the year first, then the board and the serial (and a classification code)
        ("Ärende 4 Diarienummer 2024/BUN 0417", "2024/BUN 0417"),
        ("Dnr 2022/KS 0153 041", "2022/KS 0153 041"),
        ("Delegationsbeslut Dnr 2021/SN87", "2021/SN87"),
        # a two-digit year before a serial of three or more digits
        ("2023-05-10 TN 23/0412 Tekniska nämnden", "TN 23/0412"),
        ("KF § 12 Dnr MBN 19-645 214", "MBN 19-645 214"),
        ("Diarienr: 21/4410", "21/4410"),
        # a registry numbering its cases without the year
        ("Beslut om bidrag Dnr 38215", "38215"),
        # the Government Offices: the department's letters against the year
        ("Remiss från Finansdepartementet, Fi2022/01873", "FI 2022/01873"),
        ("diarienummer S2019/04512/FS", "S 2019/04512/FS"),
    ],
)
def test_other_registry_shapes(text, expected):
    assert found(text) == [("diarienummer", expected)]


@pytest.mark.parametrize(
    "text",
    [
        # a header row: the date stands first under "Vår beteckning"
        "Datum Vår beteckning\n2022-03-08",
        "Dnr 2021",  # a year left alone is no case number
        "Dnr 412/",  # a case number cut short
        "Linköpings kommun Dnr\n581 81 Linköping",
        "Läsåret 2019/20 och HT 2020/21.",
        "Resultatet blev 3-1 och LSS 20/123 nämndes.",
        "Telefon 08-123 456 och fax 08-123 457.",
    ],
)
def test_other_registry_shapes_not_identifiers(text):
    assert found(text) == []


# A slash between the board's letters and the number, as some regions register cases
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Dnr RSN/2318/2023", [("diarienummer", "RSN 2318/2023")]),
        ("Ärendet KFN/45/2022 behandlades.", [("diarienummer", "KFN 45/2022")]),
        ("Dnr TN/2021/0733", [("diarienummer", "TN 2021/0733")]),
        ("Insatser enligt SoL/LSS 2020/21 och LSS/2019/20.", []),
    ],
)
def test_slash_after_the_prefix(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, value",
    [
        ("Diarienummer: BUN2018/2741-3 Beredande organ", "BUN 2018/2741-3"),
        ("Beslut i ärende KFN2021/316.", "KFN 2021/316"),
        ("Svar på motion om gatubelysning (Tn/2015:388).", "TN 2015:388"),
        ("Månadsrapport mars 2017, VN/2017:41", "VN 2017:41"),
        # glued with the registry's dash, as with its slash
        ("Ärendenummer: HSN2024-01177", "HSN 2024-01177"),
        ("Svar på remiss, dnr TN2023-456, från länsstyrelsen.", "TN 2023-456"),
        ("Beslut (SBN2025-0042-3) om bygglov", "SBN 2025-0042-3"),
    ],
)
def test_prefix_glued_or_slash_joined_to_the_year(text, value):
    assert [i.value for i in find_identifiers(text)] == [value]


@pytest.mark.parametrize("text", ["Terminen HT2019/2020 startar", "Se Och/2020:12 i texten",
                                  "Läsåret VT2024-2025 planeras", "Mötet AU2025-03-14 ställdes in",
                                  "enligt SOSFS2011-9 och LSS2019-2021"])
def test_glued_seasons_and_words_are_no_case_numbers(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize("cue", ["Dnr", "D.nr", "Diarienr", "Diarienummer", "Diarie nr", "Ärendenummer",
                                 "Ärendenr", "Ärende nr", "Vår beteckning", "Er beteckning", "Beteckning",
                                 "Vårt dnr", "Ert dnr", "Vår ref", "Vår referens", "Registreringsnummer",
                                 "Reg.nr", "DNR", "vår beteckning"])
def test_every_cue_is_tried(cue):
    # the cued patterns run only where a cue can begin: every cue's first letter must be there
    from pipeline.nlp.identifiers import find_identifiers

    found = [(i.kind, i.value) for i in find_identifiers(f"Kommunstyrelsen\n{cue}: 2024-0815\nSida 1")]
    assert found == [("diarienummer", "2024-0815")], cue


@pytest.mark.parametrize(
    "text",
    [
        "Avtals-ID: RX-LEV-2024-017",
        "Avtalsnummer: VK 2023-118",
        "Upphandlingsnummer: UH-2024-0932",
        "Referensnummer KF 2022/0417",
        "Ramavtalsnr. SB-2021-44",
    ],
)
def test_agreement_and_procurement_ids_are_no_case_numbers(text):
    assert found(text) == []


def test_case_number_beside_an_agreement_id_stays():
    text = "Diarienummer: TN 2024/0311\nAvtals-ID: RX-LEV-2024-017\nVår referens: RX-2024-0099"
    assert found(text) == [("diarienummer", "TN 2024/0311"), ("diarienummer", "RX 2024-0099")]


def test_a_law_acronym_in_other_letters_is_a_registry_prefix():
    # "Lov" (a permit matter) is not the act LOV, which is written in capitals
    assert found("Ärendenummer: Lov 2023-000812") == [("diarienummer", "LOV 2023-000812")]
    assert found("Ärendenummer: LOV 2023-000812") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Diarienummer BUN24/0381", [("diarienummer", "BUN 24/0381")]),
        ("Ärendet SBN19/1207 avslutas.", [("diarienummer", "SBN 19/1207")]),
        ("Mötet hölls 25/07 och 3/4 av ledamöterna deltog.", []),
        ("Fi25/07 är ingen beteckning.", []),
    ],
)
def test_prefix_glued_to_a_two_digit_year(text, expected):
    assert found(text) == expected
