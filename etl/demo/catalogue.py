"""Read the catalogue (sources.toml, regions, mappings) and build the demo geography."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from etl import catalogue
from etl.demo.reference import LAENDER, RB_LAENDER, RB_NAMES
from etl.home import home_kreis
from etl.regions import KIND_HISTORIC, read_regions

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"


def load_sources(catalogue_dir: Path = CATALOGUE_DIR) -> dict:
    return catalogue.load_sources(catalogue_dir / "sources.toml")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@dataclass
class Geography:
    """Regions of one demo run: names, kinds, levels, parents; Kreise are the model units; the home Kreis
    is modelled down to its Gemeinden."""

    home: str = ""
    land: str = ""  # the Land of the home Kreis: the Land the default scale models at Kreis depth
    name: dict[str, str] = field(default_factory=dict)
    kind: dict[str, str] = field(default_factory=dict)
    level: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    kreise: list[str] = field(default_factory=list)  # model units (the Land, or all of Germany)
    home_gemeinden: list[str] = field(default_factory=list)
    synthetic_gemeinden: list[str] = field(default_factory=list)  # Germany scale: split from their Kreis
    jugendamt: dict[str, list[str]] = field(default_factory=dict)  # of the home Kreis only
    agentur: str | None = None  # the Agenturbezirk of the home Kreis (None: no mapping)
    supplement: list[dict[str, str]] = field(default_factory=list)

    def add(self, ags: str, name: str, level: str, parent: str, kind: str) -> None:
        self.name[ags], self.level[ags], self.parent[ags], self.kind[ags] = name, level, parent, kind

    def at(self, level: str) -> list[str]:
        return [ags for ags, lvl in self.level.items() if lvl == level]

    def rbs_of(self, land: str) -> list[str]:
        return [a for a in self.at("rb") if a.startswith(land)]

    def gemeinden_of(self, kreis: str) -> list[str]:
        return [a for a in self.at("gemeinde") if self.parent[a] == kreis]

    def land_of(self, ags: str) -> str:
        while self.level.get(ags) not in ("land", None):
            ags = self.parent[ags]
        return ags


class HomeError(ValueError):
    """The home Kreis cannot be modelled (not a Kreis of regions.csv, or without Gemeinden)."""


def home_geography(home: str | None = None, catalogue_dir: Path = CATALOGUE_DIR) -> Geography:
    """The region dimension of the catalogue (without dissolved units) around the home Kreis
    (default ``etl.home.home_kreis()``): its Land, Gemeinden, Jugendämter and Agentur."""
    home = home or home_kreis()
    geo = Geography(home=home)
    for ags, name, level, parent, kind, _nuts in read_regions(catalogue_dir):
        if kind != KIND_HISTORIC:
            geo.add(ags, name, level, parent or "", kind or "")
    geo.kreise = geo.at("kreis")
    if home not in geo.kreise:
        raise HomeError(f"Heimatkreis {home}: kein Kreis in catalogue/regions.csv")
    geo.land = geo.land_of(home)
    geo.home_gemeinden = geo.gemeinden_of(home)
    if not geo.home_gemeinden:
        raise HomeError(f"Heimatkreis {home}: keine Gemeinden in catalogue/gemeinden.csv")
    members = set(geo.home_gemeinden)
    for row in _read_csv(catalogue_dir / "jugendamt_mapping.csv"):
        if row["gemeinde"] in members:
            geo.jugendamt.setdefault(row["jugendamt"], []).append(row["gemeinde"])
    agenturen = [r["agentur"] for r in _read_csv(catalogue_dir / "agentur_mapping.csv") if r["kreis"] == home]
    geo.agentur = agenturen[0] if agenturen else None
    return geo


def germany_geography(
    rng: np.random.Generator, catalogue_dir: Path = CATALOGUE_DIR, home: str | None = None
) -> Geography:
    """All Kreise of Germany; Gemeinden from the catalogue where it lists them, else synthetic ones
    (Kreis key + 3 digits), about 10,500 in all."""
    geo = home_geography(home, catalogue_dir)
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
    known: dict[str, list[str]] = {}
    for ags in geo.at("gemeinde"):
        known.setdefault(geo.parent[ags], []).append(ags)
    for kreis in geo.kreise:
        if kreis == geo.home:
            continue
        if kreis in known:
            geo.synthetic_gemeinden += known[kreis]
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
