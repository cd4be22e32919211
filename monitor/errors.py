"""Unexpected errors of a page: the traceback goes to the server log with a short reference, the browser
shows a German box with that reference only (``client.showErrorDetails = "none"`` hides the rest)."""

import logging
import secrets
from collections.abc import Callable

import streamlit as st

LOG = logging.getLogger(__name__)
PAGE_ERROR = "Fehler auf der Seite"  # start of the log message of a failed page
if not LOG.handlers:  # Streamlit configures only its own loggers; ours writes to the server's stderr
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(_handler)


def message(reference: str) -> str:
    return ("Bei der Anzeige dieser Seite ist ein Fehler aufgetreten. Bitte laden Sie die Seite neu. "
            f"Besteht der Fehler weiter, nennen Sie dem Betrieb die Fehlernummer {reference} "
            "(sie steht mit allen Einzelheiten im Server-Protokoll).")


def log_exception(what: str) -> str:
    """Log the exception being handled with its traceback under a new short reference; returns it."""
    reference = secrets.token_hex(4)
    LOG.exception("%s, Fehlernummer %s", what, reference)
    return reference


def guarded(run: Callable[[], object]) -> None:
    """Call ``run`` (a page); on an error log the traceback with a reference and show ``message``.
    Streamlit's own stop and rerun signals are no ``Exception`` and pass through."""
    try:
        run()
    except Exception:  # any page failure: logged with traceback, shown without details
        st.error(message(log_exception(PAGE_ERROR)), icon="⚠️")
