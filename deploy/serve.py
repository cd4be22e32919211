"""Serve the dashboard with several Streamlit processes behind nginx (sticky sessions), all reading the
same read-only warehouse build: ``python deploy/serve.py --replicas 2 --port 8501``.

The launcher starts the replicas on consecutive loopback ports, waits until each answers its health
check, renders ``deploy/nginx.conf.template`` and runs nginx in the foreground; it restarts a replica
that exits and stops everything on Ctrl+C or SIGTERM. A new build published by ``python -m etl build``
(the ``CURRENT`` switch) is picked up by every replica on the next page run. See docs/DEPLOY.md.
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
HEALTH = "/_stcore/health"


def replica_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false"]


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status == 200
    except OSError:
        return False


def wait_healthy(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not healthy(url):
        if time.monotonic() > deadline:
            raise SystemExit(f"Fehler: {url} antwortet nicht innerhalb von {seconds:.0f} s")
        time.sleep(0.3)


def render_config(run_dir: Path, listen: int, ports: list[int]) -> Path:
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=2 fail_timeout=5s;" for p in ports)
    text = TEMPLATE.read_text(encoding="utf-8")
    values = {"@RUN_DIR@": str(run_dir), "@LISTEN@": str(listen), "@SERVERS@": servers}
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    path = run_dir / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


class Replicas:
    """The Streamlit processes, one per port, with a shared cookie secret (XSRF tokens stay valid)."""

    def __init__(self, ports: list[int], env: dict[str, str], log_dir: Path) -> None:
        self.ports, self.env, self.log_dir = ports, env, log_dir
        self.processes: dict[int, subprocess.Popen] = {}

    def start(self, port: int) -> None:
        log = (self.log_dir / f"replica-{port}.log").open("ab")
        self.processes[port] = subprocess.Popen(replica_command(port), cwd=REPO, env=self.env, stdout=log,
                                                stderr=subprocess.STDOUT)
        (self.log_dir / f"replica-{port}.pid").write_text(str(self.processes[port].pid), encoding="utf-8")

    def restart_exited(self) -> None:
        for port, process in list(self.processes.items()):
            if process.poll() is not None:
                print(f"Replikat auf Port {port} beendet (Code {process.returncode}) – Neustart", flush=True)
                self.start(port)

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501, help="public port of nginx")
    parser.add_argument("--first-port", type=int, default=8601, help="port of the first replica")
    parser.add_argument("--run-dir", type=Path, default=REPO / "data" / "serve")
    args = parser.parse_args()
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if nginx is None:
        print("Fehler: nginx fehlt (Debian: apt-get install nginx-light)", file=sys.stderr)
        return 2
    if args.replicas < 1:
        print("Fehler: --replicas muss mindestens 1 sein", file=sys.stderr)
        return 2
    run_dir = args.run_dir.resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    ports = [args.first_port + i for i in range(args.replicas)]
    env = dict(os.environ, STREAMLIT_SERVER_COOKIE_SECRET=secrets.token_hex(32))
    replicas = Replicas(ports, env, run_dir)
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for port in ports:
            replicas.start(port)
        for port in ports:
            wait_healthy(f"http://127.0.0.1:{port}{HEALTH}", 120)
        config = render_config(run_dir, args.port, ports)
        proxy = subprocess.Popen([nginx, "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"])
        wait_healthy(f"http://127.0.0.1:{args.port}{HEALTH}", 30)
        print(f"Dashboard: http://localhost:{args.port} ({args.replicas} Replikate, Ports "
              f"{ports[0]}–{ports[-1]}) – bereit", flush=True)
        while not stopping and proxy.poll() is None:
            replicas.restart_exited()
            time.sleep(1)
        proxy.terminate()
        proxy.wait(timeout=10)
    finally:
        replicas.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
