"""A local replay server for the GENESIS web service (127.0.0.1, free port, stopped after each test)."""

import io
import threading
import time
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from etl.fetch.client import ClientSettings, GenesisClient
from etl.fetch.credentials import Credentials
from etl.fetch.sources import Database, FetchSource

RESPONSES = Path(__file__).resolve().parent / "responses"
TOKEN = "tok-S3CRET-4711"
USER, PASSWORD = "lippe-user-0815", "pw-S3CRET-0815"
CODE = "99999-01-01-4"
FAST = ClientSettings(timeout=0.5, retries=2, backoff=0.01, poll_first=0.01, poll_max=0.02, max_wait=10)


@dataclass
class Reply:
    body: bytes
    content_type: str = "application/json"
    status: int = 200
    delay: float = 0.0  # seconds to sleep before answering (timeout tests)


def json_reply(name: str) -> Reply:
    return Reply((RESPONSES / name).read_bytes())


def zip_reply(csv: bytes | None = None, member: str = f"{CODE}_1760000000000_de_flat.csv") -> Reply:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, csv or (RESPONSES / "flat_ffcsv.csv").read_bytes())
    return Reply(buffer.getvalue(), "application/zip")


@dataclass
class Replay:
    """Scripted answers per web-service method (``metadata/table`` …); the last one repeats."""

    script: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[tuple[str, dict, dict]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next(self, method: str) -> Reply:
        with self.lock:
            queue = self.script.get(method)
            if not queue:
                return Reply(b"no script for " + method.encode(), "text/html", 404)
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def methods(self) -> list[str]:
        return [method for method, _, _ in self.requests]


def _handler(replay: Replay, prefix: str):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server naming)
            length = int(self.headers.get("Content-Length", 0))
            form = dict(parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
            method = self.path.removeprefix(prefix)
            headers = {"username": self.headers.get("username"), "password": self.headers.get("password")}
            with replay.lock:
                replay.requests.append((method, form, headers))
            reply = replay.next(method)
            time.sleep(reply.delay)
            body = reply.body.replace(b"{username}", (headers["username"] or "").encode())
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # keep test output clean
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # the client hung up after its timeout: expected in the timeout test


@pytest.fixture
def genesis():
    """(replay, database): a running replay server and a Database pointing at it."""
    replay = Replay()
    prefix = "/genesisws/rest/2020/"
    server = _Server(("127.0.0.1", 0), _handler(replay, prefix))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    database = Database(
        "regionalstatistik",
        "Regionaldatenbank Deutschland (Test)",
        f"http://127.0.0.1:{server.server_address[1]}{prefix}",
        "GENESIS_REGIONALSTATISTIK",
    )
    try:
        yield replay, database
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def source() -> FetchSource:
    return FetchSource(
        id=CODE,
        code=CODE,
        database="regionalstatistik",
        regionalvariable="KREISE",
        regionalkey="05*",
        startyear="2022",
    )


@pytest.fixture
def client(genesis):
    _, database = genesis
    instance = GenesisClient(database, Credentials(USER, PASSWORD), FAST)
    yield instance
    instance.close()
