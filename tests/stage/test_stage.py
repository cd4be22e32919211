"""etl/stage.py: both shapes of a table (Tabellen-CSV labels, ffcsv codes) give the same stage rows;
unneeded breakdowns keep their total only; unknown labels are reported, never summed; revisions."""

from pathlib import Path

import duckdb
import pytest

from etl.build import CATALOGUE_DIR, SQL_DIR, read_catalogue
from etl.load import load_raw
from etl.parse import parse_file_arrow
from etl.stage import age_bounds_of_code, age_bounds_of_label, build_stage

FOOTER = ('__________\n"© Statistische Ämter des Bundes und der Länder, Deutschland, 2026.\n'
          'Dieses Werk ist lizenziert unter der Datenlizenz Deutschland\n- Namensnennung - Version 2.0."\n')

# 13211-02-05-4 as the Regionaldatenbank exports it (header rows as in a 2026 download; own numbers)
UNEMPLOYMENT_TABELLEN = (
    "Tabelle: 13211-02-05-4\n"
    "Arbeitslose nach ausgewählten Personengruppen sowie;;;;;;;;;;;;\n"
    "Arbeitslosenquoten - Jahresdurchschnitt - (ab 2009);;;;;;;;;;;;\n"
    "regionale Tiefe:;;;;;;;;;;;;\nKreise und krfr. Städte;;;;;;;;;;;;\n"
    "Arbeitsmarktstatistik der Bundesagentur für Arbeit;;;;;;;;;;;;\n"
    ";;;Arbeitslose;Arbeitslose;Arbeitslose;Arbeitslosenquote bez. abh. zivile Erwerbspers.;"
    "Arbeitslosenquote bez. auf alle zivile Erwerbsp.;Arbeitslosenquote bez. auf alle zivile Erwerbsp.;"
    "Arbeitslosenquote bez. auf alle zivile Erwerbsp.\n"
    ";;;;ausländisch;15 bis unter 25 Jahre;;;ausländisch;15 bis unter 25 Jahre\n"
    ";;;Anzahl;Anzahl;Anzahl;Prozent;Prozent;Prozent;Prozent\n"
    "2025;05;  Nordrhein-Westfalen;770000;300000;70000;7,9;7,4;17,0;6,9\n"
    "2025;05766;      Lippe, Kreis;11000;3300;1200;6,4;6,0;18,5;5,7\n"
    + FOOTER + "Stand: 26.02.2026 / 15:28:28\n")

# 21111-02-06-4: "dar." column and a sex breakdown the core does not use
LEAVERS_TABELLEN = (
    "GENESIS-Tabelle: 21111-02-06-4\n"
    "Absolvierende/Abgehende allgemeinbildender Schulen nach;;;;;;\n"
    "Geschlecht und Abschlussarten - Schuljahr - regionale Tiefe:;;;;;;\nKreise und krfr. Städte;;;;;;\n"
    "Statistik der allgemeinbildenden Schulen;;;;;;\nAbsolvierende/Abgehende (Anzahl);;;;;;\n"
    ";;;Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss;"
    "Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss;"
    "Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss;"
    "Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss\n"
    ";;;Insgesamt;Insgesamt;ohne Hauptschulabschluss;dar. schulischer Teil der Fachhochschulreife\n"
    ";;;Insgesamt;weiblich;Insgesamt;Insgesamt\n"
    "2023;05766;      Lippe, Kreis;3700;1800;270;115\n"
    + FOOTER + "Stand: 13.03.2025 / 16:40:08\n")

# 12411-01-01-4 as flat file v5 with an extra breakdown (NAT) the catalogue marks unused
POPULATION_FFCSV = (
    "\ufeffstatistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;"
    "1_variable_attribute_code;1_variable_attribute_label;2_variable_code;2_variable_label;"
    "2_variable_attribute_code;2_variable_attribute_label;3_variable_code;3_variable_label;"
    "3_variable_attribute_code;3_variable_attribute_label;value;value_unit;value_variable_code;"
    "value_variable_label\n"
    + "".join(f"12411;Fortschreibung des Bevölkerungsstandes;STAG;Stichtag;2024-12-31;KREISE;Kreise und"
              f" kreisfreie Städte;05766;Lippe, Kreis;GES;Geschlecht;{g};{gl};NAT;Nationalität;{n};{nl};"
              f"{v};Anzahl;BEVSTD;Bevölkerungsstand\n"
              for g, gl, n, nl, v in [("", "Insgesamt", "", "Insgesamt", 340000),
                                      ("GESW", "weiblich", "", "Insgesamt", 172000),
                                      ("", "Insgesamt", "NATA", "Ausländer", 40000)]))


def _build(folder: Path, files: dict[str, str], encoding: str = "cp1252"
           ) -> tuple[duckdb.DuckDBPyConnection, list]:
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8" if name.endswith("_flat.csv") else encoding))
    con = duckdb.connect()
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    rows, findings = load_raw(con, folder, parse_file_arrow, progress=lambda _: None)
    assert rows and not findings
    return con, build_stage(con, read_catalogue(CATALOGUE_DIR))


def test_tabellen_labels_become_codes_per_value_variable(tmp_path):
    con, findings = _build(tmp_path, {"13211-02-05-4.csv": UNEMPLOYMENT_TABELLEN})
    rows = con.execute('SELECT value_code, "ERWAQ7_key", "ERWAQ8_key", value FROM stage."13211-02-05-4"'
                       " WHERE ags = '05766' ORDER BY 1, 2, 3").fetchall()
    # "ausländisch" and "15 bis unter 25 Jahre" belong to ERWAQ7 for counts and ERWAQ8 for rates
    assert rows == [("ERWP06", "foreign", "total", 3300.0), ("ERWP06", "total", "total", 11000.0),
                    ("ERWP06", "u25", "total", 1200.0), ("ERWP09", "total", "total", 6.4),
                    ("ERWP10", "total", "foreign", 18.5), ("ERWP10", "total", "total", 6.0),
                    ("ERWP10", "total", "u25", 5.7)]


