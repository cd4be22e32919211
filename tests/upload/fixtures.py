"""Small hand-written files in the official formats for the upload tests (no copies of real files)."""

from pathlib import Path

STATISTIC = "Arbeitsmarktstatistik der Bundesagentur für Arbeit"
FFCSV4_HEADER = (
    "Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;"
    "1_Auspraegung_Code;1_Auspraegung_Label;2_Merkmal_Code;2_Merkmal_Label;2_Auspraegung_Code;"
    "2_Auspraegung_Label;ERW001__Arbeitslose__Anzahl;"
    "ERWP02__Arbeitslosenquote_bezogen_auf_alle_zivilen_Erwerbspersonen__Prozent"
)
REGIONS = {"DG": "Deutschland", "05": "Nordrhein-Westfalen", "05766": "      Lippe, Kreis"}
GROUPS = {"": "Insgesamt", "PERS-U25": "15 bis unter 25 Jahre"}
#: (ags, year, group) -> (unemployed, rate) cells as delivered; Lippe's youth figures of 2024 are secret
CELLS = {
    ("DG", 2023, ""): ("2608672", "5,7"), ("DG", 2023, "PERS-U25"): ("216183", "4,9"),
    ("DG", 2024, ""): ("2787247", "6,0"), ("DG", 2024, "PERS-U25"): ("243870", "5,4"),
    ("05", 2023, ""): ("700142", "7,2"), ("05", 2023, "PERS-U25"): ("58122", "6,3"),
    ("05", 2024, ""): ("745011", "7,5"), ("05", 2024, "PERS-U25"): ("63480", "6,8"),
    ("05766", 2023, ""): ("11987", "6,9"), ("05766", 2023, "PERS-U25"): ("1402", "7,4"),
    ("05766", 2024, ""): ("12345", "7,1"), ("05766", 2024, "PERS-U25"): (".", "."),
}
#: Kreis Lippe, unemployment rate 2024 as in CELLS
LIPPE_RATE_2024 = 7.1


def unemployment_text(synthetic: bool = False) -> str:
    """13211-02-05-4 (Arbeitslose, Jahresdurchschnitt) as an older flat file (ffcsv v4)."""
    label = f"{STATISTIC} [SYNTHETISCHE DEMODATEN]" if synthetic else STATISTIC
    lines = [FFCSV4_HEADER]
    for (ags, year, group), (count, rate) in CELLS.items():
        lines.append(f"13211;{label};JAHR;Jahr;{year};KREISE;Kreise und kreisfreie Städte;{ags};"
                     f"{REGIONS[ags]};PERSGR;Personengruppen;{group};{GROUPS[group]};{count};{rate}")
    return "\n".join(lines) + "\n"


def write_unemployment(folder: Path, name: str = "13211-02-05-4.csv", synthetic: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(unemployment_text(synthetic), encoding="utf-8")
    return path


def template_text(table_code: str, synthetic: bool) -> str:
    """A minimal template CSV (docs/TEMPLATE.md) head: enough for the source selection."""
    comment = "# SYNTHETISCHE DEMODATEN - keine amtlichen Zahlen\n" if synthetic else "# Quelle: Test\n"
    return (comment + "table_code;period;ags;region;variable;classification;unit;value\n"
            f"{table_code};2024;05766;Lippe;hours;;Unterrichtsstunden;100\n")
