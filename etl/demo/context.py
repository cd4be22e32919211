"""Everything a table builder needs: geography, random generator, population, catalogue specs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from etl.demo.catalogue import Geography, resolved
from etl.demo.model import REST, YEARS, Population


@dataclass
class Context:
    geo: Geography
    rng: np.random.Generator
    sources: dict
    germany: bool
    pop: Population  # 2014-2025
    pop_long: Population  # years of 12411-02-03-4 (longer at Germany scale)
    stand: datetime
    cache: dict = field(default_factory=dict)

    @property
    def land_only(self) -> bool:
        return not self.germany

    @property
    def home(self) -> str:
        """The home Kreis (modelled down to its Gemeinden)."""
        return self.geo.home

    @property
    def units(self) -> list[str]:
        """Model units: Kreise, plus the rest of Germany at the default scale (feeds DG only)."""
        return self.geo.kreise + ([] if self.germany else [REST])

    @property
    def land_kreise(self) -> list[str]:
        """The Kreise of the home Land (the Kreis tables of the Land's own sources)."""
        return [k for k in self.geo.kreise if self.geo.land_of(k) == self.geo.land]

    def spec(self, code: str) -> dict:
        """The catalogue entry with `same_as` resolved, `classes` and the written `format` (cached)."""
        key = f"spec:{code}"
        if key not in self.cache:
            self.cache[key] = resolved(self.sources, code)
        return self.cache[key]

    def pop_ages(self, units: list[str], lo: int, hi: int) -> np.ndarray:
        """Population aged lo..hi-1 (both sexes): (units, years)."""
        return np.stack([self.pop.ages(u, lo, hi) for u in units]).astype(float)

    def unit_noise(self, sigma: float, *shape: int) -> np.ndarray:
        return np.exp(self.rng.normal(0.0, sigma, (len(self.units), *shape)))


def slice_years(pop: Population, years: np.ndarray = YEARS) -> Population:
    index = np.searchsorted(pop.years, years)
    return Population(
        years=years, cells={k: v[index] if len(v) == len(pop.years) else v for k, v in pop.cells.items()}
    )
