"""Write every table of catalogue/sources.toml as a synthetic file in its official format."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from etl.demo import tables_kreise, tables_local, tables_population, tables_school, writers
from etl.demo.catalogue import CATALOGUE_DIR, Geography, germany_geography, home_geography, load_sources
from etl.demo.context import Context, slice_years
from etl.demo.model import YEARS, population
from etl.demo.table import REASONS, TableData
from etl.home import configured_kreis

BUILDERS: dict[str, Callable[[Context], TableData]] = {
    "12411-01-01-4": tables_population.population_sex,
    "12411-02-03-4": tables_population.population_kreise,
    "12411-02-03-5": tables_population.population_gemeinden,
    "12411-04-02-4": tables_population.population_single_years_kreise,
    "12411-09i": tables_population.population_ages,
    "12411-15i": tables_population.population_area,
    "21111-01-03-4": tables_school.pupils,
    "21111-02-06-4": tables_school.leavers_kreise,
    "21121-01-05-4": tables_kreise.vocational,
    "22543-03-01-4": tables_kreise.kita_children,
    "22543-04-01-4": tables_kreise.kita_children_ages,
    "22541-01-04-4": tables_kreise.kita_places,
    "13111-07-05-4": tables_kreise.employees,
    "13111-05-03-4": tables_kreise.employees_ages,
    "13111-54i": tables_kreise.employees_certificates,
    "13211-02-05-4": tables_kreise.unemployment,
    "21311-01-01-4": tables_kreise.students,
    "21311-01-01-4-B": tables_kreise.students_home,
    "LOCAL-KITA": tables_local.kita_local,
    "LOCAL-OGS": tables_local.ogs_local,
    "LOCAL-AUSBILDUNGSMARKT": tables_local.training_market,
    "LOCAL-VHS": tables_local.vhs,
    "LOCAL-VORAUSBERECHNUNG": tables_population.projection,
    "LOCAL-UEBERGAENGE": tables_school.transitions,
    "LOCAL-AUSZUBILDENDE": tables_kreise.apprentices,
    "LOCAL-IABE": tables_kreise.iabe,
}
#: The ffcsv5 tables written as the plain extracted CSV (as the real examples) instead of the ZIP.
PLAIN_FFCSV5 = {"21311-01-01-4", "21311-01-01-4-B"}
#: Years of 12411-02-03-4 at Germany scale (about 1.1 million rows for the benchmark).
GERMANY_POPULATION_YEARS = np.arange(1972, 2026)
MANIFEST = "manifest.json"
README = "README.txt"
SUPPLEMENT = "meta/regions_supplement.csv"


def stand_of(seed: int) -> datetime:
    """A fixed 'Stand' derived from the seed (never the clock), so output is byte-identical."""
    offset = random.Random(seed).randrange(30 * 24 * 3600)
    return datetime(2026, 2, 2, 8, 0, 0, tzinfo=UTC) + timedelta(seconds=offset)


def build_context(seed: int, scale: str, kreis: str | None = None) -> Context:
    """Geography around the home Kreis (default ``etl.home.home_kreis()``), population and generator."""
    rng = np.random.default_rng(seed)
    germany = scale == "germany"
    geo = germany_geography(rng, home=kreis) if germany else home_geography(kreis)
    years = GERMANY_POPULATION_YEARS if germany else YEARS
    pop_long = population(geo, rng, years, with_rest=not germany)
    return Context(
        geo=geo,
        rng=rng,
        sources=load_sources(),
        germany=germany,
        pop=slice_years(pop_long),
        pop_long=pop_long,
        stand=stand_of(seed),
    )


def render(td: TableData, ctx: Context, schema: dict) -> tuple[Iterator[str], np.ndarray, str]:
    """Text (in pieces), line numbers of the cells and encoding of one table."""
    fmt = td.spec["format"]
    if fmt == "ffcsv5":
        return (*writers.ffcsv5(td, ctx.geo), "utf-8")
    if fmt == "tabellen_csv":
        return (*writers.tabellen_csv(td, ctx.geo, ctx.stand), "cp1252")
    provider = ctx.sources["providers"][td.spec["provider"]]
    licence = ctx.sources["licences"][provider["licence"]]["name"]
    text, lines = writers.template(
        td, ctx.geo, schema["tables"][td.code], f"{provider['name']} (synthetisch)", licence, ctx.stand
    )
    return text, lines, "utf-8"


def write_table(out: Path, td: TableData, chunks: Iterator[str], encoding: str, epoch_ms: int) -> tuple:
    """Write the file (ZIP for ffcsv5) piece by piece; returns file name and ZIP member name."""
    if td.spec["format"] != "ffcsv5" or td.code in PLAIN_FFCSV5:
        name = f"{td.code}_{epoch_ms}_de_flat.csv" if td.spec["format"] == "ffcsv5" else f"{td.code}.csv"
        with open(out / name, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode(encoding))
        return name, None
    member = f"{td.code}_{epoch_ms}_de_flat.csv"
    info = zipfile.ZipInfo(member, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
    with zipfile.ZipFile(out / f"{td.code}.zip", "w") as archive, archive.open(info, "w") as handle:
        for chunk in chunks:
            handle.write(chunk.encode(encoding))
    return f"{td.code}.zip", member


def symbol_entries(td: TableData, lines: np.ndarray, file_name: str) -> list[dict]:
    """Manifest entries for every deliberately set symbol except '-' (true zero)."""
    entries = []
    for r, p, c in zip(*np.nonzero((td.symbols != "") & (td.symbols != "-")), strict=True):
        symbol = str(td.symbols[r, p, c])
        entries.append(
            {
                "file": file_name,
                "table_code": td.code,
                "line": int(lines[r, p, c]),
                "period": td.periods[p],
                "ags": td.regions[r],
                "column": list(_jsonable(td.cols[c])),
                "symbol": symbol,
                "reason": REASONS[symbol],
            }
        )
    return entries


def _jsonable(key: tuple) -> list:
    return [list(k) if isinstance(k, tuple) else k for k in key]


def _data_rows(td: TableData, lines: np.ndarray) -> int:
    regions, periods, cols = td.values.shape
    if td.spec["format"] == "tabellen_csv":
        return int(np.unique(lines).size)
    return regions * periods * cols


def _clear_previous(out: Path) -> None:
    manifest = out / MANIFEST
    if manifest.exists():
        for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]:
            (out / entry["file"]).unlink(missing_ok=True)
        (out / SUPPLEMENT).unlink(missing_ok=True)


def generate(
    out: Path,
    seed: int = 2026,
    scale: str = "lippe",
    log: Callable[[str], None] = print,
    kreis: str | None = None,
) -> dict:
    """Write all demo files for the home Kreis `kreis` (default ``etl.home.home_kreis()``) into `out`;
    returns the manifest."""
    ctx = build_context(seed, scale, kreis)
    out.mkdir(parents=True, exist_ok=True)
    _clear_previous(out)
    home = f"{ctx.geo.name[ctx.home]} ({ctx.home})"
    log(f"Demodaten: Seed {seed}, Umfang {scale}, Heimatkreis {home}, Ziel {out}")
    with open(CATALOGUE_DIR / "template_schema.toml", "rb") as handle:
        schema = tomllib.load(handle)
    codes = [t["code"] for t in ctx.sources["table"]]
    missing = [c for c in codes if c not in BUILDERS]
    if missing:
        raise ValueError(f"catalogue/sources.toml: no demo generator for table(s) {', '.join(missing)}")
    files, symbols = [], []
    base_ms = int(ctx.stand.timestamp() * 1000)
    for number, code in enumerate(codes, start=1):
        td = BUILDERS[code](ctx)
        text, lines, encoding = render(td, ctx, schema)
        name, member = write_table(out, td, text, encoding, base_ms + number * 1379)
        digest = hashlib.sha256((out / name).read_bytes()).hexdigest()
        rows = _data_rows(td, lines)
        files.append(
            {
                "file": name,
                "member": member,
                "table_code": code,
                "format": td.spec["format"],
                "encoding": encoding,
                "rows": rows,
                "sha256": digest,
            }
        )
        symbols += symbol_entries(td, lines, member or name)
        log(f"  [{number:2d}/{len(codes)}] {code:<24} {td.spec['format']:<13} {rows:>9,} Zeilen  {name}")
    manifest = {
        "synthetic": True,
        "seed": seed,
        "scale": scale,
        "stand": ctx.stand.isoformat(),
        "files": files,
        "symbols": symbols,
    }
    if ctx.germany:
        _write_supplement(out / SUPPLEMENT, ctx)
        manifest["regions_supplement"] = SUPPLEMENT
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / README).write_text(readme(manifest, ctx.geo), encoding="utf-8")
    log(
        f"Fertig: {len(files)} Dateien, {sum(f['rows'] for f in files):,} Datenzeilen, "
        f"{len(symbols):,} gesetzte Sonderzeichen (Liste in {MANIFEST})"
    )
    return manifest


def _write_supplement(path: Path, ctx: Context) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=["ags", "name", "level", "parent", "kind", "nuts"],
        delimiter=";",
        lineterminator="\n",
    )
    writer.writeheader()
    writer.writerows(ctx.geo.supplement)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def home_phrase(geo: Geography) -> str:
    """'den Kreis Lippe', 'die Stadt Bielefeld', 'den Rhein-Sieg-Kreis', 'die Städteregion Aachen'."""
    name, kind = geo.name[geo.home], geo.kind[geo.home]
    if kind == "Kreisfreie Stadt":
        return f"die Stadt {name}"
    if "kreis" in name.lower():
        return f"den {name}"
    return f"die {name}" if name.startswith("Städteregion") else f"den Kreis {name}"


def readme(manifest: dict, geo: Geography) -> str:
    command = f"python -m etl demo --seed {manifest['seed']} --scale {manifest['scale']}"
    if geo.home != configured_kreis():
        command += f" --kreis {geo.home}"
    lines = [
        "SYNTHETISCHE DEMODATEN - keine amtlichen Zahlen",
        "",
        "Dieser Ordner enthält künstlich erzeugte Dateien im Format der amtlichen Statistik",
        "(GENESIS-Flatfile-CSV als ZIP, altes Flatfile-CSV, Tabellen-CSV der Landesdatenbank NRW",
        "und die offene Vorlage für lokale Daten). Die Werte sind an veröffentlichte Eckzahlen",
        f"für {home_phrase(geo)} angelehnt, aber frei erfunden. Sie dürfen nicht als amtliche",
        "Ergebnisse verwendet oder zitiert werden.",
        "",
        f"Erzeugt mit: {command}",
        f"Stand (fest aus dem Seed abgeleitet): {manifest['stand']}",
        "Gleicher Seed ergibt byte-gleiche Dateien. Prüfsummen und Zeilenzahlen: manifest.json;",
        "dort steht auch jede absichtlich gesetzte Sonderzeichen-Zelle (., *, ..., /, x).",
        "",
        "Dateien:",
    ]
    lines += [
        f"  {f['file']:<40} {f['table_code']:<24} {f['format']:<13} {f['rows']:>9} Zeilen"
        for f in manifest["files"]
    ]
    return "\n".join(lines) + "\n"
