"""A generated table in neutral form (regions x periods x columns) and helpers to fill it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from etl.demo.catalogue import Geography
from etl.demo.reference import LAENDER

#: Why a symbol was set (written into the manifest for every non-numeric cell except "-").
REASONS = {
    ".": "small cell suppressed (secret)",
    "*": "BA anonymised small count",
    "...": "latest value not yet available",
    "/": "value not reliable enough",
    "x": "not meaningful (planning figure for a past year)",
}


@dataclass
class TableData:
    code: str
    spec: dict
    regions: list[str]
    periods: list[str]  # period cells as written in the file
    years: list[int]
    cols: list[tuple]  # format-specific column keys
    values: np.ndarray  # (regions, periods, cols), float
    symbols: np.ndarray = field(default=None)  # same shape, "" = plain number
    decimals: np.ndarray = field(default=None)  # per column

    def __post_init__(self) -> None:
        if self.symbols is None:
            self.symbols = np.where(self.values == 0, "-", "").astype("U3")
        if self.decimals is None:
            self.decimals = np.zeros(len(self.cols), dtype=int)

    def mark(self, mask: np.ndarray, symbol: str) -> None:
        self.symbols[np.broadcast_to(mask, self.symbols.shape)] = symbol

    def cell_text(self, p: int) -> list[list[str]]:
        """The text of every cell of period p as [region][column]: symbol or number (decimal comma)."""
        values, symbols = self.values[:, p, :], self.symbols[:, p, :]
        text = np.where(np.isnan(values), 0, values).astype(np.int64).astype("U16")
        for c in np.flatnonzero(self.decimals):
            text[:, c] = np.char.replace(np.char.mod(f"%.{self.decimals[c]}f", values[:, c]), ".", ",")
        return np.where(symbols == "", text, symbols).tolist()


def ordered_regions(
    geo: Geography, levels: list[str], land_only: bool, all_gemeinden: bool = False
) -> list[str]:
    """Regions of the given levels in hierarchical order (DG, Land, RB, Kreis, its Gemeinden)."""
    lands = [geo.land] if land_only else [land for land in LAENDER if land in geo.name]
    out = ["DG"] if "bund" in levels else []
    members: dict[str, list[str]] = {}
    for gemeinde in geo.synthetic_gemeinden:
        members.setdefault(gemeinde[:5], []).append(gemeinde)
    for land in lands:
        out += [land] if "land" in levels else []
        for rb in geo.rbs_of(land) or [land]:
            out += [rb] if "rb" in levels and rb != land else []
            for kreis in (k for k in geo.kreise if k.startswith(rb)):
                out += [kreis] if "kreis" in levels else []
                if "gemeinde" in levels:
                    out += geo.home_gemeinden if kreis == geo.home else []
                    out += members.get(kreis, []) if all_gemeinden else []
    return out


def stack(regions: list[str], values: dict[str, np.ndarray]) -> np.ndarray:
    return np.stack([np.asarray(values[r], dtype=float) for r in regions])


def round_to(values: np.ndarray, base: int) -> np.ndarray:
    return base * np.floor(values / base + 0.5)


def school_year(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def is_total(attr: str) -> bool:
    return attr.startswith("INSGESAMT")


def col(value: str, **pairs: str) -> tuple:
    """Neutral column key: value code and the non-total (classification, attribute) pairs, sorted."""
    return value, tuple(sorted((c, a) for c, a in pairs.items() if not is_total(a)))


def parse_col(text: str) -> tuple:
    """'VALUE|CLS=ATTR|…' (layouts.py) -> column key."""
    value, *pairs = text.split("|")
    return col(value, **dict(p.split("=", 1) for p in pairs))
