"""Fixtures: each report type generated once per session from the demo warehouse, with its text."""

import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pypdf
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)
SQUASH = re.compile(r"[\s\u00ad\u2010-]")


@dataclass(frozen=True)
class Pdf:
    path: Path
    pages: list[str]

    @property
    def text(self) -> str:
        """All pages, whitespace collapsed."""
        return " ".join(" ".join(self.pages).split())

    def contains(self, needle: str) -> bool:
        """``needle`` in the text, ignoring line breaks, spaces and hyphenation."""
        return SQUASH.sub("", needle) in SQUASH.sub("", " ".join(self.pages))


def read_pdf(path: Path) -> Pdf:
    return Pdf(path, [page.extract_text() for page in pypdf.PdfReader(path).pages])


@pytest.fixture(scope="session")
def warehouse_db(demo_warehouse):
    """A read-only connection to the demo build (expected values come straight from the warehouse)."""
    name = (demo_warehouse / "CURRENT").read_text(encoding="utf-8").strip()
    con = duckdb.connect(str(demo_warehouse / name), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def vorlage(demo_warehouse, tmp_path_factory) -> Pdf:
    """Sitzungsvorlage Detmold / Schule, made through the command line."""
    out = tmp_path_factory.mktemp("reports") / "vorlage.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "monitor.reports", "vorlage", "--region", "05766020", "--topic", "schule",
         "--out", str(out)], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Gespeichert" in result.stdout and "Diagramme" in result.stdout
    return read_pdf(out)


@pytest.fixture(scope="session")
def bericht(demo_warehouse, tmp_path_factory) -> Pdf:
    """Bericht for Kreis Lippe, made through the Python interface."""
    from monitor import reports

    out = tmp_path_factory.mktemp("reports") / "bericht.pdf"
    out.write_bytes(reports.bericht("05766", today=TODAY))
    return read_pdf(out)
