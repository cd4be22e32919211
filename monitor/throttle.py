"""Lock-out after wrong passwords for the page "Daten laden" (docs/UPLOAD.md).

One counter per server process, shared by all browser sessions (a new session or another address does not
reset it; Streamlit's client address is not trustworthy). After ``MAX_FAILURES`` wrong passwords in a row,
logins are refused for ``FIRST_LOCK_SECONDS``; every further wrong password doubles the lock-out, up to
``MAX_LOCK_SECONDS``. While locked, a password is not even checked. A right password resets the counter."""

import threading
import time
from collections.abc import Callable

MAX_FAILURES = 5
FIRST_LOCK_SECONDS = 30.0
MAX_LOCK_SECONDS = 15 * 60.0


class LoginThrottle:
    """Counts wrong passwords in a row; ``clock`` returns seconds (injectable for tests)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._locked_until = 0.0

    def wait(self) -> float:
        """Seconds until the next attempt is allowed (0 when it is allowed now)."""
        with self._lock:
            return max(self._locked_until - self._clock(), 0.0)

    def failed(self) -> float:
        """Record a wrong password; returns the lock-out now in force in seconds (0 when none)."""
        with self._lock:
            self._failures += 1
            if self._failures < MAX_FAILURES:
                return 0.0
            doublings = min(self._failures - MAX_FAILURES, 32)  # bounded: no float overflow
            lock = min(FIRST_LOCK_SECONDS * 2**doublings, MAX_LOCK_SECONDS)
            self._locked_until = self._clock() + lock
            return lock

    def succeeded(self) -> None:
        """A right password: the counter starts again."""
        with self._lock:
            self._failures = 0
            self._locked_until = 0.0
