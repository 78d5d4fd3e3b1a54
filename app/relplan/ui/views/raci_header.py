"""Column headers written upwards, so a RACI matrix of many people stays narrow.

Each person's name reads bottom to top over a strip in their team's colour; the team is
in the tooltip. Columns of one team sit together (the model sorts them so).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

TEAM_COLORS = ("#4a90d9", "#2f9e8f", "#e0a030", "#d9623b", "#8a6fd1", "#5b8c3a", "#c2477c")
STRIP = 4  # height of the team strip under the names
MAX_TEXT = 170  # longest name shown in full, in pixels


class RotatedHeader(QHeaderView):
    """A horizontal header whose section titles are drawn rotated by 90 degrees."""

    def __init__(self, team_role: int, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._team_role = team_role
        self._team_colors: dict[str, QColor] = {}
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def team_color(self, team: str) -> QColor:
        """The colour of ``team``'s strip: a fixed colour per team, in order of appearance."""
        if team not in self._team_colors:
            if not team:
                self._team_colors[team] = QColor("#b8c0c8")
            else:
                named = sum(1 for t in self._team_colors if t)
                self._team_colors[team] = QColor(TEAM_COLORS[named % len(TEAM_COLORS)])
        return self._team_colors[team]

    def reset(self) -> None:
        """Overrides QHeaderView.reset: teams get their colours afresh with a new model."""
        self._team_colors = {}
        super().reset()

    def sizeHint(self) -> QSize:
        """Overrides QHeaderView.sizeHint: tall enough for the longest name (up to a limit)."""
        hint = super().sizeHint()
        model = self.model()
        if model is None:
            return hint
        metrics = self.fontMetrics()
        longest = max(
            (
                metrics.horizontalAdvance(str(model.headerData(s, self.orientation()) or ""))
                for s in range(self.count())
            ),
            default=0,
        )
        return QSize(hint.width(), min(longest, MAX_TEXT) + STRIP + 16)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        """Overrides QHeaderView.sectionSizeFromContents: a name's width is its height here."""
        return QSize(self.fontMetrics().height() + 14, STRIP + 16)

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        """Overrides QHeaderView.paintSection: background, team strip, upright name."""
        if not rect.isValid():
            return
        model = self.model()
        palette = self.palette()
        current = self.selectionModel().currentIndex() if self.selectionModel() else QModelIndex()
        highlighted = current.isValid() and current.column() == logicalIndex
        painter.save()
        background = palette.highlight().color().lighter(185) if highlighted else palette.button()
        painter.fillRect(rect, background)
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        team = str(model.headerData(logicalIndex, self.orientation(), self._team_role) or "")
        strip = QRect(rect.left(), rect.bottom() - STRIP, rect.width() - 1, STRIP)
        painter.fillRect(strip, self.team_color(team))
        text = str(model.headerData(logicalIndex, self.orientation()) or "")
        metrics = self.fontMetrics()
        room = rect.height() - STRIP - 12
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        painter.setPen(palette.buttonText().color())
        if highlighted:
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
        # Baseline centred in the column; the text runs upwards from above the strip.
        x = rect.left() + (rect.width() + metrics.ascent() - metrics.descent()) / 2
        y = rect.bottom() - STRIP - 6
        painter.translate(x, y)
        painter.rotate(-90)
        painter.drawText(0, 0, text)
        painter.restore()
