"""The home Kreis of the dashboard: ``catalogue/home.toml``, overridden by ``BILDUNGSMONITOR_KREIS``.

Everything else about the home region (Land, RB, Gemeinden, Jugendämter, Agentur) is read from the region
dimension; no module names a region key.
"""

import os
import re
import tomllib
from pathlib import Path

HOME_PATH = Path(__file__).resolve().parents[1] / "catalogue" / "home.toml"
ENV_KREIS = "BILDUNGSMONITOR_KREIS"
KREIS_KEY = re.compile(r"\d{5}")


class HomeError(ValueError):
    """The configured home Kreis is not a 5-digit AGS; the message names where it was set."""


def home_kreis(path: Path = HOME_PATH) -> str:
    """AGS of the home Kreis (environment first, then the file)."""
    configured = os.environ.get(ENV_KREIS, "").strip()
    if not configured:
        return configured_kreis(path)
    return checked(configured, f"Umgebungsvariable {ENV_KREIS}")


def configured_kreis(path: Path = HOME_PATH) -> str:
    """AGS of the home Kreis in the file only (the default when the environment sets none)."""
    with open(path, "rb") as handle:
        return checked(str(tomllib.load(handle).get("kreis", "")).strip(), path.name)


def checked(kreis: str, where: str) -> str:
    """The key itself when it is a 5-digit Kreis key; else HomeError naming where it was set."""
    if not KREIS_KEY.fullmatch(kreis):
        raise HomeError(f"{where}: {kreis!r} ist kein Kreisschlüssel (5 Ziffern, z. B. 05766)")
    return kreis
