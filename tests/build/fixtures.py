"""Small source files in the official formats, written from compact data (own synthetic values).

`write_sources(folder)` writes a consistent set: no errors, no warnings. Tests change single lines
to provoke findings.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

FF5_HEADER = ("statistics_code;statistics_label;time_code;time_label;time;"
              "1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;"
              "{groups}value;value_unit;value_variable_code;value_variable_label")
LIPPE_GEMEINDEN = [f"05766{n:03d}" for n in range(4, 65, 4)]
#: Gemeinde totals of the population fixture (sum 1000 = Kreis value in 12411-02-03-4)
GEMEINDE_POP = {ags: 60 for ags in LIPPE_GEMEINDEN[:-1]} | {LIPPE_GEMEINDEN[-1]: 100}


def _group_header(n: int) -> str:
    return "".join(f"{i}_variable_code;{i}_variable_label;{i}_variable_attribute_code;"
                   f"{i}_variable_attribute_label;" for i in range(2, n + 2))


def write_ffcsv5(path: Path, stat: str, time_code: str, groups: list[str], rows: list[tuple]) -> Path:
    """rows: (time, ags, region label, [attribute code per group], value cell, unit, var code, var label)."""
    lines = [FF5_HEADER.format(groups=_group_header(len(groups)))]
    for time, ags, label, attrs, cell, unit, var, var_label in rows:
        cells = [stat, "Statistik", time_code, "Zeit", time, "KREISE", "Kreise und kreisfreie Städte", ags,
                 label]
        for code, attr in zip(groups, attrs, strict=True):
            cells += [code, code, attr, attr or "Insgesamt"]
        cells += [cell, unit, var, var_label]
        lines.append(";".join(cells))
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def write_tabellen(path: Path, code: str, title: str, headers: list[list[str]], rows: list[list[str]],
                   dims: int = 3) -> Path:
    """Tabellen-CSV (cp1252): header rows (one label per value column), data rows (time;ags;label;values)."""
    width = dims + len(headers[0])
    lines = [f"Tabelle: {code}", title + ";" * (width - 1)]
    lines += [";" * dims + ";".join(h) for h in headers]
    lines += [";" * dims + ";".join(["Anzahl"] * len(headers[0]))]
    lines += [";".join(r) for r in rows]
    lines += ["__________", "© Testdaten, 2026. SYNTHETISCHE DEMODATEN", "Stand: 16.02.2026 / 12:15:28"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def write_template(path: Path, rows: list[str]) -> Path:
    text = ["# Quelle: Testdaten", "# Stand: 2025-03-01",
            "table_code;period;ags;region;variable;classification;unit;value", *rows]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def population_kreise(folder: Path) -> Path:
    """12411-02-03-4: Lippe 2024 by sex and 3 age groups (parts add up); Bielefeld with '-' and '.'."""
    ages = {"": 1000, "ALT000B03": 100, "ALT003B06": 200, "ALT075UM": 700}
    rows = []
    for sex, share in (("", 1.0), ("GESM", 0.5), ("GESW", 0.5)):
        for age, value in ages.items():
            rows.append(("2024-12-31", "05766", "Lippe, Kreis", [sex, age], f"{value * share:g}",
                         "Anzahl", "BEVSTD", "Bevölkerungsstand"))
    rows.append(("2024-12-31", "05711", "Bielefeld, krfr. Stadt", ["", "ALT000B03"], ".", "Anzahl", "BEVSTD",
                 "Bevölkerungsstand"))
    rows.append(("2024-12-31", "05711", "Bielefeld, krfr. Stadt", ["", "ALT003B06"], "-", "Anzahl", "BEVSTD",
                 "Bevölkerungsstand"))
    return write_ffcsv5(folder / "12411-02-03-4_flat.csv", "12411", "STAG", ["GES", "ALTX14"], rows)


def population_gemeinden(folder: Path) -> Path:
    """12411-09i: Kreis (dropped: covered by 12411-02-03-4) and 16 Gemeinden, single years."""
    header = [["Bevölkerungsstand (Basis Zensus 2022 und früher)"] * 4,
              ["Insgesamt", "unter 1 Jahr", "1 bis unter 90 Jahre", "90 Jahre und mehr"]]
    rows = [["31.12.2024", "05766", "    Lippe, Kreis", "1000", "10", "980", "10"]]
    for ags, total in GEMEINDE_POP.items():
        rows.append(["31.12.2024", ags, f"      Gemeinde {ags[-3:]}", str(total), "1", str(total - 2), "1"])
    return write_tabellen(folder / "12411-09i.csv", "12411-09i",
                          "Bevölkerungsstand nach Altersjahren (90) - Gemeinden - Stichtag", header, rows)


def pupils(folder: Path) -> Path:
    """21111-01i: Lippe and two Gemeinden, school year 2024/25, multiples of 5 (parts within ±5 each)."""
    labels = ["Grundschule", "Gymnasium", "Förderschule", "Insgesamt"]
    rows = [["2024/25", "05766", "Lippe, Kreis", "12000", "9000", "1005", "22000"],
            ["2024/25", "05766020", "  Detmold", "2500", "2000", "x", "4500"],
            ["2024/25", "05766044", "  Lemgo", "1500", "1200", "100", "2800"]]
    return write_tabellen(folder / "21111-01i.csv", "21111-01i", "Schüler/-innen - Gemeinden - Schuljahr",
                          [["Schüler/-innen"] * 4, labels], rows)


def apprentices(folder: Path) -> Path:
    """21211-01i: two header levels (Auszubildende | area, Neu abgeschlossene … | area)."""
    top = ["Auszubildende"] * 3 + ["Neu abgeschlossene Ausbildungsverträge"] * 3
    areas = ["Industrie und Handel", "Handwerk", "Insgesamt"] * 2
    rows = [["31.12.2024", "05766", "Lippe, Kreis", "3000", "1500", "4500", "1200", "600", "1800"]]
    return write_tabellen(folder / "21211-01i.csv", "21211-01i", "Auszubildende - Kreise - Stichtag 31.12.",
                          [top, areas], rows)


def local_kita(folder: Path) -> Path:
    rows = []
    for key, name in (("JA05766K", "Kreisjugendamt Lippe"), ("JA05766020", "Jugendamt Detmold")):
        for var, u3, o3 in (("places", "400", "1200"), ("children_in_care", "380", "1150")):
            rows += [f"LOCAL-KITA;2024/25;{key};{name};{var};u3;Anzahl;{u3}",
                     f"LOCAL-KITA;2024/25;{key};{name};{var};3to6;Anzahl;{o3}"]
    rows.append("LOCAL-KITA;2024/25;05766020;Detmold;places_planned;INSGESAMT;Anzahl;.")
    return write_template(folder / "local_kita.csv", rows)


def students_zip(folder: Path) -> Path:
    """21311-01-01-4 as the web service delivers it: a ZIP with one flat file."""
    groups = ["GESINS", "NAT01", "HS-FG2"]
    inner = write_ffcsv5(folder / "21311-01-01-4_1_de_flat.csv", "21311", "SEMEST", groups, [
        ("2023-10P6M", "05766", "Lippe, Kreis", ["INSGESAMT", "INSGESAMT", "INSGESAMT"], "5000", "Anzahl",
         "HS-W02", "Studierende"),
        ("2023-10P6M", "05766", "Lippe, Kreis", ["INSGESAMT", "INSGESAMT", "HS-FG08"], "2000", "Anzahl",
         "HS-W02", "Studierende"),
        ("2023-10P6M", "05766", "Lippe, Kreis", ["GESW", "INSGESAMT", "HS-FG08"], "700", "Anzahl",
         "HS-W02", "Studierende"),
    ])
    target = folder / "21311-01-01-4.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.write(inner, inner.name)
    inner.unlink()
    return target


def write_sources(folder: Path) -> Path:
    """The complete consistent fixture set."""
    folder.mkdir(parents=True, exist_ok=True)
    for writer in (population_kreise, population_gemeinden, pupils, apprentices, local_kita, students_zip):
        writer(folder)
    return folder
