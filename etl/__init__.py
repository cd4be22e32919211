"""ETL for the Bildungsmonitor Lippe: the only code that writes the warehouse."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = REPO_ROOT / "catalogue"
DATA_DIR = REPO_ROOT / "data"
