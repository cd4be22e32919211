"""The "Versorgungslücken" chapter: its figures are the mart's gap macros at the default and the two other
demand rates, a Gemeinde's report shows its own row next to the Kreis totals, the Bericht carries the
chapter with the stated assumptions, and the Sitzungsvorlage on the topic keeps to two pages."""

import math
import subprocess
import sys

import pandas as pd
import pytest

from monitor import fmt
from monitor.reports import gaps
from monitor.views.gaps import ASSUMPTIONS_DE
from tests.reports.conftest import REPO_ROOT, read_pdf

LIPPE, DETMOLD = "05766", "05766020"


def kita_rows(con, band: str, rate: float, level: str) -> list[tuple]:
    sql = ("SELECT ags, name, gap, status, missing_total, missing_areas FROM "
           "mart.kita_gap(?, ?, ?, ?, NULL) ORDER BY position")
    return con.execute(sql, [LIPPE, band, rate, level]).fetchall()


def ogs_rows(con, year: int, rate: float) -> list[tuple]:
    return con.execute("SELECT ags, name, gap, status, missing_total, missing_areas FROM "
                       "mart.ogs_gap(?, ?, ?) ORDER BY position", [LIPPE, year, rate]).fetchall()


def block(chapter: gaps.Chapter, key: str) -> gaps.Block:
    return next(b for b in chapter.blocks if b.key == key)


def test_kreis_chapter_has_kita_per_jugendamt_with_sensitivity(demo_warehouse, warehouse_db):
    chapter = gaps.chapter(LIPPE)
    assert [b.key for b in chapter.blocks] == ["kita-u3", "kita-3to6", "ogs", "ausbildung"]
    u3 = block(chapter, "kita-u3")
    assert u3.title.endswith("je Jugendamt") and u3.assumption == ASSUMPTIONS_DE["u3"]
    rows = kita_rows(warehouse_db, "u3", 0.45, "jugendamt")
    shown = sum(math.floor(r[2] + 0.5) for r in rows if r[2] is not None and r[2] > 0)  # the bar labels
    assert shown != math.floor(rows[0][4] + 0.5)  # the demo's 176 + 111 + 33 = 320 against 319 unrounded
    total = (f"Zusammen fehlen {fmt.fmt_number(rows[0][4], 0)} Plätze in {rows[0][5]} von {len(rows)} "
             f"Jugendämtern (aus den ungerundeten Werten; die gerundeten Einzelwerte ergeben {shown}).")
    assert total in u3.summary
    assert any(rows[0][1] in line and fmt.fmt_number(rows[0][2], 0) in line for line in u3.summary)
    table = u3.tables[0]
    assert [r[0] for r in table.rows] == ["40 %", "45 % (Voreinstellung)", "50 %"]
    for (rate, *_), line in zip([(0.40,), (0.45,), (0.50,)], table.rows, strict=True):
        mart = kita_rows(warehouse_db, "u3", rate, "jugendamt")
        assert line[1:] == (fmt.fmt_number(mart[0][4], 0), f"{mart[0][5]} von {len(mart)}"), rate
    totals = [float(r[1].replace(".", "")) for r in table.rows]
    assert totals == sorted(totals) and totals[0] < totals[2]  # more demand, larger gap


def test_ogs_up_to_the_full_legal_right(demo_warehouse, warehouse_db):
    ogs = block(gaps.chapter(LIPPE), "ogs")
    steps, sensitivity = ogs.tables
    assert [r[:2] for r in steps.rows] == [("2026/27", "1 von 4"), ("2027/28", "2 von 4"),
                                           ("2028/29", "3 von 4"), ("2029/30", "4 von 4")]
    full = ogs_rows(warehouse_db, 2029, 0.8)
    assert steps.rows[-1][2] == fmt.fmt_number(full[0][4], 0)
    assert [r[0] for r in sensitivity.rows] == ["70 %", "80 % (Voreinstellung)", "90 %"]
    assert sensitivity.rows[1][1] == steps.rows[-1][2]
    assert ogs.charts and ogs.charts[0].view.filename == "ogs_luecke_2029_30_quote80_Lippe"


def test_gemeinde_chapter_shows_its_row_and_the_kreis(demo_warehouse, warehouse_db):
    chapter = gaps.chapter(DETMOLD)
    ogs = block(chapter, "ogs")
    full = ogs_rows(warehouse_db, 2029, 0.8)
    own = next(r for r in full if r[0] == DETMOLD)
    rank = [r[0] for r in full].index(DETMOLD) + 1
    assert ogs.summary[1].startswith(f"Detmold: es fehlen rechnerisch {fmt.fmt_number(own[2], 0)} Plätze")
    assert f"Rang {rank} von {len(full)}" in ogs.summary[1]
    assert any(line.startswith("Zusammen fehlen") for line in ogs.summary)  # the Kreis context
    steps = ogs.tables[0]
    assert steps.head[-1] == "Lücke Detmold" and steps.rows[-1][-1] == fmt.fmt_value(own[2], own[3], 0)
    u3 = block(chapter, "kita-u3")
    assert u3.title.endswith("je Gemeinde")  # a Gemeinde is compared with the Gemeinden of its Kreis
    assert u3.tables[0].head[-1] == "Lücke Detmold"
    bars = u3.charts[0].view.fig.data[0]
    colours = dict(zip(bars.y, bars.marker.color, strict=True))
    assert colours["Detmold"] != colours["Lage"]  # its bar highlighted
    training = block(chapter, "ausbildung")
    assert any("nicht für Detmold" in line for line in training.summary)


def test_bericht_has_the_gap_chapter_with_assumptions(bericht):
    assert bericht.contains("6. Versorgungslücken")
    for band in ("u3", "3to6", "ogs"):
        assert bericht.contains(ASSUMPTIONS_DE[band]), band
    assert bericht.contains("Empfindlichkeit: fehlende Plätze bei anderen Bedarfsquoten")
    assert bericht.contains("45 % (Voreinstellung)") and bericht.contains("Stufenweiser Rechtsanspruch")
    assert bericht.contains("Ausbildungsplätze: Bewerber minus Stellen")
    assert bericht.contains("LOCAL-OGS")  # its sources are in the sources table


def test_vorlage_on_gaps_for_a_gemeinde(demo_warehouse, tmp_path, warehouse_db):
    out = tmp_path / "vorlage.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "monitor.reports", "vorlage", "--region", DETMOLD, "--topic", "versorgung",
         "--out", str(out)], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    pdf = read_pdf(out)
    assert 1 <= len(pdf.pages) <= 2
    assert pdf.contains("vor allem in der Berufsgruppe")
    own = next(r for r in ogs_rows(warehouse_db, 2029, 0.8) if r[0] == DETMOLD)
    assert pdf.contains("Versorgungslücken: Detmold")
    assert pdf.contains(f"Detmold: es fehlen rechnerisch {fmt.fmt_number(own[2], 0)} Plätze")
    assert pdf.contains(ASSUMPTIONS_DE["ogs"])


@pytest.mark.parametrize(("gap", "status", "words"), [
    (32.0, "ok", "es fehlen rechnerisch 32 Plätze"),
    (-1110.0, "ok", "es gibt 1.110 Plätze mehr als Bedarf"),
    (0.0, "ok", "der Bedarf ist gedeckt"),
    (None, "secret", "die Lücke ist unbekannt (geheim)"),
])
def test_gap_words_are_whole_clauses(gap, status, words):
    assert gaps.gap_word(pd.Series({"gap": gap, "status": status})) == words
