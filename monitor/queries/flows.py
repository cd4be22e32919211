"""Transitions, read from the mart (etl/sql/mart/flows.sql): shares by school type, rechnerische flows
school leavers → iABE sectors, sector trends and the training-market outcome."""

import pandas as pd

from monitor import db


def transition_shares(kreis: str) -> pd.DataFrame:
    """Transitions after Grundschule by school type for the Kreis and its Gemeinden, all years: count
    (``value``), total with status, share (%) with status; Kreis first, then Gemeinden by key."""
    return db.query(
        "SELECT t.ags, t.year, t.school_type, t.value, t.total, t.total_status, t.share, t.share_status, "
        "t.provenance FROM mart.transition_shares t JOIN core.regions r USING (ags) "
        "WHERE t.ags = ? OR (r.parent = ? AND r.level = 'gemeinde') ORDER BY t.ags, t.year, t.school_type",
        (kreis, kreis))


def flow_years(kreis: str) -> list[int]:
    """Years with school leavers and Berufskolleg figures, newest first."""
    frame = db.query("SELECT year FROM mart.flow_status WHERE ags = ? ORDER BY year DESC", (kreis,))
    return [int(y) for y in frame["year"]]


def flow_status(kreis: str, year: int) -> str:
    """Combined status of the inputs of the flows (``missing`` when a year has no inputs)."""
    frame = db.query("SELECT status FROM mart.flow_status WHERE ags = ? AND year = ?", (kreis, year))
    return "missing" if frame.empty else str(frame["status"].iloc[0])


def flows(kreis: str, year: int) -> pd.DataFrame:
    """Rechnerische flows certificate → target (source, target, value, status, provenance); empty when an
    input is unusable. Fitted flows first (certificate, then sector order), the study share last."""
    return db.query("SELECT source, target, value, status, provenance FROM mart.transition_flows(?, ?) "
                    "ORDER BY target = 'STUDY', source_position, target_position", (kreis, year))


def sector_trends(kreis: str) -> pd.DataFrame:
    """Entrants per iABE sector (I to IV) and students (``STUDENTS``) per year."""
    return db.query("SELECT target, year, value, status, provenance FROM mart.sector_trends WHERE ags = ? "
                    "ORDER BY target, year", (kreis,))


def training_outcome(ags: str) -> pd.DataFrame:
    """Applicants by outcome per Berichtsjahr (mart.training_outcome), oldest first."""
    return db.query("SELECT * FROM mart.training_outcome WHERE ags = ? ORDER BY year", (ags,))
