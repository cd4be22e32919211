"""Render a TableData in the official file formats (text + the physical line of every cell)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import numpy as np

from etl.demo.catalogue import Geography
from etl.demo.layouts import FFCSV_ATTRIBUTE_LABELS, FFCSV_EXPLICIT_TOTAL, FFCSV_LABELS, FFCSV_ORDER, LAYOUTS
from etl.demo.table import TableData, is_total, parse_col

MARKER = "SYNTHETISCHE DEMODATEN"
#: Statistic (first five digits of the table code) -> label as in the ffcsv files.
STATISTICS = {
    "12411": "Fortschreibung des Bevölkerungsstandes",
    "13111": "Beschäftigungsstatistik der Bundesagentur für Arbeit",
    "13211": "Arbeitsmarktstatistik der Bundesagentur für Arbeit",
    "21111": "Statistik der allgemeinbildenden Schulen",
    "21121": "Statistik der beruflichen Schulen",
    "21311": "Statistik der Studierenden",
    "22541": "Statistik der Tageseinrichtungen für Kinder",
    "22543": "Statistik der Kinder und tätigen Personen in Tageseinrichtungen und Kindertagespflege",
}
FFCSV5_HEAD = "statistics_code;statistics_label;time_code;time_label;time"
FOOTNOTE = (
    "SYNTHETISCHE DEMODATEN: Diese Datei wurde vom Bildungsmonitor {home}\n"
    "künstlich erzeugt. Die Zahlen sind keine amtlichen Ergebnisse."
)
COPYRIGHT = {
    "regionalstatistik": (
        '"© Statistische Ämter des Bundes und der Länder, Deutschland, {year}.\n'
        "Dieses Werk ist lizenziert unter der Datenlizenz Deutschland\n"
        '- Namensnennung - Version 2.0."'
    ),
    "ldbnrw": (
        "© IT.NRW, Düsseldorf, {year}. Dieses Werk ist lizenziert unter der Datenlizenz Deutschland - "
        "Namensnennung - Version 2.0."
    ),
}


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


def _cell_lines(shape: tuple[int, int, int], first: int) -> np.ndarray:
    """Physical line numbers of every cell for period-major, one cell per line."""
    regions, periods, cols = shape
    p, r, c = np.meshgrid(np.arange(periods), np.arange(regions), np.arange(cols), indexing="ij")
    return (first + (p * regions + r) * cols + c).transpose(1, 0, 2)


def _chunks(
    head: list[str], body: Callable[[int], list[str]], periods: int, tail: list[str]
) -> Iterator[str]:
    """The file text in pieces (head, one piece per period, tail) to keep memory flat."""
    yield "\n".join(head) + "\n"
    for p in range(periods):
        yield "".join(line + "\n" for line in body(p))
    yield "".join(line + "\n" for line in tail)


def _ffcsv_attribute(code: str, cls: dict, attr: str) -> tuple[str, str]:
    """Attribute code and label in a v5 flat file: totals have an empty code (FFCSV_EXPLICIT_TOTAL aside)."""
    if is_total(attr) and code not in FFCSV_EXPLICIT_TOTAL:
        return "", "Insgesamt"
    return attr, FFCSV_ATTRIBUTE_LABELS.get(attr, cls["attributes"][attr])


def ffcsv5(td: TableData, geo: Geography) -> tuple[Iterator[str], np.ndarray]:
    spec = td.spec
    order = FFCSV_ORDER.get(td.code, list(spec["classes"]))
    head = [FFCSV5_HEAD] + [
        f"{n}_variable_code;{n}_variable_label;{n}_variable_attribute_code;{n}_variable_attribute_label"
        for n in range(1, len(order) + 2)
    ]
    head.append("value;value_unit;value_variable_code;value_variable_label")
    values = {v["code"]: v for v in spec["values"]}
    col_text = []
    for value, pairs in td.cols:
        chosen = dict(pairs)
        parts = []
        for code in order:
            cls = spec["classes"][code]
            attr, label = _ffcsv_attribute(code, cls, chosen.get(code, "INSGESAMT"))
            parts.append(f"{code};{q(FFCSV_LABELS.get(code, cls['label']))};{attr};{q(label)};")
        var = values[value]
        col_text.append(("".join(parts), f";{var['unit']};{var['code']};{q(var['label'])}"))
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
    return chunks, _cell_lines(td.values.shape, 2)


def layout_columns(code: str, spec: dict) -> list[tuple]:
    """Column keys of the layout; a classification code stands for all its attributes."""
    layout = LAYOUTS[code]
    if isinstance(layout["columns"], str):
        cls, value = layout["columns"], spec["values"][0]["code"]
        return [parse_col(f"{value}|{cls}={a}") for a in spec["classes"][cls]["attributes"]]
    return [parse_col(text) for text in layout["columns"]]


def _header_cell(kind: str, key: tuple, spec: dict, layout: dict) -> str:
    """Text of one header cell; `a+b` is the first non-empty of the kinds a and b."""
    if "+" in kind:
        return next((t for k in kind.split("+") if (t := _header_cell(k, key, spec, layout))), "")
    value, _pairs = key
    var = next(v for v in spec["values"] if v["code"] == value)
    if kind in ("value", "unit"):
        return var["label"] if kind == "value" else var["unit"]
    if kind == "stat":
        return layout["stat"][value]
    if kind.startswith("text:"):
        return kind[5:]
    what, _, code = kind.partition(":")
    chosen = dict(_explicit(layout, spec, key))
    if code:
        chosen = {code: chosen[code]} if code in chosen else {}
    if not chosen:
        return ""
    code = code or next(iter(chosen))
    cls = spec["classes"][code]
    return cls["label"] if what == "class" else cls["attributes"][chosen[code]]


def _explicit(layout: dict, spec: dict, key: tuple) -> list[tuple[str, str]]:
    """(classification, attribute) pairs of a column as the layout writes them, totals included."""
    if isinstance(layout["columns"], str):
        cls = layout["columns"]
        total = next(a for a in spec["classes"][cls]["attributes"] if is_total(a))
        return list(key[1]) or [(cls, total)]
    text = next(t for t in layout["columns"] if parse_col(t) == key)
    return [tuple(p.split("=", 1)) for p in text.split("|")[1:]]


def _row_attributes(layout: dict, spec: dict) -> list[tuple[str, str]]:
    """Attributes of the row classification, the total last (as in the real files)."""
    if "row" not in layout:
        return [("", "")]
    attrs = list(spec["classes"][layout["row"]]["attributes"].items())
    return [a for a in attrs if not is_total(a[0])] + [a for a in attrs if is_total(a[0])]


def _region_cells(geo: Geography, layout: dict, ags: str) -> str:
    if layout.get("names_only"):
        return ldb_label(geo, ags)
    if layout["regions"] == "ldb":
        return f"{ags};{ldb_label(geo, ags)}"
    indent = {"bund": 0, "land": 2, "rb": 4, "kreis": 6, "gemeinde": 8}
    return f"{ags};{' ' * indent['bund' if ags == 'DG' else geo.level[ags]]}{ffcsv_label(geo, ags)}"


def _row_cells(layout: dict, code: str, label: str) -> str:
    if "row" not in layout:
        return ""
    return f"{code if not is_total(code) else ''};{label};" if layout.get("row_code") else f"{label};"


def _title_block(td: TableData, layout: dict, pad: str) -> list[str]:
    lines = [f"{layout['first']}: {td.code}"] + [t + pad for t in layout["title"]]
    statistic = layout.get("statistic")
    if statistic:
        lines.append(f"{statistic} [{MARKER}]{pad}")
    else:
        lines[-1] = f"{layout['title'][-1]} [{MARKER}]{pad}"
    if layout.get("value_line"):
        lines.append(layout["value_line"] + pad)
    return lines


def tabellen_csv(td: TableData, geo: Geography, stand: datetime) -> tuple[Iterator[str], np.ndarray]:
    """The print layout of the real download (layouts.py) filled with the synthetic cells."""
    spec, layout = td.spec, LAYOUTS[td.code]
    keys, rows = layout_columns(td.code, spec), _row_attributes(layout, spec)
    dims = 3 + ("row" in layout) + bool(layout.get("row_code")) - bool(layout.get("names_only"))
    pad = ";" * (dims + len(keys) - 1)
    lines = _title_block(td, layout, pad)
    lines += [
        ";" * dims + ";".join(q(_header_cell(kind, k, spec, layout)) for k in keys)
        for kind in layout["header"]
    ]
    first_data = len(lines) + 1
    index, rowpos = _cell_index(td, layout, keys, rows)
    regions = [_region_cells(geo, layout, ags) for ags in td.regions]
    row_text = [_row_cells(layout, code, label) for code, label in rows]

    def body(p: int) -> list[str]:
        cells = td.cell_text(p)
        return [
            f"{td.periods[p]};{regions[r]};{row_text[a]}" + ";".join(cells[r][i] for i in index[a])
            for r in range(len(td.regions))
            for a in range(len(rows))
        ]

    notes = [FOOTNOTE.format(home=geo.name[geo.home])]
    notes += [layout["footnote"]] if "footnote" in layout else []
    tail = [
        "__________",
        '"' + "\n\n".join(notes) + '"',
        COPYRIGHT[spec["provider"]].format(year=stand.year),
        stand.strftime("Stand: %d.%m.%Y / %H:%M:%S"),
    ]
    regions_n, periods_n, _ = td.values.shape
    p, r = np.meshgrid(np.arange(periods_n), np.arange(regions_n), indexing="ij")
    base = (p * regions_n + r).T[:, :, None] * len(rows)
    return _chunks(lines, body, periods_n, tail), first_data + base + rowpos[None, None, :]


def _cell_index(td: TableData, layout: dict, keys: list[tuple], rows: list) -> tuple[list, np.ndarray]:
    """Per row attribute the TableData column of every layout column, and the row of every column."""
    position = {key: i for i, key in enumerate(td.cols)}
    rowpos = np.full(len(td.cols), -1)
    index = []
    for a, (attr, _label) in enumerate(rows):
        extra = () if "row" not in layout or is_total(attr) else ((layout["row"], attr),)
        found = [position[(v, tuple(sorted(pairs + extra)))] for v, pairs in keys]
        rowpos[found] = a
        index.append(found)
    if (rowpos < 0).any():
        raise ValueError(f"{td.code}: columns not in the layout: {td.cols[int(np.argmax(rowpos < 0))]}")
    return index, rowpos


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

    return _chunks(lines, body, len(td.periods), []), _cell_lines(td.values.shape, 6)
