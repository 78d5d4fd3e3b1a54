"""Colours, pens and sizes of the dependency graph: the timeline's palette, phases tinted."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor

from relplan.domain.model import Phase
from relplan.ui.icons import PHASE_COLORS
from relplan.ui.views.timeline_style import (
    ARROW,
    ARROW_CRITICAL,
    BACKGROUND,
    CONFLICT,
    CRITICAL,
    GHOST,
    HANDLE,
    LABEL_HALO,
    MUTED,
    SELECTED_EDGE,
    SELECTED_ROW,
    TEXT,
    font,
    pen,
)

__all__ = [
    "ARROW",
    "ARROW_CRITICAL",
    "BACKGROUND",
    "CONFLICT",
    "CONFLICT_FILL",
    "CRITICAL",
    "DETAIL_SCALE",
    "GHOST",
    "HANDLE",
    "LABEL_HALO",
    "MAX_SCALE",
    "MIN_SCALE",
    "MUTED",
    "OUTLINE_SCALE",
    "SELECTED_EDGE",
    "SELECTED_ROW",
    "SUMMARY_SHADOW",
    "TEXT",
    "font",
    "pen",
    "phase_color",
    "phase_edge",
    "phase_fill",
]

MIN_SCALE = 0.04
MAX_SCALE = 2.5
DETAIL_SCALE = 0.42  # below this zoom, boxes carry no text (it would be unreadable)
OUTLINE_SCALE = 0.15  # below this zoom, links are straight lines and boxes plain
CONFLICT_FILL = QColor("#fde8e8")
SUMMARY_SHADOW = QColor(15, 23, 42, 28)


@cache
def phase_color(phase: Phase) -> QColor:
    """The phase's colour, as the explorer and the inspector show it."""
    return QColor(PHASE_COLORS[phase])


@cache
def phase_fill(phase: Phase) -> QColor:
    """A pale tint of the phase colour: box backgrounds that keep dark text readable."""
    base = phase_color(phase)
    mix = 0.84
    return QColor(
        round(base.red() + (255 - base.red()) * mix),
        round(base.green() + (255 - base.green()) * mix),
        round(base.blue() + (255 - base.blue()) * mix),
    )


@cache
def phase_edge(phase: Phase) -> QColor:
    """The phase colour a little darker, for box outlines."""
    return phase_color(phase).darker(125)
