"""The one error type of the parsers: file, physical line and reason."""

from pathlib import Path


class ParseError(Exception):
    """Broken or unsupported input; the message reads `<file>, Zeile <n>: <reason>`."""

    def __init__(self, file: str | Path, line: int | None, reason: str) -> None:
        self.file = str(file)
        self.line = line
        self.reason = reason
        where = f"{self.file}, Zeile {line}" if line is not None else self.file
        super().__init__(f"{where}: {reason}")


class UnsupportedFile(ParseError):
    """A file of a kind the monitor does not read (GENESIS cube file, web-service JSON response).

    A build over a folder skips it with a warning; parsing it alone is still an error.
    """
