"""Showing the timeline in tests and acting on it with the mouse, as a planner does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from relplan.ui import messages
from relplan.ui.document import Document
from relplan.ui.selection import Selection
from relplan.ui.views.timeline_view import TimelineView
from timeline_release import small_release

DAY = 28  # pixels per calendar day at day zoom


@contextmanager
def record_messages() -> Iterator[list[tuple[str, str]]]:
    """Record messages to the user as (level, text) while the block runs."""
    seen: list[tuple[str, str]] = []
    slots = {
        level: (lambda text, level=level: seen.append((level, text)))
        for level in ("info", "warning", "error")
    }
    for level, slot in slots.items():
        getattr(messages.bridge, level).connect(slot)
    try:
        yield seen
    finally:
        for level, slot in slots.items():
            getattr(messages.bridge, level).disconnect(slot)


def show_timeline(qtbot, project=None) -> TimelineView:
    document = Document(project or small_release())
    # A plain window around the view, as the main window is: a top-level window with
    # size constraints makes the offscreen platform warn.
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1200, 480)
    view = TimelineView(document, Selection(), window)
    view.setGeometry(0, 0, 1200, 480)
    view.set_zoom("day")
    window.show()
    qtbot.waitExposed(window)
    view.chart.horizontalScrollBar().setValue(0)
    view.chart.verticalScrollBar().setValue(0)
    _windows.append(window)  # keep it alive for the test
    return view


_windows: list[QWidget] = []


@pytest.fixture(autouse=True)
def _close_windows():
    yield
    _windows.clear()


def point(view: TimelineView, x: float, y: float) -> QPoint:
    """Viewport coordinates of scene point (x, y)."""
    return view.chart.mapFromScene(QPointF(x, y))


def grab_point(view: TimelineView, item_id: str) -> QPoint:
    """Where a planner grabs an item: the middle of a bar, the centre of a diamond."""
    bar = view.timeline.bars[item_id]
    x = bar.x1 if bar.milestone else (bar.x0 + bar.x1) / 2
    return point(view, x, bar.mid_y)


def drag(view: TimelineView, start: QPoint, end: QPoint, steps: int = 4) -> None:
    viewport = view.chart.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for n in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * n / steps)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def dates(view: TimelineView, item_id: str) -> tuple[date, date]:
    found = view.document.schedules["rel"].dates(item_id)
    return found.start, found.finish


def handle_point(view: TimelineView, item_id: str) -> QPoint:
    bar = view.timeline.bars[item_id]
    return point(view, bar.end_x + 9, bar.mid_y)
