"""Facade of the page "Daten laden": password check and the calls into ``etl.upload``.

This is the one place where the read side triggers the ETL: a confirmed upload is stored under
``data/uploads`` and a new warehouse version is built in a separate process (docs/UPLOAD.md). The
pages keep reading the current version and see the new one on their next rerun (CURRENT switch).

Password: only a salted scrypt hash is configured, in the environment variable
``BILDUNGSMONITOR_UPLOAD_PASSWORD_HASH`` or in ``.streamlit/secrets.toml`` (``[upload] password_hash``).
Make one with ``python -m monitor.admin hash-password``.
"""

import base64
import getpass
import hashlib
import hmac
import os
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from etl import upload
from etl.status import LABELS_DE
from etl.upload import LoadResult, Preview, UploadRejected
from monitor import db, fmt, throttle
from monitor.provenance import partial_demo_text, subject_label, synthetic_subjects
from monitor.queries import meta

__all__ = [  # re-exported for the page
    "LoadResult", "Preview", "UploadRejected", "partial_demo_text", "subject_label", "synthetic_subjects",
]

ENV_HASH = "BILDUNGSMONITOR_UPLOAD_PASSWORD_HASH"
ENV_DATA = "BILDUNGSMONITOR_DATA_DIR"  # data/ with demo/, raw/, uploads/ (tests point it elsewhere)
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data"
SESSION_KEY = "upload_authorised"  # {"since": login time, "seen": last use} in clock seconds
EXPIRED_KEY = "upload_expired"
IDLE_SECONDS = 30 * 60  # a login ends after 30 minutes without use …
ABSOLUTE_SECONDS = 8 * 3600  # … and 8 hours after the password was entered
PREVIEW_KEY = "upload_preview"
MAX_BYTES = upload.MAX_BYTES
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
# -- password -----------------------------------------------------------------------------------
def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$<salt>$<hash>`` (base64) for the configuration; a new random salt by default."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of a password against a stored hash; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, expected = stored.strip().split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(base64.b64decode(expected)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


def configured_hash() -> str | None:
    """The upload password hash from the environment, else from the Streamlit secrets, else None."""
    value = os.environ.get(ENV_HASH)
    if not value:
        try:
            value = st.secrets.get("upload", {}).get("password_hash")
        except (StreamlitSecretNotFoundError, AttributeError):
            value = None
    return value.strip() if value and value.strip() else None


def upload_configured() -> bool:
    """Whether the page "Daten laden" is offered at all."""
    return configured_hash() is not None


clock = time.monotonic  # seconds; tests replace it
THROTTLE = throttle.LoginThrottle(lambda: clock())  # one per server process, shared by all sessions


class Attempt(NamedTuple):
    ok: bool
    wait: float  # seconds of lock-out in force after this attempt (0: none)


def login(password: str) -> Attempt:
    """Check the password unless logins are locked out; remember success in this browser session."""
    st.session_state[SESSION_KEY] = None
    locked = THROTTLE.wait()
    if locked:
        return Attempt(False, locked)
    stored = configured_hash()
    if stored is None or not verify_password(password, stored):
        return Attempt(False, THROTTLE.failed())
    THROTTLE.succeeded()
    now = clock()
    st.session_state[SESSION_KEY] = {"since": now, "seen": now}
    return Attempt(True, 0.0)


def authorised() -> bool:
    """Whether this session is logged in; ends the login after ``IDLE_SECONDS`` without use or
    ``ABSOLUTE_SECONDS`` after it began (then ``EXPIRED_KEY`` is set for the page's notice)."""
    session = st.session_state.get(SESSION_KEY)
    if not session or not upload_configured():
        return False
    now = clock()
    if now - session["seen"] > IDLE_SECONDS or now - session["since"] > ABSOLUTE_SECONDS:
        st.session_state[SESSION_KEY] = None
        st.session_state[EXPIRED_KEY] = True
        return False
    session["seen"] = now
    return True


# -- upload -------------------------------------------------------------------------------------
def data_dir() -> Path:
    return Path(os.environ.get(ENV_DATA) or DEFAULT_DATA)


def uploads_dir() -> Path:
    return data_dir() / "uploads"


def _target() -> upload.Target:
    source_dir = meta.build_info().get("source_dir") if db.warehouse_path() else None
    return upload.Target(uploads_dir(), db.warehouse_dir(), upload.base_dirs(source_dir, data_dir()))


def preview(name: str, data: bytes) -> Preview:
    """What the uploaded bytes hold and what the checks found; raises UploadRejected."""
    with upload.staged_upload(name, data) as path:
        return upload.preview(path)


def cached_preview(file_id: str, name: str, data: bytes) -> Preview:
    """:func:`preview`, kept in the session for the same uploaded file (reruns do not re-check)."""
    kept = st.session_state.get(PREVIEW_KEY)
    if kept is None or kept[0] != file_id:
        st.session_state[PREVIEW_KEY] = kept = (file_id, preview(name, data))
    return kept[1]


def load(name: str, data: bytes, user: str) -> LoadResult:
    """Store the file and build a new version (waits for the build process); raises UploadRejected
    (nothing stored, no build)."""
    with upload.staged_upload(name, data) as path:
        return upload.load(path, user, _target())


def symbols_table(shown: Preview) -> pd.DataFrame:
    """The symbols found instead of numbers in a preview: symbol, German meaning, count."""
    rows = [{"Zeichen": s, "Bedeutung": LABELS_DE.get(t, t), "Anzahl": n} for s, t, n in shown.symbols]
    return pd.DataFrame(rows, columns=["Zeichen", "Bedeutung", "Anzahl"])


def findings_table(shown: Preview) -> pd.DataFrame:
    """The findings of a preview's checks as a German table (empty when the file passed)."""
    rows = [{"Schwere": "Fehler" if f.severity == "error" else "Warnung", "Regel": f.rule, "Zeile": f.line,
             "Meldung": f.message} for f in shown.findings]
    return pd.DataFrame(rows, columns=["Schwere", "Regel", "Zeile", "Meldung"])


def load_log() -> pd.DataFrame:
    """The load log, newest first, as a German table."""
    rows = [{"Zeit": fmt.fmt_date_time(e.get("time")), "Name": e.get("user"),
             "Dateien": ", ".join(f"{f['name']} ({f['table_code']})" for f in e.get("files", [])),
             "SHA-256": ", ".join(f["sha256"][:12] + "…" for f in e.get("files", [])),
             "Ergebnis": "geladen" if e.get("result") == "ok" else f"Fehler: {e.get('message', '')}",
             "Datenstand": e.get("build_id") or "–"} for e in upload.read_log(uploads_dir())]
    return pd.DataFrame(rows, columns=["Zeit", "Name", "Dateien", "SHA-256", "Ergebnis", "Datenstand"])


def _main(argv: list[str]) -> int:
    """``python -m monitor.admin hash-password``: ask twice, print the hash for the configuration."""
    if argv != ["hash-password"]:
        print("Aufruf: python -m monitor.admin hash-password", file=sys.stderr)
        return 2
    password = getpass.getpass("Passwort für „Daten laden“: ")
    if not password or password != getpass.getpass("Wiederholen: "):
        print("Leer oder nicht gleich; nichts ausgegeben.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
