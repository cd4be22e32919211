"""Schematic tiles for every NRW Gemeinde: one grid per Kreis from the centroids (etl/tile_grid.py);
Lippe's hand-made layout unchanged."""

import pandas as pd

from etl.tile_grid import grid
from monitor import maps
from tests.home.conftest import GUETERSLOH, GUETERSLOH_GEMEINDEN, LIPPE

#: Lippe's layout as drawn by hand (row 0 = north, col 0 = west): must never move.
LIPPE_TILES = {
    "05766008": (0, 1), "05766036": (0, 2), "05766028": (0, 3), "05766048": (1, 0), "05766040": (1, 1),
    "05766044": (1, 2), "05766024": (1, 3), "05766012": (1, 4), "05766056": (2, 0), "05766004": (2, 1),
    "05766020": (2, 2), "05766016": (2, 3), "05766052": (2, 4), "05766064": (3, 1), "05766032": (3, 2),
    "05766060": (3, 3),
}


def _cells(tiles: pd.DataFrame) -> dict[str, tuple[int, int]]:
    return {a: (int(r), int(c)) for a, r, c in zip(tiles["ags"], tiles["row"], tiles["col"], strict=True)}


def test_lippe_layout_is_unchanged_and_the_default():
    assert _cells(maps.tile_positions("gemeinde", (LIPPE,))) == LIPPE_TILES
    assert _cells(maps.tile_positions("gemeinde")) == LIPPE_TILES  # default home Kreis (catalogue/home.toml)


def test_guetersloh_has_13_distinct_tiles_in_rough_geography():
    cells = _cells(maps.tile_positions("gemeinde", (GUETERSLOH,)))
    assert set(cells) == set(GUETERSLOH_GEMEINDEN)
    assert len(set(cells.values())) == 13
    # Borgholzhausen (north) above Rietberg (south); Harsewinkel (west) left of Schloß Holte-Stukenbrock
    assert cells["05754004"][0] < cells["05754032"][0]
    assert cells["05754016"][1] < cells["05754036"][1]


def test_every_gemeinde_of_the_catalogue_has_a_tile_once():
    tiles = pd.read_csv(maps.TILES_CSV, sep=";", dtype=str)
    gemeinden = pd.read_csv(maps.TILES_CSV.parent / "gemeinden.csv", sep=";", dtype=str)
    tiles = tiles[tiles["level"] == "gemeinde"]
    assert sorted(tiles["ags"]) == sorted(gemeinden["ags"]) and len(tiles) == 396
    assert (tiles["kreis"] == tiles["ags"].str[:5]).all()
    assert not tiles.duplicated(["kreis", "row", "col"]).any()


def test_tile_map_shows_the_grid_of_the_datas_kreis(monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", GUETERSLOH)
    data = pd.DataFrame({"ags": list(GUETERSLOH_GEMEINDEN), "name": list(GUETERSLOH_GEMEINDEN),
                         "value": [float(i) for i in range(13)], "status": ["ok"] * 13})
    fig = maps.tile_map(data, level="gemeinde", title="T", unit="%", source="Quelle: T")
    def tiles(figure):  # the tile rectangles (missing tiles also get hatch lines)
        return [s for s in figure.layout.shapes if s.type == "rect"]

    assert len(tiles(fig)) == 13
    lippe = data.assign(ags=list(LIPPE_TILES)[:13])
    assert len(tiles(maps.tile_map(lippe, level="gemeinde", title="T", unit="%", source="Q"))) == 16


def test_grid_keeps_relative_positions_in_distinct_cells():
    points = {"n": (8.0, 52.2), "s": (8.0, 51.8), "w": (7.7, 52.0), "e": (8.3, 52.0), "c": (8.0, 52.0)}
    cells = grid(points)
    assert len(set(cells.values())) == 5
    assert cells["n"][0] < cells["c"][0] < cells["s"][0]
    assert cells["w"][1] < cells["c"][1] < cells["e"][1]
    assert min(r for r, _ in cells.values()) == 0 and min(c for _, c in cells.values()) == 0
    assert grid({"only": (8.0, 52.0)}) == {"only": (0, 0)}
