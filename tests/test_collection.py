"""Every folder under tests/ must contribute tests (pytest silently skips some folder names, e.g. build)."""

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
IGNORED = {"__pycache__", "artifacts", "fixtures", "responses"}


def _test_folders() -> set[str]:
    return {p.name for p in TESTS.iterdir() if p.is_dir() and p.name not in IGNORED
            and not p.name.startswith(".") and any(p.glob("test_*.py"))}


def test_every_test_folder_is_collected():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             str(TESTS)], capture_output=True, text=True, cwd=TESTS.parent, timeout=600)
    collected = {line.split("/")[1] for line in result.stdout.splitlines() if line.startswith("tests/")
                 and "::" in line and line.count("/") >= 2}
    missing = sorted(_test_folders() - collected)
    assert not missing, f"folders under tests/ with no collected test: {missing}\n{result.stdout[-2000:]}"
