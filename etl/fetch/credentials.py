"""Credentials per database from the environment or a ``.env`` file, and masking of secrets.

Per database (``env_prefix`` in catalogue/fetch_sources.toml, e.g. ``GENESIS_REGIONALSTATISTIK``):
``<PREFIX>_TOKEN`` (API token, sent as ``username`` with an empty ``password``) or
``<PREFIX>_USERNAME`` plus ``<PREFIX>_PASSWORD``. The environment wins over the ``.env`` file.
"""

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from etl import REPO_ROOT

DEFAULT_ENV_FILE = REPO_ROOT / ".env"
MASK = "********"
_LINE = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")


class EnvFileError(ValueError):
    """A line of the .env file cannot be read."""


@dataclass(frozen=True)
class Credentials:
    username: str = field(repr=False)
    password: str = field(repr=False)

    def headers(self) -> dict[str, str]:
        return {"username": self.username, "password": self.password}

    def secrets(self) -> list[str]:
        return [s for s in (self.username, self.password) if s]


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines (``#`` comments, optional ``export`` and quotes); missing file -> {}."""
    path = Path(path)
    if not path.is_file():
        return {}
    values = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            # never echo the line: it may hold a secret
            raise EnvFileError(f"{path}, line {number}: expected KEY=VALUE")
        key, value = match.groups()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


def settings(env_file: Path = DEFAULT_ENV_FILE, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The .env values overlaid by the process environment."""
    merged = read_env_file(env_file)
    merged.update(os.environ if environ is None else environ)
    return merged


def variable_hint(prefix: str) -> str:
    return f"{prefix}_TOKEN oder {prefix}_USERNAME und {prefix}_PASSWORD"


def credentials_for(prefix: str, values: Mapping[str, str]) -> Credentials | None:
    """Token first, else username and password; None when not configured."""
    token = values.get(f"{prefix}_TOKEN", "").strip()
    if token:
        return Credentials(token, "")
    username = values.get(f"{prefix}_USERNAME", "").strip()
    password = values.get(f"{prefix}_PASSWORD", "")
    if username and password:
        return Credentials(username, password)
    return None


def mask(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret (longest first) in a text by a fixed mask."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text
