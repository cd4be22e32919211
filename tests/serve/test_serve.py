"""``deploy/serve.py``: two Streamlit replicas behind nginx with sticky sessions, health checks, restart
of a failed replica, a real browser session through the proxy, clean shutdown."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from websockets.sync.client import connect

REPO = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx fehlt (apt-get install nginx-light)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Cookie": f"bm_replica={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.status, dict(response.headers), response.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def served(demo_warehouse, tmp_path_factory):
    port, first = free_port(), free_port()
    while first + 1 == port or not _free(first + 1):
        first = free_port()
    run_dir = tmp_path_factory.mktemp("serve")
    env = dict(os.environ, BILDUNGSMONITOR_WAREHOUSE_DIR=str(demo_warehouse))
    process = subprocess.Popen(
        [sys.executable, str(REPO / "deploy" / "serve.py"), "--replicas", "2", "--port", str(port),
         "--first-port", str(first), "--run-dir", str(run_dir)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    assert "bereit" in line, line + process.stdout.read()
    yield {"url": f"http://127.0.0.1:{port}", "ports": (first, first + 1), "run_dir": run_dir,
           "process": process}
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=20)


def _free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_health_through_the_proxy(served):
    status, _, body = get(served["url"] + "/_stcore/health")
    assert (status, body) == (200, "ok")


def test_sessions_stick_to_one_replica_and_spread_over_both(served):
    replicas = {get(served["url"] + "/_stcore/health", f"key{i}")[1]["X-Replica"] for i in range(24)}
    assert replicas == {f"127.0.0.1:{p}" for p in served["ports"]}
    same = {get(served["url"] + "/", "one-browser")[1]["X-Replica"] for _ in range(8)}
    assert len(same) == 1


def test_first_response_sets_the_session_cookie(served):
    _, headers, _ = get(served["url"] + "/")
    assert headers["Set-Cookie"].startswith("bm_replica=")


def test_websocket_upgrade_goes_to_the_replica_of_the_cookie(served):
    url = served["url"].replace("http", "ws") + "/_stcore/stream"
    with connect(url, additional_headers={"Cookie": "bm_replica=ws-test"}, subprotocols=["streamlit"],
                 open_timeout=10) as websocket:
        assert websocket.response.status_code == 101
        replica = websocket.response.headers.get("X-Replica")
    assert replica == get(served["url"] + "/", "ws-test")[1]["X-Replica"]


@pytest.mark.browser
def test_a_browser_session_renders_a_page_through_the_proxy(served):
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium fehlt")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(served["url"] + "/daten-methodik", timeout=60_000)
        page.get_by_role("heading", name="Daten & Methodik").wait_for(timeout=60_000)
        browser.close()


def test_a_failed_replica_is_restarted(served):
    pid_file = served["run_dir"] / f"replica-{served['ports'][0]}.pid"
    old = int(pid_file.read_text())
    os.kill(old, signal.SIGKILL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if pid_file.exists() and int(pid_file.read_text()) != old:
            try:
                if get(f"http://127.0.0.1:{served['ports'][0]}/_stcore/health")[2] == "ok":
                    break
            except OSError:
                pass
        time.sleep(0.5)
    else:
        pytest.fail("replica was not restarted within 90 s")
    assert get(served["url"] + "/_stcore/health")[2] == "ok"


def test_shutdown_stops_proxy_and_replicas(served):
    process = served["process"]
    process.terminate()
    assert process.wait(timeout=30) == 0
    assert all(_free(p) for p in served["ports"])
