"""Colours, pens and sizes of the timeline, in one place so the look stays consistent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

BACKGROUND = QColor("#ffffff")
HEADER_ROW = QColor("#f3f5f8")
ROW_LINE = QColor("#eef0f3")
GRID_MINOR = QColor("#eef0f4")
GRID_MAJOR = QColor("#d5dae1")
NONWORKING = QColor("#f5f6f8")
HOLIDAY = QColor("#e9ecf1")
HOLIDAY_MARK = QColor("#c9d0da")
FREEZE = QColor(245, 158, 11, 30)
FREEZE_EDGE = QColor("#e0a030")
FREEZE_HATCH = QColor(224, 160, 48, 70)
LABEL_HALO = QColor(255, 255, 255, 200)
FREEZE_TEXT = QColor("#8a5a00")

TEXT = QColor("#1f2937")
MUTED = QColor("#6b7280")
PHASE_TEXT = QColor("#475569")

BAR = QColor("#5b8def")
BAR_PROGRESS = QColor("#2f62cf")
CRITICAL = QColor("#e5534b")
CRITICAL_PROGRESS = QColor("#b8352e")
MILESTONE = QColor("#334155")
CONFLICT = QColor("#c81e1e")
ARROW = QColor("#9aa3b2")
ARROW_CRITICAL = QColor("#e5534b")

SELECTED_ROW = QColor("#e6efff")
SELECTED_EDGE = QColor("#1d4ed8")
HOVER_ROW = QColor("#f7f9fc")
GHOST = QColor(91, 141, 239, 80)
GHOST_EDGE = QColor("#1d4ed8")
HANDLE = QColor("#1d4ed8")

TODAY = QColor("#2563eb")
DEADLINE = QColor("#dc2626")

NAME_COLUMN_WIDTH = 280
AXIS_BAND_HEIGHT = 22
AXIS_CELL_HEIGHT = 20
AXIS_EVENT_HEIGHT = 18
AXIS_HEIGHT = AXIS_BAND_HEIGHT + AXIS_CELL_HEIGHT + AXIS_EVENT_HEIGHT
HANDLE_RADIUS = 4.5
HANDLE_GAP = 9.0  # from the item's end to the centre of its link handle
EDGE_GRIP = 5.0  # how close to a bar's right end a press resizes instead of moving


def pen(color: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A cosmetic pen: the same width at every zoom."""
    result = QPen(color, width, style)
    result.setCosmetic(True)
    return result


def font(base: QFont, point_delta: float = 0.0, bold: bool = False) -> QFont:
    """``base`` a little larger or smaller, optionally bold."""
    result = QFont(base)
    if result.pointSizeF() > 0:
        result.setPointSizeF(max(6.0, result.pointSizeF() + point_delta))
    result.setBold(bold)
    return result
