"""Daten laden: authorised users upload official files, check the preview, then build a new data version."""

import math

import streamlit as st

from monitor import admin, fmt, ui
from monitor.markup import escape

st.title("Daten laden")
ui.demo_notice()

if not admin.upload_configured():
    st.info("Das Laden von Daten ist nicht eingerichtet (kein Passwort-Hash hinterlegt).")
    st.stop()


def login_form() -> None:
    """Password form; a wrong password or a lock-out is reported, a right one reruns the page."""
    if st.session_state.pop(admin.EXPIRED_KEY, False):
        st.info("Die Anmeldung ist abgelaufen. Bitte erneut anmelden.")
    with st.form("login"):
        password = st.text_input("Passwort", type="password", key="upload_password")
        submitted = st.form_submit_button("Anmelden")
    if not submitted:
        st.stop()
    attempt = admin.login(password)
    if attempt.ok:
        st.rerun()
    if attempt.wait:
        seconds = fmt.fmt_number(math.ceil(attempt.wait))
        st.error(f"Zu viele falsche Passwörter: die Anmeldung ist für {seconds} Sekunden gesperrt.")
    else:
        st.error("Das Passwort ist falsch.")
    st.stop()


if not admin.authorised():
    login_form()

done = st.session_state.pop("upload_done", None)
if done:
    st.success(escape(done))
partial = admin.partial_demo_text()
if partial:
    st.info(partial)
st.markdown(
    "Amtliche Dateien (GENESIS-Tabellen-CSV, Flatfile-CSV `ffcsv`, ZIP aus dem Webservice) oder die "
    f"Vorlage-CSV für lokale Daten hochladen, höchstens {fmt.fmt_number(admin.MAX_BYTES / 1e6)} MB. "
    "Die Datei wird zuerst geprüft; erst nach Bestätigung wird sie gespeichert und ein neuer Datenstand "
    "erstellt. Echte Daten ersetzen die Demodaten desselben Themas."
)
user = st.text_input("Ihr Name (steht im Ladeprotokoll)", key="upload_user")
upload_round = st.session_state.get("upload_round", 0)  # a new key after each load empties the uploader
uploaded = st.file_uploader("Datei", type=["csv", "zip"], key=f"upload_file_{upload_round}",
                            max_upload_size=round(admin.MAX_BYTES / 1e6),
                            help="Tabellen-CSV, ffcsv, ZIP oder Vorlage-CSV, höchstens "
                                 f"{fmt.fmt_number(admin.MAX_BYTES / 1e6)} MB")


def show_preview(shown: admin.Preview) -> None:
    st.header("Vorschau")
    cols = st.columns(3)
    cols[0].metric("Tabelle", escape(shown.table_code))
    cols[1].metric("Format", escape(shown.format))
    cols[2].metric("Zeilen", fmt.fmt_number(shown.rows))
    replaces = "" if shown.synthetic else " (ersetzt dessen Demodaten)"
    periods = ", ".join(fmt.fmt_period(p) for p in shown.periods)
    st.markdown(f"**Thema:** {escape(admin.subject_label(shown.subject))}{replaces}  \n"
                f"**Titel:** {escape(shown.title or '–')}  \n"
                f"**Stand:** {escape(fmt.fmt_date_time(shown.stand))}  \n"
                f"**Zeiträume:** {escape(periods or '–')}  \n"
                f"**Demodaten:** {'ja' if shown.synthetic else 'nein'}")
    regions = ", ".join(f"{label} ({ags})" for ags, label in shown.regions[:30])
    st.markdown(f"**Regionen ({len(shown.regions)}):** {escape(regions)}"
                + (" …" if len(shown.regions) > 30 else ""))
    symbols = admin.symbols_table(shown)
    st.markdown("**Zeichen statt Zahlen:** " + ("keine" if symbols.empty else ""))
    if not symbols.empty:
        st.dataframe(symbols, hide_index=True, key="upload_symbols")
    findings = admin.findings_table(shown)
    if findings.empty:
        st.success("Prüfung ohne Befund.")
    else:
        st.dataframe(findings, hide_index=True, key="upload_findings")


def confirm(name: str, data: bytes, user: str) -> None:
    try:
        with st.spinner("Neuer Datenstand wird erstellt …"):
            result = admin.load(name, data, user)
    except admin.UploadRejected as error:
        st.error(f"Abgelehnt: {escape(error)}")
        return
    if not result.ok:
        st.error(escape(result.message))
        return
    st.session_state["upload_done"] = (f"{name} geladen. {result.message} Datenstand {result.build_id}; "
                                       "alle Seiten zeigen ihn beim nächsten Aufruf.")
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.query_params[ui.VERSION_PARAM] = result.build_id  # this page's own URL is not an old link
    st.rerun()  # the notice and the log show the new version


if uploaded is not None:
    data = uploaded.getvalue()
    try:
        shown = admin.cached_preview(uploaded.file_id, uploaded.name, data)
    except admin.UploadRejected as error:
        st.error(f"Abgelehnt: {escape(error)}")
    else:
        show_preview(shown)
        if shown.errors:
            st.error("Die Datei hat Fehler und kann nicht geladen werden.")
        elif st.button("Laden und neuen Datenstand erstellen", type="primary", key="upload_confirm"):
            confirm(uploaded.name, data, user)

st.header("Ladeprotokoll")
log = admin.load_log()
if log.empty:
    st.caption("Noch keine Ladevorgänge.")
else:
    st.dataframe(log, hide_index=True, key="upload_log")
