"""The selection shared by every view of a document (timeline, graph, RACI, inspector)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """Which work item (and release) the planner is looking at; one per document window."""

    item_changed = Signal(object)  # str | None: the selected work item id
    release_changed = Signal(object)  # str | None: the release shown in the views

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._item_id: str | None = None
        self._release_id: str | None = None

    @property
    def item_id(self) -> str | None:
        return self._item_id

    @property
    def release_id(self) -> str | None:
        return self._release_id

    def select_item(self, item_id: str | None) -> None:
        if item_id != self._item_id:
            self._item_id = item_id
            self.item_changed.emit(item_id)

    def select_release(self, release_id: str | None) -> None:
        if release_id != self._release_id:
            self._release_id = release_id
            self.release_changed.emit(release_id)
