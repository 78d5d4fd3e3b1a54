"""The app's icons: small SVGs bundled under resources/icons, drawn crisply at any size."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from relplan.bundled import bundled
from relplan.domain.model import Phase

# One colour per phase, shared with whoever wants to tint by phase (explorer, inspector).
PHASE_COLORS: dict[Phase, str] = {
    Phase.REQUEST: "#8a6fd1",
    Phase.PLAN: "#4a90d9",
    Phase.BUILD: "#2f9e8f",
    Phase.TEST: "#e0a030",
    Phase.DEPLOY: "#d9623b",
    Phase.SUPPORT: "#7c8794",
}


def icons_folder() -> Path:
    """The bundled SVG icons."""
    return bundled("icons")


@cache
def icon(name: str) -> QIcon:
    """The bundled icon ``name`` (file name without .svg); an empty icon if it is missing."""
    path = icons_folder() / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


@cache
def phase_icon(phase: Phase) -> QIcon:
    """A rounded square in the phase's colour, so phases read the same everywhere."""
    result = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PHASE_COLORS[phase]))
        inset = size * 0.22
        painter.drawRoundedRect(
            QRectF(inset, inset, size - 2 * inset, size - 2 * inset), size * 0.14, size * 0.14
        )
        painter.end()
        result.addPixmap(pixmap)
    return result
