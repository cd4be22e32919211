"""Comparison figures from the mart: Kreise of most similar structure (``mart.peer_similarity`` with the
settings of ``catalogue/peer_indicators.toml`` as bound parameters) and ranks within a group of regions.

The reference Kreis and the candidates come from the configured home region
(``monitor.queries.regions.home()``), never from the settings file.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.vocabulary import UNIT_SCALE
from monitor import db, narrative
from monitor.queries import regions

CONFIG_FILE = Path(__file__).resolve().parents[2] / "catalogue" / "peer_indicators.toml"
#: features of mart.peer_features (etl/sql/mart/peers.sql)
FEATURES = ("population", "manufacturing_share", "unemployment_rate")
TRANSFORMS = ("log", "none")


@dataclass(frozen=True)
class Feature:
    """One similarity feature of the settings file."""

    id: str
    label_de: str
    column_de: str
    source_de: str
    transform: str
    weight: float
    decimals: int
    unit: str


@dataclass(frozen=True)
class PeerConfig:
    """``catalogue/peer_indicators.toml``: similarity settings and the page's preselected indicators."""

    k: int
    method_de: str
    features: tuple[Feature, ...]
    default_indicators: tuple[str, ...]


def load_config(path: Path = CONFIG_FILE) -> PeerConfig:
    """The similarity settings; ValueError naming the file and the problem."""
    with path.open("rb") as handle:
        try:
            raw = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path.name}: {error}") from None
    similarity = raw.get("similarity", {})
    missing = [k for k in ("k", "method_de", "features") if k not in similarity]
    missing += [] if "default_indicators" in raw.get("comparison", {}) else ["comparison.default_indicators"]
    if missing:
        raise ValueError(f"{path.name}: Angaben fehlen: {', '.join(missing)}")
    k = similarity["k"]
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValueError(f"{path.name}: k muss eine ganze Zahl ab 1 sein, nicht {k!r}")
    features = tuple(_feature(entry, path.name) for entry in similarity["features"])
    if not features:
        raise ValueError(f"{path.name}: kein Merkmal ([[similarity.features]]) definiert")
    return PeerConfig(k, str(similarity["method_de"]), features,
                      tuple(raw["comparison"]["default_indicators"]))


def _feature(entry: dict, name: str) -> Feature:
    feature = entry.get("id")
    if feature not in FEATURES:
        raise ValueError(f"{name}: unbekanntes Merkmal {feature!r} (bekannt: {sorted(FEATURES)})")
    weight = entry.get("weight", 0)
    if not isinstance(weight, int | float) or not weight > 0 or "label_de" not in entry:
        raise ValueError(f"{name}: Merkmal {feature!r} braucht label_de und ein Gewicht > 0")
    transform = entry.get("transform", "none")
    if transform not in TRANSFORMS:
        raise ValueError(f"{name}: Merkmal {feature!r}: transform {transform!r} unbekannt "
                         f"(erlaubt: {', '.join(TRANSFORMS)})")
    unit = str(entry.get("unit", ""))
    if unit and unit not in UNIT_SCALE:
        raise ValueError(f"{name}: Merkmal {feature!r}: Einheit {unit!r} unbekannt")
    return Feature(feature, entry["label_de"], entry.get("column_de", entry["label_de"]),
                   entry.get("source_de", ""), transform, float(weight), int(entry.get("decimals", 1)), unit)


def similarity(reference: str | None = None, config: PeerConfig | None = None) -> pd.DataFrame:
    """``mart.peer_similarity`` for the reference Kreis (default: the home Kreis) among the Kreise of the
    home Land: one row per candidate and feature (ags, feature, year, value, status, provenance, z,
    distance, position, peer), nearest first. Empty when the reference has no feature value at all."""
    config = config or load_config()
    home = regions.home()
    features = config.features
    return db.query(
        "SELECT * FROM mart.peer_similarity(?, ?, ?, ?, ?, ?)",
        (reference or home.kreis, list(home.land_kreise), [f.id for f in features],
         [f.weight for f in features], [f.transform == "log" for f in features], config.k))


def peer_keys(reference: str | None = None, config: PeerConfig | None = None) -> list[str]:
    """Keys of the Kreise of most similar structure, nearest first (empty when the reference lacks a
    feature value)."""
    rows = similarity(reference, config)
    return list(dict.fromkeys(rows.loc[rows["peer"], "ags"]))


def is_comparable(rows: pd.DataFrame, reference: str) -> bool:
    """Whether the reference has every feature (then its distance is 0)."""
    own = rows.loc[rows["ags"] == reference, "distance"]
    return not own.empty and own.notna().all()


def ranked(indicator_id: str, regions_: list[str], reference: str, land: str,
           direction: str) -> pd.DataFrame:
    """Values of ``regions_`` in the latest year in which the reference has a usable value (else the latest
    year of the group), ranked among the regions with a usable value (1 = best: ascending when lower is
    better, else descending; ties share a rank), plus the row of ``land`` (member false, not ranked).
    Columns: ags, member, year, value, status, provenance, rank, ranked_count."""
    sign = 1 if narrative.normalise_direction(direction) == "lower" else -1
    return db.query("SELECT * FROM mart.group_ranks(?, ?, ?, ?, ?)",
                    (indicator_id, list(dict.fromkeys(regions_)), reference, land, sign))
