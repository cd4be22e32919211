"""Client side of Streamlit's websocket protocol, as the browser speaks it on a page load: open
``ws://…/_stcore/stream`` (subprotocol ``streamlit``, optionally with the ``bm_replica`` cookie of the nginx
front), send a ``BackMsg`` with ``rerun_script`` and read the ``ForwardMsg`` stream until
``script_finished``. Used by bench/bench_pages.py and bench/check_protocol.py."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make `monitor` importable
    sys.path.insert(0, str(REPO))
logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)  # no runtime here
from monitor.navigation import PAGE_SPECS  # noqa: E402

FLOOR = "floor"  # the page name of bench/floor_app.py (a one-page app: its default page)
PAGE_QUERIES = {"praesentation": "folie=2"}
DEFAULT_PAGE = PAGE_SPECS[0].url_path  # every page has its own address, the overview included
OPEN_TIMEOUT = 10.0


@dataclass
class Run:
    """One script run of one session: seconds from sending rerun_script to script_finished."""
    seconds: float | None
    error: str | None = None
    elements: int = 0
    element_types: dict[str, int] = field(default_factory=dict)
    headings: list[str] = field(default_factory=list)
    replica: str | None = None  # X-Replica header of the websocket upgrade (nginx front of deploy/serve.py)


def ws_url(base: str) -> str:
    return base.rstrip("/").replace("https://", "wss://").replace("http://", "ws://") + "/_stcore/stream"


def rerun_message(page: str, query: str) -> bytes:
    """The BackMsg the frontend sends on a page load (a direct URL: page by name, no hash yet)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = "" if page == FLOOR else page
    state.page_script_hash = ""
    state.context_info.timezone = "Europe/Berlin"
    state.context_info.timezone_offset = -60
    state.context_info.locale = "de-DE"
    state.context_info.url = f"http://127.0.0.1/{state.page_name}" + (f"?{query}" if query else "")
    state.context_info.is_embedded = False
    state.context_info.color_scheme = "light"
    return msg.SerializeToString()


async def open_session(base: str, cookie: str | None) -> ClientConnection:
    headers = {"Cookie": f"bm_replica={cookie}"} if cookie else None
    return await connect(ws_url(base), subprotocols=["streamlit"], additional_headers=headers,
                         open_timeout=OPEN_TIMEOUT, max_size=None, close_timeout=2)


def _check_element(msg: ForwardMsg, run: Run) -> str | None:
    if msg.delta.WhichOneof("type") != "new_element":
        return None
    kind = msg.delta.new_element.WhichOneof("type") or "?"
    run.elements += 1
    run.element_types[kind] = run.element_types.get(kind, 0) + 1
    if kind == "heading":
        run.headings.append(msg.delta.new_element.heading.body)
    if kind == "exception":
        return "exception: " + msg.delta.new_element.exception.type
    if kind == "alert" and msg.delta.new_element.alert.format == Alert.ERROR:
        return "st.error: " + msg.delta.new_element.alert.body[:80]
    return None


async def run_script(ws: ClientConnection, page: str, query: str, timeout: float) -> Run:
    """Send rerun_script and read the stream until script_finished (bounded by ``timeout``)."""
    run = Run(None)
    errors: list[str] = []
    ran, hashes = None, {}
    start = time.monotonic()
    deadline = start + timeout
    await ws.send(rerun_message(page, query))
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            run.error = f"timeout after {timeout:.0f} s"
            return run
        try:
            raw = await asyncio.wait_for(ws.recv(), remaining)
        except TimeoutError:
            continue  # the deadline check above ends the loop
        if isinstance(raw, str):
            continue
        msg = ForwardMsg.FromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta":
            error = _check_element(msg, run)
            if error:
                errors.append(error)
        elif kind == "page_not_found":
            errors.append("page_not_found")
        elif kind == "navigation":
            ran = msg.navigation.page_script_hash
            hashes = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            errors.append("script compilation exception")
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # st.rerun(): the page is not there yet, the next run follows on the same stream
            run.seconds = time.monotonic() - start
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                errors.append("status " + ForwardMsg.ScriptFinishedStatus.Name(status))
            break
    wanted = "" if page == FLOOR else page
    if page != FLOOR and hashes.get(wanted, "?") != ran:
        errors.append(f"ran page {ran!r}, not {page!r}")
    run.error = "; ".join(errors) or None
    return run


async def _session(base: str, page: str, query: str, timeout: float, cookie: str | None,
                   opened: asyncio.Event, start: asyncio.Event) -> Run:
    try:
        try:
            ws = await open_session(base, cookie)
        finally:
            opened.set()
        async with ws:
            await start.wait()
            run = await run_script(ws, page, query, timeout)
            run.replica = ws.response.headers.get("X-Replica") if ws.response else None
            return run
    except (OSError, TimeoutError) as error:
        return Run(None, f"connection: {error!r}")
    except Exception as error:  # noqa: BLE001 - websockets' ConnectionClosed/InvalidStatus etc. count as failure
        return Run(None, f"{type(error).__name__}: {error}")


async def _round(base: str, page: str, query: str, concurrency: int, timeout: float,
                 cookies: bool) -> list[Run]:
    """``concurrency`` fresh sessions connect (like browser tabs), then all send their rerun together."""
    start, tag = asyncio.Event(), secrets.token_hex(3)
    opened = [asyncio.Event() for _ in range(concurrency)]
    tasks = [asyncio.create_task(_session(base, page, query, timeout, f"bench-{tag}-{i}" if cookies else None,
                                          opened[i], start))
             for i in range(concurrency)]
    with contextlib.suppress(TimeoutError):  # a session that could not connect reports its own error
        await asyncio.wait_for(asyncio.gather(*(event.wait() for event in opened)), OPEN_TIMEOUT + 5)
    start.set()
    return list(await asyncio.gather(*tasks))


def measure(base: str, page: str, concurrency: int, timeout: float, cookies: bool) -> list[Run]:
    query = PAGE_QUERIES.get(page, "")
    return asyncio.run(_round(base, page, query, concurrency, timeout, cookies))
