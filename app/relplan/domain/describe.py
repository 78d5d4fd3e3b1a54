"""Records and field values in a planner's words, for compare and merge reports.

A diff or a merge conflict speaks of ids; people read names. :class:`Names` finds the name
of any record in one or more versions of a project (the new one first, so a renamed item
shows its new name), and :func:`plain` turns any field value into JSON.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum

from relplan.domain.model import REFERENCES, Constraint, Project

# Table name -> (one record, the heading of a group of records).
TABLE_WORDS: dict[str, tuple[str, str]] = {
    "calendars": ("calendar", "Calendars"),
    "teams": ("team", "Teams"),
    "people": ("person", "People"),
    "releases": ("release", "Releases"),
    "items": ("work item", "Work items"),
    "dependencies": ("dependency", "Dependencies"),
    "assignments": ("assignment", "Assignments"),
    "audiences": ("audience", "Audiences"),
    "change_requests": ("change request", "Change requests"),
    "checklists": ("checklist", "Checklists"),
    "gates": ("gate", "Gates"),
    "sign_offs": ("sign-off", "Sign-offs"),
    "test_cycles": ("test cycle", "Test cycles"),
    "training_sessions": ("training session", "Training sessions"),
}


_SHORT_TEXT = 60


def noun(table: str) -> str:
    return TABLE_WORDS.get(table, (table, table))[0]


def heading(table: str) -> str:
    return TABLE_WORDS.get(table, (table, table))[1]


def record_name(record: object) -> str | None:
    """The name a planner gave a record (name, title or text), if it has one."""
    for attribute in ("name", "title", "text"):
        value = getattr(record, attribute, None)
        if isinstance(value, str) and value:
            return value
    return None


class Names:
    """Labels for records found in any of ``projects`` (searched in the order given)."""

    def __init__(self, *projects: Project) -> None:
        self.projects = projects

    def find(self, table: str, record_id: str) -> object | None:
        for project in self.projects:
            record = project.table(table).get(record_id)
            if record is not None:
                return record
        return None

    def of_id(self, table: str, record_id: str) -> str:
        """'Build API' for an item id; the id itself for a record no version knows."""
        record = self.find(table, record_id)
        return self.label(table, record) if record is not None else record_id

    def label(self, table: str, record: object) -> str:
        """How a report names one record: its name, or what it links for links and roles."""
        if table == "dependencies":
            pred = self.of_id("items", record.predecessor_id)  # type: ignore[attr-defined]
            succ = self.of_id("items", record.successor_id)  # type: ignore[attr-defined]
            return f"{pred} → {succ}"
        if table == "assignments":
            person = self.find("people", record.person_id)  # type: ignore[attr-defined]
            who = record_name(person) if person is not None else None
            item = self.of_id("items", record.item_id)  # type: ignore[attr-defined]
            return f"{who or record.person_id} on {item}"  # type: ignore[attr-defined]
        if table == "sign_offs":
            gate = self.of_id("gates", record.gate_id)  # type: ignore[attr-defined]
            return f"sign-off by {record.role} at {gate}"  # type: ignore[attr-defined]
        name = record_name(record)
        return f"'{name}'" if name else f"{noun(table)} {record.id}"  # type: ignore[attr-defined]

    def value(self, field: str, value: object) -> str:
        """A field value as a planner reads it: names for ids, ISO dates, 'none'."""
        if value is None or value == () or value == "":
            return "none"
        table = REFERENCES.get(field)
        if table is not None:
            if isinstance(value, tuple):
                return ", ".join(self.of_id(table, v) for v in value)
            return self.of_id(table, str(value))
        return text_of(value)


def text_of(value: object) -> str:
    """Any field value as short text (no id lookups)."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Constraint):
        return f"{value.kind.value.replace('_', ' ')} {value.on.isoformat()}"
    if isinstance(value, tuple):
        if not value:
            return "none"
        if dataclasses.is_dataclass(value[0]):
            return f"{len(value)} entr{'y' if len(value) == 1 else 'ies'}"
        return ", ".join(text_of(v) for v in value)
    if dataclasses.is_dataclass(value):
        return record_name(value) or type(value).__name__
    text = " ".join(str(value).split())
    if len(text) > _SHORT_TEXT:
        text = text[: _SHORT_TEXT - 1] + "…"
    return f"'{text}'" if isinstance(value, str) else text


def plain(value: object) -> object:
    """A field value (or a whole record) as JSON: enums as text, ISO dates, lists, objects."""
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return str(value)
