"""Render a TableData in the official file formats (text + the physical line of every cell)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import numpy as np

from etl.demo.catalogue import Geography
from etl.demo.table import TableData

MARKER = "SYNTHETISCHE DEMODATEN"
#: Statistic (first five digits of the table code) -> label as in GENESIS.
STATISTICS = {
    "12411": "Fortschreibung des Bevölkerungsstandes",
    "12421": "Bevölkerungsvorausberechnung",
    "13111": "Beschäftigungsstatistik der Bundesagentur für Arbeit",
    "13211": "Arbeitsmarktstatistik der Bundesagentur für Arbeit",
    "21111": "Statistik der allgemeinbildenden Schulen",
    "21121": "Statistik der beruflichen Schulen",
    "21211": "Berufsbildungsstatistik",
    "21311": "Statistik der Studierenden",
    "22541": "Statistik der Tageseinrichtungen für Kinder",
    "22543": "Statistik der Kinder und tätigen Personen in Tageseinrichtungen und Kindertagespflege",
}
FFCSV5_HEAD = "statistics_code;statistics_label;time_code;time_label;time"
FFCSV4_HEAD = "Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit"
FOOTNOTE = (
    "SYNTHETISCHE DEMODATEN: Diese Datei wurde vom Bildungsmonitor Lippe\n"
    "künstlich erzeugt. Die Zahlen sind keine amtlichen Ergebnisse."
)


def q(text: str) -> str:
    """Quote a cell as the GENESIS exports do when it holds the separator or a quote."""
    return '"' + text.replace('"', '""') + '"' if ";" in text or '"' in text else text


def statistic_label(code: str) -> str:
    return f"{STATISTICS[code[:5]]} [{MARKER}]"


def ffcsv_label(geo: Geography, ags: str) -> str:
    if ags == "DG":
        return "Deutschland"
    name, level = geo.name[ags], geo.level[ags]
    if level == "rb":
        return f"{name.removeprefix('Regierungsbezirk ')}, Regierungsbezirk"
    if level == "kreis":
        if geo.kind[ags] == "Kreisfreie Stadt":
            return f"{name}, kreisfreie Stadt"
        return name if "kreis" in name.lower() else f"{name}, Kreis"
    return name


def ldb_label(geo: Geography, ags: str) -> str:
    """Landesdatenbank NRW label, indented by level (Land 0, RB 2, Kreis 4, Gemeinde 6 spaces)."""
    level = geo.level[ags]
    label = ffcsv_label(geo, ags).replace(", kreisfreie Stadt", ", krfr. Stadt")
    if level == "gemeinde" and geo.kind[ags] == "Stadt":
        label = f"{label}, Stadt"
    return " " * {"land": 0, "rb": 2, "kreis": 4, "gemeinde": 6}[level] + label


def _cell_lines(shape: tuple[int, int, int], first: int, order: str, cols_per_line: int = 1) -> np.ndarray:
    """Physical line numbers of every cell for period-major ('prc') row order."""
    regions, periods, cols = shape
    p, r, c = np.meshgrid(np.arange(periods), np.arange(regions), np.arange(cols), indexing="ij")
    if order == "prc":
        index = (p * regions + r) * (cols // cols_per_line) + c // cols_per_line
    else:  # "pr": one line per period and region
        index = p * regions + r
    return (first + index).transpose(1, 0, 2)


def _chunks(
    head: list[str], body: Callable[[int], list[str]], periods: int, tail: list[str]
) -> Iterator[str]:
    """The file text in pieces (head, one piece per period, tail) to keep memory flat."""
    yield "\n".join(head) + "\n"
    for p in range(periods):
        yield "".join(line + "\n" for line in body(p))
    yield "".join(line + "\n" for line in tail)


def ffcsv5(td: TableData, geo: Geography) -> tuple[Iterator[str], np.ndarray]:
    spec, classes = td.spec, td.spec["classifications"]
    head = (
        [FFCSV5_HEAD]
        + [
            f"{n}_variable_code;{n}_variable_label;{n}_variable_attribute_code;{n}_variable_attribute_label"
            for n in range(1, len(classes) + 2)
        ]
        + ["value;value_unit;value_variable_code;value_variable_label"]
    )
    labels = [{a[0]: a[1] for a in cls["attributes"]} for cls in classes]
    col_text = []
    for attrs, var in td.cols:
        parts = [
            f"{cls['code']};{q(cls['label'])};{a};{q(lab[a])}"
            for cls, a, lab in zip(classes, attrs, labels, strict=True)
        ]
        value = spec["values"][var]
        col_text.append(
            ("".join(p + ";" for p in parts), f";{value['unit']};{value['code']};{q(value['label'])}")
        )
    time, region = spec["time"], spec["region_variable"]
    stat = f"{td.code[:5]};{statistic_label(td.code)};{time['code']};{time['label']}"
    labels = [ffcsv_label(geo, ags) for ags in td.regions]

    def body(p: int) -> list[str]:
        cells, lines = td.cell_text(p), []
        for r, ags in enumerate(td.regions):
            prefix = f"{stat};{td.periods[p]};{region['code']};{region['label']};{ags};{labels[r]};"
            lines.extend(
                f"{prefix}{cls}{cell}{tail}" for (cls, tail), cell in zip(col_text, cells[r], strict=True)
            )
        return lines

    chunks = _chunks(["\ufeff" + ";".join(head)], body, len(td.periods), [])
    return chunks, _cell_lines(td.values.shape, 2, "prc")


def ascii_label(text: str) -> str:
    for old, new in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
        ("ß", "ss"),
    ):
        text = text.replace(old, new)
    return text.replace(" ", "_")


def ffcsv4(td: TableData, geo: Geography) -> tuple[Iterator[str], np.ndarray]:
    """Old wide flat file: one row per classification combination, one column per value variable."""
    spec, classes = td.spec, td.spec["classifications"]
    values = spec["values"]
    head = (
        [FFCSV4_HEAD]
        + [
            f"{n}_Merkmal_Code;{n}_Merkmal_Label;{n}_Auspraegung_Code;{n}_Auspraegung_Label"
            for n in range(1, len(classes) + 2)
        ]
        + [f"{v['code']}__{ascii_label(v['label'])}__{v['unit']}" for v in values]
    )
    combos = list(dict.fromkeys(attrs for attrs, _ in td.cols))
    labels = [{a[0]: a[1] for a in cls["attributes"]} for cls in classes]
    indent = {"bund": 0, "land": 2, "rb": 4, "kreis": 6}
    time, region = spec["time"], spec["region_variable"]
    stat = f"{td.code[:5]};{statistic_label(td.code)};{time['code']};{time['label']}"
    parts = {
        attrs: ";".join(
            f"{c['code']};{q(c['label'])};{a};{q(lab[a])}"
            for c, a, lab in zip(classes, attrs, labels, strict=True)
        )
        for attrs in combos
    }
    index = {attrs: [td.cols.index((attrs, v)) for v in range(len(values))] for attrs in combos}

    def body(p: int) -> list[str]:
        cells, lines = td.cell_text(p), []
        for r, ags in enumerate(td.regions):
            label = " " * indent[geo.level[ags]] + ffcsv_label(geo, ags)
            prefix = f"{stat};{td.periods[p]};{region['code']};{region['label']};{ags};{label}"
            for attrs in combos:
                lines.append(";".join([prefix, parts[attrs], *(cells[r][i] for i in index[attrs])]))
        return lines

    chunks = _chunks([";".join(head)], body, len(td.periods), [])
    return chunks, _cell_lines(td.values.shape, 2, "prc", cols_per_line=len(values))


def tabellen_csv(td: TableData, geo: Geography, stand: datetime) -> tuple[Iterator[str], np.ndarray]:
    spec = td.spec
    width = 3 + len(td.cols)
    pad = ";" * (width - 1)
    first, _, rest = spec["title"].partition(" - ")
    title = [
        f"Tabelle: {td.code}",
        first + pad,
        f"- {rest}{pad}" if rest else None,
        statistic_label(td.code) + pad,
    ]
    lines = [line for line in title if line is not None]
    for level in range(len(td.cols[0])):
        lines.append(";;;" + ";".join(q(col[level]) for col in td.cols))
    lines.append(";;;" + ";".join([spec["unit"]] * len(td.cols)))
    first_data = len(lines) + 1
    labels = {ags: ldb_label(geo, ags) for ags in td.regions}

    def body(p: int) -> list[str]:
        cells = td.cell_text(p)
        return [
            f"{td.periods[p]};{ags};{labels[ags]};" + ";".join(cells[r]) for r, ags in enumerate(td.regions)
        ]

    notes = [FOOTNOTE] + [spec[key] for key in ("rounding", "breaks") if key in spec]
    attribution = (
        "© IT.NRW, Düsseldorf, {year}. Dieses Werk ist lizenziert unter der Datenlizenz Deutschland - "
        "Namensnennung - Version 2.0."
    )
    tail = [
        "__________",
        '"' + "\n\n".join(notes) + '"',
        attribution.format(year=stand.year),
        stand.strftime("Stand: %d.%m.%Y / %H:%M:%S"),
    ]
    return _chunks(lines, body, len(td.periods), tail), _cell_lines(td.values.shape, first_data, "pr")


def template(
    td: TableData, geo: Geography, schema: dict, source: str, licence: str, stand: datetime
) -> tuple:
    units = schema["variables"]
    lines = [
        f"# {MARKER} - keine amtlichen Zahlen",
        f"# Quelle: {source}",
        f"# Lizenz: {licence}",
        f"# Stand: {stand:%Y-%m-%d}",
        "table_code;period;ags;region;variable;classification;unit;value",
    ]

    def body(p: int) -> list[str]:
        cells, rows = td.cell_text(p), []
        for r, ags in enumerate(td.regions):
            prefix = f"{td.code};{td.periods[p]};{ags};{q(geo.name[ags])};"
            rows.extend(
                f"{prefix}{var};{cls};{units[var]};{cell}"
                for (var, cls), cell in zip(td.cols, cells[r], strict=True)
            )
        return rows

    return _chunks(lines, body, len(td.periods), []), _cell_lines(td.values.shape, 6, "prc")
