"""The region dimension: names, levels, and the home region with everything that follows from it."""

from dataclasses import dataclass

import duckdb
import pandas as pd

from etl.home import HomeError, home_kreis
from etl.regions import KIND_HISTORIC
from etl.vocabulary import LEVELS
from etl.warehouse import WarehouseError
from monitor import db


def regions() -> pd.DataFrame:
    """``core.regions`` ordered by level (``etl.vocabulary.LEVELS``) and key (dissolved units included,
    ``kind`` = ``KIND_HISTORIC``)."""
    return db.query("SELECT ags, name, level, parent, kind FROM core.regions "
                    "ORDER BY list_position(?, level), ags", (list(LEVELS),))


@db.per_build
def labels() -> dict[str, str]:
    """AGS → display name: ``Lippe`` (a Kreis) → ``Kreis Lippe``; other names as in ``core.regions``."""
    out = {}
    for row in regions().itertuples():
        is_kreis = row.level == "kreis" and row.kind == "Kreis" and "kreis" not in row.name.lower()
        out[row.ags] = f"Kreis {row.name}" if is_kreis else row.name
    return out


def label(ags: str) -> str:
    """Display name of one region (the key itself when unknown)."""
    return labels().get(ags, ags)


def names() -> dict[str, str]:
    """AGS → name as in ``core.regions``."""
    frame = regions()
    return dict(zip(frame["ags"], frame["name"], strict=True))


@db.per_build
def levels() -> dict[str, str]:
    """AGS → level."""
    frame = regions()
    return dict(zip(frame["ags"], frame["level"], strict=True))


def level_of(ags: str) -> str:
    return levels().get(ags, "")


def members(level: str, parent: str | None = None) -> list[str]:
    """Keys of a level, optionally only those directly below ``parent``."""
    frame = regions()
    chosen = frame["level"] == level
    if parent is not None:
        chosen &= frame["parent"] == parent
    return list(frame.loc[chosen, "ags"])


def land_of(region: str) -> str:
    """The Land above a region in the region dimension (the region itself for a Land; the home Land for a
    key the dimension does not know)."""
    frame = regions().drop_duplicates("ags").set_index("ags")
    current, seen = region, set()
    while current in frame.index and current not in seen:
        if frame.loc[current, "level"] == "land":
            return current
        seen.add(current)
        current = frame.loc[current, "parent"]
    return home().land


@dataclass(frozen=True)
class Home:
    """The home Kreis and the regions that follow from it in the region dimension."""

    kreis: str
    land: str
    rb: str | None  # None in Länder without Regierungsbezirke
    gemeinden: tuple[str, ...]
    jugendaemter: tuple[str, ...]  # empty while the Kreis has no Jugendamt mapping
    agentur: str | None
    neighbours: tuple[str, ...]  # the other Kreise of the RB (else of the Land)
    land_kreise: tuple[str, ...]

    @property
    def region(self) -> str:
        """The RB, or the Land where there is no RB: the nearest comparison above the Kreis."""
        return self.rb or self.land

    @property
    def kita_levels(self) -> tuple[str, ...]:
        """Levels of the Kita planning views: Jugendamt (when mapped) and Gemeinde."""
        return ("jugendamt", "gemeinde") if self.jugendaemter else ("gemeinde",)


class HomeMissing(LookupError):
    """The configured home Kreis is not in the region dimension of the build."""


def home_label() -> str | None:
    """Display name of the home Kreis; None while there is no readable build or the Kreis is not in it."""
    try:
        return label(home().kreis)
    except (db.WarehouseMissing, WarehouseError, HomeMissing, HomeError, duckdb.Error):
        return None


def home() -> Home:
    """The home region of the dashboard (``etl.home.home_kreis``) as found in the current build."""
    return home_of(home_kreis())


@db.per_build
def home_of(kreis: str) -> Home:
    """:class:`Home` for any Kreis of the build (HomeMissing when it is not there)."""
    frame = regions().set_index("ags")
    if kreis not in frame.index or frame.loc[kreis, "level"] != "kreis":
        raise HomeMissing(f"Der Heimatkreis {kreis} ist nicht im Datenstand (catalogue/regions.csv).")
    parent = frame.loc[kreis, "parent"]
    rb = parent if frame.loc[parent, "level"] == "rb" else None
    land = str(frame.loc[parent, "parent"]) if rb else str(parent)
    agentur = db.query("SELECT group_key FROM core.region_groups WHERE group_type = 'agentur' "
                       "AND member_ags = ? ORDER BY valid_to DESC NULLS FIRST, group_key LIMIT 1", (kreis,))
    in_land = tuple(land_kreise(land))
    neighbours = [a for a in (members("kreis", rb) if rb else in_land) if a != kreis]
    return Home(kreis=kreis, land=land, rb=rb, gemeinden=tuple(members("gemeinde", kreis)),
                jugendaemter=tuple(members("jugendamt", kreis)),
                agentur=None if agentur.empty else str(agentur["group_key"].iloc[0]),
                neighbours=tuple(neighbours), land_kreise=in_land)


def land_kreise(land: str) -> list[str]:
    """The current Kreise and kreisfreie Städte of a Land (directly below it or below one of its RBs)."""
    frame = regions()
    rbs = set(frame.loc[(frame["level"] == "rb") & (frame["parent"] == land), "ags"])
    current = frame["kind"] != KIND_HISTORIC
    chosen = (frame["level"] == "kreis") & frame["parent"].isin(rbs | {land}) & current
    return list(frame.loc[chosen, "ags"])
