"""Scheduling with the mouse and the keyboard: move, resize and link items on the chart.

A gesture is plain mouse press/move/release (no QDrag): while it runs, ghosts show where
the item and its dependents would land (``ReleaseSchedule.preview_start``, no domain
change); on release exactly one change set is pushed to the document. A click without
movement pushes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from relplan.domain import edits
from relplan.domain.calendar import format_day
from relplan.domain.edits import ChangeSet, EditError
from relplan.domain.model import ConstraintKind
from relplan.export.layout import Bar
from relplan.ui import messages
from relplan.ui.people_mime import PeopleDrag, drop_people
from relplan.ui.views.timeline_chart import LINK, MOVE, RESIZE, ROW
from relplan.ui.views.timeline_paint import landing_text

if TYPE_CHECKING:
    from relplan.ui.views.timeline_view import TimelineView


@dataclass(slots=True)
class DragState:
    """One gesture in progress; ``active`` once the mouse left the start-drag distance."""

    item_id: str
    part: str
    press_pos: QPointF
    press_x: float
    active: bool = False
    want: int | None = None  # requested start index (move)
    preview: dict[str, int] = field(default_factory=dict)  # id -> start index (move)
    duration: int | None = None  # requested duration (resize)
    resized: Bar | None = None
    link_from: str | None = None
    link_to: str | None = None
    mouse: QPointF | None = None
    label: str = ""
    label_at: QPointF | None = None
    band: tuple[float, float] | None = None  # the rows this gesture has painted on


class DragController:
    """Turns mouse and key events on the chart into previews and document edits."""

    def __init__(self, host: TimelineView) -> None:
        self.host = host
        self.state: DragState | None = None

    @property
    def chart(self):
        return self.host.chart

    # --- mouse ----------------------------------------------------------------------------

    def press(self, pos: QPointF, scene_pos: QPointF) -> None:
        hit = self.chart.hit(scene_pos)
        self.state = None
        if hit is None:
            return
        self.host.selection.select_item(hit.item_id)
        if hit.part != ROW:
            self.state = DragState(hit.item_id, hit.part, QPointF(pos), scene_pos.x())

    def move(self, pos: QPointF, scene_pos: QPointF) -> None:
        state = self.state
        if state is None:
            return
        if not state.active:
            if (pos - state.press_pos).manhattanLength() < QApplication.startDragDistance():
                return
            state.active = True
            if state.part == LINK:
                state.link_from = state.item_id
        old_band = state.band
        if state.part == MOVE:
            changed = self._preview_move(state, scene_pos)
        elif state.part == RESIZE:
            changed = self._preview_resize(state, scene_pos)
        else:
            changed = self._preview_link(state, scene_pos)
        if changed:
            self._repaint(old_band, state.band)

    def release(self, pos: QPointF, scene_pos: QPointF) -> None:
        if self.state is None:
            return
        self.move(pos, scene_pos)
        state, self.state = self.state, None
        self._repaint(state.band, None)
        if not state.active:
            return  # a click: selecting the item was all it did
        if state.part == MOVE and state.want is not None:
            self.move_to(state.item_id, state.want)
        elif state.part == RESIZE and state.duration is not None:
            bar = self.chart.bar_of(state.item_id)
            if bar is not None and state.duration != bar.end_index - bar.start_index:
                self._push(lambda: edits.set_duration(self.project, state.item_id, state.duration))
        elif state.part == LINK and state.link_to is not None:
            self._push(lambda: edits.add_dependency(self.project, state.item_id, state.link_to))

    def cancel(self) -> bool:
        """Abandon the gesture in progress (Escape); True if there was one."""
        state, self.state = self.state, None
        if state is None:
            return False
        self._repaint(state.band, None)
        return True

    # --- previews -------------------------------------------------------------------------

    def _preview_move(self, state: DragState, scene_pos: QPointF) -> bool:
        timeline = self.chart.timeline
        bar = timeline.bars[state.item_id]
        days = timeline.scale.days_in(scene_pos.x() - state.press_x)
        day = (bar.finish if bar.milestone else bar.start) + timedelta(days=days)
        want = timeline.schedule.calendar.index_of(day) + (1 if bar.milestone else 0)
        if want == state.want:
            return False
        state.want = want
        preview = timeline.schedule.preview_start(state.item_id, want)
        state.preview = preview
        ghost = timeline.ghost(state.item_id, preview.get(state.item_id, want))
        state.label = landing_text(ghost)
        if self._pinned(state.item_id):
            state.label += " · unpins"
        state.label_at = QPointF((ghost.start_x + ghost.end_x) / 2, ghost.y0)
        rows = [timeline.row_of[i] for i in preview if i in timeline.row_of]
        rows.append(timeline.row_of[state.item_id])
        state.band = (timeline.rows[min(rows)].y - 30, timeline.rows[max(rows)].y + 30)
        return True

    def _preview_resize(self, state: DragState, scene_pos: QPointF) -> bool:
        timeline = self.chart.timeline
        bar = timeline.bars[state.item_id]
        days = timeline.scale.days_in(scene_pos.x() - state.press_x)
        last = timeline.schedule.calendar.index_at_or_before(bar.finish + timedelta(days=days))
        duration = max(1, last - bar.start_index + 1)
        if duration == state.duration:
            return False
        state.duration = duration
        state.resized = timeline.resized(state.item_id, duration)
        state.label = f"{duration} working day{'' if duration == 1 else 's'}"
        state.label_at = QPointF(state.resized.x1, state.resized.y0)
        state.band = (bar.y0 - 30, bar.y1 + 4)
        return True

    def _preview_link(self, state: DragState, scene_pos: QPointF) -> bool:
        hit = self.chart.hit(scene_pos)
        target = hit.item_id if hit is not None and hit.item_id != state.item_id else None
        state.link_to = target
        state.mouse = QPointF(scene_pos)
        source = self.chart.timeline.bars[state.item_id]
        state.band = (min(source.y0, scene_pos.y()) - 8, max(source.y1, scene_pos.y()) + 8)
        return True

    def _repaint(self, old: tuple[float, float] | None, new: tuple[float, float] | None) -> None:
        bands = [b for b in (old, new) if b is not None]
        if bands:
            self.chart.refresh_band(
                min(b[0] for b in bands), max(b[1] for b in bands), overlay_only=True
            )

    # --- edits ----------------------------------------------------------------------------

    @property
    def project(self):
        return self.host.document.project

    def _pinned(self, item_id: str) -> bool:
        constraint = self.project.items[item_id].constraint
        return constraint is not None and constraint.kind is ConstraintKind.MUST_FINISH_ON

    def move_to(self, item_id: str, want: int) -> bool:
        """Ask ``item_id`` to start at working-day index ``want``: one command, or none.

        Before its predecessors allow, it snaps to the earliest feasible day and the
        planner is told what holds it. A pinned item is moved only if the planner agrees.
        """
        schedule = self.host.document.schedule_of_item(item_id)
        item = self.project.items[item_id]
        earliest, holder = schedule.earliest_allowed(item_id)
        if want < earliest:
            want = earliest
            day = format_day(schedule.index_to_start_date(item_id, earliest))
            messages.info(
                f"'{item.name}' can start no earlier than {day}: held by "
                f"{schedule.describe_driver(item_id, holder, earliest)}."
            )
        if want == schedule.es[schedule.index[item_id]]:
            return False
        if self._pinned(item_id) and not self.host.confirm_unpin(item.name):
            return False
        day = schedule.index_to_start_date(item_id, want)
        if not self._push(lambda: edits.move_item(self.project, item_id, day)):
            return False
        after = self.host.document.schedule_of_item(item_id).dates(item_id)
        if after.freeze and after.start > day:
            messages.info(
                f"'{item.name}' is a Deploy item and cannot be scheduled in the freeze "
                f"'{after.freeze}'; it is on {format_day(after.start)} instead."
            )
        return True

    def _push(self, make: Callable[[], ChangeSet]) -> bool:
        """Push one change set; an edit refused while being made is reported like any other."""
        try:
            changes = make()
        except EditError as exc:
            messages.error(str(exc))
            return False
        return self.host.document.push(changes)

    # --- keyboard -------------------------------------------------------------------------

    def key(self, key: int) -> bool:
        """Handle a key on the chart; False lets the view use it (e.g. to scroll)."""
        if key == Qt.Key.Key_Escape:
            return self.cancel()
        item_id = self.host.selection.item_id
        timeline = self.chart.timeline
        if item_id is None or timeline is None or item_id not in timeline.row_of:
            return False
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            self.move_to(item_id, timeline.bars[item_id].start_index + step)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self._push(lambda: edits.remove_item(self.project, item_id)):
                self.host.selection.select_item(None)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_inspector(item_id)
            return True
        return False

    def drop_people(self, item_id: str, drag: PeopleDrag) -> bool:
        """People dropped on a bar become Responsible (a team: its members Informed)."""
        self.host.selection.select_item(item_id)
        return drop_people(self.host.document, item_id, drag)

    def open_inspector(self, item_id: str) -> None:
        self.host.selection.select_item(item_id)
        self.host.open_inspector_requested.emit(item_id)
