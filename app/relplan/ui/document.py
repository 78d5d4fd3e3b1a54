"""An open project: the domain project, its schedules, one undo stack, path and dirty flag.

Data flows one way: a view asks for an edit by pushing a change set
(:meth:`Document.push`); the undo command applies it through :meth:`Document.apply`, which
changes the project, reschedules only what the edit reaches and emits :attr:`changed` with
what changed, and views refresh from that.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from relplan.domain.edits import ChangeSet, EditError, apply_changes
from relplan.domain.model import Project
from relplan.domain.schedule import Conflict, ReleaseSchedule
from relplan.storage import Problem, load_project, save_project
from relplan.ui import messages
from relplan.ui.commands import EditCommand


@dataclass(frozen=True)
class DocumentChange:
    """What one applied edit (or its undo) changed, for views to refresh from."""

    changes: ChangeSet
    moved: frozenset[str] = frozenset()  # items whose dates or slack changed
    rescheduled: frozenset[str] = frozenset()  # releases whose schedule was rebuilt
    tables: frozenset[str] = field(default_factory=frozenset)


class Document(QObject):
    """One open project file (or a new, unsaved project)."""

    changed = Signal(object)  # DocumentChange
    reloaded = Signal()  # everything changed (after open or revert)
    dirty_changed = Signal(bool)
    path_changed = Signal(str)

    def __init__(
        self,
        project: Project,
        path: str | os.PathLike | None = None,
        *,
        read_only: bool = False,
        load_problems: list[Problem] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.path: Path | None = Path(path) if path is not None else None
        self.read_only = read_only
        self.read_only_reason = ""  # why it is read-only, when not because of a newer format
        self.load_problems = list(load_problems or [])
        self.undo_stack = QUndoStack(self)
        # A bound method, not a lambda: Qt drops the connection when the document is deleted
        # (a dirty stack emits cleanChanged once more while it is destroyed).
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.schedules: dict[str, ReleaseSchedule] = {}
        self._reschedule_all()

    # --- opening and saving ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, parent: QObject | None = None) -> Document:
        """Open a project file; raises ``ProjectFileError`` when it cannot be read."""
        result = load_project(path)
        return cls(
            result.project,
            path,
            read_only=result.read_only,
            load_problems=result.problems,
            parent=parent,
        )

    def save(self, path: str | os.PathLike | None = None) -> None:
        """Save atomically to ``path`` (or the current path); raises ``ProjectSaveError``."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("a new project needs a path to be saved")
        save_project(self.project, target)
        if target != self.path:
            self.path = target
            self.read_only = False
            self.path_changed.emit(str(target))
        self.undo_stack.setClean()

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    @property
    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else "Untitled"

    # --- editing --------------------------------------------------------------------------

    def push(self, changes: ChangeSet) -> bool:
        """Apply ``changes`` as one undoable step; False (and a message) if refused."""
        if not changes:
            return False
        if self.read_only:
            messages.warning(
                self.read_only_reason
                or f"{self.display_name} was written by a newer relplan and is open read-only; "
                "use Save As to keep your changes in a new file."
            )
            return False
        try:
            self.apply(changes)
        except EditError as exc:
            messages.error(str(exc))
            return False
        self.undo_stack.push(EditCommand(self, changes, applied=True))
        return True

    def apply(self, changes: ChangeSet) -> None:
        """Carry out a change set now (undo commands call this) and tell the views."""
        apply_changes(self.project, changes)
        moved: set[str] = set()
        rebuilt: set[str] = set()
        if changes.affects_schedule:
            moved, rebuilt = self._reschedule(changes)
        self.changed.emit(
            DocumentChange(
                changes,
                frozenset(moved),
                frozenset(rebuilt),
                frozenset(c.table for c in changes.changes),
            )
        )

    def _reschedule(self, changes: ChangeSet) -> tuple[set[str], set[str]]:
        """Bring the schedules up to date with ``changes``, touching as little as possible."""
        rebuild: set[str] = set()
        update: dict[str, set[str]] = {}
        for change in changes.changes:
            if change.table in ("calendars",):
                rebuild.update(self.project.releases)
            elif change.table == "releases":
                rebuild.add(change.id)
            elif change.table == "dependencies":
                dep = change.after or change.before
                item = self.project.items.get(dep.successor_id)  # type: ignore[union-attr]
                if item is not None:
                    rebuild.add(item.release_id)
            elif change.table == "items":
                before, after = change.before, change.after
                if before is None or after is None or before.release_id != after.release_id:
                    for record in (before, after):
                        if record is not None:
                            rebuild.add(record.release_id)
                else:
                    update.setdefault(after.release_id, set()).add(change.id)
        moved: set[str] = set()
        for release_id in rebuild:
            release = self.project.releases.get(release_id)
            if release is None:
                self.schedules.pop(release_id, None)
                continue
            self.schedules[release_id] = ReleaseSchedule(self.project, release)
            moved.update(self.schedules[release_id].ids)
        for release_id, item_ids in update.items():
            if release_id not in rebuild and release_id in self.schedules:
                moved |= self.schedules[release_id].update(item_ids)
        return moved, rebuild

    def _reschedule_all(self) -> None:
        self.schedules = {
            rid: ReleaseSchedule(self.project, release)
            for rid, release in self.project.releases.items()
        }

    # --- reading --------------------------------------------------------------------------

    def schedule_for(self, release_id: str) -> ReleaseSchedule:
        return self.schedules[release_id]

    def schedule_of_item(self, item_id: str) -> ReleaseSchedule:
        return self.schedules[self.project.items[item_id].release_id]

    def conflicts(self) -> list[Conflict]:
        """Every schedule conflict of every release."""
        found: list[Conflict] = []
        for schedule in self.schedules.values():
            found.extend(schedule.conflicts())
        return found


def rewire(
    old: Document | None,
    new: Document | None,
    on_changed: Callable[[DocumentChange], None],
    on_reloaded: Callable[[], None],
) -> None:
    """Move a view's two document subscriptions (``changed``, ``reloaded``) from old to new."""
    if old is not None:
        old.changed.disconnect(on_changed)
        old.reloaded.disconnect(on_reloaded)
    if new is not None:
        new.changed.connect(on_changed)
        new.reloaded.connect(on_reloaded)
