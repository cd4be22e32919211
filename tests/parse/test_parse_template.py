"""Template CSV for local data: validation against catalogue/template_schema.toml."""

import pytest

from etl.parse import COLUMNS, ParseError, parse_file

from .conftest import FIXTURES

HEADER = "table_code;period;ags;region;variable;classification;unit;value"
GOOD_ROW = "LOCAL-KITA;2024/25;JA05766020;Jugendamt Detmold;places;u3;Anzahl;612"


def test_good_template():
    parsed = parse_file(FIXTURES / "template_local_kita.csv")
    table, meta = parsed.table, parsed.meta
    assert list(table.columns) == [*COLUMNS, "age_band"]
    assert meta["format"] == "template" and meta["table_code"] == "LOCAL-KITA"
    assert meta["stand"] == "2025-03-01" and meta["synthetic"] is False
    assert meta["copyright"] == "Quelle: Jugendamt Detmold, Kita-Bedarfsplanung; Lizenz: dl-de/by-2-0"
    assert table.age_band.tolist() == ["u3", "3to6", "INSGESAMT", "u3", "3to6"]
    assert set(table.time_code) == {"SCHJAHR"} and set(table.period) == {"2024/25"}
    assert table.value.tolist()[:3] == [612.0, 2105.0, 2800.5]
    assert table.status.tolist()[3:] == ["secret", "zero"] and table.line.tolist() == [5, 6, 7, 8, 9]


def test_synthetic_marker_bom_and_crlf(write):
    text = "# SYNTHETISCHE DEMODATEN\r\n# Stand: 01.03.2025\r\n" + HEADER + "\r\n" + GOOD_ROW + "\r\n"
    parsed = parse_file(write("t.csv", text, "utf-8-sig"))
    assert parsed.meta["synthetic"] is True and parsed.meta["stand"] == "2025-03-01"
    assert parsed.meta["encoding"] == "utf-8-sig" and parsed.table.line.tolist() == [4]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("LOCAL-KITA;2024/25;05766020;Detmold;plaetze;u3;Anzahl;1", "Variable 'plaetze' nicht erlaubt"),
        ("LOCAL-KITA;2024/25;05766020;Detmold;places;u3;Prozent;1", "Einheit 'Prozent' passt nicht"),
        ("LOCAL-KITA;2024/25;05766020;Detmold;places;U3;Anzahl;1", "Klassifikation 'U3' nicht erlaubt"),
        ("LOCAL-KITA;2024;05766020;Detmold;places;u3;Anzahl;1", "Zeitangabe '2024' ungültig"),
        ("LOCAL-KITA;2024/25;5766020;Detmold;places;u3;Anzahl;1", "Regionalschlüssel '5766020'"),
        (
            "LOCAL-KITA;2024/25;05766;Lippe;places;u3;Anzahl;1",
            "Regionalschlüssel '05766'",
        ),  # kreis not allowed
        ("LOCAL-KITA;2024/25;05766020;Detmold;places;u3;Anzahl;", "leerer Wert"),
        ("LOCAL-KITA;2024/25;05766020;Detmold;places;u3;Anzahl;viele", "unbekanntes Zeichen"),
        ("LOCAL-KITA;2024/25;05766020;Detmold;places;u3;Anzahl", "falsche Spaltenzahl"),
        ("LOCAL-OGS;2024/25;05766020;Detmold;ogs_places;INSGESAMT;Anzahl;1", "zweiter Tabellencode"),
        (GOOD_ROW, "doppelte Zeile"),
    ],
)
def test_bad_rows_name_the_line(write, row, reason):
    text = f"# Quelle: Test\n{HEADER}\n{GOOD_ROW}\n{row}\n"
    with pytest.raises(ParseError, match=reason) as info:
        parse_file(write("t.csv", text))
    assert info.value.line == 4


def test_pattern_classification_and_year_period(write):
    rows = [
        "LOCAL-AUSBILDUNGSMARKT;2023/24;AA_DETMOLD;Agentur Detmold;applicants;26;Anzahl;310",
        "LOCAL-AUSBILDUNGSMARKT;2023/24;AA_DETMOLD;Agentur Detmold;applicants;INSGESAMT;Anzahl;2339",
    ]
    table = parse_file(write("a.csv", "\n".join([HEADER, *rows]) + "\n")).table
    assert table.occupation_group.tolist() == ["26", "INSGESAMT"]
    vhs = parse_file(
        write("v.csv", f"{HEADER}\nLOCAL-VHS;2024;05766;Lippe;hours;INSGESAMT;Unterrichtsstunden;51000\n")
    )
    assert (vhs.table.time_code[0], vhs.table.period[0], vhs.table.program_area[0]) == (
        "JAHR",
        "2024",
        "INSGESAMT",
    )


def test_kreisjugendamt_key(write):
    text = f"{HEADER}\nLOCAL-KITA;2024/25;JA05766K;Kreisjugendamt Lippe;places;u3;Anzahl;1500\n"
    assert parse_file(write("k.csv", text)).table.ags.tolist() == ["JA05766K"]


def test_unknown_table_code(write):
    text = f"{HEADER}\nLOCAL-XYZ;2024/25;05766;Lippe;places;u3;Anzahl;1\n"
    with pytest.raises(ParseError, match="unbekannter Tabellencode 'LOCAL-XYZ'") as info:
        parse_file(write("x.csv", text))
    assert info.value.line == 2


def test_wrong_header(write):
    with pytest.raises(ParseError, match="Kopfzeile muss lauten") as info:
        parse_file(write("h.csv", "# Stand: 2025-03-01\ntable;period\n"))
    assert info.value.line == 2