def test_breakdown_of_another_value_variable_is_reported(tmp_path):
    # "schwerbehindert" exists for counts (ERWAQ7) only, not for rates (ERWAQ8)
    text = UNEMPLOYMENT_TABELLEN.replace(";;;;ausländisch;15 bis unter 25 Jahre;;;ausländisch;",
                                         ";;;;ausländisch;15 bis unter 25 Jahre;;;schwerbehindert;")
    con, findings = _build(tmp_path, {"13211-02-05-4.csv": text})
    [finding] = [f for f in findings if f.rule == "stage_unmapped"]
    assert "ARBEITSLOS06 passt nicht zum Wertmerkmal ERWP10" in finding.message
    rates = con.execute('SELECT "ERWAQ8_key" FROM stage."13211-02-05-4" WHERE value_code = \'ERWP10\''
                        " AND ags = '05766' ORDER BY 1").fetchall()
    assert rates == [("total",), ("u25",)]  # the mismatched column is left out, not summed


def test_unused_breakdown_keeps_total_and_darunter_is_its_own_key(tmp_path):
    con, findings = _build(tmp_path, {"21111-02-06-4.csv": LEAVERS_TABELLEN})
    rows = con.execute('SELECT "BILAG2_key", value FROM stage."21111-02-06-4" ORDER BY 1').fetchall()
    assert rows == [("fhr_schulisch", 115.0), ("ohne_esa", 270.0), ("total", 3700.0)]  # no "weiblich"


def test_flat_file_extra_classification_is_not_summed(tmp_path):
    con, findings = _build(tmp_path, {"12411-01-01-4_1740000000000_de_flat.csv": POPULATION_FFCSV})
    rows = con.execute('SELECT "GES_key", value FROM stage."12411-01-01-4" ORDER BY 1').fetchall()
    assert rows == [("f", 172000.0), ("total", 340000.0)]  # the NAT=NATA row is left out


def test_unknown_label_is_reported_with_file_and_line(tmp_path):
    text = LEAVERS_TABELLEN.replace("ohne Hauptschulabschluss", "ohne Abschluss (neu)")
    con, findings = _build(tmp_path, {"21111-02-06-4.csv": text})
    [finding] = [f for f in findings if f.rule == "stage_unmapped"]
    assert finding.file_name == "21111-02-06-4.csv" and finding.line == 10
    assert "ohne Abschluss (neu)" in finding.message
    keys = {r[0] for r in con.execute('SELECT "BILAG2_key" FROM stage."21111-02-06-4"').fetchall()}
    assert keys == {"total", "fhr_schulisch"}


def _table_type(con: duckdb.DuckDBPyConnection, code: str) -> str:
    return con.execute("SELECT table_type FROM information_schema.tables WHERE table_schema = 'stage'"
                       " AND table_name = ?", [code]).fetchone()[0]


def test_stage_is_a_view_of_raw_and_its_mapping(tmp_path):
    con, _ = _build(tmp_path, {"21111-02-06-4.csv": LEAVERS_TABELLEN})
    assert _table_type(con, "21111-02-06-4") == "VIEW"  # no stored copy of raw
    mapped = con.execute('SELECT "BILAG2_key" FROM stage_mapping."21111-02-06-4" ORDER BY 1').fetchall()
    assert mapped == [("fhr_schulisch",), ("ohne_esa",), ("total",)]  # one row per combination
    con.execute('UPDATE raw."21111-02-06-4" SET value = value + 1')
    assert con.execute('SELECT value FROM stage."21111-02-06-4" WHERE "BILAG2_key" = \'total\''
                       ).fetchall() == [(3701.0,)]


def test_second_delivery_keeps_newer_stand_and_records_revision(tmp_path):
    old = LEAVERS_TABELLEN.replace(";3700;", ";3720;")
    newer = LEAVERS_TABELLEN.replace("Stand: 13.03.2025", "Stand: 13.03.2026")
    con, findings = _build(tmp_path, {"a_21111-02-06-4.csv": newer, "b_21111-02-06-4.csv": old})
    assert con.execute('SELECT value FROM stage."21111-02-06-4" WHERE "BILAG2_key" = \'total\''
                       ).fetchall() == [(3700.0,)]
    assert _table_type(con, "21111-02-06-4") == "BASE TABLE"  # the kept rows only
    assert con.execute("SELECT value, previous_value, stand FROM meta.revisions").fetchall() == [
        (3700.0, 3720.0, "2026-03-13T16:40:08")]
    [finding] = [f for f in findings if f.rule == "revision"]
    assert finding.file_name == "a_21111-02-06-4.csv, b_21111-02-06-4.csv"
    assert finding.message.startswith("3 Werte mehrfach geliefert, davon 1 mit anderem Wert")


@pytest.mark.parametrize(("label", "bounds"), [
    ("unter 3 Jahre", (0, 3)), ("unter 1 Jahr", (0, 1)), ("3 bis unter 6 Jahre", (3, 6)),
    ("75 Jahre und mehr", (75, None)), ("90 Jahre und mehr", (90, None)), ("Insgesamt", None)])
def test_age_labels(label, bounds):
    assert age_bounds_of_label(label) == bounds


@pytest.mark.parametrize(("code", "bounds"), [
    ("ALT003B06", (3, 6)), ("ALT075UM", (75, None)), ("ALT014", (14, 15)), ("INSGESAMT", None)])
def test_age_codes(code, bounds):
    assert age_bounds_of_code(code) == bounds
