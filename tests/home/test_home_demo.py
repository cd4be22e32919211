"""`python -m etl demo --kreis 05754`: a demo about Kreis Gütersloh and its Gemeinden, with Lippe as one
of its comparison Kreise; the default demo (Lippe) keeps its calibrated figures."""

import csv
import io
import json
import zipfile
from pathlib import Path

import duckdb
import numpy as np
import pytest

from etl.demo import calibration as cal
from etl.demo.catalogue import HomeError, home_geography
from etl.demo.generate import build_context
from etl.demo.tables_local import kita_local
from etl.demo.tables_school import school_model
from etl.warehouse import current_path
from tests.home.conftest import GUETERSLOH, GUETERSLOH_GEMEINDEN, LIPPE

#: Tables with Gemeinde rows (the Landesdatenbank tables, the regional flat file and the templates).
GEMEINDE_TABLES = ("12411-02-03-5", "12411-09i", "12411-15i", "LOCAL-KITA", "LOCAL-OGS", "LOCAL-UEBERGAENGE",
                   "LOCAL-VORAUSBERECHNUNG")


def _text(folder: Path, code: str) -> str:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    item = next(f for f in manifest["files"] if f["table_code"] == code)
    data = (folder / item["file"]).read_bytes()
    if item["member"]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = archive.read(item["member"])
    return data.decode(item["encoding"])


def _keys(folder: Path, code: str) -> set[str]:
    """Every region key of a demo file (flat file: column 1_variable_attribute_code; else a cell of the
    form of an official key in the first three columns)."""
    text = _text(folder, code).lstrip("\ufeff")
    rows = [r for r in csv.reader(io.StringIO(text), delimiter=";") if r and not r[0].startswith("#")]
    if rows[0][0] == "statistics_code":
        column = rows[0].index("1_variable_attribute_code")
        return {r[column] for r in rows[1:]}
    if rows[0][0] == "table_code":
        return {r[2] for r in rows[1:]}
    return {c for r in rows for c in r[:3] if c.isdigit() and len(c) in (2, 3, 5, 8)}


def _gemeinden(keys: set[str]) -> set[str]:
    return {k for k in keys if len(k) == 8 and k.isdigit()}


@pytest.mark.parametrize("code", GEMEINDE_TABLES)
def test_gemeinde_tables_name_the_13_gemeinden_of_guetersloh(gt_demo, code):
    keys = _keys(gt_demo, code)
    assert _gemeinden(keys) == set(GUETERSLOH_GEMEINDEN)
    assert (GUETERSLOH in keys) == (code not in ("12411-02-03-5", "LOCAL-KITA"))  # these: Gemeinden only


@pytest.mark.parametrize("code", ["12411-02-03-4", "21111-01-03-4", "13211-02-05-4", "22543-03-01-4",
                                  "LOCAL-VHS", "LOCAL-IABE", "LOCAL-AUSZUBILDENDE"])
def test_kreis_tables_have_the_home_kreis_and_lippe_as_any_kreis(gt_demo, code):
    keys = _keys(gt_demo, code)
    assert {GUETERSLOH, LIPPE, "05"} <= keys
    assert not _gemeinden(keys)


def test_kita_per_gemeinde_without_jugendamt_mapping(gt_demo):
    keys = _keys(gt_demo, "LOCAL-KITA")
    assert keys == set(GUETERSLOH_GEMEINDEN)  # no Jugendamt rows, no Kreis row: one row per Gemeinde


def test_training_market_under_the_kreis_key_without_agentur(gt_demo):
    assert _keys(gt_demo, "LOCAL-AUSBILDUNGSMARKT") == {GUETERSLOH, "05"}
    assert _keys(gt_demo, "21311-01-01-4-B") == {GUETERSLOH}


def test_population_of_guetersloh_is_roughly_realistic(gt_demo):
    rows = [r for r in csv.reader(io.StringIO(_text(gt_demo, "12411-09i")), delimiter=";")
            if r and r[0] == "31.12.2024"]
    total = {r[1]: int(r[3]) for r in rows}
    assert total[GUETERSLOH] == sum(total[g] for g in GUETERSLOH_GEMEINDEN) == 371_000
    assert total[GUETERSLOH] == sum(cal.GEMEINDE_POPULATION_2024[g] for g in GUETERSLOH_GEMEINDEN)
    assert total["05754008"] == 102_000  # Gütersloh, the largest
    assert 150_000 < total[LIPPE] < 650_000  # Lippe drawn like any other Kreis
    assert total[LIPPE] != cal.KREIS_POPULATION[LIPPE][2024]
    assert "Bildungsmonitor Gütersloh" in _text(gt_demo, "12411-09i")
    assert "für den Kreis Gütersloh angelehnt" in (gt_demo / "README.txt").read_text(encoding="utf-8")


