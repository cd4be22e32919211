"""HTTP client for the GENESIS web service: POST with credentials in headers, retries, jobs.

FORMATS.md §4. Every message that leaves this module is passed through ``mask`` so that no
username, password or token can reach a log, a manifest or an exception.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests

from etl.fetch import envelope as env
from etl.fetch.credentials import Credentials, mask, variable_hint
from etl.fetch.sources import Database, FetchSource

log = logging.getLogger("etl.fetch")

_DATA_TYPES = ("zip", "csv", "octet-stream", "text/plain")


class FetchError(RuntimeError):
    """The table could not be fetched; the message is German, masked and names the table."""


class TableSkipped(Exception):
    """Nothing to download (unchanged or no newer data); the message says why."""


@dataclass(frozen=True)
class ClientSettings:
    timeout: float = 60.0  # seconds to wait for one HTTP response
    retries: int = 3  # further attempts after connection errors, timeouts and HTTP 5xx
    backoff: float = 2.0  # wait before the first retry; doubles per retry
    poll_first: float = 5.0  # first wait while a background job runs; doubles per poll
    poll_max: float = 60.0  # longest wait between two polls
    max_wait: float = 1800.0  # maximum total time for one table (requests, retries, polling)


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes

    @property
    def is_data(self) -> bool:
        if self.status >= 400:
            return False
        if self.body[:2] == b"PK":
            return True
        if "json" in self.content_type or self.body.lstrip()[:1] == b"{":
            return False
        return any(t in self.content_type for t in _DATA_TYPES)


@dataclass(frozen=True)
class Download:
    body: bytes
    url: str  # without secrets (they travel in headers)
    parameters: dict[str, str]
    status_code: int  # last envelope status seen (0 when the file came directly)
    notes: tuple[str, ...] = ()


class GenesisClient:
    """One database of the GENESIS family; ``sleep``/``clock`` are injectable for tests."""

    def __init__(
        self,
        database: Database,
        credentials: Credentials,
        settings: ClientSettings | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.database = database
        self.settings = settings or ClientSettings()
        self._credentials = credentials
        self._session = requests.Session()
        self._sleep = sleep
        self._clock = clock
        self._deadline = float("inf")

    def close(self) -> None:
        self._session.close()

    # -- public API ---------------------------------------------------------------------------
    def table_updated(self, code: str) -> str | None:
        """``Updated`` of metadata/table for ``code``; FetchError for missing tables and errors."""
        self._start_clock()
        answer = self._envelope("metadata/table", {"name": code, "area": "all", "language": "de"}, code)
        return env.updated(answer)

    def download(self, source: FetchSource) -> Download:
        """data/tablefile; status 98 -> job -> poll catalogue/results -> data/resultfile."""
        self._start_clock()
        params = source.parameters()
        notes: list[str] = []
        response = self._post("data/tablefile", params, source.code)
        if response.is_data:
            return Download(response.body, self._url("data/tablefile"), params, 0)
        answer = self._check(response, source.code, notes)
        if answer.code == env.TOO_LARGE:
            notes.append(self._note(f"{source.code}: zu groß für den Direktabruf, starte Hintergrundauftrag"))
            params = {**params, "job": "true"}
            response = self._post("data/tablefile", params, source.code)
            if response.is_data:
                return Download(response.body, self._url("data/tablefile"), params, 0, tuple(notes))
            answer = self._check(response, source.code, notes)
        if answer.code != env.JOB_CREATED:
            raise FetchError(
                self._masked(f"{source.code}: Antwort ohne Datei (Status {answer.code}): {answer.content}")
            )
        return self._job_result(source, env.result_name(answer), notes)

    # -- jobs ---------------------------------------------------------------------------------
    def _job_result(self, source: FetchSource, name: str, notes: list[str]) -> Download:
        notes.append(self._note(f"{source.code}: Hintergrundauftrag {name} erstellt, warte auf das Ergebnis"))
        wait = self.settings.poll_first
        query = {"selection": name, "area": "user", "pagelength": "1", "language": "de"}
        while True:
            self._wait(wait, f"{source.code}: Ergebnis {name} nicht fertig")
            response = self._post("catalogue/results", query, source.code)
            answer = self._parse(response, source.code)
            if answer.code != env.NO_OBJECTS:  # 104 while the job runs
                self._raise_unless_ok(answer, source.code)
                if env.result_listed(answer, name):
                    break
            log.info("%s: Ergebnis %s noch nicht fertig, nächste Abfrage in %.0f s", source.code, name, wait)
            wait = min(wait * 2, self.settings.poll_max)
        params = {
            "name": name,
            "area": "user",
            "format": source.parameters()["format"],
            "compress": "false",
            "language": "de",
        }
        response = self._post("data/resultfile", params, source.code)
        if not response.is_data:
            answer = self._check(response, source.code, notes)
            message = f"{source.code}: Ergebnis {name} ohne Datei (Status {answer.code})"
            raise FetchError(self._masked(message))
        return Download(response.body, self._url("data/resultfile"), params, env.JOB_CREATED, tuple(notes))

    # -- envelopes ----------------------------------------------------------------------------
    def _envelope(self, method: str, params: dict[str, str], code: str) -> env.Envelope:
        response = self._post(method, params, code)
        answer = self._parse(response, code)
        self._raise_unless_ok(answer, code)
        if answer.code == 22:
            self._note(f"{code}: Parameter angepasst (Status 22): {answer.content}")
        return answer

    def _check(self, response: Response, code: str, notes: list[str]) -> env.Envelope:
        """Envelope of a data request: 98/99 pass, 0/22 noted, 50 skips, everything else fails."""
        answer = self._parse(response, code)
        if answer.code == 22:
            notes.append(self._note(f"{code}: Parameter angepasst (Status 22): {answer.content}"))
        if answer.code in (env.TOO_LARGE, env.JOB_CREATED) or answer.ok:
            return answer
        self._raise_unless_ok(answer, code)
        return answer

    def _parse(self, response: Response, code: str) -> env.Envelope:
        try:
            return env.parse_envelope(response.body, f"{self.database.key} {code}")
        except env.EnvelopeError as exc:
            if response.status in (401, 403):
                hint = variable_hint(self.database.env_prefix)
                message = f"{code}: nicht berechtigt (HTTP {response.status}): {hint} prüfen"
                raise FetchError(message) from None
            kind = response.content_type or "ohne Content-Type"
            raise FetchError(
                self._masked(f"{code}: unerwartete Antwort ({kind}, HTTP {response.status}): {exc}")
            ) from None

    def _raise_unless_ok(self, answer: env.Envelope, code: str) -> None:
        if answer.ok:
            return
        message = self._masked(
            env.explain(answer, code, self.database.name, variable_hint(self.database.env_prefix))
        )
        if answer.code == env.NO_NEWER_DATA:
            raise TableSkipped(message)
        raise FetchError(message)

    # -- HTTP ---------------------------------------------------------------------------------
    def _post(self, method: str, params: dict[str, str], code: str) -> Response:
        """POST with retries on connection errors, timeouts and HTTP 5xx (exponential back-off)."""
        url = self._url(method)
        wait = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self._wait(wait, f"{code}: {method} nicht erreichbar")
                wait *= 2
            try:
                reply = self._session.post(
                    url, data=params, headers=self._credentials.headers(), timeout=self.settings.timeout
                )
            except requests.RequestException as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if reply.status_code < 500:
                    return Response(reply.status_code, reply.headers.get("Content-Type", ""), reply.content)
                problem = f"HTTP {reply.status_code}"
            log.warning("%s", self._masked(f"{code}: {method} Versuch {attempt + 1} gescheitert ({problem})"))
        raise FetchError(
            self._masked(
                f"{code}: {url} nach {self.settings.retries + 1} Versuchen nicht erreichbar ({problem})"
            )
        )

    def _url(self, method: str) -> str:
        return self.database.base_url + method

    def _start_clock(self) -> None:
        self._deadline = self._clock() + self.settings.max_wait

    def _wait(self, seconds: float, reason: str) -> None:
        if self._clock() + seconds > self._deadline:
            raise FetchError(f"{reason}; maximale Wartezeit von {self.settings.max_wait:.0f} s erreicht")
        self._sleep(seconds)

    def _masked(self, text: str) -> str:
        return mask(text, self._credentials.secrets())

    def _note(self, text: str) -> str:
        text = self._masked(text)
        log.info("%s", text)
        return text
