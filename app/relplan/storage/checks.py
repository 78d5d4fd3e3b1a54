"""Checks across records of a file: unique ids, references, rules of the domain, cycles.

Each field was checked on its own already (:mod:`relplan.storage.codec`); here the records
are looked at together, the way the scheduler and the views will use them. The checks run
over whole tables at a time and only look row by row where something is wrong, so a big
valid project is checked quickly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from relplan.domain import model
from relplan.storage.codec import CODECS, REFERENCES
from relplan.storage.links import link_problems
from relplan.storage.problems import Problem, error


@dataclass(slots=True)
class Table:
    """The records read from one table, and the row key each came from (same order).

    ``unreadable_ids`` are the ids of rows that could not be read (``unreadable``: the
    whole table could not be read): references to them are not reported again as
    references to missing records.
    """

    name: str
    keys: list[str] = field(default_factory=list)
    records: list = field(default_factory=list)
    unreadable_ids: set[str] = field(default_factory=set)
    unreadable: bool = False

    def where(self, index: int, field: str = "") -> str:
        return where(self.name, self.keys[index], _label(self.records[index]), field)


def where(table: str, key: str, label: str = "", field: str = "") -> str:
    """``items row 12 ('Build API'), field duration``: a place in the file, for a person."""
    text = f"{table} row {key}"
    if label:
        text += f" ('{label}')"
    return f"{text}, field {field}" if field else text


def label_of(row: dict) -> str:
    """The name or title of a row as read from the file, shortened; "" if it has none."""
    return _short(row.get("name") or row.get("title"))


def _label(record: object) -> str:
    return _short(getattr(record, "name", None) or getattr(record, "title", None))


def _short(name: object) -> str:
    if not isinstance(name, str):
        return ""
    name = " ".join(name.split())
    return name if len(name) <= 40 else name[:39] + "…"


def assemble(name: str, tables: dict[str, Table]) -> tuple[model.Project, list[Problem]]:
    """The project made of ``tables`` (records in file order) and what is wrong with it."""
    project = model.Project(name=name)
    problems: list[Problem] = []
    for table in tables.values():
        problems += _fill(project.table(table.name), table)
    for table in tables.values():
        rule = RULES.get(table.name)
        if rule is not None:
            problems += rule(table)
    for table in tables.values():
        problems += _dangling_references(project, table, tables)
    if "dependencies" in tables:
        problems += link_problems(project, tables["dependencies"])
    return project, problems


def _fill(records: dict, table: Table) -> list[Problem]:
    """Put the table's records into ``records`` by id; a repeated id is an error."""
    records.update({record.id: record for record in table.records})
    if len(records) == len(table.records):
        return []
    records.clear()
    first: dict[str, str] = {}
    problems = []
    for index, record in enumerate(table.records):
        if record.id in records:
            problems.append(
                error(
                    table.where(index, "id"),
                    f"the id {record.id!r} is also used by row {first[record.id]}",
                    "give every record its own id",
                )
            )
            continue
        records[record.id] = record
        first[record.id] = table.keys[index]
    return problems


# --- rules for one kind of record -----------------------------------------------------------


def _item_rule(table: Table) -> list[Problem]:
    problems = []
    for index, item in enumerate(table.records):
        if item.kind is model.ItemKind.MILESTONE:
            if item.duration != 0:
                problems.append(
                    error(
                        table.where(index, "duration"),
                        f"a milestone has no duration but this one has {item.duration}",
                        "set the duration to 0, or make the item a task",
                    )
                )
        elif item.duration < 1:
            problems.append(
                error(
                    table.where(index, "duration"),
                    "a task lasts at least one working day but this one has 0",
                    "set a duration of 1 to 10000, or make the item a milestone",
                )
            )
    return problems


def _calendar_rule(table: Table) -> list[Problem]:
    problems = []
    for index, calendar in enumerate(table.records):
        if not calendar.work_week:
            problems.append(
                error(
                    table.where(index, "work_week"),
                    "the work week has no working days",
                    "list the working days, for example [0, 1, 2, 3, 4] for Monday to Friday",
                )
            )
        for n, freeze in enumerate(calendar.freezes):
            problems += _reversed(table, index, f"freezes[{n}].end", freeze.start, freeze.end)
    return problems


def _release_rule(table: Table) -> list[Problem]:
    problems = []
    for index, release in enumerate(table.records):
        start, end = release.deployment_window_start, release.deployment_window_end
        problems += _reversed(table, index, "deployment_window_end", start, end)
    return problems


def _test_cycle_rule(table: Table) -> list[Problem]:
    problems = []
    for index, cycle in enumerate(table.records):
        problems += _reversed(table, index, "end", cycle.start, cycle.end)
    return problems


def _reversed(table: Table, index: int, field: str, start, end) -> list[Problem]:
    if start is None or end is None or start <= end:
        return []
    return [
        error(
            table.where(index, field),
            f"the period ends ({end}) before it starts ({start})",
            "swap or correct the two dates",
        )
    ]


RULES: dict[str, Callable[[Table], list[Problem]]] = {
    "items": _item_rule,
    "calendars": _calendar_rule,
    "releases": _release_rule,
    "test_cycles": _test_cycle_rule,
}


# --- references ---------------------------------------------------------------------------


def _reference_fields(cls: type) -> list[tuple[str, str, bool]]:
    """(field, target table, holds a list of ids) for each reference field of ``cls``."""
    return [
        (f.name, REFERENCES[f.name], f.many) for f in CODECS[cls].fields if f.name in REFERENCES
    ]


_REFERENCE_FIELDS = {table: _reference_fields(cls) for table, cls in model.TABLES.items()}


def _dangling_references(
    project: model.Project, table: Table, tables: dict[str, Table]
) -> list[Problem]:
    problems = []
    for name, target, many in _REFERENCE_FIELDS[table.name]:
        if target in tables and tables[target].unreadable:
            continue  # its own problem is reported; these would only repeat it
        known = project.table(target)
        get = attrgetter(name)
        if many:
            missing = {v for record in table.records for v in get(record) if v not in known}
        else:
            missing = set(map(get, table.records)).difference(known)
            missing.discard(None)
        if target in tables:
            missing -= tables[target].unreadable_ids
        if not missing:
            continue
        for index, value in enumerate(map(get, table.records)):
            for record_id in value if many else (value,):
                if record_id in missing:
                    problems.append(
                        error(
                            table.where(index, name),
                            f"it refers to {target} id {record_id!r}, which is not in the file",
                            f"add the missing record to {target} or remove the reference",
                        )
                    )
    return problems
