"""The JSON status envelope of the GENESIS web service and what each status code means."""

import json
import re
from dataclasses import dataclass, field

#: Status codes that mean "done" (22: done with an adjusted parameter).
OK_CODES = (0, 22)
NO_NEWER_DATA = 50
TABLE_MISSING = 90
TOO_LARGE = 98
JOB_CREATED = 99
NO_OBJECTS = 104
NOT_AUTHORISED = 15
ERROR = -1

_RESULT_NAME = re.compile(r"([0-9A-Za-z][0-9A-Za-z_.-]*_\d+)\s*$")


class EnvelopeError(ValueError):
    """The body is not a GENESIS status envelope."""


@dataclass(frozen=True)
class Envelope:
    service: str
    method: str
    code: int
    content: str
    type: str
    parameter: dict = field(default_factory=dict)
    obj: dict | None = None
    items: list | None = None
    copyright: str = ""

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES


def parse_envelope(body: bytes | str, source: str = "response") -> Envelope:
    """Parse a status envelope; raise EnvelopeError naming the source when it is not one."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EnvelopeError(f"{source}: not JSON ({exc})") from exc
    status = data.get("Status") if isinstance(data, dict) else None
    if not isinstance(status, dict) or "Code" not in status:
        raise EnvelopeError(f"{source}: JSON without a Status block, not a GENESIS envelope")
    try:
        code = int(status["Code"])
    except (TypeError, ValueError) as exc:
        raise EnvelopeError(f"{source}: Status.Code {status['Code']!r} is not a number") from exc
    ident = data.get("Ident") or {}
    return Envelope(
        service=str(ident.get("Service", "")),
        method=str(ident.get("Method", "")),
        code=code,
        content=str(status.get("Content") or ""),
        type=str(status.get("Type") or ""),
        parameter=data.get("Parameter") or {},
        obj=data.get("Object"),
        items=data.get("List"),
        copyright=str(data.get("Copyright") or ""),
    )


def result_name(envelope: Envelope) -> str:
    """The result name of a created job (status 99): the last word of Content, e.g. 12531-0043_175879554."""
    match = _RESULT_NAME.search(envelope.content)
    if not match:
        raise EnvelopeError(f"status 99 without a result name in Content: {envelope.content!r}")
    return match.group(1)


def updated(envelope: Envelope) -> str | None:
    """``Object.Updated`` of metadata/table (e.g. '31.03.2025 11:18:07h'), None if absent."""
    value = (envelope.obj or {}).get("Updated")
    return str(value) if value and value != "see parent" else None


def result_listed(envelope: Envelope, name: str) -> bool:
    """True when catalogue/results lists the job result ``name`` (the job has finished)."""
    return envelope.ok and any(item.get("Code") == name for item in envelope.items or [])


def explain(envelope: Envelope, code: str, database: str, hint: str) -> str:
    """A German message for a status that stops the download of table ``code``."""
    content = " ".join(envelope.content.split())
    messages = {
        NO_NEWER_DATA: f"keine neueren Daten für {code} (Status 50)",
        TABLE_MISSING: f"Tabelle {code} gibt es in {database} nicht (Status 90): Code in "
        "catalogue/fetch_sources.toml prüfen",
        NO_OBJECTS: f"keine Objekte für {code} (Status 104): Regionalfilter und Jahre prüfen",
        NOT_AUTHORISED: f"nicht berechtigt für {database} (Status 15): Zugang prüfen und {hint} setzen",
        ERROR: f"Fehler des Web-Service bei {code} (Status -1)",
        TOO_LARGE: f"Tabelle {code} zu groß auch als Hintergrundauftrag (Status 98)",
    }
    text = messages.get(envelope.code, f"unbekannter Status {envelope.code} ({envelope.type}) bei {code}")
    return f"{text}: {content}" if content else text
