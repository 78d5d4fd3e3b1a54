"""Checks for single field values read from a file: each returns the value or raises Invalid.

The checks are built once per field (see :mod:`relplan.storage.codec`) and are cheap in the
common case of a valid value, so loading a big project costs little more than parsing it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

Check = Callable[[Any], Any]

# Dates outside this span are almost certainly typing errors, and a schedule spanning
# thousands of years would make the working-day calendar build huge tables.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
DATE_HINT = "write dates as YYYY-MM-DD, for example 2026-03-31"


class Invalid(Exception):
    """A value that cannot be used; ``entries`` are (sub-path, what is wrong, what to do)."""

    def __init__(self, what: str = "", hint: str = "", path: str = "") -> None:
        super().__init__(what)
        self.entries: list[tuple[str, str, str]] = [(path, what, hint)] if what else []


def show(value: object) -> str:
    """A short, safe rendering of a JSON value for a message (never recurses into it)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:39] + "…"
        return repr(text)
    if isinstance(value, int):
        digits = str(value)
        return digits if len(digits) <= 20 else digits[:19] + "…"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def text(value: Any) -> str:
    if type(value) is str:
        return value
    raise Invalid(f"expected text but found {show(value)}", "put the text in double quotes")


def name(value: Any) -> str:
    """Text that names something, so it cannot be blank."""
    if type(value) is str and value and not value.isspace():
        return value
    if type(value) is str:
        raise Invalid("the name is empty", "type a name")
    raise Invalid(f"expected a name but found {show(value)}", "put the name in double quotes")


def identifier(value: Any) -> str:
    """A record id, or a reference to one."""
    if type(value) is str and value:
        return value
    if type(value) is str:
        raise Invalid("the id is empty", "use the id of a record, or null for none")
    raise Invalid(f"expected an id but found {show(value)}", "ids are text in double quotes")


def boolean(value: Any) -> bool:
    if value is True or value is False:
        return value
    raise Invalid(f"expected true or false but found {show(value)}", "write true or false")


def integer(low: int, high: int, unit: str = "") -> Check:
    """A whole number from ``low`` to ``high`` (``unit`` words the range for the user)."""
    span = f"{low} to {high}{unit}"

    def check(value: Any) -> int:
        if type(value) is int and low <= value <= high:
            return value
        if type(value) is int:
            raise Invalid(f"{show(value)} is outside {span}", "use a value in that range")
        raise Invalid(
            f"expected a whole number but found {show(value)}", f"use a whole number from {span}"
        )

    return check


_DAYS: dict[str, date] = {}


def day(value: Any) -> date:
    """An ISO calendar date (YYYY-MM-DD); parsed dates are remembered, files repeat them."""
    try:
        return _DAYS[value]
    except (KeyError, TypeError):
        pass
    if type(value) is not str:
        raise Invalid(f"expected a date but found {show(value)}", DATE_HINT)
    try:
        if len(value) != 10 or value[4] != "-" or value[7] != "-":
            raise ValueError(value)
        parsed = date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{show(value)} is not a date", DATE_HINT) from None
    if not FIRST_DAY <= parsed <= LAST_DAY:
        raise Invalid(
            f"{show(value)} lies outside the years {FIRST_DAY.year} to {LAST_DAY.year}",
            "check the year",
        )
    _DAYS[value] = parsed
    return parsed


def moment(value: Any) -> datetime:
    """An ISO 8601 date and time, such as 2026-03-31T14:30:00+02:00."""
    if type(value) is not str:
        raise Invalid(f"expected a date and time but found {show(value)}", DATE_HINT)
    try:
        if len(value) < 16 or value[10] not in "T ":
            raise ValueError(value)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(
            f"{show(value)} is not a date and time",
            "write it as YYYY-MM-DDTHH:MM:SS, for example 2026-03-31T14:30:00",
        ) from None
    if not FIRST_DAY <= parsed.date() <= LAST_DAY:
        raise Invalid(
            f"{show(value)} lies outside the years {FIRST_DAY.year} to {LAST_DAY.year}",
            "check the year",
        )
    return parsed


def choice(enum: type[Enum]) -> Check:
    """One of an enum's values, written as the value text."""
    members = {member.value: member for member in enum}  # type: ignore[var-annotated]
    allowed = ", ".join(members)

    def check(value: Any) -> Enum:
        if type(value) is str:
            member = members.get(value)
            if member is not None:
                return member
            raise Invalid(f"{show(value)} is not one of {allowed}", "use one of those values")
        raise Invalid(f"expected one of {allowed} but found {show(value)}", f"use one of {allowed}")

    return check


def optional(check: Check) -> Check:
    """``check``, or null."""

    def nullable(value: Any) -> Any:
        return None if value is None else check(value)

    return nullable


def many(check: Check) -> Check:
    """A list of values that each pass ``check``; read as a tuple."""

    def elements(value: Any) -> tuple:
        if type(value) is not list:
            raise Invalid(f"expected a list but found {show(value)}", "write it as [ ... ]")
        try:
            return tuple([check(element) for element in value])
        except Invalid:
            pass
        problem = Invalid()
        for index, element in enumerate(value):
            try:
                check(element)
            except Invalid as exc:
                problem.entries += [(f"[{index}]{p}", w, h) for p, w, h in exc.entries]
        raise problem

    return elements
