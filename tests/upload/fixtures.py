"""Small hand-written files in the official formats for the upload tests (no copies of real files)."""

from pathlib import Path

STATISTIC = "Arbeitsmarktstatistik der Bundesagentur für Arbeit"
#: flat file (ffcsv v5) as the web service delivers 13211-02-05-4 (catalogue/sources.toml)
FFCSV5_HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;"
    "1_variable_attribute_code;1_variable_attribute_label;2_variable_code;2_variable_label;"
    "2_variable_attribute_code;2_variable_attribute_label;value;value_unit;value_variable_code;"
    "value_variable_label"
)
REGIONS = {"DG": "Deutschland", "05": "Nordrhein-Westfalen", "05766": "      Lippe, Kreis"}
#: group -> (attribute code, label) of the counts (ERWP06 × ERWAQ7) and of the rates (ERWP10 × ERWAQ8);
#: the total is the empty attribute code
GROUPS = {"total": (("", "Insgesamt"), ("", "Insgesamt")),
          "u25": (("ARBEITSLOS13", "15 bis unter 25 Jahre"), ("ARBEITSQUO09", "15 bis unter 25 Jahre"))}
COUNT = ("ERWAQ7;Personengruppen (Arbeitslose)", "Anzahl;ERWP06;Arbeitslose")
RATE = ("ERWAQ8;Personengruppen (Quoten)", "Prozent;ERWP10;Arbeitslosenquote bez. auf alle zivile Erwerbsp.")
#: (ags, year, group) -> (unemployed, rate) cells as delivered; Lippe's youth figures of 2024 are secret
CELLS = {
    ("DG", 2023, "total"): ("2608672", "5,7"), ("DG", 2023, "u25"): ("216183", "4,9"),
    ("DG", 2024, "total"): ("2787247", "6,0"), ("DG", 2024, "u25"): ("243870", "5,4"),
    ("05", 2023, "total"): ("700142", "7,2"), ("05", 2023, "u25"): ("58122", "6,3"),
    ("05", 2024, "total"): ("745011", "7,5"), ("05", 2024, "u25"): ("63480", "6,8"),
    ("05766", 2023, "total"): ("11987", "6,9"), ("05766", 2023, "u25"): ("1402", "7,4"),
    ("05766", 2024, "total"): ("12345", "7,1"), ("05766", 2024, "u25"): (".", "."),
}
#: Kreis Lippe, unemployment rate 2024 as in CELLS
LIPPE_RATE_2024 = 7.1
#: physical line of the first Lippe row (header, then a count and a rate line per cell of DG and NRW)
LIPPE_FIRST_LINE = 1 + 2 * sum(1 for ags, _, _ in CELLS if ags != "05766") + 1


def unemployment_text(synthetic: bool = False) -> str:
    """13211-02-05-4 (Arbeitslose, Jahresdurchschnitt) as the flat file (ffcsv v5) of the web service."""
    label = f"{STATISTIC} [SYNTHETISCHE DEMODATEN]" if synthetic else STATISTIC
    lines = [FFCSV5_HEADER]
    for (ags, year, group), cells in CELLS.items():
        for (variable, value_variable), (code, attribute), cell in zip((COUNT, RATE), GROUPS[group], cells,
                                                                       strict=True):
            lines.append(f"13211;{label};JAHR;Jahr;{year};KREISE;Kreise und kreisfreie Städte;{ags};"
                         f"{REGIONS[ags]};{variable};{code};{attribute};{cell};{value_variable}")
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
