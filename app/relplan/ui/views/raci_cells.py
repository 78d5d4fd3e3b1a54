"""Cells that keep their colour when chosen: the RACI role or the load stays readable.

A selected cell is framed instead of filled with the selection colour, which would hide
what the colour says (an R, an over-allocation).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem


class FramedSelectionDelegate(QStyledItemDelegate):
    """Paints a cell as if unselected, then frames it when it is selected."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Overrides QStyledItemDelegate.paint."""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(option.palette.highlight().color(), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()
