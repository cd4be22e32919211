"""Read the catalogue (sources.toml, regions, mappings) and build the demo geography."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from etl import catalogue

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"
LIPPE = "05766"
NRW = "05"
#: Länder with Regierungsbezirke today (used for the Germany-scale region tree).
RB_LAENDER = ("05", "06", "08", "09")
LAENDER = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}
RB_NAMES = {
    "064": "Darmstadt",
    "065": "Gießen",
    "066": "Kassel",
    "081": "Stuttgart",
    "082": "Karlsruhe",
    "083": "Freiburg",
    "084": "Tübingen",
    "091": "Oberbayern",
    "092": "Niederbayern",
    "093": "Oberpfalz",
    "094": "Oberfranken",
    "095": "Mittelfranken",
    "096": "Unterfranken",
    "097": "Schwaben",
}


def load_sources(catalogue_dir: Path = CATALOGUE_DIR) -> dict:
    return catalogue.load_sources(catalogue_dir / "sources.toml")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@dataclass
class Geography:
    """Regions of one demo run: names, kinds, levels, parents; Kreise are the model units."""

    name: dict[str, str] = field(default_factory=dict)
    kind: dict[str, str] = field(default_factory=dict)
    level: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    kreise: list[str] = field(default_factory=list)  # model units (NRW, or all of Germany)
    lippe_gemeinden: list[str] = field(default_factory=list)
    synthetic_gemeinden: list[str] = field(default_factory=list)  # Germany scale only
    jugendamt: dict[str, list[str]] = field(default_factory=dict)
    agentur: dict[str, list[str]] = field(default_factory=dict)
    supplement: list[dict[str, str]] = field(default_factory=list)

    def add(self, ags: str, name: str, level: str, parent: str, kind: str) -> None:
        self.name[ags], self.level[ags], self.parent[ags], self.kind[ags] = name, level, parent, kind

    def at(self, level: str) -> list[str]:
        return [ags for ags, lvl in self.level.items() if lvl == level]

    def rbs_of(self, land: str) -> list[str]:
        return [a for a in self.at("rb") if a.startswith(land)]


def lippe_geography(catalogue_dir: Path = CATALOGUE_DIR) -> Geography:
    geo = Geography()
    for row in _read_csv(catalogue_dir / "regions.csv"):
        geo.add(row["ags"], row["name"], row["level"], row["parent"], row["kind"])
    geo.kreise = geo.at("kreis")
    geo.lippe_gemeinden = [a for a in geo.at("gemeinde") if a.startswith(LIPPE)]
    for row in _read_csv(catalogue_dir / "jugendamt_mapping.csv"):
        geo.jugendamt.setdefault(row["jugendamt"], []).append(row["gemeinde"])
    for row in _read_csv(catalogue_dir / "agentur_mapping.csv"):
        geo.agentur.setdefault(row["agentur"], []).append(row["kreis"])
    return geo


def germany_geography(rng: np.random.Generator, catalogue_dir: Path = CATALOGUE_DIR) -> Geography:
    """All Kreise of Germany plus about 10,800 synthetic Gemeinden (Kreis key + 3 digits)."""
    geo = lippe_geography(catalogue_dir)
    for code, name in LAENDER.items():
        if code not in geo.name:
            _extend(geo, code, name, "land", "DG", "Land")
    kreise = _read_csv(catalogue_dir / "de_kreise.csv")
    for row in kreise:
        land, rb = row["ags"][:2], row["ags"][:3]
        if land in RB_LAENDER and rb not in geo.name:
            _extend(geo, rb, f"Regierungsbezirk {RB_NAMES.get(rb, rb)}", "rb", land, "Regierungsbezirk")
        if row["ags"] not in geo.name:
            parent = rb if land in RB_LAENDER else land
            _extend(geo, row["ags"], row["name"], "kreis", parent, row["kind"])
    geo.kreise = [row["ags"] for row in kreise]
    for kreis in geo.kreise:
        if kreis == LIPPE:
            continue
        count = 1 if geo.kind[kreis] == "Kreisfreie Stadt" else int(rng.integers(10, 62))
        for number in range(count):
            ags = f"{kreis}{number * 4:03d}" if count > 1 else f"{kreis}000"
            kind = "Stadt" if number == 0 else "Gemeinde"
            _extend(geo, ags, f"Gemeinde {ags} (synthetisch)", "gemeinde", kreis, kind)
            geo.synthetic_gemeinden.append(ags)
    return geo


def _extend(geo: Geography, ags: str, name: str, level: str, parent: str, kind: str) -> None:
    geo.add(ags, name, level, parent, kind)
    geo.supplement.append(
        {"ags": ags, "name": name, "level": level, "parent": parent, "kind": kind, "nuts": ""}
    )


def single_years(prefix: str, last: int, groups: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """Age attributes 'unter 1 Jahr', 'a bis unter a+1 Jahre' … plus 5-year groups and 'x Jahre und mehr'."""
    out = [(f"{prefix}000", "unter 1 Jahr")]
    out += [(f"{prefix}{a:03d}", f"{a} bis unter {a + 1} Jahre") for a in range(1, last)]
    out += [(f"{prefix}{lo:03d}B{hi:02d}", f"{lo} bis unter {hi} Jahre") for lo, hi in groups]
    top = groups[-1][1] if groups else last
    return out + [(f"{prefix}{top:03d}UM", f"{top} Jahre und mehr")]


#: Attributes the catalogue leaves to the age-label rule (attributes = []).
AGE_ATTRIBUTES = {
    "ALTX76": single_years("ALT", 75, [(75, 80), (80, 85), (85, 90)]),
    "ALTERSJAHRE": single_years("ALT", 90, []),
}


def resolved(sources: dict, code: str) -> dict:
    """A [[table]] with `same_as` filled in and the classifications as {code: {label, attributes}}."""
    tables = {t["code"]: t for t in sources["table"]}
    spec = dict(tables[code])
    base = tables.get(spec.get("same_as", ""), {})
    for name in ("classifications", "values", "ignore_labels"):
        spec.setdefault(name, base.get(name, []))
    classes = {}
    for cls in spec["classifications"]:
        attrs = [(a["code"], a["label"]) for a in cls["attributes"]]
        if not attrs:
            attrs = [("INSGESAMT", "Insgesamt")] + AGE_ATTRIBUTES[cls["code"]]
        classes[cls["code"]] = {"label": cls["label"], "attributes": dict(attrs)}
    spec["classes"] = classes
    spec["format"] = (spec.get("formats") or [spec.get("format")])[0]
    return spec
