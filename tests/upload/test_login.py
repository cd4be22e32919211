"""Login of "Daten laden": lock-out after wrong passwords (per server process, not per session) with an
injected clock, and the end of a login after idle time or the absolute limit."""

import pytest
from streamlit.testing.v1 import AppTest

from monitor import admin, db, throttle
from tests.upload.conftest import REPO_ROOT
from tests.upload.test_page import PASSWORD, _login, _texts


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """A fake clock for the login session and a fresh lock-out counter on it."""
    fake = Clock()
    monkeypatch.setattr(admin, "clock", fake)
    monkeypatch.setattr(admin, "THROTTLE", throttle.LoginThrottle(fake))
    return fake


@pytest.fixture
def new_session(target, monkeypatch, stored_hash):
    """A factory of fresh AppTests (new browser sessions) of pages/upload.py."""
    monkeypatch.setenv(db.ENV_DIR, str(target.warehouse_dir))
    monkeypatch.setenv(admin.ENV_DATA, str(target.uploads_dir.parent))
    monkeypatch.setenv(admin.ENV_HASH, stored_hash)
    return lambda: AppTest.from_file(str(REPO_ROOT / "app_pages" / "upload.py"), default_timeout=60)


@pytest.fixture(scope="module")
def stored_hash() -> str:
    return admin.hash_password(PASSWORD)


def test_throttle_locks_after_five_and_doubles():
    fake = Clock()
    limiter = throttle.LoginThrottle(fake)
    assert [limiter.failed() for _ in range(4)] == [0.0, 0.0, 0.0, 0.0] and limiter.wait() == 0.0
    assert limiter.failed() == 30.0 and limiter.wait() == 30.0
    fake.now += 10
    assert limiter.wait() == 20.0
    fake.now += 20
    assert limiter.wait() == 0.0
    assert limiter.failed() == 60.0 and limiter.failed() == 120.0
    assert [limiter.failed() for _ in range(40)][-1] == throttle.MAX_LOCK_SECONDS  # capped, no overflow
    limiter.succeeded()
    assert limiter.wait() == 0.0 and limiter.failed() == 0.0


def test_lockout_survives_a_new_session_and_refuses_the_right_password(clock, new_session):
    for _ in range(throttle.MAX_FAILURES - 1):
        assert "Das Passwort ist falsch." in _texts(_login(new_session(), "falsch"))
    assert "für 30 Sekunden gesperrt" in _texts(_login(new_session(), "falsch"))
    clock.now += 29
    refused = _login(new_session(), PASSWORD)  # right password, new session: still locked
    assert "für 1 Sekunden gesperrt" in _texts(refused) and not refused.get("file_uploader")
    clock.now += 1
    accepted = _login(new_session(), PASSWORD)
    assert not accepted.exception and accepted.get("file_uploader")


def test_login_expires_when_idle(clock, new_session):
    app = _login(new_session(), PASSWORD)
    clock.now += admin.IDLE_SECONDS - 1
    assert app.run().get("file_uploader")  # used just in time: the idle time starts again
    clock.now += admin.IDLE_SECONDS - 1
    assert app.run().get("file_uploader")
    clock.now += admin.IDLE_SECONDS + 1
    app.run()
    assert not app.get("file_uploader") and "Die Anmeldung ist abgelaufen." in _texts(app)


def test_login_expires_after_absolute_limit(clock, new_session):
    app = _login(new_session(), PASSWORD)
    for _ in range(admin.ABSOLUTE_SECONDS // admin.IDLE_SECONDS):
        clock.now += admin.IDLE_SECONDS - 1
        app.run()
    assert app.get("file_uploader")  # still idle-fresh, just under 8 hours
    clock.now += admin.ABSOLUTE_SECONDS  # never idle, but past the absolute limit
    clock.now -= admin.IDLE_SECONDS * 2 - 1
    app.run()
    assert not app.get("file_uploader") and "abgelaufen" in _texts(app)
