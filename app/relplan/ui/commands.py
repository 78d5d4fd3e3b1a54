"""Undo commands: each wraps one domain change set (ids plus records before and after)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from relplan.domain.edits import ChangeSet

if TYPE_CHECKING:
    from relplan.ui.document import Document


class EditCommand(QUndoCommand):
    """One user gesture: redo applies the change set, undo applies its inverse."""

    def __init__(self, document: Document, changes: ChangeSet, *, applied: bool = False) -> None:
        super().__init__(changes.description)
        self._document = document
        self.changes = changes
        # QUndoStack.push() calls redo(). The document applies the edit before pushing, so
        # that a refused edit raises in Python instead of inside Qt's push; skip that call.
        self._skip_redo = applied

    def redo(self) -> None:
        """Overrides QUndoCommand.redo: also called once when the command is pushed."""
        if self._skip_redo:
            self._skip_redo = False
            return
        self._document.apply(self.changes)

    def undo(self) -> None:
        """Overrides QUndoCommand.undo."""
        self._document.apply(self.changes.inverted())