def test_build_succeeds_without_findings(gt_warehouse):
    with duckdb.connect(str(current_path(gt_warehouse)), read_only=True) as con:
        findings = con.execute("SELECT severity, rule, message FROM meta.findings").fetchall()
        assert [f for f in findings if f[0] == "error"] == []
        assert not [f for f in findings if f[1] == "region_added"]
        population = con.execute("SELECT value FROM mart.indicator_values WHERE indicator_id ="
                                 " 'population_total' AND ags = ? AND year = 2024", [GUETERSLOH]).fetchone()
        assert population == (371_000.0,)
        gemeinden = con.execute("SELECT count(DISTINCT ags) FROM mart.indicator_values v JOIN core.regions r"
                                " USING (ags) WHERE r.level = 'gemeinde' AND r.parent = ?", [GUETERSLOH]
                                ).fetchone()
        assert gemeinden == (13,)


def test_home_of_the_guetersloh_build(gt_env):
    from monitor.queries import regions

    home = regions.home()
    assert home.kreis == GUETERSLOH and home.land == "05" and home.rb == "057"
    assert home.gemeinden == GUETERSLOH_GEMEINDEN
    assert home.jugendaemter == () and home.kita_levels == ("gemeinde",)
    assert home.agentur is None
    assert LIPPE in home.neighbours and GUETERSLOH not in home.neighbours
    assert regions.label(home.kreis) == "Kreis Gütersloh"


def test_page_title_names_the_home_kreis(gt_env, monkeypatch, tmp_path):
    from monitor.navigation import page_title

    assert page_title() == "Bildungsmonitor Kreis Gütersloh"
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(tmp_path))  # no warehouse yet
    assert page_title() == "Bildungsmonitor"
    (tmp_path / "CURRENT").write_text("build-20260101T000000000000Z-1.duckdb", encoding="utf-8")  # dangling
    assert page_title() == "Bildungsmonitor"
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(gt_env))
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", "09162")  # not in the build
    assert page_title() == "Bildungsmonitor"


def test_default_demo_keeps_the_calibrated_lippe_figures(demo_sources):
    """The default home Kreis stays Lippe: published figures as before (tests/regression pins the rest)."""
    rows = [r for r in csv.reader(io.StringIO(_text(demo_sources, "12411-09i")), delimiter=";")
            if r and r[0] == "31.12.2024"]
    total = {r[1]: int(r[3]) for r in rows}
    assert total[LIPPE] == 347_149 and total["05766020"] == 74_278 and total["05766064"] == 9_257
    assert _gemeinden(set(total)) == {g for g in cal.GEMEINDE_POPULATION_2024 if g.startswith(LIPPE)}
    assert _keys(demo_sources, "LOCAL-AUSBILDUNGSMARKT") == {"AA_DETMOLD", LIPPE, "05"}
    assert {"JA05766K", "JA05766020"} <= _keys(demo_sources, "LOCAL-KITA")
    market = [r for r in csv.reader(io.StringIO(_text(demo_sources, "LOCAL-AUSBILDUNGSMARKT")), delimiter=";")
              if len(r) > 6 and r[1] == "2024/25" and r[2] == LIPPE and r[5] == "INSGESAMT"]
    assert [int(r[7]) for r in market[:4]] == list(cal.TRAINING_MARKET[LIPPE][2025])


@pytest.mark.parametrize("kreis", ["05770", "05711"])
def test_a_kreis_without_published_figures_is_modelled_too(kreis):
    """Minden-Lübbecke (11 Gemeinden, no calibration) and Bielefeld (kreisfreie Stadt, one Gemeinde)."""
    ctx = build_context(2026, "lippe", kreis)
    gemeinden = ctx.geo.home_gemeinden
    assert gemeinden and all(g.startswith(kreis) for g in gemeinden)
    assert (ctx.pop.total(kreis) == sum(ctx.pop.total(g) for g in gemeinden)).all()
    assert 150_000 < ctx.pop.total(kreis)[-1] < 400_000
    pupils = school_model(ctx)["pupils"]
    assert np.array_equal(pupils[kreis], sum(pupils[g] for g in gemeinden))
    kita = kita_local(ctx)
    assert kita.regions == gemeinden and np.isfinite(kita.values).all()


def test_a_home_outside_the_catalogue_is_refused():
    with pytest.raises(HomeError, match="09162"):
        home_geography("09162")
