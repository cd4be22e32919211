"""A generated table in neutral form (regions x periods x columns) and helpers to fill it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from etl.demo.catalogue import LAENDER, NRW, Geography

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
            self.symbols = np.where(self.values == 0, "-", "").astype(object)
        if self.decimals is None:
            self.decimals = np.zeros(len(self.cols), dtype=int)

    def mark(self, mask: np.ndarray, symbol: str) -> None:
        self.symbols[np.broadcast_to(mask, self.symbols.shape)] = symbol

    def cell_text(self) -> np.ndarray:
        """The text of every cell: symbol or number (decimal comma)."""
        text = np.empty(self.values.shape, dtype=object)
        for c, dec in enumerate(self.decimals):
            column = self.values[:, :, c]
            if dec == 0:
                numbers = np.where(np.isnan(column), 0, column).astype(np.int64).astype(str)
            else:
                numbers = np.char.replace(np.char.mod(f"%.{dec}f", column), ".", ",")
            text[:, :, c] = np.where(self.symbols[:, :, c] == "", numbers, self.symbols[:, :, c])
        return text


def ordered_regions(
    geo: Geography, levels: list[str], nrw_only: bool, all_gemeinden: bool = False
) -> list[str]:
    """Regions of the given levels in hierarchical order (DG, Land, RB, Kreis, its Gemeinden)."""
    lands = [NRW] if nrw_only else [land for land in LAENDER if land in geo.name]
    out = ["DG"] if "bund" in levels else []
    for land in lands:
        out += [land] if "land" in levels else []
        for rb in geo.rbs_of(land) or [land]:
            out += [rb] if "rb" in levels and rb != land else []
            for kreis in (k for k in geo.kreise if k.startswith(rb)):
                out += [kreis] if "kreis" in levels else []
                if "gemeinde" in levels:
                    out += [g for g in geo.lippe_gemeinden if g.startswith(kreis)]
                    if all_gemeinden:
                        out += [g for g in geo.synthetic_gemeinden if g.startswith(kreis)]
    return out


def stack(regions: list[str], values: dict[str, np.ndarray]) -> np.ndarray:
    return np.stack([np.asarray(values[r], dtype=float) for r in regions])


def round_to(values: np.ndarray, base: int) -> np.ndarray:
    return base * np.floor(values / base + 0.5)


def school_year(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"
