"""Education and the economy, read from the mart (etl/sql/mart/economy.sql, location_quotients.sql):
sector structure with location quotients and key industries, BA training places per sector, training
rates, apprentices by area and the occupation-sector mapping."""

import pandas as pd

from monitor import db

_STRUCTURE = ("SELECT wz_section, label, position, in_partition, employees, employees_status, share, "
              "share_status, ref_ags, ref_share, ref_share_status, lq, status, key_industry, provenance "
              "FROM mart.sector_structure WHERE ags = ? AND year = ? ORDER BY position")


def employee_years(region: str) -> list[int]:
    """Years with employees by sector for the region, newest first."""
    frame = db.query("SELECT DISTINCT year FROM mart.sector_structure WHERE ags = ? ORDER BY year DESC",
                     (region,))
    return [int(y) for y in frame["year"]]


def structure(region: str, year: int) -> pd.DataFrame:
    """Partition positions and their parts (C) of one year: employees, share (%) in the region and the
    reference region (``ref_ags``: the Land), location quotient, status, key industry flag."""
    return db.query(_STRUCTURE, (region, year))


def key_industries(region: str, year: int) -> pd.DataFrame:
    """Key industries (LQ > 1 and at least 5 % of the employees), largest share first."""
    return db.query(f"SELECT * FROM ({_STRUCTURE}) WHERE key_industry ORDER BY share DESC", (region, year))


def sector_training(region: str, year: int, market_ags: str | None, market_year: int | None) -> pd.DataFrame:
    """Partition positions with employees, mapped BA places / applicants of the market area and places per
    100 employees, most employees first."""
    return db.query("SELECT * FROM mart.sector_training(?, ?, ?, ?) "
                    "ORDER BY employees DESC NULLS LAST, position", (region, year, market_ags, market_year))


def training_rates(region: str) -> pd.DataFrame:
    """Apprentices per 100 employees (``training_rate``) and per 100 employees aged 50+
    (``per_older_employees``) by year: numerator, denominator, value, status, provenance."""
    return db.query("SELECT measure, year, numerator, denominator, value, status, provenance "
                    "FROM mart.training_rates WHERE ags = ? "
                    "ORDER BY measure = 'per_older_employees', year", (region,))


def apprentices_by_area(region: str) -> pd.DataFrame:
    """Apprentices by Ausbildungsbereich in the latest year with such rows."""
    return db.query("SELECT year, area, value, status, provenance FROM mart.apprentices_by_area "
                    "WHERE ags = ? QUALIFY year = max(year) OVER () ORDER BY area", (region,))


def mapping() -> pd.DataFrame:
    """The occupation-group ↔ WZ-section table of the build (mart.occupation_sectors) in file order."""
    return db.query("SELECT m.kldb2, m.kldb2_label, m.wz_section, w.label AS wz_label, m.weight, m.note "
                    "FROM mart.occupation_sectors m LEFT JOIN mart.wz_sections w USING (wz_section) "
                    "ORDER BY m.rowid")
