"""Chronological order of the period labels on category axes: ``2014``, ``2023/24`` (school year from
August), ``31.12.2024``, ``Mai 2024``."""

import re
from collections.abc import Iterable

from monitor import fmt

_YEAR = re.compile(r"^(\d{4})$")
_SCHOOL_YEAR = re.compile(r"^(\d{4})/\d{2}$")
_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
_MONTH = re.compile(r"^(\S+) (\d{4})$")


def period_key(label: str) -> tuple[int, int, int] | None:
    """Chronological sort key of a period label, None for a label that is no period."""
    if match := _YEAR.match(label):
        return int(match[1]), 0, 0
    if match := _SCHOOL_YEAR.match(label):
        return int(match[1]), 8, 1
    if match := _DATE.match(label):
        return int(match[3]), int(match[2]), int(match[1])
    if (match := _MONTH.match(label)) and match[1] in fmt.MONTHS:
        return int(match[2]), fmt.MONTHS.index(match[1]) + 1, 0
    return None


def period_order(labels: Iterable[str]) -> list[str]:
    """The distinct x categories of all series, chronological when every label is a period (a series
    that lacks the first year does not push it to the end), else in order of appearance."""
    distinct = list(dict.fromkeys(labels))
    keys = {label: period_key(label) for label in distinct}
    known = {label: key for label, key in keys.items() if key is not None}
    if len(known) < len(distinct):
        return distinct
    return sorted(distinct, key=known.__getitem__)
