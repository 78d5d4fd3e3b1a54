"""Change sets: what an edit changes, as records before and after, and how to apply it.

Every edit in :mod:`relplan.domain.edits` returns a :class:`ChangeSet`;
:func:`apply_changes` carries it out and ``changes.inverted()`` undoes it exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from relplan.domain.model import Project


class EditError(ValueError):
    """An edit that cannot be made; the message says why and what to do, for the user."""


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One record of one table: added (before None), removed (after None) or replaced."""

    table: str
    id: str
    before: object | None
    after: object | None


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What one edit changes, with a description fit for an Undo menu."""

    description: str
    changes: tuple[RecordChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changes)

    def inverted(self) -> ChangeSet:
        return ChangeSet(
            self.description,
            tuple(RecordChange(c.table, c.id, c.after, c.before) for c in reversed(self.changes)),
        )

    def then(self, other: ChangeSet, description: str | None = None) -> ChangeSet:
        """This change set followed by ``other``, as one."""
        return ChangeSet(description or self.description, self.changes + other.changes)

    def ids(self, table: str) -> set[str]:
        return {c.id for c in self.changes if c.table == table}

    @property
    def is_structural(self) -> bool:
        """True when items or dependencies were added or removed (the graph changed shape)."""
        return any(
            c.table in ("items", "dependencies") and (c.before is None or c.after is None)
            for c in self.changes
        ) or any(c.table == "dependencies" for c in self.changes)

    @property
    def affects_schedule(self) -> bool:
        return any(
            c.table in ("items", "dependencies", "releases", "calendars") for c in self.changes
        )


def apply_changes(project: Project, changes: ChangeSet) -> None:
    """Carry out ``changes`` on ``project``.

    Checks first that every record is as the change set expects, so a stale change set
    (applied twice, or after another edit) raises :class:`EditError` and changes nothing.
    """
    staged: dict[tuple[str, str], object | None] = {}
    for change in changes.changes:
        key = (change.table, change.id)
        current = staged[key] if key in staged else project.table(change.table).get(change.id)
        if current != change.before:
            record = current or change.before or change.after
            what = (
                record_label(record)
                if record_name(record)
                else f"a {RECORD_NOUNS.get(change.table, 'record')}"
            )
            raise EditError(
                f"Cannot apply \u201c{changes.description}\u201d: {what} changed in the "
                "meantime. Reload the project and try again."
            )
        staged[key] = change.after
    for (table_name, record_id), after in staged.items():
        table = project.table(table_name)
        if after is None:
            table.pop(record_id, None)
        else:
            table[record_id] = after


def combine(description: str, change_sets: Iterable[ChangeSet]) -> ChangeSet:
    """Several change sets as one, e.g. one drag that edits many items."""
    changes: list[RecordChange] = []
    for change_set in change_sets:
        changes.extend(change_set.changes)
    return ChangeSet(description, tuple(changes))


RECORD_NOUNS = {
    "calendars": "calendar",
    "teams": "team",
    "people": "person",
    "releases": "release",
    "items": "work item",
    "dependencies": "dependency",
    "assignments": "assignment",
    "audiences": "audience",
    "change_requests": "change request",
    "checklists": "checklist",
    "gates": "gate",
    "sign_offs": "sign-off",
    "test_cycles": "test cycle",
    "training_sessions": "training session",
}


def record_name(record: object) -> str | None:
    return getattr(record, "name", None) or getattr(record, "title", None)


def record_label(record: object) -> str:
    name = record_name(record)
    return f"'{name}'" if name else type(record).__name__.lower()
